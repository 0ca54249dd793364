#include "server/pg_connection.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace delegate::server {

PgResult::~PgResult() {
  if (r_) PQclear(r_);
}

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

int PgResult::rows() const {
  return r_ ? PQntuples(r_) : 0;
}

std::string PgResult::text(int row, int column) const {
  if (!r_ || PQgetisnull(r_, row, column)) return {};
  return std::string(PQgetvalue(r_, row, column),
                     static_cast<std::size_t>(PQgetlength(r_, row, column)));
}

std::int64_t PgResult::integer(int row, int column) const {
  if (!r_ || PQgetisnull(r_, row, column)) return 0;
  return std::strtoll(PQgetvalue(r_, row, column), nullptr, 10);
}

std::int64_t PgResult::affected() const {
  const char* n = r_ ? PQcmdTuples(r_) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& uri) {
  pg_conn* conn = PQconnectdb(uri.c_str());
  if (!conn) return failure("out of memory connecting to " + redactedUri(uri));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return failure("cannot connect to " + redactedUri(uri) + ": " + why);
  }
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

namespace {
Result<PgResult> check(pg_conn* conn, pg_result* r, const std::string& sql) {
  PgResult result(r);
  ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  std::string why = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  // The statement's first words say which step failed without echoing any data.
  return failure(why + " (in: " + sql.substr(0, sql.find_first_of("(\n$")) + ")");
}
}  // namespace

Result<PgResult> PgConnection::exec(const std::string& sql) {
  return check(conn_, PQexec(conn_, sql.c_str()), sql);
}

Result<PgResult> PgConnection::exec(const std::string& sql,
                                    const std::vector<std::string>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  for (const std::string& p : params) {
    values.push_back(p.c_str());
    lengths.push_back(static_cast<int>(p.size()));
  }
  return check(conn_,
               PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                            values.data(), lengths.data(), nullptr, 0),
               sql);
}

bool PgConnection::ensureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return true;
  PQreset(conn_);
  return PQstatus(conn_) == CONNECTION_OK;
}

bool PgConnection::inTransaction() const {
  PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

bool PgConnection::connected() const {
  return PQstatus(conn_) == CONNECTION_OK;
}

std::string PgConnection::describe() const {
  std::string host = PQhost(conn_) ? PQhost(conn_) : "";
  return std::string(PQuser(conn_)) + "@" + host + ":" + PQport(conn_) + "/" + PQdb(conn_);
}

std::string PgConnection::lastError() const {
  std::string why = PQerrorMessage(conn_);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  return why;
}

std::string pgTextArray(const std::vector<std::string>& items) {
  std::size_t size = 2;
  for (const std::string& s : items) size += s.size() + 3;
  std::string out;
  out.reserve(size + size / 16);
  out += '{';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string redactedUri(const std::string& uri) {
  std::string out = uri;
  // postgresql://user:password@host/... : hide what lies between the user's ':' and the '@'.
  if (std::size_t scheme = out.find("://"); scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t at = out.find('@', start);
    std::size_t slash = out.find('/', start);
    std::size_t colon = out.find(':', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) &&
        colon != std::string::npos && colon < at)
      out = out.substr(0, colon + 1) + "***" + out.substr(at);
  }
  // ...?password=secret&... as well.
  if (std::size_t pw = out.find("password="); pw != std::string::npos) {
    std::size_t end = out.find('&', pw);
    out = out.substr(0, pw) + "password=***" + (end == std::string::npos ? "" : out.substr(end));
  }
  return out;
}

bool isPostgresUri(const std::string& store) {
  return store.rfind("postgresql://", 0) == 0 || store.rfind("postgres://", 0) == 0;
}

}  // namespace delegate::server
