#pragma once
// The core's scale world as a long-lived deployment's log: its events written straight into a
// store, for measuring how fast a server starts on it.
#include <string>
#include <vector>

#include "core/json_forms.hpp"
#include "core/seed/scale_world.hpp"
#include "server/event_store.hpp"

namespace delegate::bench {

// Appends the first `count` events of the scale world to `store`; an error's message, or "".
inline std::string writeScaleEvents(server::EventStore& store, long count) {
  ScaleSpec spec;
  spec.customerUsers = static_cast<std::size_t>(count);  // more than enough; cut at `count`
  std::vector<std::string> batch;
  long written = 0;
  std::string problem;
  generateScaleWorld(spec, [&](const Event& e) {
    if (written + static_cast<long>(batch.size()) >= count || !problem.empty()) return;
    batch.push_back(encodeEvent(e));
    if (batch.size() == 50000) {
      if (auto r = store.append(batch); !r) problem = r.error().message;
      written += static_cast<long>(batch.size());
      batch.clear();
    }
  });
  if (!batch.empty() && problem.empty())
    if (auto r = store.append(batch); !r) problem = r.error().message;
  return problem;
}

}  // namespace delegate::bench
