// Oracles and spam: a principal that may not act on an object learns nothing about it (If-Match
// is checked only after the core allowed the change), and requests from nobody in particular
// cannot grow the durable log or write their text into other tenants' audit logs.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::uint64_t headOf(const Api& api) {
  Reply view = api.get("/api/view");
  REQUIRE(view.status == 200);
  return view.body["revision"];
}

const char* kRandomId = "0b6e3c1a-9d7f-4e21-8a35-2f4c6d8e9a10";

}  // namespace

TEST_CASE("If-Match is checked after authorization: a stale version reveals nothing") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  const std::string stale = "W/\"stale\"";

  for (const std::string acting : {std::string(), cast.contoso.str()}) {
    Api caller = beta;
    caller.actingTenant = acting;
    INFO("acting in " << (acting.empty() ? "own tenant" : "Contoso"));
    Reply real = caller.command(
        "updateUser", {{"userId", cast.contosoUser.str()}, {"displayName", "Mallory"}}, stale);
    Reply random =
        caller.command("updateUser", {{"userId", kRandomId}, {"displayName", "Mallory"}}, stale);
    CHECK(real.status != 409);
    CHECK(real.status == random.status);
    CHECK(real.code() == random.code());
    CHECK(real.text.find("version") == std::string::npos);
  }

  // The same for another partner's relationship (Alpha's DAP relationship with Contoso).
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply alphaView = alpha.get("/api/view");
  REQUIRE(alphaView.status == 200);
  REQUIRE_FALSE(alphaView.body["snapshot"]["relationships"].empty());
  const std::string rel = alphaView.body["snapshot"]["relationships"][0]["id"];
  Reply real = beta.command("terminateRelationship", {{"relationshipId", rel}}, stale);
  Reply random = beta.command("terminateRelationship", {{"relationshipId", kRandomId}}, stale);
  CHECK(real.status != 409);
  CHECK(real.status == random.status);
  CHECK(real.code() == random.code());

  // Someone allowed to act still gets the conflict.
  Api contoso = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Reply conflict = contoso.command(
      "updateUser", {{"userId", cast.contosoUser.str()}, {"displayName", "Chris C."}}, stale);
  CHECK(conflict.status == 409);
  CHECK(conflict.code() == "staleVersion");
}

TEST_CASE("anonymous requests and strangers' refusals do not grow the log") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api northwind = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);
  const std::uint64_t head = headOf(northwind);

  Api anonymous(server);
  for (int i = 0; i < 20; ++i) {
    nlohmann::json signUp = {{"organizationName", "Spam " + std::to_string(i)},
                             {"domainPrefix", "spam" + std::to_string(i)},
                             {"userName", "admin"},
                             {"displayName", "Spammer"},
                             {"password", "Spam-Spam-2026!"}};
    Reply r = anonymous.command(
        "acceptTrialInvitation",
        {{"token", "made-up-token-" + std::to_string(i) + "-xxxxxxxxxxxx"}, {"signUp", signUp}});
    CHECK(r.status == 404);
  }
  CHECK(headOf(northwind) == head);

  // Beta has nothing to do with Northwind: its refused attempt there is not Northwind's audit.
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  beta.actingTenant = cast.northwind.str();
  const std::string message = "pay-us-or-else@northwind.onmicrosoft.com";
  for (int i = 0; i < 5; ++i) {
    Reply r = beta.command("addUser", {{"userPrincipalName", message}, {"displayName", "Note"}});
    CHECK(r.status == 403);
  }
  CHECK(headOf(northwind) == head);
  CHECK(northwind.get("/api/view").text.find("pay-us-or-else") == std::string::npos);

  // What was not written is still counted, for the operator (GET /api/health).
  Reply health = anonymous.get("/api/health");
  REQUIRE(health.status == 200);
  CHECK(health.body["refusalsNotAudited"].get<std::uint64_t>() >= 25);
}

TEST_CASE(
    "a refusal inside a relationship is audited with the core's reason, not the caller's text") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api limited = Api::signIn(server, "limited@alphapartners.onmicrosoft.com", kPassword);
  limited.actingTenant = cast.contoso.str();
  Reply refused = limited.command(
      "addUser",
      {{"userPrincipalName", "call-this-number@contoso.onmicrosoft.com"}, {"displayName", "Note"}});
  REQUIRE(refused.status == 403);

  Api contoso = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Reply view = contoso.get("/api/view");
  REQUIRE(view.status == 200);
  CHECK(view.text.find("call-this-number") == std::string::npos);
  bool found = false;
  for (const auto& a : view.body["snapshot"]["audit"])
    if (a["action"] == "addUser" && a["outcome"] == "refused") {
      found = true;
      CHECK(a["reasonCode"] == refused.code());
      CHECK(a["actorUserPrincipalName"] == "limited@alphapartners.onmicrosoft.com");
    }
  CHECK(found);
}

TEST_CASE("a Graph PATCH touching several parts is one decision: all applied or none") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  const std::string self = "/v1.0/users/" + cast.contosoAdmin.str();

  // Renaming is allowed, disabling oneself is not: neither happens.
  Reply refused = admin.patch(self, {{"displayName", "Renamed"}, {"accountEnabled", false}});
  CHECK(refused.status == 409);
  CHECK(refused.code() == "cannotActOnOwnAccount");
  Reply after = admin.get(self);
  REQUIRE(after.status == 200);
  CHECK(after.body["displayName"] == "Carla Contoso");
  CHECK(after.body["accountEnabled"] == true);

  // One If-Match guards every part.
  const std::string user = "/v1.0/users/" + cast.contosoUser.str();
  Reply current = admin.get(user);
  REQUIRE(current.status == 200);
  const std::string etag = current.body["@odata.etag"];
  Reply stale =
      admin.patch(user, {{"displayName", "Chris C."}, {"accountEnabled", false}}, "W/\"stale\"");
  CHECK(stale.status == 412);
  CHECK(admin.get(user).body["displayName"] == "Chris Contoso");
  CHECK(admin.get(user).body["accountEnabled"] == true);
  Reply both = admin.patch(user, {{"displayName", "Chris C."}, {"accountEnabled", false}}, etag);
  CHECK(both.status == 204);
  Reply changed = admin.get(user);
  CHECK(changed.body["displayName"] == "Chris C.");
  CHECK(changed.body["accountEnabled"] == false);
}
