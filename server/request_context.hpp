#pragma once
#include <optional>
#include <string>

#include "server/auth_store.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

class Authenticator;

// Who is calling, once their session or token checked out.
struct Caller {
  AuthSession session;
  bool viaCookie() const { return session.kind == AuthSession::Kind::cookie; }
};

// Resolves the caller of an /api request. On failure writes the error response (401 without a
// live session, 403 when a cookie session's mutating request lacks its CSRF token, 503 when the
// sessions cannot be read) and returns nothing.
std::optional<Caller> requireCaller(Authenticator& auth, const httplib::Request& req,
                                    httplib::Response& res);

}  // namespace delegate::server
