#include "server/delivery_loop.hpp"

#include <algorithm>
#include <chrono>

namespace delegate::server {

DeliveryLoop::~DeliveryLoop() {
  stop();
}

std::int64_t DeliveryLoop::nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void DeliveryLoop::start(std::int64_t pollMs, Pass pass, NextDue nextDue) {
  thread_ = std::thread([this, pollMs, pass = std::move(pass), nextDue = std::move(nextDue)] {
    run(pollMs, pass, nextDue);
  });
}

void DeliveryLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryLoop::kick() {
  {
    std::lock_guard lock(mutex_);
    kicked_ = true;
  }
  wake_.notify_all();
}

void DeliveryLoop::run(std::int64_t pollMs, const Pass& pass, const NextDue& nextDue) {
  while (!stopping_) {
    pass();
    std::int64_t wakeAt = nowMs() + pollMs;
    if (std::optional<std::int64_t> due = nextDue()) wakeAt = std::min(wakeAt, *due);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, std::chrono::system_clock::time_point(std::chrono::milliseconds(wakeAt)),
                     [&] { return stopping_.load() || kicked_; });
    kicked_ = false;
  }
}

}  // namespace delegate::server
