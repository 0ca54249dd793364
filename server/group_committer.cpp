#include "server/group_committer.hpp"

namespace delegate::server {

GroupCommitter::GroupCommitter(EventStore& store, OnDurable onDurable, OnFailure onFailure,
                               CatchUp catchUp, Recover recover)
    : store_(store),
      onDurable_(std::move(onDurable)),
      onFailure_(std::move(onFailure)),
      catchUp_(std::move(catchUp)),
      recover_(std::move(recover)) {
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

void GroupCommitter::follow() {
  {
    std::lock_guard lock(mutex_);
    followRequested_ = true;
  }
  wake_.notify_one();
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

Status GroupCommitter::recoverIfNeeded() {
  if (!aheadOfStore_) return Status{};
  if (Status rebuilt = recover_(); !rebuilt) return rebuilt;
  aheadOfStore_ = false;
  return Status{};
}

Result<std::uint64_t> GroupCommitter::beginBatch() {
  if (Status fresh = recoverIfNeeded(); !fresh) return fresh.error();
  Result<std::uint64_t> head = store_.lockHead();
  if (!head) return head.error();
  if (catchUp_) {
    if (Status folded = catchUp_(head.value()); !folded) {
      store_.unlockHead();
      return folded.error();
    }
  }
  return head.value() + 1;
}

void GroupCommitter::catchUpOutsideBatch() {
  if (!catchUp_ || !recoverIfNeeded()) return;
  Result<std::uint64_t> head = store_.latestHead();
  // Unreachable now: the next notification, poll or batch tries again.
  if (head) (void)catchUp_(head.value());
}

void GroupCommitter::run() {
  std::vector<Job> batch;
  std::vector<std::string> bodies;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return closing_ || !queue_.empty() || followRequested_; });
      const bool follow = followRequested_;
      followRequested_ = false;
      if (queue_.empty()) {
        if (closing_) return;  // closing and drained
        if (follow) {
          lock.unlock();
          catchUpOutsideBatch();
        }
        continue;
      }
      // Everything that queued while the previous batch was being fsynced goes in this one.
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
      queue_.clear();
      if (batch.size() > largestBatch_) largestBatch_ = batch.size();
    }
    bodies.clear();
    Result<std::uint64_t> first = beginBatch();
    if (!first) {
      // Nothing was decided: the commands are refused as unavailable and may be sent again.
      for (Job& job : batch) job.done.set_value(first.error());
      batch.clear();
      continue;
    }
    std::uint64_t next = first.value();
    for (Job& job : batch) {
      std::vector<std::string> events = job.prepare(next);
      next += events.size();
      for (auto& e : events) bodies.push_back(std::move(e));
    }
    Result<std::uint64_t> head = store_.append(bodies);
    if (head) {
      onDurable_(head.value());
      for (Job& job : batch) job.done.set_value(head.value());
    } else if (recover_) {
      // Whether the commit happened is unknown; the store will say. Until then no decision is
      // made on the state in memory.
      aheadOfStore_ = true;
      for (Job& job : batch) job.done.set_value(head.error());
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
