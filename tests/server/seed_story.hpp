#pragma once
#include "api_client.hpp"
#include "seeded_world.hpp"

namespace delegate::testing {

// The seed story's main API steps, checked as they go, through `entry` (an Api without
// credentials aimed at one server or at a load balancer): the agent refused before any
// relationship, a reusable offer and its public page, the customer's acceptance, the partner
// notified, Full administration (add a user who then signs in, reset a password, add a domain),
// Limited administration, the MDM refusal, removal by the customer, and the attributed audit.
// `c` is an unconnected Cast (Cast(false)) already written to the store.
void walkSeedStory(const Cast& c, const Api& entry);

}  // namespace delegate::testing
