#include "server/request_credentials.hpp"

#include <httplib.h>

namespace delegate::server {

namespace {

std::string cookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    size_t start = header.find_first_not_of(' ', pos);
    if (start < end) {
      size_t eq = header.find('=', start);
      if (eq != std::string::npos && eq < end && header.compare(start, eq - start, name) == 0 &&
          eq - start == name.size())
        return header.substr(eq + 1, end - eq - 1);
    }
    pos = end + 1;
  }
  return {};
}

}  // namespace

PresentedCredential presentedCredential(const httplib::Request& req) {
  const std::string& auth = req.get_header_value("Authorization");
  if (auth.size() > 7 && (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0))
    return {PresentedCredential::Kind::bearer, auth.substr(7)};
  auto count = req.get_header_value_count("Cookie");
  for (size_t i = 0; i < count; ++i) {
    std::string value = cookieValue(req.get_header_value("Cookie", i), kSessionCookie);
    if (!value.empty()) return {PresentedCredential::Kind::cookie, value};
  }
  return {};
}

bool isMutating(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string sessionCookie(const std::string& secret, std::int64_t maxAgeSeconds, bool secure) {
  return std::string(kSessionCookie) + "=" + secret + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "") + "; Max-Age=" + std::to_string(maxAgeSeconds);
}

std::string expiredSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "") + "; Max-Age=0";
}

}  // namespace delegate::server
