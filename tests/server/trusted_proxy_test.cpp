// Behind a load balancer, sign-in limits count the client's address from X-Forwarded-For — but
// only when the connection comes from a proxy the operator named. From anyone else the header is
// the caller's own text and must not let a guesser escape the limit by inventing addresses.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/client_address.hpp"
#include "server/options.hpp"

using namespace delegate;
using namespace delegate::server;
using namespace delegate::testing;

namespace {

const char* kUser = "user@northwind.onmicrosoft.com";

// Wrong passwords from one address until the limiter holds that address off.
void guessUntilHeld(const Api& from) {
  int held = 0;
  for (int i = 0; i < 12 && held == 0; ++i) {
    Reply r = from.post("/api/session",
                        {{"userPrincipalName", kUser}, {"password", "guess-" + std::to_string(i)}});
    if (r.status == 429)
      ++held;
    else
      REQUIRE(r.status == 401);
  }
  REQUIRE(held == 1);
}

int signInStatus(const Api& from) {
  return from.post("/api/session", {{"userPrincipalName", kUser}, {"password", kPassword}}).status;
}

}  // namespace

TEST_CASE("client addresses: only configured proxies are believed, right to left") {
  TrustedProxies none;
  CHECK(none.clientAddress("10.0.0.5", "203.0.113.9") == "10.0.0.5");

  TrustedProxies lb({*parseAddressRange("10.0.0.0/8"), *parseAddressRange("::1")});
  CHECK(lb.contains("10.1.2.3"));
  CHECK_FALSE(lb.contains("11.0.0.1"));
  CHECK(lb.contains("::1"));
  CHECK(lb.clientAddress("10.0.0.5", "203.0.113.9") == "203.0.113.9");
  // The client wrote the left entries itself; the balancer appended the right-most.
  CHECK(lb.clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.9") == "203.0.113.9");
  // Two trusted hops: skip the inner one.
  CHECK(lb.clientAddress("10.0.0.5", "203.0.113.9, 10.0.0.7") == "203.0.113.9");
  // A stranger's header is ignored.
  CHECK(lb.clientAddress("198.51.100.1", "203.0.113.9") == "198.51.100.1");
  // Garbage stops the walk at what a trusted hop vouched for.
  CHECK(lb.clientAddress("10.0.0.5", "evil, 10.0.0.7") == "10.0.0.7");
  CHECK(lb.clientAddress("10.0.0.5", "") == "10.0.0.5");
  CHECK(lb.clientAddress("::1", "2001:db8::1") == "2001:db8::1");

  CHECK(parseAddressRange("192.168.0.0/16"));
  CHECK_FALSE(parseAddressRange("192.168.0.0/33"));
  CHECK_FALSE(parseAddressRange("10.0.0.0/x"));
  CHECK_FALSE(parseAddressRange("example.com"));
  CHECK(parseOptions({"--trusted-proxy", "not-an-address"}).error.find("--trusted-proxy") !=
        std::string::npos);
  CHECK(parseOptions({"--trusted-proxy", "127.0.0.1", "--trusted-proxy", "fd00::/8"})
            .options.trustedProxies.size() == 2);
}

TEST_CASE("behind a trusted proxy, a guesser's address is held off and the owner's is not") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path(), "--trusted-proxy", "127.0.0.1"});
  Api guesser(server);
  guesser.forwardedFor = "203.0.113.9";
  guessUntilHeld(guesser);
  CHECK(signInStatus(guesser) == 429);
  // The owner, at home, through the same balancer.
  Api owner(server);
  owner.forwardedFor = "198.51.100.20";
  CHECK(signInStatus(owner) == 200);
}

TEST_CASE("without --trusted-proxy, X-Forwarded-For changes nothing") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api guesser(server);
  guesser.forwardedFor = "203.0.113.9";
  guessUntilHeld(guesser);
  // Claiming another address does not escape the hold: the connection's own address counts.
  Api claimsOther(server);
  claimsOther.forwardedFor = "198.51.100.20";
  CHECK(signInStatus(claimsOther) == 429);
}
