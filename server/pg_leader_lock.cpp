#include "server/pg_leader_lock.hpp"

namespace delegate::server {

bool PgLeaderLock::held() {
  std::lock_guard lock(mutex_);
  // A leader proves its connection still stands (and so the lock) with a round trip.
  if (conn_ && held_ && conn_->exec("SELECT 1")) return true;
  if (!conn_ || !conn_->ensureConnected()) {
    conn_.reset();
    held_ = false;
    auto made = PgConnection::connect(uri_);
    if (!made) return false;
    conn_ = std::move(made.value());
  }
  auto taken = conn_->exec("SELECT pg_try_advisory_lock(" + std::to_string(key_) + ")");
  held_ = taken && taken.value().text(0, 0) == "t";
  return held_;
}

}  // namespace delegate::server
