// POST/DELETE /api/session, GET /api/me, POST/GET/DELETE /api/tokens, POST /api/me/password.
#include <httplib.h>

#include <cstdio>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/core_codec.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/password_hash.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"
#include "server/sign_in_answer.hpp"

namespace delegate::server {

namespace {

nlohmann::json tokenJson(const AuthSession& s) {
  nlohmann::json j = {{"id", s.tokenId},
                      {"name", s.name},
                      {"createdDateTime", formatTimestamp(Timestamp{s.createdAt})},
                      {"expirationDateTime", formatTimestamp(Timestamp{s.expiresAt})},
                      {"multiFactor", s.multiFactor}};
  j["scopeTenantId"] =
      s.scopeTenant.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.scopeTenant);
  return j;
}

// Who is signed in, their organization and how they signed in; the CSRF token for a cookie
// session (a reloaded page cannot read the HttpOnly cookie, so it asks here).
void me(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  nlohmann::json body;
  bool found = app.domain().read([&](const State& state, std::uint64_t) {
    auto id = UserId::parse(caller->session.userId);
    const User* user = id ? state.findUser(*id) : nullptr;
    if (!user || !user->accountEnabled) return false;
    const Tenant* tenant = state.findTenant(user->tenantId);
    nlohmann::json roles = nlohmann::json::array();
    user->roles.forEach([&](Role r) { roles.push_back(std::string(roleInfo(r).templateId)); });
    body["user"] = {{"id", user->id.str()},
                    {"userPrincipalName", user->userPrincipalName},
                    {"displayName", user->displayName},
                    {"tenantId", user->tenantId.str()},
                    {"roles", roles},
                    {"partnerAccess", std::string(enumName(user->partnerAccess))},
                    {"forceChangePasswordNextSignIn", user->forceChangePasswordNextSignIn}};
    body["multiFactor"] = {
        {"registered", user->multiFactorRegistered},
        {"requiredByOrganization", tenant && tenant->requireMultiFactor},
        {"thisSignIn", caller->session.multiFactor},
        {"recoveryCodesLeft",
         user->multiFactorRegistered ? app.secondFactor().recoveryCodesLeft(user->id.str()) : 0}};
    if (tenant)
      body["tenant"] = {{"id", tenant->id.str()},
                        {"displayName", tenant->displayName},
                        {"kind", std::string(enumName(tenant->kind))},
                        {"certifiedForDelegatedAdmin", tenant->certifiedForDelegatedAdmin}};
    return true;
  });
  if (!found) {
    sendError(res, errc::unauthenticated, "The account you signed in with is gone or disabled.");
    return;
  }
  body["authentication"] = caller->viaCookie() ? "session" : "token";
  if (caller->viaCookie()) body["csrfToken"] = caller->session.csrf;
  if (!caller->session.scopeTenant.empty()) body["scopeTenantId"] = caller->session.scopeTenant;
  body["expirationDateTime"] = formatTimestamp(Timestamp{caller->session.expiresAt});
  body["revision"] = app.revision();
  body["storeId"] = app.storeId();
  sendJson(res, 200, body);
}

void signIn(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string upn, password;
  if (!onlyKnownMembers(*body, {"userPrincipalName", "password"}, res) ||
      !readString(*body, "userPrincipalName", upn, true, res, 256) ||
      !readString(*body, "password", password, true, res, 1000))
    return;
  SignInResult r = app.authenticator().signIn(
      upn, password, app.clientAddress(req),
      [&](const std::string& name) -> std::optional<Account> {
        return app.domain().read([&](const State& state, std::uint64_t) -> std::optional<Account> {
          const User* user = state.findUserByPrincipalName(name);
          if (!user) return std::nullopt;
          return Account{user->id.str(), user->accountEnabled, user->multiFactorRegistered};
        });
      });
  answerSignIn(app, r, res);
}

void signOut(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  PresentedCredential presented = presentedCredential(req);
  // A session that could not be removed would still work: say so rather than claim it ended.
  if (Status ended = app.authenticator().signOut(presented.secret); !ended.ok()) {
    std::fprintf(stderr, "delegate-server: sign-out: %s\n", ended.error().message.c_str());
    sendError(res, errc::serviceUnavailable,
              "Your session could not be ended just now; try signing out again.");
    return;
  }
  res.set_header("Set-Cookie", expiredSessionCookie(app.options().servedOverHttps()));
  res.status = 204;
}

void createToken(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string name = "token", scope;
  if (!onlyKnownMembers(*body, {"name", "scopeTenantId", "expiresInDays"}, res) ||
      !readString(*body, "name", name, false, res, 100) ||
      !readString(*body, "scopeTenantId", scope, false, res, 64))
    return;
  int days = Authenticator::kDefaultTokenDays;
  if (auto it = body->find("expiresInDays"); it != body->end()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 ||
        it->get<long long>() > Authenticator::kMaxTokenDays) {
      sendError(res, errc::invalidRequest,
                "expiresInDays must be a whole number from 1 to " +
                    std::to_string(Authenticator::kMaxTokenDays) + ".",
                "expiresInDays");
      return;
    }
    days = static_cast<int>(it->get<long long>());
  }
  // A scoped token must name the user's own tenant or a customer their organization has a
  // relationship with; whether they may act there is decided per command by the core. Any other
  // id, existing or not, gets the same answer, so the endpoint tells nobody which ids exist.
  if (!scope.empty()) {
    auto tenantId = TenantId::parse(scope);
    auto userId = UserId::parse(caller->session.userId);
    bool allowed = tenantId && userId && app.domain().read([&](const State& state, std::uint64_t) {
      const User* user = state.findUser(*userId);
      if (!user || !state.findTenant(*tenantId)) return false;
      return user->tenantId == *tenantId ||
             !state.relationshipsBetween(user->tenantId, *tenantId).empty();
    });
    if (!allowed) {
      sendError(res, errc::invalidRequest,
                "scopeTenantId must be your own tenant or a customer your organization has a "
                "relationship with.",
                "scopeTenantId");
      return;
    }
    scope = tenantId->str();
  }
  // A token outlives the sign-in that made it: for anyone who signs in with a second factor, or
  // whose organization requires one, it is made only from a sign-in that used it.
  bool multiFactorDue = app.domain().read([&](const State& state, std::uint64_t) {
    auto id = UserId::parse(caller->session.userId);
    const User* user = id ? state.findUser(*id) : nullptr;
    const Tenant* home = user ? state.findTenant(user->tenantId) : nullptr;
    return user && (user->multiFactorRegistered || (home && home->requireMultiFactor));
  });
  if (multiFactorDue && !caller->session.multiFactor) {
    sendError(res, errc::multiFactorRequired,
              "Tokens for scripts are made only from a multi-factor sign-in: set up an "
              "authenticator app under Settings (or sign out and in again with its code), "
              "then create the token.");
    return;
  }
  if (!caller->session.scopeTenant.empty() && scope != caller->session.scopeTenant) {
    sendError(res, errc::tokenScopeMismatch,
              "A scoped token can only create tokens with the same scope.");
    return;
  }
  auto issued = app.authenticator().issueToken(caller->session.userId, scope, name, days,
                                               caller->session.multiFactor);
  if (!issued) {
    sendError(res, errc::serviceUnavailable, "The token could not be stored; try again.");
    return;
  }
  nlohmann::json out = tokenJson(issued.value().second);
  out["token"] = issued.value().first;  // shown once
  sendJson(res, 201, out);
}

namespace {
// The shared credential store could not be asked; nothing changed.
void sendUnavailable(httplib::Response& res) {
  res.set_header("Retry-After", "1");
  sendError(res, errc::serviceUnavailable,
            "Sign-in data cannot be read right now; try again in a moment.");
}
}  // namespace

// A token scoped to one customer is a narrow credential handed to a script: it sees and revokes
// only itself, never the user's other tokens.
bool visibleTo(const Caller& caller, const AuthSession& token) {
  return caller.session.scopeTenant.empty() || token.keyHash == caller.session.keyHash;
}

void listTokens(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  auto tokens = app.authStore().tokensOf(caller->session.userId, app.authenticator().now());
  if (!tokens) return sendUnavailable(res);
  nlohmann::json list = nlohmann::json::array();
  for (const AuthSession& s : tokens.value())
    if (visibleTo(*caller, s)) list.push_back(tokenJson(s));
  sendJson(res, 200, {{"value", list}});
}

void revokeToken(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  auto tokens = app.authStore().tokensOf(caller->session.userId, app.authenticator().now());
  if (!tokens) return sendUnavailable(res);
  bool mine = false;
  for (const AuthSession& s : tokens.value())
    mine = mine || (s.tokenId == req.matches[1] && visibleTo(*caller, s));
  if (!mine || !app.authenticator().revokeToken(caller->session.userId, req.matches[1])) {
    sendError(res, errc::tokenNotFound, "You have no token with that id.");
    return;
  }
  res.status = 204;
}

// Changing one's own password (also how a temporary password is replaced).
void changePassword(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string current, next;
  if (!onlyKnownMembers(*body, {"currentPassword", "newPassword"}, res) ||
      !readString(*body, "currentPassword", current, true, res) ||
      !readString(*body, "newPassword", next, true, res))
    return;
  Authenticator::PasswordCheck check = app.authenticator().checkCurrentPassword(
      caller->session.userId, current, app.clientAddress(req));
  if (!check.problem.empty()) return sendUnavailable(res);
  if (check.retryAfter.count() > 0) {
    res.set_header("Retry-After", std::to_string(check.retryAfter.count()));
    sendError(res, errc::tooManySignInAttempts,
              "Too many wrong current passwords; try again in " +
                  std::to_string(check.retryAfter.count()) + " seconds.",
              "currentPassword");
    return;
  }
  if (!check.matches) {
    sendError(res, errc::currentPasswordIncorrect, "The current password is not right.",
              "currentPassword");
    return;
  }
  if (next == current) {
    sendError(res, errc::weakPassword,
              "Choose a new password that is different from the current one.", "newPassword");
    return;
  }
  // The core checks the new password and clears the must-change flag; the executor stores the
  // hash once the event is durable.
  auto principal = actingPrincipal(app, *caller, req, res);
  if (!principal) return;
  ExecuteResult r = app.executor().execute(*principal, ChangeOwnPassword{next});
  if (r.outcome != ExecuteResult::Outcome::decided) {
    sendError(res, errc::serviceUnavailable,
              "The password could not be stored (" + r.message + "); try again.");
    return;
  }
  if (!r.decision.ok()) {
    sendCoreError(res, *r.decision.error);
    return;
  }
  // Whoever else had a session or token of this user (a stolen one, say) is out now; the person
  // keeps the one they are using.
  if (!app.authStore().removeSessionsOfUserExcept(caller->session.userId,
                                                  caller->session.keyHash)) {
    sendError(res, errc::serviceUnavailable,
              "The password was changed but your other sessions could not be ended; change it "
              "again to end them.");
    return;
  }
  res.status = 204;
}

}  // namespace

void installSessionRoutes(Router& http, ServerApp& app) {
  http.Post("/api/session",
            [&app](const httplib::Request& q, httplib::Response& r) { signIn(app, q, r); });
  http.Delete("/api/session",
              [&app](const httplib::Request& q, httplib::Response& r) { signOut(app, q, r); });
  http.Get("/api/me", [&app](const httplib::Request& q, httplib::Response& r) { me(app, q, r); });
  http.Post("/api/me/password",
            [&app](const httplib::Request& q, httplib::Response& r) { changePassword(app, q, r); });
  http.Post("/api/tokens",
            [&app](const httplib::Request& q, httplib::Response& r) { createToken(app, q, r); });
  http.Get("/api/tokens",
           [&app](const httplib::Request& q, httplib::Response& r) { listTokens(app, q, r); });
  http.Delete(R"(/api/tokens/([0-9a-fA-F-]{1,64}))",
              [&app](const httplib::Request& q, httplib::Response& r) { revokeToken(app, q, r); });
}

}  // namespace delegate::server
