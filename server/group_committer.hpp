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
  // A log other servers append to: called on the committer thread with a head the in-memory
  // state must fold up to (before each batch is decided, under the log's write lock, and after
  // follow()). Empty for the embedded store, which only this server writes.
  using CatchUp = std::function<Status(std::uint64_t head)>;
  // A store that can be reached again (PostgreSQL): after a failed commit, instead of OnFailure,
  // the batch is refused and the next one first calls this to rebuild the state from the store.
  using Recover = std::function<Status()>;

  GroupCommitter(EventStore& store, OnDurable onDurable, OnFailure onFailure, CatchUp catchUp = {},
                 Recover recover = {});
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // The future becomes ready when the job's events are durable: it holds the head after its
  // batch, or the failure that kept them from the disk.
  std::future<Result<std::uint64_t>> submit(Prepare prepare);

  // Another server committed: fold its events on the committer thread (the only one that changes
  // the state) as soon as no batch is running. Cheap to call often.
  void follow();

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
  // Locks the log's head and folds what other servers appended; the revision the batch's first
  // event gets, or why the batch cannot be decided now (nothing was changed then).
  Result<std::uint64_t> beginBatch();
  void catchUpOutsideBatch();
  // Rebuilds the state if a failed commit left it ahead of the store.
  Status recoverIfNeeded();

  EventStore& store_;
  OnDurable onDurable_;
  OnFailure onFailure_;
  CatchUp catchUp_;
  Recover recover_;
  bool aheadOfStore_ = false;  // committer thread only
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool closing_ = false;
  bool followRequested_ = false;
  bool broken_ = false;
  std::string brokenWhy_;
  std::size_t largestBatch_ = 0;
  std::thread thread_;
};

}  // namespace delegate::server
