#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "server/memory_sign_in_limiter.hpp"
#include "server/password_hash.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_auth_store.hpp"
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

TEST_CASE(
    "failed sign-ins back off per account and address; the owner elsewhere is not locked out") {
  using namespace std::chrono_literals;
  SignInLimiter::Limits limits;
  limits.freePerPair = 3;
  limits.firstDelay = 10s;
  limits.maxDelay = 60s;
  limits.accountCeiling = 6;
  limits.accountSlowdown = 20s;
  limits.perAddress = 8;
  limits.window = 300s;
  MemorySignInLimiter limiter(limits);
  auto t0 = SignInLimiter::Clock::time_point{} + 1000s;
  // Three free tries from the guesser's address; the third starts the backoff.
  for (int i = 0; i < 3; ++i) CHECK(limiter.beginAt("alice", "10.0.0.66", t0).count() == 0);
  SECTION("the guessing pair waits, doubling each time; the owner elsewhere signs in at once") {
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 1s).count() == 9);
    CHECK(limiter.beginAt("alice", "10.0.0.1", t0 + 1s).count() == 0);  // the owner's address
    limiter.succeeded("alice", "10.0.0.1");
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 10s).count() == 0);  // 4th failure: 20 s
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 29s).count() == 1);
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 30s).count() == 0);  // 5th: 40 s
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 69s).count() == 1);
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 70s).count() == 0);  // 6th: capped at 60 s
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 129s).count() == 1);
  }
  SECTION("a success from the pair ends its backoff") {
    limiter.succeeded("alice", "10.0.0.66");
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 1s).count() == 0);
  }
  SECTION("many addresses slow the account down, but not at a familiar address") {
    CHECK(limiter.beginAt("alice", "10.0.0.1", t0).count() == 0);
    limiter.succeeded("alice", "10.0.0.1");  // the owner's usual place
    for (int i = 0; i < 3; ++i)
      CHECK(limiter.beginAt("alice", "10.1.0." + std::to_string(i), t0).count() == 0);
    // Six failures from unfamiliar addresses: one try per 20 s from any other unfamiliar one.
    CHECK(limiter.beginAt("alice", "10.2.0.1", t0 + 1s).count() == 19);
    CHECK(limiter.beginAt("alice", "10.2.0.1", t0 + 20s).count() == 0);
    CHECK(limiter.beginAt("alice", "10.2.0.2", t0 + 21s).count() == 19);
    CHECK(limiter.beginAt("alice", "10.0.0.1", t0 + 21s).count() == 0);  // familiar: not slowed
  }
  SECTION("an address spraying many accounts is held off") {
    for (int i = 0; i < 5; ++i)
      CHECK(limiter.beginAt("user" + std::to_string(i), "10.0.0.66", t0).count() == 0);
    CHECK(limiter.beginAt("dave", "10.0.0.66", t0 + 10s).count() == 290);
    CHECK(limiter.beginAt("dave", "10.0.0.2", t0 + 10s).count() == 0);
  }
  SECTION("a quiet window forgives the pair") {
    CHECK(limiter.beginAt("alice", "10.0.0.66", t0 + 301s).count() == 0);
  }
}

TEST_CASE("the sign-in limiter keeps bounded memory and forgets the least recent keys only") {
  using namespace std::chrono_literals;
  SignInLimiter::Limits limits;
  limits.freePerPair = 1;
  limits.maxEntries = 100;
  limits.perAddress = 1000000;
  MemorySignInLimiter limiter(limits);
  auto t0 = SignInLimiter::Clock::time_point{} + 1000s;
  CHECK(limiter.beginAt("victim", "10.0.0.66", t0).count() == 0);
  CHECK(limiter.beginAt("victim", "10.0.0.66", t0).count() > 0);
  for (int i = 0; i < 99; ++i)
    (void)limiter.beginAt("made-up-" + std::to_string(i), "10.0.0.7", t0);
  // Still remembered: the table is full, not cleared.
  CHECK(limiter.beginAt("victim", "10.0.0.66", t0).count() > 0);
  for (int i = 0; i < 1000; ++i) (void)limiter.beginAt("more-" + std::to_string(i), "10.0.0.7", t0);
  CHECK(limiter.trackedKeys() <= 100);
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
    auto store = SqliteAuthStore::open(dir.path());
    REQUIRE(store.ok());
    REQUIRE(store.value()->setPasswordHash("user-1", "$argon2id$x"));
    REQUIRE(store.value()->putSession(cookie));
    REQUIRE(store.value()->putSession(token));
  }
  auto reopened = SqliteAuthStore::open(dir.path());
  REQUIRE(reopened.ok());
  SqliteAuthStore& store = *reopened.value();
  CHECK(store.passwordHash("user-1").value() == std::optional<std::string>("$argon2id$x"));
  CHECK_FALSE(store.passwordHash("user-2").value());
  auto found = store.findSession(cookie.keyHash, 150).value();
  REQUIRE(found);
  CHECK(found->csrf == "csrf-1");
  CHECK(found->kind == AuthSession::Kind::cookie);
  auto foundToken = store.findSession(token.keyHash, 150).value();
  REQUIRE(foundToken);
  CHECK(foundToken->scopeTenant == "tenant-9");
  CHECK(store.tokensOf("user-1", 150).value().size() == 1);

  CHECK_FALSE(store.findSession(cookie.keyHash, 200).value());  // expired at 200
  CHECK(store.findSession(token.keyHash, 200).value());
  REQUIRE(store.removeSessionsOfUser("user-1"));
  CHECK_FALSE(store.findSession(token.keyHash, 200).value());
  CHECK(store.sessionCount() == 0);
}
