#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226): what authenticator apps show.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace delegate::server::totp {

inline constexpr std::int64_t kStepSeconds = 30;
inline constexpr int kDigits = 6;
inline constexpr std::size_t kSecretBytes = 20;  // RFC 4226's recommended 160 bits

// RFC 4648 base32 without padding: how authenticator apps take a secret typed by hand.
std::string base32Encode(std::string_view bytes);
// Ignores spaces and case; nothing when a character is not base32.
std::optional<std::string> base32Decode(std::string_view text);

std::int64_t stepAt(std::int64_t unixSeconds);
// The 6-digit code of `secret` (raw bytes) for time step `step`.
std::string codeAt(std::string_view secret, std::int64_t step);

// The time step whose code `code` is, within one step either side of now (clock drift between
// the phone and the server), and later than `lastUsedStep`, so a code once accepted is never
// accepted again. Compared in constant time.
std::optional<std::int64_t> match(std::string_view secret, std::string_view code,
                                  std::int64_t nowUnix, std::int64_t lastUsedStep);

// The otpauth:// URI an authenticator app scans: issuer and account shown in the app.
std::string provisioningUri(std::string_view base32Secret, std::string_view issuer,
                            std::string_view account);

}  // namespace delegate::server::totp
