#include <catch2/catch.hpp>

#include <atomic>

#include "server/authenticator.hpp"
#include "server/memory_sign_in_limiter.hpp"
#include "server/password_hash.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_auth_store.hpp"
#include "server_process.hpp"

using namespace delegate::server;
using delegate::testing::TempDir;

TEST_CASE("the authenticator signs in, resolves, issues tokens and signs out") {
  REQUIRE(initSecrets());
  TempDir dir;
  auto opened = SqliteAuthStore::open(dir.path());
  REQUIRE(opened.ok());
  AuthStore& store = *opened.value();
  SignInLimiter::Limits limits;
  limits.freePerPair = 3;
  MemorySignInLimiter limiter(limits);
  std::atomic<std::int64_t> now{1000};
  Authenticator auth(store, limiter, [&] { return now.load(); });
  REQUIRE(store.setPasswordHash("u-1", hashPassword("pa55word!")));
  bool enabled = true;
  FindAccount find = [&](const std::string& upn) -> std::optional<Account> {
    if (upn == "ada@contoso.example") return Account{"u-1", enabled};
    return std::nullopt;
  };

  SECTION("a right password gives a cookie session with a CSRF token, case-insensitive name") {
    auto r = auth.signIn("Ada@Contoso.example", "pa55word!", "127.0.0.1", find);
    REQUIRE(r.outcome == SignInResult::Outcome::signedIn);
    CHECK_FALSE(r.session.csrf.empty());
    auto s = auth.resolve({PresentedCredential::Kind::cookie, r.secret}).value();
    REQUIRE(s);
    CHECK(s->userId == "u-1");
    // The cookie secret is not accepted as a bearer token.
    CHECK_FALSE(auth.resolve({PresentedCredential::Kind::bearer, r.secret}).value());
    SECTION("it expires after the session lifetime") {
      now += Authenticator::kSessionSeconds;
      CHECK_FALSE(auth.resolve({PresentedCredential::Kind::cookie, r.secret}).value());
    }
    SECTION("signing out ends it") {
      REQUIRE(auth.signOut(r.secret));
      CHECK_FALSE(auth.resolve({PresentedCredential::Kind::cookie, r.secret}).value());
    }
  }
  SECTION("wrong passwords and unknown accounts look the same, then the pair is held off") {
    CHECK(auth.signIn("ada@contoso.example", "nope", "a", find).outcome ==
          SignInResult::Outcome::wrongCredentials);
    CHECK(auth.signIn("nobody@contoso.example", "nope", "a", find).outcome ==
          SignInResult::Outcome::wrongCredentials);
    CHECK(auth.signIn("ada@contoso.example", "nope", "a", find).outcome ==
          SignInResult::Outcome::wrongCredentials);
    CHECK(auth.signIn("ada@contoso.example", "nope", "a", find).outcome ==
          SignInResult::Outcome::wrongCredentials);
    auto held = auth.signIn("ada@contoso.example", "pa55word!", "a", find);
    CHECK(held.outcome == SignInResult::Outcome::heldOff);
    CHECK(held.retryAfter.count() > 0);
    // The guesser's address does not lock the owner out of another one.
    CHECK(auth.signIn("ada@contoso.example", "pa55word!", "b", find).outcome ==
          SignInResult::Outcome::signedIn);
  }
  SECTION("a disabled account cannot sign in even with the right password") {
    enabled = false;
    CHECK(auth.signIn("ada@contoso.example", "pa55word!", "a", find).outcome ==
          SignInResult::Outcome::disabled);
  }
  SECTION("bearer tokens carry an optional tenant scope and can be revoked") {
    auto t = auth.issueToken("u-1", "tenant-7", "ci", 2);
    REQUIRE(t.ok());
    auto s = auth.resolve({PresentedCredential::Kind::bearer, t.value().first}).value();
    REQUIRE(s);
    CHECK(s->scopeTenant == "tenant-7");
    CHECK_FALSE(auth.resolve({PresentedCredential::Kind::cookie, t.value().first}).value());
    now += 2 * 86400;
    CHECK_FALSE(auth.resolve({PresentedCredential::Kind::bearer, t.value().first}).value());
    auto t2 = auth.issueToken("u-1", "", "ci", 1);
    REQUIRE(t2.ok());
    REQUIRE(auth.revokeToken("u-1", t2.value().second.tokenId));
    CHECK_FALSE(auth.resolve({PresentedCredential::Kind::bearer, t2.value().first}).value());
  }
}
