#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "server/failure.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace delegate::server {

// One SQLite connection (not shared between threads without a lock held by the owner).
class SqliteDb {
 public:
  // Opens (creating if needed) `path` in WAL mode with synchronous=FULL, so a committed
  // transaction has reached the disk before commit returns.
  static Result<std::unique_ptr<SqliteDb>> open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Status exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  std::string lastError() const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// A prepared statement, reset on each use.
class SqliteStatement {
 public:
  SqliteStatement(SqliteDb& db, const std::string& sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool valid() const { return stmt_ != nullptr; }
  SqliteStatement& reset();
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bindNull(int index);
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  std::int64_t columnInt(int index) const;
  std::string columnText(int index) const;
  std::string_view columnView(int index) const;
  bool columnIsNull(int index) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace delegate::server
