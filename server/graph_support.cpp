#include "server/graph_support.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/context_factory.hpp"
#include "server/http_errors.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

std::function<void(const httplib::Request&, httplib::Response&)> directoryRoute(
    ServerApp& app, GraphHandler handler, bool read) {
  return [&app, handler, read](const httplib::Request& req, httplib::Response& res) {
    auto who = requirePrincipal(app, req, res);
    if (!who) return;
    if (!read ||
        requireAuthorized(app, who->second, Action::readDirectory, who->second.actingTenant, res))
      handler(app, who->second, req, res);
    answerWhenDurable(app, res);
  };
}

void sendCoreError(httplib::Response& res, const Error& error) {
  sendError(res, error);
}

std::optional<ExecuteResult> runGraphCommand(ServerApp& app, const Principal& principal,
                                             const Command& command, const std::string& ifMatch,
                                             httplib::Response& res, const std::string& password) {
  return runGraphCommands(app, principal, {command}, ifMatch, res, password);
}

std::optional<ExecuteResult> runGraphCommands(ServerApp& app, const Principal& principal,
                                              const std::vector<Command>& commands,
                                              const std::string& ifMatch, httplib::Response& res,
                                              const std::string& password) {
  ExecuteResult r = app.executor().executeAll(principal, commands, ifMatch, password);
  // Graph answers a stale If-Match with 412, as HTTP says; /api/commands keeps 409 staleVersion.
  if (r.outcome == ExecuteResult::Outcome::stale) {
    sendError(res, errc::preconditionFailed, r.message, "If-Match");
    return std::nullopt;
  }
  if (sendUnlessDone(res, r)) return std::nullopt;
  return r;
}

bool sendUnlessDone(httplib::Response& res, const ExecuteResult& r) {
  switch (r.outcome) {
    case ExecuteResult::Outcome::unavailable:
      // The store was busy or unreachable and nothing was saved: the same request may be sent
      // again shortly.
      res.set_header("Retry-After", "1");
      sendError(res, errc::serviceUnavailable,
                "The change could not be saved (" + r.message + "); try again in a moment.");
      return true;
    case ExecuteResult::Outcome::stale:
      sendError(res, errc::staleVersion, r.message, "If-Match");
      return true;
    case ExecuteResult::Outcome::decided:
      break;
  }
  if (!r.decision.ok()) {
    sendCoreError(res, *r.decision.error);
    return true;
  }
  return false;
}

std::optional<std::string> requiredIfMatch(const httplib::Request& req, httplib::Response& res) {
  std::string etag = req.get_header_value("If-Match");
  if (etag.empty()) {
    sendError(res, errc::preconditionRequired,
              "This change needs an If-Match header with the object's current @odata.etag (read "
              "it with GET first), so that it cannot overwrite a change you have not seen.",
              "If-Match");
    return std::nullopt;
  }
  return etag;
}

bool requireAuthorized(ServerApp& app, const Principal& principal, Action action, TenantId tenant,
                       httplib::Response& res) {
  std::optional<Error> refusal = app.domain().read([&](const State& state, std::uint64_t) {
    // At the request's time, as the core decides writes: an ended relationship stops granting
    // reads at that second, not at the next clock tick.
    Authorization a =
        authorizeAt(state, principal, action, Target::inTenant(tenant), nowNotBefore(state.clock));
    return a.allowed ? std::optional<Error>() : std::optional<Error>(toError(state, a));
  });
  if (refusal) sendCoreError(res, *refusal);
  return !refusal;
}

std::optional<RoleSet> readUnifiedRoles(const nlohmann::json& accessDetails,
                                        httplib::Response& res) {
  auto fail = [&](const std::string& why) {
    sendError(res, errc::invalidRoles, why, "accessDetails");
    return std::nullopt;
  };
  if (!accessDetails.is_object() || !accessDetails.contains("unifiedRoles") ||
      !accessDetails["unifiedRoles"].is_array())
    return fail("accessDetails must be {\"unifiedRoles\": [{\"roleDefinitionId\": \"...\"}]}.");
  RoleSet roles;
  for (const auto& entry : accessDetails["unifiedRoles"]) {
    if (!entry.is_object() || !entry.contains("roleDefinitionId") ||
        !entry["roleDefinitionId"].is_string())
      return fail("Each unifiedRoles entry needs a roleDefinitionId string.");
    std::string id = entry["roleDefinitionId"].get<std::string>();
    auto role = roleFromTemplateId(id);
    if (!role) return fail("'" + id.substr(0, 60) + "' " + whyNotGrantable(id) + ".");
    roles.add(*role);
  }
  return roles;
}

std::optional<Duration> readDuration(const nlohmann::json& body, const char* name,
                                     httplib::Response& res) {
  const std::string code = std::string(name) == "autoExtendDuration"
                               ? std::string(errc::invalidAutoExtendDuration)
                               : std::string(errc::invalidDuration);
  const nlohmann::json& v = body[name];
  if (!v.is_string()) {
    sendError(res, code, std::string(name) + " must be an ISO 8601 duration such as P730D.", name);
    return std::nullopt;
  }
  Result<Duration> d = parseDuration(v.get<std::string>());
  if (!d) {
    sendError(res, code, d.error().message, name);
    return std::nullopt;
  }
  return d.value();
}

Timestamp serverNow(ServerApp& app) {
  return nowNotBefore(app.domain().read([](const State& s, std::uint64_t) { return s.clock; }));
}

void answerWhenDurable(ServerApp& app, httplib::Response& res) {
  // Revisions only grow, so the one applied now covers every state the handler read.
  const std::uint64_t applied = app.domain().appliedRevision();
  if (app.durable().waitDurable(applied,
                                std::chrono::steady_clock::now() + std::chrono::seconds(10)))
    return;
  res.headers.clear();
  sendError(res, errc::serviceUnavailable, "The store is busy; try again.");
}

void sendNoContent(httplib::Response& res) {
  res.status = 204;
}

}  // namespace delegate::server
