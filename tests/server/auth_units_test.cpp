#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "server/auth_store.hpp"
#include "server/password_hash.hpp"
#include "server/secrets.hpp"
#include "server/sign_in_limiter.hpp"
#include "server_process.hpp"

using namespace delegate::server;
using delegate::testing::TempDir;

TEST_CASE("passwords are salted Argon2id hashes") {
  REQUIRE(initSecrets());
  std::string hash = hashPassword("correct horse battery staple");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("correct horse") == std::string::npos);
  // Sign-in cost is measured by scripts/bench, not asserted here (a loaded machine is slow).
  CHECK(hash.find("$v=19$") != std::string::npos);
  CHECK(verifyPassword(hash, "correct horse battery staple"));
  CHECK_FALSE(verifyPassword(hash, "correct horse battery stapl"));
  CHECK_FALSE(verifyPassword("", "anything"));
  CHECK_FALSE(verifyPassword("not a hash", "anything"));
  CHECK(hashPassword("same") != hashPassword("same"));  // salted
}

TEST_CASE("tokens and ids are random, URL-safe and hashed for storage") {
  REQUIRE(initSecrets());
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(randomToken());
  CHECK(seen.size() == 100);
  std::string t = randomToken(32);
  CHECK(t.size() == 43);
  CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  std::string uuid = randomUuid();
  CHECK(uuid.size() == 36);
  CHECK(uuid[14] == '4');
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(constantTimeEquals("abc", "abc"));
  CHECK_FALSE(constantTimeEquals("abc", "abd"));
  CHECK_FALSE(constantTimeEquals("abc", "abcd"));
}

TEST_CASE("failed sign-ins are held off per account and per address") {
  using namespace std::chrono_literals;
  SignInLimiter limiter(SignInLimiter::Limits{3, 5, std::chrono::seconds(60)});
  auto t0 = SignInLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i) {
    CHECK(limiter.retryAfter("alice", "10.0.0.1", t0).count() == 0);
    limiter.recordFailure("alice", "10.0.0.1", t0);
  }
  SECTION("the account is held off from any address until the window passes") {
    CHECK(limiter.retryAfter("alice", "10.0.0.9", t0 + 1s).count() == 59);
    CHECK(limiter.retryAfter("alice", "10.0.0.9", t0 + 60s).count() == 0);
    CHECK(limiter.retryAfter("bob", "10.0.0.1", t0 + 1s).count() == 0);
  }
  SECTION("an address spraying many accounts is held off too") {
    limiter.recordFailure("bob", "10.0.0.1", t0);
    limiter.recordFailure("carol", "10.0.0.1", t0);
    CHECK(limiter.retryAfter("dave", "10.0.0.1", t0 + 10s).count() == 50);
    CHECK(limiter.retryAfter("dave", "10.0.0.2", t0 + 10s).count() == 0);
  }
  SECTION("a success clears the account's count") {
    limiter.recordSuccess("alice");
    CHECK(limiter.retryAfter("alice", "10.0.0.2", t0 + 1s).count() == 0);
  }
}

TEST_CASE("the auth store keeps password hashes and sessions across reopening, and expires them") {
  TempDir dir;
  AuthSession cookie;
  cookie.keyHash = sha256Hex("cookie-secret");
  cookie.userId = "user-1";
  cookie.csrf = "csrf-1";
  cookie.createdAt = 100;
  cookie.expiresAt = 200;
  AuthSession token = cookie;
  token.kind = AuthSession::Kind::token;
  token.keyHash = sha256Hex("token-secret");
  token.scopeTenant = "tenant-9";
  token.name = "nightly script";
  token.tokenId = "tok-1";
  token.expiresAt = 1000;
  {
    auto store = AuthStore::open(dir.path());
    REQUIRE(store.ok());
    REQUIRE(store.value()->setPasswordHash("user-1", "$argon2id$x"));
    REQUIRE(store.value()->putSession(cookie));
    REQUIRE(store.value()->putSession(token));
  }
  auto reopened = AuthStore::open(dir.path());
  REQUIRE(reopened.ok());
  AuthStore& store = *reopened.value();
  CHECK(store.passwordHash("user-1") == std::optional<std::string>("$argon2id$x"));
  CHECK_FALSE(store.passwordHash("user-2"));
  auto found = store.findSession(cookie.keyHash, 150);
  REQUIRE(found);
  CHECK(found->csrf == "csrf-1");
  CHECK(found->kind == AuthSession::Kind::cookie);
  auto foundToken = store.findSession(token.keyHash, 150);
  REQUIRE(foundToken);
  CHECK(foundToken->scopeTenant == "tenant-9");
  CHECK(store.tokensOf("user-1", 150).size() == 1);

  CHECK_FALSE(store.findSession(cookie.keyHash, 200));  // expired at 200
  CHECK(store.findSession(token.keyHash, 200));
  REQUIRE(store.removeSessionsOfUser("user-1"));
  CHECK_FALSE(store.findSession(token.keyHash, 200));
  CHECK(store.sessionCount() == 0);
}
