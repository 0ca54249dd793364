#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

#include <string>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/permissions.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "core/sha256.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

using namespace delegate;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                  "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55/56/64 bytes) take the one- and two-block paths.
  CHECK(sha256Hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256Hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256Hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("timestamps format and parse as ISO 8601 UTC") {
  Timestamp t = timestampFromCivil(2026, 11, 28, 12, 0, 0);
  CHECK(formatTimestamp(t) == "2026-11-28T12:00:00Z");
  CHECK(formatTimestamp(Timestamp{0}) == "1970-01-01T00:00:00Z");
  CHECK(formatTimestamp(Timestamp{-1}) == "1969-12-31T23:59:59Z");
  auto p = parseTimestamp("2026-11-28T12:00:00Z");
  REQUIRE(p.ok());
  CHECK(p.value() == t);
  CHECK(parseTimestamp("2026-11-28T12:00:00.123Z").value() == t);
  CHECK(parseTimestamp("2026-11-28T13:30:00+01:30").value() == t);
  CHECK(parseTimestamp("2024-02-29T00:00:00Z").ok());
  CHECK_FALSE(parseTimestamp("2025-02-29T00:00:00Z").ok());
  CHECK_FALSE(parseTimestamp("2026-11-28T12:00:00").ok());
  CHECK_FALSE(parseTimestamp("2026-11-28 12:00:00Z").ok());
  CHECK_FALSE(parseTimestamp("2026-13-01T00:00:00Z").ok());
  CHECK_FALSE(parseTimestamp("2026-11-28T24:00:00Z").ok());
  CHECK_FALSE(parseTimestamp("2026-11-28T12:00:00Zjunk").ok());
  CHECK_FALSE(parseTimestamp("").ok());
  auto e = parseTimestamp("2026-11-28T12:00:00");
  CHECK(e.error().code == "invalidRequest");
  CHECK(e.error().message.find("time zone") != std::string::npos);
  for (std::int64_t s : {std::int64_t{0}, std::int64_t{951782400}, std::int64_t{4102444799},
                         std::int64_t{-86400 * 365}}) {
    CHECK(parseTimestamp(formatTimestamp(Timestamp{s})).value() == Timestamp{s});
  }
}

TEST_CASE("durations parse and format as ISO 8601") {
  CHECK(parseDuration("P730D").value() == Duration::ofDays(730));
  CHECK(parseDuration("PT0S").value() == Duration{0});
  CHECK(parseDuration("P180D").value() == Duration::ofDays(180));
  CHECK(parseDuration("P2W").value() == Duration::ofDays(14));
  // Graph's forms with years and months, normalised as Graph does (365 and 30 days).
  CHECK(parseDuration("P2Y").value() == Duration::ofDays(730));
  CHECK(parseDuration("P1Y6M").value() == Duration::ofDays(545));
  CHECK(parseDuration("P2M").value() == Duration::ofDays(60));
  CHECK(parseDuration("P1MT1M").value() == Duration{30 * 86400 + 60});
  CHECK(formatDuration(parseDuration("P2Y").value()) == "P730D");
  CHECK(parseDuration("P1DT2H3M4S").value() == Duration{86400 + 7200 + 180 + 4});
  CHECK(formatDuration(Duration::ofDays(730)) == "P730D");
  CHECK(formatDuration(Duration{0}) == "PT0S");
  CHECK(formatDuration(Duration{86400 + 7200 + 180 + 4}) == "P1DT2H3M4S");
  CHECK(formatDuration(Duration{3600}) == "PT1H");
  for (const char* bad : {"", "730D", "P", "PT", "P1M1Y", "P1D1Y", "P-1D", "P1D2W", "P1H", "PT1D",
                          "P1.5D", "P1DT", "P99999999999D", "P1000Y"}) {
    INFO(bad);
    auto r = parseDuration(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "invalidDuration");
  }
}

TEST_CASE("guids parse, print and stay distinct per entity type") {
  auto g = Guid::parse("62E90394-69f5-4237-9190-012177145e10");
  REQUIRE(g);
  CHECK(g->str() == "62e90394-69f5-4237-9190-012177145e10");
  CHECK_FALSE(Guid::parse("62e90394-69f5-4237-9190-012177145e1"));
  CHECK_FALSE(Guid::parse("62e90394x69f5-4237-9190-012177145e10"));
  CHECK_FALSE(Guid::parse("g2e90394-69f5-4237-9190-012177145e10"));
  static_assert(!std::is_convertible_v<UserId, TenantId>);
  static_assert(!std::is_convertible_v<Guid, UserId>);
  CHECK(UserId(*g).str() == g->str());
}

TEST_CASE("results carry a value or an error with a kind") {
  Result<int> ok = 3;
  CHECK(ok.ok());
  CHECK(ok.value() == 3);
  Result<int> bad = makeError(errc::userNotFound, "No such user.");
  CHECK_FALSE(bad.ok());
  CHECK(kindOf(bad.error()) == ErrorKind::notFound);
  CHECK(httpStatus(errorKind(errc::noActiveRelationship)) == 403);
  CHECK(httpStatus(errorKind(errc::offerRevoked)) == 409);
  CHECK(httpStatus(errorKind(errc::accountDisabled)) == 401);
  CHECK(httpStatus(errorKind(errc::invalidRequest)) == 400);
  CHECK(httpStatus(errorKind(errc::internalError)) == 500);
  Status s = Status::success();
  CHECK(s.ok());
  // A code outside the catalog is a bug: it must show as a 500, not pass for a client's mistake.
  CHECK(httpStatus(errorKind("noSuchCode")) == 500);
  CHECK(httpStatus(errorKind(errc::tooManySignInAttempts)) == 429);
  CHECK(httpStatus(errorKind(errc::unsupportedMediaType)) == 415);
  CHECK(httpStatus(errorKind(errc::requestTooLarge)) == 413);
  CHECK(httpStatus(errorKind(errc::serviceUnavailable)) == 503);
  CHECK(httpStatus(errorKind(errc::dnsLookupFailed)) == 503);
}

TEST_CASE("the role catalog holds the well-known template ids") {
  CHECK(roleInfo(Role::globalAdministrator).templateId == "62e90394-69f5-4237-9190-012177145e10");
  CHECK(roleInfo(Role::passwordAdministrator).templateId == "966707d0-3269-4727-9be2-8c3a10f19b9d");
  for (const auto& info : roleCatalog()) CHECK(roleFromTemplateId(info.templateId) == info.role);
  CHECK_FALSE(roleFromTemplateId("00000000-0000-0000-0000-000000000000"));
  RoleSet s{Role::globalAdministrator, Role::passwordAdministrator};
  CHECK(s.size() == 2);
  CHECK(s.describe() == "Global Administrator, Password Administrator");
  CHECK(isAdministrator(s));
  CHECK_FALSE(isAdministrator(RoleSet{Role::globalReader}));
  CHECK_FALSE(isAdministrator(RoleSet{}));
}

TEST_CASE("password reset follows each role's target rules") {
  RoleSet none, pw{Role::passwordAdministrator}, hd{Role::helpdeskAdministrator},
      ua{Role::userAdministrator}, ga{Role::globalAdministrator};
  auto r = [](Role role, RoleSet t) { return roleGrants(role, Action::resetPassword, t); };
  CHECK(r(Role::passwordAdministrator, none) == Grant::granted);
  CHECK(r(Role::passwordAdministrator, pw) == Grant::granted);
  CHECK(r(Role::passwordAdministrator, hd) == Grant::targetTooPrivileged);
  CHECK(r(Role::passwordAdministrator, ga) == Grant::targetTooPrivileged);
  CHECK(r(Role::helpdeskAdministrator, hd) == Grant::granted);
  CHECK(r(Role::helpdeskAdministrator, ua) == Grant::targetTooPrivileged);
  CHECK(r(Role::userAdministrator, ua) == Grant::granted);
  CHECK(r(Role::userAdministrator, ga) == Grant::targetTooPrivileged);
  CHECK(r(Role::privilegedAuthenticationAdministrator, ga) == Grant::granted);
  CHECK(r(Role::domainNameAdministrator, none) == Grant::notGranted);
  CHECK(r(Role::globalAdministrator, ga) == Grant::granted);
}

TEST_CASE("name errors speak of the field in words, and target it by its name") {
  Status blank = validateDisplayName("  ", 50, "displayName");
  REQUIRE_FALSE(blank.ok());
  CHECK(blank.error().message == "Enter a display name.");
  CHECK(blank.error().target == "displayName");
  CHECK(validateDisplayName("", 50, "organizationName").error().message ==
        "Enter an organization name.");
  CHECK(validateDisplayName(std::string(51, 'x'), 50, "displayName").error().message ==
        "The display name must be at most 50 characters.");
  CHECK(validateDisplayName("Ok name", 50, "displayName").ok());
}

TEST_CASE("the error catalog names each code once, spelled as its constant") {
  std::vector<std::string_view> codes;
#define DELEGATE_COLLECT(name, kind) codes.push_back(errc::name);
  DELEGATE_ERROR_CATALOG(DELEGATE_COLLECT)
#undef DELEGATE_COLLECT
  REQUIRE(codes.size() > 80);
  std::vector<std::string_view> sorted = codes;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  for (std::string_view c : codes) {
    INFO(c);
    CHECK(!c.empty());
    CHECK(std::islower(static_cast<unsigned char>(c[0])));
  }
}
