#pragma once
// Signing in through any entry point: one server, or a load balancer in front of several.
// `entry` is an Api without credentials aimed at it; the result carries them.
#include <string>

#include "api_client.hpp"

namespace delegate::testing {

// A browser session: the session cookie and its CSRF token.
Api browserVia(const Api& entry, const std::string& upn, const std::string& password);
// A bearer token minted from such a session (optionally scoped to one customer tenant).
Api tokenVia(const Api& entry, const std::string& upn, const std::string& password,
             const std::string& scopeTenant = {});

}  // namespace delegate::testing
