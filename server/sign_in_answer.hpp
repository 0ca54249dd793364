#pragma once
#include "server/authenticator.hpp"

namespace httplib {
struct Response;
}

namespace delegate::server {

class ServerApp;

// The answer to either step of signing in (password, then the authenticator code): the session
// cookie when signed in, else the refusal in words, with the challenge the code must come with
// when a second factor is due.
void answerSignIn(ServerApp& app, const SignInResult& r, httplib::Response& res);

}  // namespace delegate::server
