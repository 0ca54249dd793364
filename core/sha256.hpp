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

}  // namespace delegate
