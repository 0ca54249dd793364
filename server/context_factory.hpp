#pragma once
#include "core/context.hpp"
#include "core/state.hpp"

#include <string>

namespace delegate::server {

// The wall clock as a core Timestamp, never behind `floor` (the state's clock): the core refuses
// time going backwards, and a machine's clock can step back.
Timestamp nowNotBefore(Timestamp floor);

// A Context for `command`: the time and exactly the fresh ids and secrets it may consume, from
// libsodium's CSPRNG (temporary passwords and link tokens must be unguessable). Offer links are
// derived from the offer's id under `offerLinkKey`, so the same link can be given again.
Context freshContext(Timestamp now, const Command& command, const std::string& offerLinkKey);

Guid randomGuid();

}  // namespace delegate::server
