#pragma once
// Which address a request comes from. Behind a load balancer every connection comes from the
// balancer, so the sign-in limiter would count all of a partner's people as one address; the
// balancer's X-Forwarded-For names the real one. That header is only believed from proxies the
// operator named (--trusted-proxy): from anyone else it is whatever the caller wants it to be.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace delegate::server {

// An IPv4 or IPv6 network (an address is a network with a full prefix).
struct AddressRange {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d)
  int prefixBits = 128;
};

// "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8". Empty when the text is not one of those.
std::optional<AddressRange> parseAddressRange(std::string_view text);

class TrustedProxies {
 public:
  TrustedProxies() = default;
  explicit TrustedProxies(std::vector<AddressRange> ranges) : ranges_(std::move(ranges)) {}

  bool contains(std::string_view address) const;

  // The client's address: the connection's peer unless the peer is a trusted proxy; then the
  // right-most X-Forwarded-For entry that is not itself a trusted proxy (entries to its left
  // were written by the client and prove nothing). A malformed entry stops the walk at the
  // last address a trusted proxy vouched for.
  std::string clientAddress(const std::string& peer, std::string_view forwardedFor) const;

 private:
  std::vector<AddressRange> ranges_;
};

}  // namespace delegate::server
