#pragma once
// A fixed set of threads that run handlers (SQLite, password hashing, encoding), so the I/O
// threads only move bytes and a slow handler never delays reading or writing other connections.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace delegate::server {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();  // finishes what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> task);
  // Waits until nothing is queued or running (tasks may still be posted by others meanwhile).
  void drain();
  std::size_t size() const { return threads_.size(); }

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace delegate::server
