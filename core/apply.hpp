#pragma once
// State is a fold of events: apply() is the only way the state changes.
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"

namespace delegate {

// Folds one event into the state. Events that refer to missing entities are ignored, so a
// malformed log can never corrupt memory.
void apply(State& state, const Event& event);
// Exact-match overloads: without them, argument-dependent lookup would pick std::apply for a
// non-const Event (std::variant lives in namespace std).
inline void apply(State& state, Event& event) {
  apply(state, static_cast<const Event&>(event));
}
inline void apply(State& state, Event&& event) {
  apply(state, static_cast<const Event&>(event));
}
void applyAll(State& state, const std::vector<Event>& events);
State replay(const std::vector<Event>& events);

}  // namespace delegate
