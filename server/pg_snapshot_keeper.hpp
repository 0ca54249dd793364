#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/live_domain.hpp"
#include "server/pg_connection.hpp"
#include "server/pg_leader_lock.hpp"

namespace delegate::server {

// Writes a snapshot of the core state into the shared store every `every` events, on a thread
// and connection of its own (never on the request path), and only while this server is the
// clock leader, so the servers do not all write the same snapshot.
class PgSnapshotKeeper {
 public:
  // `lastWritten`: the revision of the newest usable snapshot in the store (0: none).
  PgSnapshotKeeper(std::string uri, LiveDomain& domain, PgLeaderLock& leader, std::uint64_t every,
                   std::uint64_t lastWritten);
  ~PgSnapshotKeeper() { stop(); }

  void start();
  void stop();

 private:
  void loop();
  void writeIfDue();

  std::string uri_;
  LiveDomain& domain_;
  PgLeaderLock& leader_;
  const std::uint64_t every_;
  std::uint64_t last_;
  std::unique_ptr<PgConnection> db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace delegate::server
