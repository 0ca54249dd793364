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
};

}  // namespace delegate::server
