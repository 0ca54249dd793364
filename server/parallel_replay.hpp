#pragma once
// Startup replay of the stored log. Decoding the core's JSON costs about four times as much as
// applying the events (1,000,000 events: ~4 s decode, ~1 s apply, ~0.4 s SQLite reads on one
// core), so decoding runs on worker threads while the caller applies, strictly in revision
// order, what they have decoded.
#include <cstdint>
#include <functional>
#include <string_view>

#include "core/events.hpp"
#include "server/event_store.hpp"
#include "server/failure.hpp"

namespace delegate::server {

// Called on the replaying thread once per event, in revision order; `body` is the stored text.
using ReplayVisitor =
    std::function<void(std::uint64_t revision, const Event& event, std::string_view body)>;

struct ReplayOptions {
  unsigned decoders = 0;  // worker threads; 0 picks one per core
  std::size_t batch = 2048;
};

// Reads the events after `after` from `store`, decodes them in parallel and visits them in
// order. A body the core cannot decode stops the replay after the events before it; the
// returned Status then names its revision and the core's reason.
Status replayInOrder(EventStore& store, std::uint64_t after, const ReplayVisitor& visit,
                     ReplayOptions options = {});

}  // namespace delegate::server
