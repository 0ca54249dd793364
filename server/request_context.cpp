#include "server/request_context.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "server/authenticator.hpp"
#include "server/http_errors.hpp"
#include "server/request_credentials.hpp"
#include "server/secrets.hpp"

namespace delegate::server {

std::optional<Caller> requireCaller(Authenticator& auth, const httplib::Request& req,
                                    httplib::Response& res) {
  PresentedCredential presented = presentedCredential(req);
  if (presented.kind == PresentedCredential::Kind::none) {
    sendError(res, errc::unauthenticated,
              "Sign in first (POST /api/session) or send a bearer token (Authorization: Bearer).");
    return std::nullopt;
  }
  auto resolved = auth.resolve(presented);
  if (!resolved) {
    // The shared store is unreachable: the session may be fine, so not 401.
    res.set_header("Retry-After", "1");
    sendError(res, errc::serviceUnavailable,
              "Sessions cannot be checked right now; try again in a moment.");
    return std::nullopt;
  }
  std::optional<AuthSession>& session = resolved.value();
  if (!session) {
    sendError(res, errc::unauthenticated,
              "Your session or token has expired or was ended; sign in again.");
    return std::nullopt;
  }
  // Checked on every request, not only when the session or token was made: a disabled or
  // deleted user's sessions and tokens stop at once, whatever they were minted with.
  if (!auth.accountActive(session->userId)) {
    sendError(res, errc::accountDisabled,
              "The account you signed in with is disabled or gone; ask an administrator.");
    return std::nullopt;
  }
  // Cookies ride along on cross-site requests; only our own page can read the CSRF token and
  // echo it, so a mutating cookie request without it is refused. Bearer tokens are never sent
  // by a browser on its own, so they need no such proof.
  if (session->kind == AuthSession::Kind::cookie && isMutating(req.method) &&
      !constantTimeEquals(req.get_header_value(kCsrfHeader), session->csrf)) {
    sendError(res, errc::csrfTokenMissing,
              std::string("This request needs the ") + kCsrfHeader +
                  " header with the token from sign-in or GET /api/me.");
    return std::nullopt;
  }
  return Caller{std::move(*session)};
}

}  // namespace delegate::server
