#include "server/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace delegate::server {
namespace {

std::optional<std::array<std::uint8_t, 16>> parseAddress(std::string_view text) {
  // inet_pton wants a terminated string; addresses are short.
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  std::array<std::uint8_t, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool isMappedV4(const std::array<std::uint8_t, 16>& a) {
  for (int i = 0; i < 10; ++i)
    if (a[i] != 0) return false;
  return a[10] == 0xff && a[11] == 0xff;
}

bool inRange(const std::array<std::uint8_t, 16>& a, const AddressRange& r) {
  int bits = r.prefixBits;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (r.bytes[i] & mask)) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<AddressRange> parseAddressRange(std::string_view text) {
  const auto slash = text.find('/');
  auto address = parseAddress(text.substr(0, slash));
  if (!address) return std::nullopt;
  AddressRange r;
  r.bytes = *address;
  const int width = isMappedV4(*address) ? 32 : 128;
  int prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > width) return std::nullopt;
  }
  r.prefixBits = prefix + (128 - width);
  return r;
}

bool TrustedProxies::contains(std::string_view address) const {
  if (ranges_.empty()) return false;
  auto a = parseAddress(trim(address));
  if (!a) return false;
  for (const AddressRange& r : ranges_)
    if (inRange(*a, r)) return true;
  return false;
}

std::string TrustedProxies::clientAddress(const std::string& peer,
                                          std::string_view forwardedFor) const {
  if (!contains(peer)) return peer;
  std::string client = peer;
  // Right to left: each trusted hop vouches for the one before it.
  while (!forwardedFor.empty()) {
    const auto comma = forwardedFor.rfind(',');
    const std::string_view entry =
        trim(comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1));
    forwardedFor =
        comma == std::string_view::npos ? std::string_view{} : forwardedFor.substr(0, comma);
    if (!parseAddress(entry)) return client;
    client = std::string(entry);
    if (!contains(entry)) return client;
  }
  return client;
}

}  // namespace delegate::server
