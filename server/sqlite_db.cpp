#include "server/sqlite_db.hpp"

#include <sqlite3.h>

namespace delegate::server {

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return failure("cannot open " + path + ": " + why);
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every commit,
  // which is what makes an acknowledged write survive a crash or power loss.
  // busy_timeout covers a second process (or connection) briefly holding the write lock.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                             "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON"}) {
    if (Status s = db->exec(pragma); !s) return failure(path + ": " + s.error().message);
  }
  return db;
}

SqliteDb::~SqliteDb() {
  sqlite3_close_v2(db_);
}

Status SqliteDb::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return failure(why + " (in: " + sql.substr(0, 60) + ")");
  }
  return Status{};
}

std::string SqliteDb::lastError() const {
  return sqlite3_errmsg(db_);
}

SqliteStatement::SqliteStatement(SqliteDb& db, const std::string& sql) {
  if (sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK)
    stmt_ = nullptr;
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

int SqliteStatement::step() {
  return sqlite3_step(stmt_);
}

std::int64_t SqliteStatement::columnInt(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string SqliteStatement::columnText(int index) const {
  return std::string(columnView(index));
}

std::string_view SqliteStatement::columnView(int index) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (!p) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, index)));
}

bool SqliteStatement::columnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

}  // namespace delegate::server
