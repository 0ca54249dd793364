#pragma once
// Multi-factor sign-in from a test's side: codes from Debian's oathtool (an independent TOTP
// implementation), setting up an authenticator, and the password step that yields a challenge.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_client.hpp"

namespace delegate::testing {

// The code oathtool shows for `base32Secret`, `offsetSeconds` from now.
std::string oathtool(const std::string& base32Secret, int offsetSeconds = 0);

// {"userPrincipalName": upn, "password": kPassword}
nlohmann::json signInBody(const std::string& upn);

struct Enrolled {
  std::string secret;
  std::vector<std::string> recoveryCodes;
};
// Sets up an authenticator for the browser's user; its secret and recovery codes.
Enrolled enrol(Api& browser);

// The first step of signing in: the challenge the code must come with.
std::string passwordStep(const ServerProcess& server, const std::string& upn);

}  // namespace delegate::testing
