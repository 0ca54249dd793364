#include "server/group_committer.hpp"

namespace delegate::server {

GroupCommitter::GroupCommitter(EventStore& store, OnDurable onDurable, OnFailure onFailure)
    : store_(store), onDurable_(std::move(onDurable)), onFailure_(std::move(onFailure)) {
  thread_ = std::thread([this] { run(); });
}

GroupCommitter::~GroupCommitter() {
  close();
}

std::future<Result<std::uint64_t>> GroupCommitter::submit(Prepare prepare) {
  Job job{std::move(prepare), {}};
  auto future = job.done.get_future();
  std::unique_lock lock(mutex_);
  if (closing_ || broken_) {
    job.done.set_value(
        failure(broken_ ? "the store failed: " + brokenWhy_ : "the server is shutting down"));
    return future;
  }
  queue_.push_back(std::move(job));
  lock.unlock();
  wake_.notify_one();
  return future;
}

void GroupCommitter::close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_ && !thread_.joinable()) return;
    closing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::size_t GroupCommitter::largestBatch() const {
  std::lock_guard lock(mutex_);
  return largestBatch_;
}

void GroupCommitter::run() {
  std::vector<Job> batch;
  std::vector<std::string> bodies;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      // Everything that queued while the previous batch was being fsynced goes in this one.
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
      queue_.clear();
      if (batch.size() > largestBatch_) largestBatch_ = batch.size();
    }
    bodies.clear();
    std::uint64_t next = store_.head() + 1;
    for (Job& job : batch) {
      std::vector<std::string> events = job.prepare(next);
      next += events.size();
      for (auto& e : events) bodies.push_back(std::move(e));
    }
    Result<std::uint64_t> head = store_.append(bodies);
    if (head) {
      onDurable_(head.value());
      for (Job& job : batch) job.done.set_value(head.value());
    } else {
      {
        std::lock_guard lock(mutex_);
        broken_ = true;
        brokenWhy_ = head.error().message;
        for (Job& job : queue_)
          job.done.set_value(failure("the store failed: " + head.error().message));
        queue_.clear();
      }
      for (Job& job : batch) job.done.set_value(head.error());
      onFailure_(head.error().message);
    }
    batch.clear();
  }
}

}  // namespace delegate::server
