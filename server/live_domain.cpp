#include "server/live_domain.hpp"

#include "server/core_codec.hpp"
#include "server/parallel_replay.hpp"

namespace delegate::server {

Status LiveDomain::loadFrom(EventStore& store) {
  std::unique_lock lock(mutex_);
  const std::uint64_t head = store.head();  // not inside the visitor: the store is locked there
  return replayInOrder(store, applied_,
                       [&](std::uint64_t revision, const Event& event, std::string_view body) {
                         // (A shared log may have grown past `head` meanwhile: keep those too.)
                         const bool keep = revision + capacity_ > head;
                         VisibilityHint hint = keep ? hintFor(state_, event) : VisibilityHint{};
                         delegate::apply(state_, event);
                         applied_ = revision;
                         if (keep) remember(revision, event, std::string(body), hint);
                       });
}

void LiveDomain::startAt(State state, std::uint64_t revision) {
  std::unique_lock lock(mutex_);
  state_ = std::move(state);
  applied_ = revision;
  recent_.clear();
}

Status LiveDomain::catchUp(EventStore& store, std::uint64_t head) {
  const std::uint64_t from = appliedRevision();
  if (head <= from) return Status{};
  // Read and decode without the lock (this thread is the only writer), so readers wait only
  // for the applying.
  std::vector<std::pair<Event, std::string>> fetched;
  std::optional<Error> bad;
  Status read = store.readSince(from, [&](std::uint64_t revision, std::string_view body) {
    if (revision > head) return false;
    Result<Event> event = decodeEventBody(body);
    if (!event) {
      bad = failure("revision " + std::to_string(revision) +
                    " cannot be read by this version: " + event.error().message);
      return false;
    }
    fetched.emplace_back(std::move(event.value()), std::string(body));
    return true;
  });
  if (!read) return read;
  if (bad) return *bad;
  std::unique_lock lock(mutex_);
  std::uint64_t revision = from;
  for (auto& [event, body] : fetched) {
    VisibilityHint hint = hintFor(state_, event);
    delegate::apply(state_, event);
    remember(++revision, event, std::move(body), hint);
    applied_ = revision;
  }
  // A batch is decided on the state at `head` exactly; a short read must not pass for it.
  if (revision != head)
    return failure("the log ends at revision " + std::to_string(revision) + ", not at " +
                   std::to_string(head));
  return Status{};
}

Status LiveDomain::reloadFrom(EventStore& store) {
  LiveDomain fresh(capacity_);
  if (Status loaded = fresh.loadFrom(store); !loaded) return loaded;
  std::unique_lock lock(mutex_);
  state_ = std::move(fresh.state_);
  applied_ = fresh.applied_;
  recent_ = std::move(fresh.recent_);
  return Status{};
}

std::vector<std::string> LiveDomain::recordLocked(const std::vector<Event>& events,
                                                  std::uint64_t firstRevision) {
  std::vector<std::string> bodies;
  bodies.reserve(events.size());
  std::uint64_t revision = firstRevision;
  for (const Event& event : events) {
    VisibilityHint hint = hintFor(state_, event);
    delegate::apply(state_, event);
    bodies.push_back(encodeEventBody(event));
    remember(revision, event, bodies.back(), hint);
    applied_ = revision++;
  }
  return bodies;
}

void LiveDomain::remember(std::uint64_t revision, const Event& event, std::string body,
                          VisibilityHint hint) {
  recent_.push_back(RecordedEvent{revision, event, std::move(body), hint});
  if (recent_.size() > capacity_) recent_.pop_front();
}

}  // namespace delegate::server
