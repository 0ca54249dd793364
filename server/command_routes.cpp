// POST /api/commands: one core command in, {events, revision} out.
#include <httplib.h>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/context_factory.hpp"
#include "server/core_codec.hpp"
#include "server/dns_resolver.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"
#include "server/visibility_filter.hpp"

namespace delegate::server {

namespace {

void postCommand(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  Result<Command> command = decodeCommandJson(*body);
  if (!command) {
    sendCoreError(res, command.error());
    return;
  }
  if (isProvenOutsideTheCore(command.value())) {
    sendError(res, errc::provenByItsOwnRoute,
              std::holds_alternative<ChangeOwnPassword>(command.value())
                  ? "Change your password with POST /api/me/password, which checks the current "
                    "one."
                  : "Set up multi-factor sign-in with POST /api/me/multiFactor/setup and "
                    "/confirm, which check a code from your authenticator app.",
              "type");
    return;
  }
  Principal principal = Principal::anonymous();
  if (presentedCredential(req).kind == PresentedCredential::Kind::none &&
      std::holds_alternative<AcceptTrialInvitation>(command.value())) {
    // Signing up through a trial invitation is the one thing done without an account.
  } else {
    auto who = requirePrincipal(app, req, res);
    if (!who) return;
    principal = who->second;
  }

  // Verifying a domain carries the proof the server itself finds in DNS.
  if (!attachDnsProof(app, principal, command.value(), res)) return;
  ExecuteResult r =
      app.executor().execute(principal, command.value(), req.get_header_value("If-Match"));
  if (sendUnlessDone(res, r)) return;
  nlohmann::json events = nlohmann::json::array();
  app.domain().read([&](const State& state, std::uint64_t) {
    const Timestamp now = nowNotBefore(state.clock);
    std::uint64_t revision = r.firstRevision;
    for (const Event& e : r.decision.events) {
      if (principal.isAnonymous() || canViewerSee(state, principal.userId, e, now))
        events.push_back({{"revision", revision}, {"event", eventJson(e)}});
      ++revision;
    }
  });
  nlohmann::json secrets = nlohmann::json::array();
  for (const IssuedSecret& s : r.decision.secrets)
    if (s.kind != SecretKind::chosenPassword)  // the caller typed it; never echo a password
      secrets.push_back({{"kind", std::string(enumName(s.kind))},
                         {"subjectId", s.subjectId},
                         {"value", s.value}});
  sendJson(res, 200, {{"events", events}, {"revision", r.head}, {"secrets", secrets}});
}

}  // namespace

void installCommandRoutes(Router& http, ServerApp& app) {
  http.Post("/api/commands",
            [&app](const httplib::Request& q, httplib::Response& r) { postCommand(app, q, r); });
}

}  // namespace delegate::server
