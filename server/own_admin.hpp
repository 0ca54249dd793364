#pragma once
// Screens of an organization's own administrators (mail, webhooks): the caller, acting in their
// own organization with an unscoped session or token, must pass the core's rule for it.
#include <optional>
#include <string>

#include "core/principal.hpp"
#include "core/state.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

class ServerApp;

using OwnAdminRule = bool (*)(const State& state, UserId user, TenantId tenant);

// The caller's principal when `rule(state, user, acting tenant)` holds; otherwise an error answer
// (401 unauthenticated, 403 notAuthorized with `refusal`) and empty.
std::optional<Principal> requireOwnAdmin(ServerApp& app, const httplib::Request& req,
                                         httplib::Response& res, OwnAdminRule rule,
                                         const std::string& refusal);

}  // namespace delegate::server
