#include "server/parallel_replay.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/core_codec.hpp"

namespace delegate::server {

namespace {

struct Batch {
  std::uint64_t first = 0;  // revision of bodies[0]; revisions are contiguous
  std::vector<std::string> bodies;
  std::vector<Event> events;  // decoded prefix of bodies
  std::string problem;        // why bodies[events.size()] could not be decoded
  bool decoded = false;
};

// One reader, several decoders and the caller share this. Batches stay in `inOrder` from the
// moment they are read until the caller has applied them, which bounds memory: the reader
// waits while `limit` batches are in flight.
class Pipeline {
 public:
  explicit Pipeline(std::size_t limit) : limit_(limit) {}

  // Reader: false when the replay was abandoned.
  bool push(std::shared_ptr<Batch> batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return inOrder_.size() < limit_ || stop_; });
    if (stop_) return false;
    inOrder_.push_back(batch);
    toDecode_.push_back(std::move(batch));
    lock.unlock();
    changed_.notify_all();
    return true;
  }
  void readerDone(Status status) {
    {
      std::lock_guard lock(mutex_);
      readDone_ = true;
      readStatus_ = std::move(status);
    }
    changed_.notify_all();
  }

  // Decoder: the next batch to decode, or null when there is nothing more.
  std::shared_ptr<Batch> nextToDecode() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !toDecode_.empty() || readDone_ || stop_; });
    if (stop_ || toDecode_.empty()) return nullptr;
    auto batch = std::move(toDecode_.front());
    toDecode_.pop_front();
    return batch;
  }
  void decoded(Batch& batch) {
    {
      std::lock_guard lock(mutex_);
      batch.decoded = true;
    }
    changed_.notify_all();
  }

  // Caller: the oldest batch once it is decoded, or null at the end of the log.
  std::shared_ptr<Batch> nextInOrder() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
      return (!inOrder_.empty() && inOrder_.front()->decoded) || (readDone_ && inOrder_.empty());
    });
    if (inOrder_.empty()) return nullptr;
    auto batch = std::move(inOrder_.front());
    inOrder_.pop_front();
    lock.unlock();
    changed_.notify_all();  // room for the reader
    return batch;
  }
  void abandon() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
  }
  Status readStatus() {
    std::lock_guard lock(mutex_);
    return readStatus_;
  }

 private:
  const std::size_t limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::shared_ptr<Batch>> inOrder_;
  std::deque<std::shared_ptr<Batch>> toDecode_;
  bool readDone_ = false;
  bool stop_ = false;
  Status readStatus_;
};

void decode(Batch& batch) {
  batch.events.reserve(batch.bodies.size());
  for (const std::string& body : batch.bodies) {
    Result<Event> event = decodeEventBody(body);
    if (!event) {
      batch.problem = event.error().code + ": " + event.error().message;
      return;
    }
    batch.events.push_back(std::move(event).value());
  }
}

}  // namespace

Status replayInOrder(EventStore& store, std::uint64_t after, const ReplayVisitor& visit,
                     ReplayOptions options) {
  unsigned decoders = options.decoders;
  if (decoders == 0) decoders = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t batchSize = std::max<std::size_t>(1, options.batch);
  Pipeline pipeline(4 * decoders + 2);

  std::thread reader([&] {
    auto batch = std::make_shared<Batch>();
    bool open = true;
    // Revisions are checked, not assumed: a row missing from the middle of the log must stop the
    // replay, not shift every later event onto the wrong revision.
    std::uint64_t expected = after + 1, found = 0;
    Status read = store.readSince(after, [&](std::uint64_t revision, std::string_view body) {
      if (revision != expected) {
        found = revision;
        return false;
      }
      ++expected;
      if (batch->bodies.empty()) batch->first = revision;
      batch->bodies.emplace_back(body);
      if (batch->bodies.size() < batchSize) return true;
      open = pipeline.push(std::move(batch));
      batch = std::make_shared<Batch>();
      return open;
    });
    if (open && !batch->bodies.empty()) pipeline.push(std::move(batch));
    if (read && found != 0)
      read = failure("revision " + std::to_string(expected) + " is missing from the log (after " +
                     std::to_string(expected - 1) + " the next one stored is " +
                     std::to_string(found) + ")");
    pipeline.readerDone(std::move(read));
  });
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < decoders; ++i) {
    workers.emplace_back([&] {
      while (auto batch = pipeline.nextToDecode()) {
        decode(*batch);
        pipeline.decoded(*batch);
      }
    });
  }

  std::string problem;
  while (auto batch = pipeline.nextInOrder()) {
    for (std::size_t i = 0; i < batch->events.size(); ++i)
      visit(batch->first + i, batch->events[i], batch->bodies[i]);
    if (!batch->problem.empty()) {
      problem = "event " + std::to_string(batch->first + batch->events.size()) +
                " cannot be read (" + batch->problem + ")";
      pipeline.abandon();
      break;
    }
  }
  reader.join();
  for (auto& w : workers) w.join();
  if (!problem.empty()) return failure(problem);
  return pipeline.readStatus();
}

}  // namespace delegate::server
