#include "server/acting_principal.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "server/http_errors.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

std::optional<Principal> actingPrincipal(ServerApp& app, const Caller& caller,
                                         const httplib::Request& req, httplib::Response& res) {
  auto userId = UserId::parse(caller.session.userId);
  std::string header = req.get_header_value(kActingTenantHeader);
  std::optional<TenantId> requested;
  if (!header.empty()) {
    requested = TenantId::parse(header);
    if (!requested) {
      sendError(res, errc::invalidRequest,
                std::string(kActingTenantHeader) + " must be a tenant id (a GUID), got '" +
                    header.substr(0, 60) + "'.");
      return std::nullopt;
    }
  }
  std::optional<TenantId> scope;
  if (!caller.session.scopeTenant.empty()) scope = TenantId::parse(caller.session.scopeTenant);

  enum class Problem { none, gone, disabled } problem = Problem::none;
  TenantId home;
  app.domain().read([&](const State& state, std::uint64_t) {
    const User* user = userId ? state.findUser(*userId) : nullptr;
    if (!user)
      problem = Problem::gone;
    else if (!user->accountEnabled)
      problem = Problem::disabled;
    else
      home = user->tenantId;
  });
  if (problem == Problem::gone) {
    sendError(res, errc::unauthenticated, "The account you signed in with no longer exists.");
    return std::nullopt;
  }
  if (problem == Problem::disabled) {
    sendError(res, errc::accountDisabled, "Your account is disabled; ask an administrator.");
    return std::nullopt;
  }
  if (scope) {
    if (requested && *requested != *scope) {
      sendError(res, errc::tokenScopeMismatch,
                "This token may act only in tenant " + scope->str() + ".");
      return std::nullopt;
    }
    return Principal::user(*userId, *scope);
  }
  return Principal::user(*userId, requested.value_or(home));
}

std::optional<std::pair<Caller, Principal>> requirePrincipal(ServerApp& app,
                                                             const httplib::Request& req,
                                                             httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return std::nullopt;
  auto principal = actingPrincipal(app, *caller, req, res);
  if (!principal) return std::nullopt;
  return std::make_pair(std::move(*caller), *principal);
}

}  // namespace delegate::server
