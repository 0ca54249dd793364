#pragma once
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "server/failure.hpp"
#include "server/pg_connection.hpp"

namespace delegate::server {

// A few PostgreSQL connections shared by the request threads (sessions, sign-in counts,
// authenticators), opened on first use. A thread that finds all of them busy waits a bounded
// time; a connection that broke (PostgreSQL restarted) is dropped and made anew, so the pool
// recovers without a server restart.
class PgPool {
 public:
  explicit PgPool(std::string uri, std::size_t size = 8) : uri_(std::move(uri)), size_(size) {}
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs `work(PgConnection&)` (returning a Result or Status) on a connection of its own. A
  // failure on a connection that had sat idle and is now found broken is retried once on a
  // fresh one: PostgreSQL restarted meanwhile, and nothing ran.
  template <class F>
  auto run(F&& work) -> decltype(work(std::declval<PgConnection&>())) {
    for (int attempt = 0;; ++attempt) {
      auto taken = take();
      if (!taken) return taken.error();
      auto [conn, wasIdle] = std::move(taken.value());
      auto out = work(*conn);
      const bool broken = !out && !conn->connected();
      give(std::move(conn));
      if (!(broken && wasIdle && attempt == 0)) return out;
    }
  }

  // `work` inside BEGIN ... COMMIT (rolled back when it fails).
  template <class F>
  auto transaction(F&& work) -> decltype(work(std::declval<PgConnection&>())) {
    using R = decltype(work(std::declval<PgConnection&>()));
    return run([&](PgConnection& db) -> R {
      if (auto begun = db.exec("BEGIN"); !begun) return begun.error();
      auto out = work(db);
      if (!out) {
        (void)db.exec("ROLLBACK");
        return out;
      }
      if (auto done = db.exec("COMMIT"); !done) return done.error();
      return out;
    });
  }

  const std::string& uri() const { return uri_; }

 private:
  // A connection and whether it came from the idle list (rather than made just now).
  Result<std::pair<std::unique_ptr<PgConnection>, bool>> take();
  void give(std::unique_ptr<PgConnection> conn);

  std::string uri_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t out_ = 0;  // connections lent (or being made)
};

}  // namespace delegate::server
