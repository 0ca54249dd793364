#include "server/live_domain.hpp"

#include "server/core_codec.hpp"

namespace delegate::server {

server::Status LiveDomain::loadFrom(EventStore& store) {
  std::unique_lock lock(mutex_);
  std::string problem;
  const std::uint64_t head = store.head();  // not inside the visitor: the store is locked there
  server::Status read =
      store.readSince(applied_, [&](std::uint64_t revision, std::string_view body) {
        Result<Event> event = decodeEventBody(body);
        if (!event) {
          problem = "event " + std::to_string(revision) + " cannot be read (" + event.error().code +
                    ": " + event.error().message + ")";
          return false;
        }
        const bool keep = head - revision < capacity_;
        VisibilityHint hint = keep ? hintFor(state_, event.value()) : VisibilityHint{};
        delegate::apply(state_, event.value());
        applied_ = revision;
        if (keep) remember(revision, event.value(), std::string(body), hint);
        return true;
      });
  if (!read) return read;
  if (!problem.empty()) return server::Status{problem};
  return server::Status{};
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
