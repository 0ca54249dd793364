#pragma once
#include <string>

namespace delegate::server {

// Argon2id (libsodium's crypto_pwhash_str) at the "interactive" cost: about 50-90 ms per hash on
// a 2-core machine, which keeps sign-in well under 100 ms yet makes offline guessing expensive.
// Empty on failure (out of memory).
std::string hashPassword(const std::string& password);

// True when `password` matches `hash`. An empty or malformed hash never matches.
bool verifyPassword(const std::string& hash, const std::string& password);

// Spends the same time as a real check, so an unknown account is not told apart by timing.
void verifyAgainstDummy(const std::string& password);

}  // namespace delegate::server
