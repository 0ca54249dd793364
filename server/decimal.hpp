#pragma once
// Counts and revisions in query strings and flags: plain decimal digits only (no sign, no
// spaces, no exponent), at most `maxDigits` of them so the value cannot overflow.
#include <cstdint>
#include <optional>
#include <string_view>

namespace delegate::server {

inline std::optional<std::uint64_t> parseDecimal(std::string_view text, std::size_t maxDigits) {
  if (text.empty() || text.size() > maxDigits || maxDigits > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace delegate::server
