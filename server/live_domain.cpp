#include "server/live_domain.hpp"

#include "server/core_codec.hpp"
#include "server/parallel_replay.hpp"

namespace delegate::server {

Status LiveDomain::loadFrom(EventStore& store) {
  std::unique_lock lock(mutex_);
  const std::uint64_t head = store.head();  // not inside the visitor: the store is locked there
  return replayInOrder(store, applied_,
                       [&](std::uint64_t revision, const Event& event, std::string_view body) {
                         const bool keep = head - revision < capacity_;
                         VisibilityHint hint = keep ? hintFor(state_, event) : VisibilityHint{};
                         delegate::apply(state_, event);
                         applied_ = revision;
                         if (keep) remember(revision, event, std::string(body), hint);
                       });
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
