#include "server/pg_pool.hpp"

#include <chrono>

namespace delegate::server {

namespace {
// Longer than any statement should take (see kStatementTimeout), short enough that a request
// does not hang when every connection is stuck.
constexpr auto kWaitForConnection = std::chrono::seconds(5);
// A statement that runs longer is cancelled: PostgreSQL is overloaded or a lock is held by a
// stuck server; the request is refused (503) instead of holding its thread.
constexpr const char* kStatementTimeout = "SET statement_timeout = '5s'";
}  // namespace

Result<std::pair<std::unique_ptr<PgConnection>, bool>> PgPool::take() {
  {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, kWaitForConnection, [&] { return !idle_.empty() || out_ < size_; }))
      return failure("all " + std::to_string(size_) + " PostgreSQL connections are busy");
    ++out_;
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return std::make_pair(std::move(conn), true);
    }
  }
  auto made = PgConnection::connect(uri_);
  if (made)
    if (auto set = made.value()->exec(kStatementTimeout); !set) made = set.error();
  if (!made) {
    std::lock_guard lock(mutex_);
    --out_;
    freed_.notify_one();
    return made.error();
  }
  return std::make_pair(std::move(made.value()), false);
}

void PgPool::give(std::unique_ptr<PgConnection> conn) {
  // A connection left inside a transaction (its work failed before ROLLBACK) is cleaned up; one
  // that broke is dropped, and the next take() connects anew.
  if (conn->connected() && conn->inTransaction()) (void)conn->exec("ROLLBACK");
  std::lock_guard lock(mutex_);
  --out_;
  if (conn->connected()) idle_.push_back(std::move(conn));
  freed_.notify_one();
}

}  // namespace delegate::server
