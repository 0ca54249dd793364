#pragma once
#include <string>
#include <string_view>

namespace delegate::server {

// Must be called once before any other function here (libsodium's initialisation). False when
// the system has no usable random source.
bool initSecrets();

// `bytes` bytes from libsodium's CSPRNG, base64url without padding (safe in URLs and cookies).
std::string randomToken(std::size_t bytes = 32);

// A random RFC 4122 version-4 UUID (the shape Graph uses for ids).
std::string randomUuid();

// Lower-case hex SHA-256 of `text`: what we keep of session ids, tokens and offer tokens, so a
// copy of the database does not hand out live credentials.
std::string sha256Hex(std::string_view text);

// The key kept in the file at `path`, created there (32 random bytes, hex, readable by the
// owner only) when the file does not exist yet. The server derives offer links from it; it is
// never written to the event log, so a copy of the log cannot make working links. Empty, with
// `problem` set, when the file cannot be read or written.
std::string loadOrCreateKey(const std::string& path, std::string* problem);

// Comparison whose time does not depend on where the strings differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace delegate::server
