#include "web/app/session_api.hpp"

#include "core/product.hpp"
#include "web/app/preview.hpp"
#include "web/platform/fetch.hpp"

namespace delegate::web {

namespace {

// A session answer as a CommandResult: ok on 2xx, else the server's error.
CommandResult resultOf(const HttpResponse& r) {
  CommandResult result;
  result.status = r.status;
  if (r.status >= 200 && r.status < 300) {
    result.ok = true;
    result.body = nlohmann::json::parse(r.body, nullptr, false);
    return result;
  }
  ApiError e = parseApiError(r);
  // The error body too: some refusals carry what the next step needs (a sign-in challenge).
  result.body = nlohmann::json::parse(r.body, nullptr, false);
  result.code = e.code;
  result.message = e.message;
  result.target = e.target;
  return result;
}

// A preview from its route's answer, or the server's reason for refusing it.
HttpCallback previewAnswer(OfferPreview (*parse)(const std::string&), PreviewDone done) {
  return [parse, done](const HttpResponse& r) {
    if (r.status == 200) return done(parse(r.body));
    OfferPreview p;
    p.error = parseApiError(r).message;
    done(p);
  };
}

}  // namespace

void HttpSession::hello(std::function<void(const ServerHello&)> done) {
  // Relative URL: the app also works when hosted under a sub-path.
  httpRequest("GET", apiBase() + "api/health", "", [done](const HttpResponse& r) {
    ServerHello hello;
    Health health;
    if (r.status == 200 && parseHealthJson(r.body, health)) {
      hello.reached = true;
      hello.name = health.product.name;
      hello.version = health.product.version;
    } else {
      hello.problem = r.status == 0 ? "no answer: " + r.error
                                    : "GET /api/health answered " + std::to_string(r.status);
    }
    done(hello);
  });
}

void HttpSession::me(std::function<void(const MeAnswer&)> done) {
  httpRequest("GET", apiBase() + "api/me", "", [done](const HttpResponse& r) {
    MeAnswer me;
    me.check = r.status == 200   ? SessionCheck::signedIn
               : r.status == 401 ? SessionCheck::signedOut
                                 : SessionCheck::noAccounts;
    if (me.check == SessionCheck::signedIn) me.body = r.body;
    done(me);
  });
}

void HttpSession::offerPreview(const std::string& token, PreviewDone done) {
  httpRequest("GET", apiBase() + "api/offers/" + token, "",
              previewAnswer(parseOfferPreview, std::move(done)));
}

void HttpSession::approvalPreview(const std::string& relationshipId, const std::string& token,
                                  PreviewDone done) {
  httpRequest("GET", apiBase() + "api/approvals/" + relationshipId + "?token=" + token, "",
              previewAnswer(parseApprovalPreview, std::move(done)));
}

// A session answer (either step of signing in): later requests carry the session's CSRF token
// (the cookie alone is not enough to write).
static void sessionAnswer(const HttpResponse& r, const CommandDone& done) {
  CommandResult result = resultOf(r);
  if (result.ok && result.body.is_object() && result.body.contains("csrfToken") &&
      result.body["csrfToken"].is_string())
    setDefaultHeader("X-CSRF-Token", result.body["csrfToken"].get<std::string>());
  done(result);
}

void HttpSession::signIn(const std::string& userPrincipalName, const std::string& password,
                         CommandDone done) {
  nlohmann::json body = {{"userPrincipalName", userPrincipalName}, {"password", password}};
  httpRequest("POST", apiBase() + "api/session", body.dump(),
              [done](const HttpResponse& r) { sessionAnswer(r, done); });
}

void HttpSession::secondFactor(const std::string& challenge, const std::string& code,
                               bool recoveryCode, CommandDone done) {
  nlohmann::json body = {{"challenge", challenge}, {recoveryCode ? "recoveryCode" : "code", code}};
  httpRequest("POST", apiBase() + "api/session/secondFactor", body.dump(),
              [done](const HttpResponse& r) { sessionAnswer(r, done); });
}

void HttpSession::beginMultiFactorSetup(CommandDone done) {
  httpRequest("POST", apiBase() + "api/me/multiFactor/setup", "{}",
              [done](const HttpResponse& r) { done(resultOf(r)); });
}

void HttpSession::confirmMultiFactorSetup(const std::string& code, CommandDone done) {
  nlohmann::json body = {{"code", code}};
  httpRequest("POST", apiBase() + "api/me/multiFactor/confirm", body.dump(),
              [done](const HttpResponse& r) { done(resultOf(r)); });
}

void HttpSession::signOut() {
  // The app has forgotten the session already; a failure leaves a cookie the server refuses
  // once it expires, and the sign-in screen is shown either way.
  httpRequest("DELETE", apiBase() + "api/session", "", [](const HttpResponse&) {});
  setDefaultHeader("X-CSRF-Token", "");
}

void HttpSession::changePassword(const std::string& current, const std::string& next,
                                 CommandDone done) {
  nlohmann::json body = {{"currentPassword", current}, {"newPassword", next}};
  httpRequest("POST", apiBase() + "api/me/password", body.dump(),
              [done](const HttpResponse& r) { done(resultOf(r)); });
}

void HttpSession::signUp(const nlohmann::json& command, CommandDone done) {
  // The password was chosen by the person; the answer carries no secret to show.
  httpRequest("POST", apiBase() + "api/commands", command.dump(),
              [done](const HttpResponse& r) { done(resultOf(r)); });
}

}  // namespace delegate::web
