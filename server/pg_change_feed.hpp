#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace delegate::server {

// Wakes this server when any server commits to the shared log: LISTEN on the store's channel
// over a connection of its own. `onChange` runs on the feed's thread and should only hand the
// work on (GroupCommitter::follow). Catching up goes by revision, so a notification lost while
// the connection was down costs nothing: after reconnecting, and once a second anyway, the
// feed calls `onChange` too.
class PgChangeFeed {
 public:
  PgChangeFeed(std::string uri, std::string channel, std::function<void()> onChange);
  ~PgChangeFeed();
  PgChangeFeed(const PgChangeFeed&) = delete;
  PgChangeFeed& operator=(const PgChangeFeed&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string uri_;
  std::string channel_;
  std::function<void()> onChange_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace delegate::server
