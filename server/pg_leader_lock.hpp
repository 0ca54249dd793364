#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "server/pg_connection.hpp"

namespace delegate::server {

// Leadership among the servers sharing a PostgreSQL store, for work exactly one of them should
// do (advancing the clock). A session-level advisory lock on a connection of its own: the leader
// keeps it while its connection lives, and when that server dies PostgreSQL drops the
// connection and the lock, so another server takes it at its next try.
class PgLeaderLock {
 public:
  PgLeaderLock(std::string uri, long long key) : uri_(std::move(uri)), key_(key) {}

  // Whether this server leads now (taking the lock if it is free). Cheap when held.
  bool held();

 private:
  std::mutex mutex_;
  std::string uri_;
  long long key_;
  std::unique_ptr<PgConnection> conn_;
  bool held_ = false;
};

}  // namespace delegate::server
