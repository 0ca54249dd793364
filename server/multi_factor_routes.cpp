// Multi-factor sign-in: POST /api/session/secondFactor (the code after the password),
// POST /api/me/multiFactor/setup and /confirm (an authenticator app, with recovery codes).
// Whether a partner requires it, and resetting someone's, are core commands (/api/commands).
#include <httplib.h>

#include <cstdio>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/core_codec.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/qr_code.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"
#include "server/sign_in_answer.hpp"

namespace delegate::server {

namespace {

void secondStep(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string challenge, code, recoveryCode;
  if (!onlyKnownMembers(*body, {"challenge", "code", "recoveryCode"}, res) ||
      !readString(*body, "challenge", challenge, true, res, 200) ||
      !readString(*body, "code", code, false, res, 20) ||
      !readString(*body, "recoveryCode", recoveryCode, false, res, 40))
    return;
  if (code.empty() == recoveryCode.empty()) {
    sendError(res, errc::invalidRequest,
              "Send either the 6-digit code from your authenticator app or one recovery code.",
              "code");
    return;
  }
  answerSignIn(
      app,
      app.authenticator().completeSignIn(challenge, code, recoveryCode, app.clientAddress(req)),
      res);
}

// The signed-in person, in their own organization, through a session or an unscoped token.
struct Self {
  Caller caller;
  Principal principal;
  std::string upn;
  bool registered = false;
};

std::optional<Self> requireSelf(ServerApp& app, const httplib::Request& req,
                                httplib::Response& res) {
  auto caller = requireCaller(app.authenticator(), req, res);
  if (!caller) return std::nullopt;
  if (!caller->session.scopeTenant.empty()) {
    sendError(res, errc::tokenScopeMismatch,
              "A token scoped to one organization cannot change how its owner signs in.");
    return std::nullopt;
  }
  Self self{*caller, Principal::anonymous(), {}, false};
  bool found = app.domain().read([&](const State& state, std::uint64_t) {
    auto id = UserId::parse(caller->session.userId);
    const User* user = id ? state.findUser(*id) : nullptr;
    if (!user || !user->accountEnabled) return false;
    self.principal = Principal::user(user->id, user->tenantId);
    self.upn = user->userPrincipalName;
    self.registered = user->multiFactorRegistered;
    return true;
  });
  if (!found) {
    sendError(res, errc::unauthenticated, "The account you signed in with is gone or disabled.");
    return std::nullopt;
  }
  return self;
}

void setUp(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto self = requireSelf(app, req, res);
  if (!self) return;
  if (self->registered) {
    sendError(res, errc::multiFactorAlreadyRegistered,
              "An authenticator app is already set up for this account; to replace it, ask an "
              "administrator to reset it.");
    return;
  }
  auto setup = app.secondFactor().beginSetup(self->caller.session.userId, self->upn);
  if (!setup) {
    sendError(res, errc::serviceUnavailable, "The setup could not be stored; try again.");
    return;
  }
  auto modules = qrModules(setup.value().uri);
  if (!modules) {
    sendError(res, errc::internalError, "The QR code could not be made; type the key instead.");
    return;
  }
  sendJson(res, 200,
           {{"secret", setup.value().secret},
            {"otpauthUri", setup.value().uri},
            {"qrModules", *modules},
            {"digits", 6},
            {"periodSeconds", 30}});
}

void confirm(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto self = requireSelf(app, req, res);
  if (!self) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string code;
  if (!onlyKnownMembers(*body, {"code"}, res) || !readString(*body, "code", code, true, res, 20))
    return;
  // Guessing the code of a secret being set up is limited like guessing it at sign-in.
  const std::string key = "second-factor-setup\n" + self->caller.session.userId;
  auto wait = app.limiter().begin(key, app.clientAddress(req));
  if (!wait) {
    res.set_header("Retry-After", "1");
    sendError(res, errc::serviceUnavailable, "Codes cannot be checked right now; try again.");
    return;
  }
  if (wait.value().count() > 0) {
    res.set_header("Retry-After", std::to_string(wait.value().count()));
    sendError(
        res, errc::tooManySignInAttempts,
        "Too many wrong codes; try again in " + std::to_string(wait.value().count()) + " seconds.",
        "code");
    return;
  }
  SecondFactor::Confirmed done = app.secondFactor().confirmSetup(self->caller.session.userId, code);
  if (done.problem == SecondFactor::Problem::noSetup) {
    sendError(res, errc::multiFactorNotStarted,
              "Start the setup first: it shows the QR code whose codes are checked here.");
    return;
  }
  if (done.problem == SecondFactor::Problem::wrongCode) {
    sendError(res, errc::invalidMultiFactorCode,
              "That code does not match the QR code shown; enter the 6-digit code your app "
              "shows now. If it keeps failing, check that your phone's clock is set "
              "automatically.",
              "code");
    return;
  }
  if (done.problem) {
    sendError(res, errc::serviceUnavailable, "The authenticator could not be stored; try again.");
    return;
  }
  app.limiter().succeeded(key, app.clientAddress(req));
  ExecuteResult r = app.executor().execute(self->principal, RegisterMultiFactor{});
  if (sendUnlessDone(res, r)) return;
  // The session in use proved the code just now; any other session or token was made without
  // it and ends (a stolen one, say).
  AuthSession upgraded = self->caller.session;
  upgraded.multiFactor = true;
  if (!app.authStore().putSession(upgraded) ||
      !app.authStore().removeSessionsOfUserExcept(upgraded.userId, upgraded.keyHash)) {
    sendError(res, errc::serviceUnavailable,
              "Multi-factor sign-in is on, but your other sessions could not be ended; sign out "
              "everywhere and sign in again.");
    return;
  }
  sendJson(res, 200,
           {{"recoveryCodes", done.recoveryCodes},
            {"message",
             "Keep these recovery codes somewhere safe: each signs you in once if you lose your "
             "phone. They are not shown again."}});
}

}  // namespace

void installMultiFactorRoutes(Router& http, ServerApp& app) {
  http.Post("/api/session/secondFactor",
            [&app](const httplib::Request& q, httplib::Response& r) { secondStep(app, q, r); });
  http.Post("/api/me/multiFactor/setup",
            [&app](const httplib::Request& q, httplib::Response& r) { setUp(app, q, r); });
  http.Post("/api/me/multiFactor/confirm",
            [&app](const httplib::Request& q, httplib::Response& r) { confirm(app, q, r); });
}

}  // namespace delegate::server
