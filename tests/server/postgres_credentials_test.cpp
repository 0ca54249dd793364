// Everything a sign-in needs, shared by several delegate-servers over one PostgreSQL (issue 12):
// a session or token made on one server works on every other, a sign-out or revocation on one
// ends it on all, failed sign-ins count together, and single-use codes, challenges and links are
// spent everywhere at once. Each server has a --data folder of its own holding only the keys, so
// nothing here can pass through a shared file.
#include <catch2/catch.hpp>

#include <atomic>
#include <regex>
#include <thread>
#include <vector>

#include "api_client.hpp"
#include "multi_factor_support.hpp"
#include "pg_servers.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const char* kAdmin = "admin@alphapartners.onmicrosoft.com";
const char* kAgent = "agent@alphapartners.onmicrosoft.com";
const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kUserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";

Reply secondFactor(const ServerProcess& server, const std::string& challenge,
                   const std::string& field, const std::string& value) {
  return Api(server).post("/api/session/secondFactor", {{"challenge", challenge}, {field, value}});
}

}  // namespace

TEST_CASE("postgres: a session made on one server works on another; a sign-out on either ends it",
          "[postgres][session]") {
  Servers servers(2);
  ServerProcess &a = servers[0], &b = servers[1];

  Api browserOnA = Api::browser(a, kAdmin, kPassword);
  Api browserOnB = sameCredentials(browserOnA, b);
  CHECK(browserOnB.get("/api/me").status == 200);
  // Its CSRF token too: a write through B with the session made on A.
  Reply made = browserOnB.command("createGroup", {{"displayName", "Made through B"}});
  INFO(made.text);
  CHECK(made.status == 200);

  Api tokenOnA = Api::signIn(a, kAdmin, kPassword);
  Api tokenOnB = sameCredentials(tokenOnA, b);
  CHECK(tokenOnB.get("/api/me").status == 200);
  Reply tokens = tokenOnB.get("/api/tokens");
  REQUIRE(tokens.status == 200);
  REQUIRE(tokens.body["value"].size() == 1);  // minted on A, listed on B

  SECTION("a sign-out on B ends the session on A") {
    CHECK(browserOnB.del("/api/session").status == 204);
    Reply after = browserOnA.get("/api/me");
    CHECK(after.status == 401);
    CHECK(after.code() == "unauthenticated");
    CHECK(tokenOnA.get("/api/me").status == 200);  // the token is another credential
  }
  SECTION("a token revoked on B stops on A") {
    const std::string id = tokens.body["value"][0]["id"];
    CHECK(browserOnB.del("/api/tokens/" + id).status == 204);
    CHECK(tokenOnA.get("/api/me").status == 401);
    CHECK(browserOnA.get("/api/me").status == 200);
  }
}

TEST_CASE("postgres: five wrong passwords spread over three servers lock the account",
          "[postgres][session]") {
  Servers servers(3);
  const std::string upn = "admin@contoso.onmicrosoft.com";
  for (int i = 0; i < 5; ++i) {
    Reply wrong = Api(servers[i % 3])
                      .post("/api/session", {{"userPrincipalName", upn},
                                             {"password", "Wrong-" + std::to_string(i)}});
    INFO(i << ": " << wrong.text);
    CHECK(wrong.status == 401);
    CHECK(wrong.code() == "invalidCredentials");
  }
  // The sixth, with the right password, on any server: held off.
  for (std::size_t i = 0; i < 3; ++i) {
    Reply sixth = Api(servers[i]).post("/api/session", signInBody(upn));
    INFO(i << ": " << sixth.text);
    CHECK(sixth.status == 429);
    CHECK(sixth.code() == "tooManySignInAttempts");
    CHECK(sixth.body["error"]["message"].get<std::string>().rfind(
              "Too many failed sign-ins; try again in ", 0) == 0);
    CHECK_FALSE(sixth.header("Retry-After").empty());
  }
  // Only that account: another one signs in from the same address.
  CHECK(
      Api(servers[1]).post("/api/session", signInBody("admin@northwind.onmicrosoft.com")).status ==
      200);
}

TEST_CASE("postgres: parallel wrong passwords on three servers check no more than the limit",
          "[postgres][session]") {
  Servers servers(3);
  std::atomic<int> checked{0}, heldOff{0};
  std::vector<std::thread> attempts;
  for (int i = 0; i < 15; ++i)
    attempts.emplace_back([&, i] {
      Reply r = Api(servers[i % 3])
                    .post("/api/session", {{"userPrincipalName", "admin@contoso.onmicrosoft.com"},
                                           {"password", "guess-" + std::to_string(i)}});
      if (r.status == 401) ++checked;
      if (r.status == 429) ++heldOff;
    });
  for (auto& t : attempts) t.join();
  // The count is one row locked by each attempt, whichever server it reached.
  CHECK(checked.load() == 5);
  CHECK(heldOff.load() == 10);
}

TEST_CASE(
    "postgres: single-use codes, challenges and links used on one server are refused on "
    "another",
    "[postgres][session]") {
  Servers servers(2);
  ServerProcess &a = servers[0], &b = servers[1];

  SECTION("an authenticator's codes, its recovery codes and the sign-in challenge") {
    Api browser = Api::browser(a, kAgent, kPassword);
    const Enrolled e = enrol(browser);  // set up on A: B asks for a code as well
    const std::string challenge = passwordStep(b, kAgent);
    // The challenge B issued is redeemed on A...
    const std::string next = oathtool(e.secret, 30);
    Reply onA = secondFactor(a, challenge, "code", next);
    INFO(onA.text);
    REQUIRE(onA.status == 200);
    // ...and is spent on B; the code A accepted is refused on B with a fresh challenge.
    CHECK(secondFactor(b, challenge, "code", next).status == 401);
    Reply replay = secondFactor(b, passwordStep(b, kAgent), "code", next);
    CHECK(replay.status == 400);
    CHECK(replay.code() == "invalidMultiFactorCode");
    // A recovery code used on A is refused on B.
    const std::string recovery = e.recoveryCodes.front();
    CHECK(secondFactor(a, passwordStep(a, kAgent), "recoveryCode", recovery).status == 200);
    Reply reused = secondFactor(b, passwordStep(b, kAgent), "recoveryCode", recovery);
    CHECK(reused.status == 400);
    CHECK(reused.code() == "invalidMultiFactorCode");
    CHECK(secondFactor(b, passwordStep(b, kAgent), "recoveryCode", e.recoveryCodes[1]).status ==
          200);
  }
  SECTION("a relationship's approval link") {
    Api partner = Api::signIn(a, kAdmin, kPassword);
    Reply created =
        partner.post(kRelationships,
                     {{"displayName", "Northwind helpdesk"},
                      {"duration", "P730D"},
                      {"customer", {{"tenantId", servers.store().cast.northwind.str()}}},
                      {"accessDetails", {{"unifiedRoles", {{{"roleDefinitionId", kUserAdmin}}}}}}});
    REQUIRE(created.status == 201);
    const std::string id = created.body["id"];
    Reply lock =
        partner.post(kRelationships + "/" + id + "/requests", {{"action", "lockForApproval"}});
    REQUIRE(lock.status == 201);
    const std::string link = lock.body["approvalLink"];
    const std::string token = link.substr(link.find("token=") + 6);
    Api customerOnA = Api::signIn(a, "admin@northwind.onmicrosoft.com", kPassword);
    auto approve = [&](const Api& api) {
      return api.command("approveRelationship", {{"relationshipId", id}, {"token", token}});
    };
    Reply first = approve(customerOnA);
    INFO(first.text);
    CHECK(first.status == 200);
    Reply second = approve(sameCredentials(customerOnA, b));
    INFO(second.text);
    CHECK(second.status == 409);
  }
}

TEST_CASE("postgres: a store of schema version 1 (the log alone) is upgraded in place",
          "[postgres]") {
  const std::string uri = PgCluster::shared().createDatabase();
  sql(uri, R"sql(
      CREATE TABLE delegate_meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE delegate_events (revision bigint PRIMARY KEY, body text NOT NULL);
      CREATE TABLE delegate_head (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                                  revision bigint NOT NULL);
      INSERT INTO delegate_head(revision) VALUES (0);
      INSERT INTO delegate_meta VALUES ('application', 'delegate'), ('schema_version', '1'),
                                       ('store_id', 'version-one-store');)sql");
  TempDir data;
  ServerProcess server({"--data", data.path(), "--store", uri});
  // The first start seeded the operator into it, and its password works through the new tables.
  std::smatch m;
  const std::string log = server.log();
  REQUIRE(std::regex_search(log, m, std::regex("password +(\\S+)")));
  CHECK(Api(server)
            .post("/api/session",
                  {{"userPrincipalName", "admin@operator.onmicrosoft.com"}, {"password", m[1]}})
            .status == 200);
  // Upgraded through every step since version 1.
  CHECK(sqlValue(uri, "SELECT value FROM delegate_meta WHERE key = 'schema_version'") == "3");
  CHECK(sqlValue(uri, "SELECT value FROM delegate_meta WHERE key = 'store_id'") ==
        "version-one-store");
  CHECK(sqlValue(uri, "SELECT count(*) FROM delegate_credentials") == "1");
}
