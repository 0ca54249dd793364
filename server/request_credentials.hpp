#pragma once
#include <cstdint>
#include <string>

namespace httplib {
struct Request;
}

namespace delegate::server {

// The cookie that carries a browser session's secret.
inline constexpr const char* kSessionCookie = "delegate_session";
// The header a browser session must send on every mutating request (the CSRF token it got at
// sign-in or from GET /api/me). A cross-site form cannot set it.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct PresentedCredential {
  enum class Kind { none, cookie, bearer };
  Kind kind = Kind::none;
  std::string secret;
};

// A bearer token wins over a cookie: a script that also has a cookie means the token.
PresentedCredential presentedCredential(const httplib::Request& req);

bool isMutating(const std::string& method);

// Set-Cookie values: HttpOnly (script cannot read it) and SameSite=Strict (no cross-site sends);
// `secure` (the server is reached over HTTPS) keeps the browser from ever sending it in the clear.
std::string sessionCookie(const std::string& secret, std::int64_t maxAgeSeconds, bool secure);
std::string expiredSessionCookie(bool secure);

}  // namespace delegate::server
