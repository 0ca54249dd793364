#include "server/own_admin.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/http_errors.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

std::optional<Principal> requireOwnAdmin(ServerApp& app, const httplib::Request& req,
                                         httplib::Response& res, OwnAdminRule rule,
                                         const std::string& refusal) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return std::nullopt;
  const Principal p = who->second;
  // A token scoped to a customer acts there, never in its own organization's settings.
  const bool allowed = who->first.session.scopeTenant.empty() &&
                       app.domain().read([&](const State& s, std::uint64_t) {
                         return rule(s, p.userId, p.actingTenant);
                       });
  if (!allowed) {
    sendError(res, errc::notAuthorized, refusal);
    return std::nullopt;
  }
  return p;
}

}  // namespace delegate::server
