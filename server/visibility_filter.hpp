#pragma once
// The server's use of the core's visibility rules: which events a viewer may receive and the
// viewer's projection of the state. The rules themselves live in the core.
#include "core/events.hpp"
#include "core/principal.hpp"
#include "core/state.hpp"

namespace delegate::server {

bool canViewerSee(const State& state, const Principal& viewer, const Event& event);
State viewOf(const State& state, const Principal& viewer);

// Events after which a viewer's sync restarts from a snapshot: they can change what the viewer
// may see (a relationship began or ended, roles or group memberships changed), so incremental
// events alone could leave data in the viewer's copy that it may no longer hold, or miss data
// it may now hold.
bool mayChangeVisibility(const Event& event);

}  // namespace delegate::server
