// TOTP against RFC 6238's published vectors (SHA-1, last six digits), base32 both ways, and the
// window and replay rules of match().
#include <catch2/catch.hpp>

#include "server/secrets.hpp"
#include "server/totp.hpp"

using namespace delegate::server;

TEST_CASE("TOTP codes are RFC 6238's") {
  REQUIRE(initSecrets());
  const std::string secret = "12345678901234567890";
  CHECK(totp::codeAt(secret, totp::stepAt(59)) == "287082");
  CHECK(totp::codeAt(secret, totp::stepAt(1111111109)) == "081804");
  CHECK(totp::codeAt(secret, totp::stepAt(1111111111)) == "050471");
  CHECK(totp::codeAt(secret, totp::stepAt(1234567890)) == "005924");
  CHECK(totp::codeAt(secret, totp::stepAt(2000000000)) == "279037");
  CHECK(totp::codeAt(secret, totp::stepAt(20000000000)) == "353130");
}

TEST_CASE("base32 secrets round-trip and are read as typed") {
  CHECK(totp::base32Encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(totp::base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == "12345678901234567890");
  CHECK_FALSE(totp::base32Decode("GEZDGNBV1").has_value());  // 1 is not base32
}

TEST_CASE("a code is accepted within one step of now and only once") {
  REQUIRE(initSecrets());
  const std::string secret = "12345678901234567890";
  const std::int64_t now = 1111111109;
  const std::int64_t step = totp::stepAt(now);
  CHECK(totp::match(secret, totp::codeAt(secret, step), now, 0) == step);
  CHECK(totp::match(secret, totp::codeAt(secret, step - 1), now, 0) == step - 1);
  CHECK(totp::match(secret, totp::codeAt(secret, step + 1), now, 0) == step + 1);
  CHECK_FALSE(totp::match(secret, totp::codeAt(secret, step + 2), now, 0));
  CHECK_FALSE(totp::match(secret, totp::codeAt(secret, step - 2), now, 0));
  // Not again once its step (or a later one) was accepted.
  CHECK_FALSE(totp::match(secret, totp::codeAt(secret, step), now, step));
  CHECK_FALSE(totp::match(secret, totp::codeAt(secret, step - 1), now, step));
  CHECK_FALSE(totp::match(secret, "12345", now, 0));
  CHECK(totp::provisioningUri("ABC", "Delegate", "a b@x.com") ==
        "otpauth://totp/Delegate:a%20b@x.com?secret=ABC&issuer=Delegate&algorithm=SHA1&digits=6&"
        "period=30");
}
