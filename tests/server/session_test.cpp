// Sign-in, browser sessions (cookie flags, CSRF), bearer tokens, sign-out, rate limiting of
// failed sign-ins, and refusals that are audited and change nothing else.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("sessions, tokens and sign-in limits") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});

  SECTION("the session cookie is HttpOnly and SameSite=Strict; /api/me returns the CSRF token") {
    Reply r = Api(server).post(
        "/api/session",
        {{"userPrincipalName", "ADMIN@Contoso.onmicrosoft.com"}, {"password", kPassword}});
    REQUIRE(r.status == 200);
    std::string cookie = r.header("Set-Cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Path=/") != std::string::npos);
    Api browser = Api::browser(server, "admin@contoso.onmicrosoft.com", kPassword);
    Reply me = browser.get("/api/me");
    REQUIRE(me.status == 200);
    CHECK(me.body["csrfToken"] == browser.csrf);
    CHECK(me.body["user"]["userPrincipalName"] == "admin@contoso.onmicrosoft.com");
    CHECK(me.body["tenant"]["displayName"] == "Contoso");
    // Reads need no CSRF token; writes do.
    Api noCsrf = browser;
    noCsrf.csrf.clear();
    CHECK(noCsrf.get("/api/view").status == 200);
    CHECK(noCsrf.command("createGroup", {{"displayName", "x"}}).status == 403);
    // Signing out ends the session.
    CHECK(browser.del("/api/session").status == 204);
    CHECK(browser.get("/api/me").status == 401);
  }
  SECTION("bearer tokens are listed, scoped and revocable; a cookie secret is not a token") {
    Api browser = Api::browser(server, "admin@alphapartners.onmicrosoft.com", kPassword);
    Reply t = browser.post("/api/tokens", {{"name", "nightly"}, {"expiresInDays", 7}});
    REQUIRE(t.status == 201);
    Api script(server);
    script.bearer = t.body["token"];
    CHECK(script.get("/api/me").body["authentication"] == "token");
    Reply list = script.get("/api/tokens");
    REQUIRE(list.body["value"].size() == 1);
    CHECK(list.body["value"][0]["name"] == "nightly");
    CHECK_FALSE(list.body["value"][0].contains("token"));  // shown once only
    CHECK(script.del("/api/tokens/" + list.body["value"][0]["id"].get<std::string>()).status ==
          204);
    CHECK(script.get("/api/me").status == 401);
    Api wrong(server);
    wrong.bearer = browser.cookie;
    CHECK(wrong.get("/api/me").status == 401);
  }
  SECTION("failed sign-ins are held off per account with 429 and Retry-After") {
    Api anon(server);
    for (int i = 0; i < 5; ++i)
      CHECK(anon.post("/api/session", {{"userPrincipalName", "user@northwind.onmicrosoft.com"},
                                       {"password", "guess-" + std::to_string(i)}})
                .status == 401);
    Reply held = anon.post("/api/session", {{"userPrincipalName", "user@northwind.onmicrosoft.com"},
                                            {"password", kPassword}});
    CHECK(held.status == 429);
    CHECK(held.code() == "tooManySignInAttempts");
    CHECK(std::stoi(held.header("Retry-After")) > 0);
    // Other accounts are not affected.
    CHECK(anon.post("/api/session", {{"userPrincipalName", "admin@northwind.onmicrosoft.com"},
                                     {"password", kPassword}})
              .status == 200);
  }
}

TEST_CASE("a refusal is audited, says why, and changes nothing else") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api limited = Api::signIn(server, "limited@alphapartners.onmicrosoft.com", kPassword);
  limited.actingTenant = c.contoso.str();
  Api customer = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Reply before = customer.get("/api/view");
  const std::uint64_t rev = before.body["revision"];

  Reply refused = limited.command(
      "addUser", {{"userPrincipalName", "nope@contoso.onmicrosoft.com"}, {"displayName", "Nope"}});
  REQUIRE(refused.status == 403);
  CHECK_FALSE(refused.code().empty());
  CHECK(refused.body["error"]["message"].get<std::string>().find("Password Administrator") !=
        std::string::npos);

  // Exactly one event was written: the audit record of the refusal, visible to the customer.
  Reply after = customer.get("/api/view?since=" + std::to_string(rev));
  REQUIRE(after.status == 200);
  REQUIRE(after.body["events"].size() == 1);
  const auto& record = after.body["events"][0]["event"]["record"];
  CHECK(after.body["events"][0]["event"]["type"] == "auditRecorded");
  CHECK(record["outcome"] == "refused");
  CHECK(record["reasonCode"] == refused.code());
  CHECK(record["actorUserPrincipalName"] == "limited@alphapartners.onmicrosoft.com");
  CHECK(record["onBehalfOfTenantId"] == c.alpha.str());
  CHECK(record["targetTenantId"] == c.contoso.str());
  CHECK(record["action"] == "addUser");
  Reply users = customer.get("/v1.0/users");
  for (const auto& u : users.body["value"])
    CHECK(u["userPrincipalName"] != "nope@contoso.onmicrosoft.com");
}
