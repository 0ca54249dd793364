#pragma once
// The background thread of an outbound delivery (mail, webhooks): a pass takes new work and sends
// what is due; then it sleeps until the next due try, the poll interval, a kick or stop.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace delegate::server {

class DeliveryLoop {
 public:
  using Pass = std::function<void()>;
  using NextDue = std::function<std::optional<std::int64_t>()>;  // wall-clock ms, if any

  ~DeliveryLoop();
  void start(std::int64_t pollMs, Pass pass, NextDue nextDue);
  void stop();
  // Run a pass now (new work, or a row made due by hand).
  void kick();
  // Set once stop() begins: passes end early and transfers in flight are cancelled.
  const std::atomic<bool>& stopping() const { return stopping_; }

  static std::int64_t nowMs();  // the wall clock, in ms since the epoch

 private:
  void run(std::int64_t pollMs, const Pass& pass, const NextDue& nextDue);

  std::mutex mutex_;
  std::condition_variable wake_;
  bool kicked_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace delegate::server
