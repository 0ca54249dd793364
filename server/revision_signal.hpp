#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace delegate::server {

// The durable head revision, with a way to sleep until it moves: long-poll requests wait here for
// the next commit instead of polling, and shutdown wakes them all at once. A listener hears the
// same news without a thread of its own (the HTTP transport's parked long-polls).
class RevisionSignal {
 public:
  using Listener = std::function<void(std::uint64_t head, bool closing)>;
  explicit RevisionSignal(std::uint64_t head = 0) : head_(head) {}

  // Called after every publish and at close, on the thread that published (keep it short).
  void listen(Listener listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
  }

  void publish(std::uint64_t head) {
    Listener listener;
    {
      std::lock_guard lock(mutex_);
      if (head > head_) head_ = head;
      head = head_;
      listener = listener_;
    }
    changed_.notify_all();
    if (listener) listener(head, false);
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
    Listener listener;
    std::uint64_t head = 0;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      head = head_;
      listener = listener_;
    }
    changed_.notify_all();
    if (listener) listener(head, true);
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
  Listener listener_;
};

}  // namespace delegate::server
