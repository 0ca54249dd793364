#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/apply.hpp"
#include "core/events.hpp"
#include "core/state.hpp"
#include "server/event_store.hpp"
#include "server/failure.hpp"
#include "server/visibility_filter.hpp"

namespace delegate::server {

// One event of the log as the sync endpoint serves it.
struct RecordedEvent {
  std::uint64_t revision = 0;
  Event event;
  std::string body;  // the core's JSON encoding, exactly as stored
  VisibilityHint hint;
};

// The core's State kept in memory, plus the most recent events for incremental sync. Readers
// share it; only the committer thread changes it (through `record`).
class LiveDomain {
 public:
  explicit LiveDomain(std::size_t recentCapacity = 20000) : capacity_(recentCapacity) {}

  // Startup: decodes (in parallel) and folds the whole stored log. A body the core cannot decode
  // means the log was written by an incompatible version: refuse to start rather than serve a
  // wrong state.
  Status loadFrom(EventStore& store);

  // Startup, before loadFrom: the state folded up to `revision` (a stored snapshot), so loadFrom
  // folds only the events after it. Recent events for sync start after it too.
  void startAt(State state, std::uint64_t revision);

  // Committer thread only, when another server appended to a shared log: folds the stored
  // events after the applied revision up to `head`, in order, each exactly once.
  Status catchUp(EventStore& store, std::uint64_t head);

  // Committer thread only, after a commit to a shared store failed (memory may hold events the
  // store does not): replaces the state with a fold of the stored log. Readers see the old state
  // until the new one is complete.
  Status reloadFrom(EventStore& store);

  // Committer thread only. Under the exclusive lock, `decideFn(state)` yields events, which are
  // applied, numbered from `firstRevision`, remembered for sync and returned encoded for the
  // store. The state is then ahead of the disk until the batch commits.
  template <class F>
  std::vector<std::string> commit(std::uint64_t firstRevision, F&& decideFn) {
    std::unique_lock lock(mutex_);
    std::vector<Event> events = decideFn(static_cast<const State&>(state_));
    return recordLocked(events, firstRevision);
  }
  // Runs `f(state, appliedRevision)` under a shared lock.
  template <class F>
  auto read(F&& f) const {
    std::shared_lock lock(mutex_);
    return f(state_, applied_);
  }
  // Runs `f(state, recent events, appliedRevision)` under a shared lock; `recent` holds the
  // latest events in revision order (possibly fewer than all).
  template <class F>
  auto readWithRecent(F&& f) const {
    std::shared_lock lock(mutex_);
    return f(state_, recent_, applied_);
  }

  std::uint64_t appliedRevision() const {
    std::shared_lock lock(mutex_);
    return applied_;
  }

 private:
  std::vector<std::string> recordLocked(const std::vector<Event>& events,
                                        std::uint64_t firstRevision);
  void remember(std::uint64_t revision, const Event& event, std::string body, VisibilityHint hint);

  std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  State state_;
  std::uint64_t applied_ = 0;
  std::deque<RecordedEvent> recent_;
};

}  // namespace delegate::server
