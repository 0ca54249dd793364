#pragma once
#include <cstddef>
#include <string>

namespace delegate::server {

// Argon2id (libsodium's crypto_pwhash_str) at the "interactive" cost: about 50-90 ms per hash on
// a 2-core machine, which keeps sign-in well under 100 ms yet makes offline guessing expensive.
// Empty on failure (out of memory).
std::string hashPassword(const std::string& password);

// True when `password` matches `hash`. An empty or malformed hash never matches.
bool verifyPassword(const std::string& hash, const std::string& password);

// Hashes and checks wait for one of a few slots (about one per core, fewer on a machine with
// little memory), so a burst of sign-ins needs at most this many times 64 MiB.
std::size_t concurrentHashLimit();

// Spends the same time as a real check, so an unknown account is not told apart by timing.
void verifyAgainstDummy(const std::string& password);

}  // namespace delegate::server
