#pragma once
#include <optional>
#include <string>

#include "core/commands.hpp"
#include "core/state.hpp"

namespace delegate::server {

// The current etag of the object a command changes (relationship, access assignment, user or
// domain), or nothing when the command has no such target or it does not exist (the core then
// answers notFound itself).
// A domain is the acting tenant's claim of its name.
std::optional<std::string> etagOfTarget(const State& state, const Command& command,
                                        TenantId actingTenant);

}  // namespace delegate::server
