#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace delegate::server {

// The durable head revision, with a way to sleep until it moves: long-poll requests wait here for
// the next commit instead of polling, and shutdown wakes them all at once.
class RevisionSignal {
 public:
  explicit RevisionSignal(std::uint64_t head = 0) : head_(head) {}

  void publish(std::uint64_t head) {
    {
      std::lock_guard lock(mutex_);
      if (head > head_) head_ = head;
    }
    changed_.notify_all();
  }
  std::uint64_t head() const {
    std::lock_guard lock(mutex_);
    return head_;
  }
  // Returns the head once it is beyond `seen`, at the deadline, or at shutdown.
  std::uint64_t waitBeyond(std::uint64_t seen, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, deadline, [&] { return head_ > seen || closing_; });
    return head_;
  }
  // Waits until `revision` is durable (at most until the deadline); true when it is.
  bool waitDurable(std::uint64_t revision, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return head_ >= revision || closing_; }) &&
           head_ >= revision;
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    changed_.notify_all();
  }
  bool closing() const {
    std::lock_guard lock(mutex_);
    return closing_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t head_;
  bool closing_ = false;
};

}  // namespace delegate::server
