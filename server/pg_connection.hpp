#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "server/failure.hpp"

struct pg_conn;
struct pg_result;

namespace delegate::server {

// A query's rows (text format), freed when it goes.
class PgResult {
 public:
  explicit PgResult(pg_result* r) : r_(r) {}
  ~PgResult();
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  std::int64_t affected() const;

 private:
  pg_result* r_;
};

// One libpq connection. Not shared between threads without a lock held by the owner.
// Credentials come from the URI, PGPASSFILE (~/.pgpass) or PGPASSWORD, as libpq reads them; the
// password never appears in what this class reports (see `describe`).
class PgConnection {
 public:
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& uri);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement or several separated by ';' (no parameters); the last one's rows.
  Result<PgResult> exec(const std::string& sql);
  // One statement with text parameters $1, $2, ...
  Result<PgResult> exec(const std::string& sql, const std::vector<std::string>& params);
  // Whether the socket is still connected; reconnects once if not (true when it then is).
  bool ensureConnected();
  bool inTransaction() const;
  // Whether the connection is still good (false once a query found the socket gone).
  bool connected() const;
  pg_conn* handle() const { return conn_; }
  // user@host:port/db, never the password.
  std::string describe() const;
  std::string lastError() const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
};

// Several strings as one PostgreSQL text[] literal (one parameter for a batch).
std::string pgTextArray(const std::vector<std::string>& items);

// `uri` with any password replaced by "***", for messages and logs.
std::string redactedUri(const std::string& uri);

// Whether --store names a PostgreSQL database rather than the embedded store.
bool isPostgresUri(const std::string& store);

}  // namespace delegate::server
