#include "pg_servers.hpp"

#include <libpq-fe.h>
#include <sodium.h>
#include <catch2/catch.hpp>

#include <fstream>

namespace delegate::testing {

namespace {

std::string newKey() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text << "\n";
  REQUIRE(out.good());
}

}  // namespace

SharedStore::SharedStore(std::string databaseUri, bool connected)
    : cast(connected), uri(std::move(databaseUri)), offerLinkKey_(newKey()), mfaKey_(newKey()) {
  folders_.push_back(std::make_unique<TempDir>());
  cast.w.writeTo(folders_[0]->path(), uri);
}

std::vector<std::string> SharedStore::args(std::size_t index) {
  while (folders_.size() <= index) folders_.push_back(std::make_unique<TempDir>());
  const std::string& dir = folders_[index]->path();
  writeFile(dir + "/offer-link.key", offerLinkKey_);
  writeFile(dir + "/mfa.key", mfaKey_);
  return {"--data", dir, "--store", uri};
}

Servers::Servers(std::size_t count, std::vector<std::string> extra, std::string databaseUri,
                 bool connected)
    : store_(std::move(databaseUri), connected), extra_(std::move(extra)) {
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<std::string> args = store_.args(i);
    args.insert(args.end(), extra_.begin(), extra_.end());
    servers_.push_back(std::make_unique<ServerProcess>(args));
  }
}

void Servers::restart(std::size_t i) {
  const int port = servers_.at(i)->port();
  servers_[i].reset();
  std::vector<std::string> args = store_.args(i);
  args.insert(args.end(), extra_.begin(), extra_.end());
  args.insert(args.end(), {"--port", std::to_string(port)});
  servers_[i] = std::make_unique<ServerProcess>(args);
}

void sql(const std::string& uri, const std::string& statement) {
  PGconn* conn = PQconnectdb(uri.c_str());
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* r = PQexec(conn, statement.c_str());
  INFO(PQresultErrorMessage(r));
  CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
  PQclear(r);
  PQfinish(conn);
}

std::string sqlValue(const std::string& uri, const std::string& query) {
  PGconn* conn = PQconnectdb(uri.c_str());
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* r = PQexec(conn, query.c_str());
  INFO(PQresultErrorMessage(r));
  CHECK(PQresultStatus(r) == PGRES_TUPLES_OK);
  std::string value = PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  PQfinish(conn);
  return value;
}

void checkSameState(const Api& x, const Api& y) {
  Reply vx, vy;
  CHECK(waitFor([&] {
    vx = x.get("/api/view");
    vy = y.get("/api/view");
    return vx.status == 200 && vx.body["revision"] == vy.body["revision"];
  }));
  CHECK(vx.body["snapshot"] == vy.body["snapshot"]);
}

Api sameCredentials(const Api& from, const ServerProcess& to) {
  Api api(to);
  api.bearer = from.bearer;
  api.cookie = from.cookie;
  api.csrf = from.csrf;
  api.actingTenant = from.actingTenant;
  api.forwardedFor = from.forwardedFor;
  return api;
}

}  // namespace delegate::testing
