#pragma once
// SHA-256 (FIPS 180-4). Offer and approval tokens are stored only as their hash, so a leaked
// state or event log does not leak working links.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace delegate {

std::array<std::uint8_t, 32> sha256(std::string_view data);
std::string sha256Hex(std::string_view data);  // 64 lowercase hex digits
// HMAC-SHA256 (RFC 2104) of `message` under `key`: 32 bytes.
std::array<std::uint8_t, 32> hmacSha256(std::string_view key, std::string_view message);
// Base64url without padding (RFC 4648 section 5): safe in a URL path.
std::string base64Url(const std::uint8_t* data, std::size_t size);

}  // namespace delegate
