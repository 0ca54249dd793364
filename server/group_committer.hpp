#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/event_store.hpp"

namespace delegate::server {

// Serializes every write through one thread and commits whatever queued up meanwhile as one
// transaction: many concurrent writers share one fsync (group commit), and each decision sees
// the effects of the ones before it.
class GroupCommitter {
 public:
  // Runs on the committer thread, one job at a time in submission order. `nextRevision` is the
  // revision its first event will get. Returns the encoded events to append (possibly none); it
  // may update in-memory state, which is then ahead of the disk until the batch commits.
  using Prepare = std::function<std::vector<std::string>(std::uint64_t nextRevision)>;
  // Called on the committer thread after each durable batch, with the new head.
  using OnDurable = std::function<void(std::uint64_t head)>;
  // Called once if the store fails: memory is then ahead of the disk, so the owner must stop
  // serving (a restart replays the durable log).
  using OnFailure = std::function<void(const std::string& why)>;

  GroupCommitter(EventStore& store, OnDurable onDurable, OnFailure onFailure);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // The future becomes ready when the job's events are durable: it holds the head after its
  // batch, or the failure that kept them from the disk.
  std::future<Result<std::uint64_t>> submit(Prepare prepare);

  // Commits what is queued, refuses new jobs and ends the thread. Idempotent.
  void close();

  // Largest batch committed so far (for the benchmark's report).
  std::size_t largestBatch() const;

 private:
  struct Job {
    Prepare prepare;
    std::promise<Result<std::uint64_t>> done;
  };
  void run();

  EventStore& store_;
  OnDurable onDurable_;
  OnFailure onFailure_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool closing_ = false;
  bool broken_ = false;
  std::string brokenWhy_;
  std::size_t largestBatch_ = 0;
  std::thread thread_;
};

}  // namespace delegate::server
