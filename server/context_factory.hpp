#pragma once
#include "core/context.hpp"
#include "core/state.hpp"

namespace delegate::server {

// The wall clock as a core Timestamp, never behind `floor` (the state's clock): the core refuses
// time going backwards, and a machine's clock can step back.
Timestamp nowNotBefore(Timestamp floor);

// A Context for `command`: the time and exactly the fresh ids and secrets it may consume, from
// libsodium's CSPRNG (temporary passwords and link tokens must be unguessable).
Context freshContext(Timestamp now, const Command& command);

Guid randomGuid();

}  // namespace delegate::server
