#pragma once
#include <optional>

#include "core/principal.hpp"
#include "server/request_context.hpp"

namespace delegate::server {

class ServerApp;

// Header naming the tenant a partner user acts in (a customer of their organization); without
// it a user acts in their own tenant. A token scoped to a customer always acts there.
inline constexpr const char* kActingTenantHeader = "X-Acting-Tenant";

// The core Principal for an authenticated request, or an error response (401 when the user no
// longer exists or is disabled, 400 for a malformed tenant id, 403 when a scoped token is used
// for another tenant). Whether the user may act in that tenant is the core's decision.
std::optional<Principal> actingPrincipal(ServerApp& app, const Caller& caller,
                                         const httplib::Request& req, httplib::Response& res);

// Resolves the caller and their principal in one step.
std::optional<std::pair<Caller, Principal>> requirePrincipal(ServerApp& app,
                                                             const httplib::Request& req,
                                                             httplib::Response& res);

}  // namespace delegate::server
