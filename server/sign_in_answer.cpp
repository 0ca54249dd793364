#include "server/sign_in_answer.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

void answerSignIn(ServerApp& app, const SignInResult& r, httplib::Response& res) {
  using O = SignInResult::Outcome;
  switch (r.outcome) {
    case O::signedIn:
      res.set_header("Set-Cookie", sessionCookie(r.secret, Authenticator::kSessionSeconds,
                                                 app.options().servedOverHttps()));
      sendJson(res, 200,
               {{"csrfToken", r.session.csrf},
                {"userId", r.session.userId},
                {"multiFactor", r.session.multiFactor},
                {"expirationDateTime", formatTimestamp(Timestamp{r.session.expiresAt})}});
      return;
    case O::secondFactorRequired:
      sendError(
          res, errc::multiFactorCodeRequired,
          "Enter the 6-digit code from your authenticator app (or one of your recovery "
          "codes) to finish signing in.",
          "code",
          {{"challenge", r.challenge}, {"expiresInSeconds", SecondFactor::kChallengeSeconds}});
      return;
    case O::heldOff:
      res.set_header("Retry-After", std::to_string(r.retryAfter.count()));
      sendError(res, errc::tooManySignInAttempts,
                "Too many failed sign-ins; try again in " + std::to_string(r.retryAfter.count()) +
                    " seconds.");
      return;
    case O::disabled:
      sendError(res, errc::accountDisabled, "This account is disabled; ask an administrator.");
      return;
    case O::storeFailed:
      res.set_header("Retry-After", "1");
      sendError(res, errc::serviceUnavailable, "Sign-in is unavailable right now; try again.");
      return;
    case O::wrongSecondFactor:
      sendError(res, errc::invalidMultiFactorCode,
                "That code is not right, or it was used already. Enter the code your app shows "
                "now (a new one appears every 30 seconds), or an unused recovery code.",
                "code");
      return;
    case O::challengeExpired:
      sendError(res, errc::unauthenticated,
                "This sign-in took too long or was already finished; enter your password again.");
      return;
    case O::secondFactorUnavailable:
      sendError(res, errc::serviceUnavailable,
                "Your authenticator app is set up, but this server has no record of it (its "
                "data was restored or copied). Ask an administrator to reset your multi-factor "
                "sign-in, then set it up again.");
      return;
    case O::wrongCredentials:
      break;
  }
  sendError(res, errc::invalidCredentials,
            "That user name and password do not match. Check both and try again.", "password");
}

}  // namespace delegate::server
