#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/failure.hpp"

namespace delegate::server {

// The append-only log of encoded core events, numbered by revision from 1 without gaps.
// Kept small so a PostgreSQL implementation can sit beside the SQLite one.
class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends `bodies` as one durable transaction numbered head()+1, head()+2, ...; returns the
  // new head. When it returns, the events are on disk (they survive a crash of the process or
  // the machine).
  virtual Result<std::uint64_t> append(const std::vector<std::string>& bodies) = 0;

  // Visits the events after `after` in revision order; `visit` returns false to stop early.
  using Visitor = std::function<bool(std::uint64_t revision, std::string_view body)>;
  virtual Status readSince(std::uint64_t after, const Visitor& visit) = 0;

  // The revision of the last appended event (0 when empty); equals the number of events.
  virtual std::uint64_t head() const = 0;

  // A random id fixed when the store was created: a client that synced with another store (or a
  // wiped one) can tell that its revisions mean nothing here.
  virtual const std::string& storeId() const = 0;

  // For a log several servers append to (PostgreSQL). The group committer calls lockHead()
  // before deciding a batch: it takes the log's write lock (other servers' batches wait) and
  // returns the head, which stays the head until the next append() or unlockHead(). The caller
  // folds the events up to it, decides on that state, and append() writes only if the head is
  // still that revision. Failing here changes nothing, so the batch's commands can be refused
  // and retried. The embedded store has no other writer: its head is simply its own.
  virtual Result<std::uint64_t> lockHead() { return head(); }
  virtual void unlockHead() {}
  // The head as the store knows it now, including other servers' appends.
  virtual Result<std::uint64_t> latestHead() { return head(); }
};

}  // namespace delegate::server
