// The granular relationship lifecycle through the Graph-compatible /v1.0 API: create, page and
// filter, PATCH with If-Match (stale → 409), lock for approval, approve with the single-use link,
// access assignment to a security group, delegated users/domains with a scoped token, customers,
// termination, DELETE while created.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kUserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const std::string kHelpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const std::string kGlobalAdmin = "62e90394-69f5-4237-9190-012177145e10";

nlohmann::json roles(std::initializer_list<std::string> ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& id : ids) list.push_back({{"roleDefinitionId", id}});
  return {{"unifiedRoles", list}};
}

nlohmann::json newRelationship(const std::string& name, const std::string& customer) {
  return {{"displayName", name},
          {"duration", "P730D"},
          {"customer", {{"tenantId", customer}}},
          {"accessDetails", roles({kUserAdmin, kHelpdesk})}};
}

}  // namespace

TEST_CASE("granular relationship lifecycle through /v1.0") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api customer = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);

  Reply created =
      partner.post(kRelationships, newRelationship("Northwind helpdesk", c.northwind.str()));
  INFO(created.text);
  REQUIRE(created.status == 201);
  const std::string id = created.body["id"];
  CHECK(created.header("Location").find(kRelationships + "/" + id) != std::string::npos);
  CHECK(created.body["status"] == "created");
  CHECK(created.body["duration"] == "P730D");
  CHECK(created.body["autoExtendDuration"] == "PT0S");
  CHECK(created.body["accessDetails"]["unifiedRoles"].size() == 2);
  CHECK(created.body["@odata.type"] == "#microsoft.graph.delegatedAdminRelationship");
  const std::string etag = created.body["@odata.etag"];

  SECTION("list pages with $top and @odata.nextLink, filters on status, orders") {
    REQUIRE(
        partner.post(kRelationships, newRelationship("Another one", c.northwind.str())).status ==
        201);
    Reply page1 = partner.get(kRelationships + "?$top=1&$orderby=displayName");
    REQUIRE(page1.status == 200);
    REQUIRE(page1.body["value"].size() == 1);
    CHECK(page1.body["value"][0]["displayName"] == "Another one");
    std::string next = page1.body["@odata.nextLink"];
    Reply page2 = partner.get(next.substr(next.find("/v1.0/")));
    REQUIRE(page2.status == 200);
    CHECK(page2.body["value"][0]["displayName"] == "Northwind helpdesk");
    CHECK_FALSE(page2.body.contains("@odata.nextLink"));
    Reply filtered = partner.get(kRelationships + "?$filter=status%20eq%20'active'");
    REQUIRE(filtered.status == 200);
    CHECK(filtered.body["value"].empty());  // the DAP relationships are not granular ones
    CHECK(partner.get(kRelationships + "?$filter=status%20eq%20'created'").body["value"].size() ==
          2);
  }

  SECTION("PATCH needs the current etag: none gets 428, a stale one 412, and nothing changes") {
    Reply bare = partner.patch(kRelationships + "/" + id, {{"displayName", "No etag"}});
    CHECK(bare.status == 428);
    CHECK(bare.code() == "preconditionRequired");
    CHECK(bare.body["error"]["message"].get<std::string>().find("@odata.etag") !=
          std::string::npos);
    Reply renamed = partner.patch(kRelationships + "/" + id, {{"displayName", "Renamed"}}, etag);
    INFO(renamed.text);
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body["displayName"] == "Renamed");
    CHECK(renamed.body["@odata.etag"] != etag);
    Reply stale = partner.patch(kRelationships + "/" + id, {{"displayName", "Lost update"}}, etag);
    CHECK(stale.status == 412);
    CHECK(stale.code() == "preconditionFailed");
    CHECK(partner.get(kRelationships + "/" + id).body["displayName"] == "Renamed");
    // The same rule through /api/commands with an If-Match header.
    Reply staleCommand = partner.command(
        "updateRelationship", {{"relationshipId", id}, {"displayName", "Also lost"}}, etag);
    CHECK(staleCommand.status == 409);
  }

  SECTION("DELETE while created, with If-Match") {
    CHECK(partner.del(kRelationships + "/" + id).status == 428);
    Reply stale = partner.del(kRelationships + "/" + id, "W/\"0000\"");
    CHECK(stale.status == 412);
    Reply gone = partner.del(kRelationships + "/" + id, etag);
    CHECK(gone.status == 204);
    CHECK(partner.get(kRelationships + "/" + id).status == 404);
  }

  SECTION("lock, approve, assign, act with a scoped token, terminate") {
    Reply lock =
        partner.post(kRelationships + "/" + id + "/requests", {{"action", "lockForApproval"}});
    INFO(lock.text);
    REQUIRE(lock.status == 201);
    CHECK(lock.body["status"] == "succeeded");
    std::string link = lock.body["approvalLink"];
    std::string token = link.substr(link.find("token=") + 6);
    CHECK(partner.get(kRelationships + "/" + id).body["status"] == "approvalPending");
    // Deleting is only allowed while created.
    Reply late = partner.del(kRelationships + "/" + id,
                             partner.get(kRelationships + "/" + id).body["@odata.etag"]);
    CHECK(late.status == 409);

    // The approval link's page can show what is asked, and only with the token.
    Reply info = Api(server).get("/api/approvals/" + id + "?token=" + token);
    REQUIRE(info.status == 200);
    CHECK(info.body["partner"]["displayName"] == "Alpha Partners");
    CHECK(info.body["roles"].size() == 2);
    CHECK(Api(server).get("/api/approvals/" + id + "?token=wrong").status == 404);

    Reply approved =
        customer.command("approveRelationship", {{"relationshipId", id}, {"token", token}});
    INFO(approved.text);
    REQUIRE(approved.status == 200);
    Reply active = partner.get(kRelationships + "/" + id);
    CHECK(active.body["status"] == "active");
    CHECK(active.body["endDateTime"].is_string());
    // Single-use link.
    CHECK(customer.command("approveRelationship", {{"relationshipId", id}, {"token", token}})
              .status == 409);

    // A security group with the agent in it gets User Administrator through an assignment.
    Reply group = partner.command("createGroup", {{"displayName", "Helpdesk agents"}});
    REQUIRE(group.status == 200);
    std::string groupId;
    for (const auto& e : group.body["events"])
      if (e["event"]["type"] == "groupCreated") groupId = e["event"]["group"]["id"];
    REQUIRE(
        partner.command("addGroupMember", {{"groupId", groupId}, {"userId", c.alphaAgent.str()}})
            .status == 200);
    Reply assignment =
        partner.post(kRelationships + "/" + id + "/accessAssignments",
                     {{"accessContainer",
                       {{"accessContainerId", groupId}, {"accessContainerType", "securityGroup"}}},
                      {"accessDetails", roles({kUserAdmin})}});
    INFO(assignment.text);
    REQUIRE(assignment.status == 201);
    CHECK(partner.get(kRelationships + "/" + id + "/accessAssignments").body["value"].size() == 1);
    CHECK(partner.get(kRelationships + "/" + id + "/operations").status == 200);

    Reply customers = partner.get("/v1.0/tenantRelationships/delegatedAdminCustomers");
    bool listed = false;
    for (const auto& cu : customers.body["value"])
      listed = listed || cu["displayName"] == "Northwind";
    CHECK(listed);

    // The agent, with a token scoped to Northwind, administers its users the Graph way.
    Api agent =
        Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword, c.northwind.str());
    Reply users = agent.get("/v1.0/users");
    INFO(users.text);
    REQUIRE(users.status == 200);
    CHECK(users.body["value"].size() == 2);
    Reply newUser =
        agent.post("/v1.0/users",
                   {{"accountEnabled", true},
                    {"displayName", "Graph Made"},
                    {"mailNickname", "graph"},
                    {"userPrincipalName", "graph@northwind.onmicrosoft.com"},
                    {"passwordProfile",
                     {{"password", "Chosen-Pass-123"}, {"forceChangePasswordNextSignIn", true}}}});
    INFO(newUser.text);
    REQUIRE(newUser.status == 201);
    Api::browser(server, "graph@northwind.onmicrosoft.com", "Chosen-Pass-123");
    std::string userId = newUser.body["id"];
    Reply reset = agent.patch("/v1.0/users/" + userId,
                              {{"passwordProfile", {{"password", "Another-Pass-456"}}}});
    INFO(reset.text);
    CHECK(reset.status == 204);
    Api::browser(server, "graph@northwind.onmicrosoft.com", "Another-Pass-456");
    // User Administrator does not include domains.
    Reply domain = agent.post("/v1.0/domains", {{"id", "northwind-example.com"}});
    CHECK(domain.status == 403);
    // The scoped token cannot be pointed at another tenant.
    Api misused = agent;
    misused.actingTenant = c.contoso.str();
    CHECK(misused.get("/v1.0/users").status == 403);

    Reply terminate =
        partner.post(kRelationships + "/" + id + "/requests", {{"action", "terminate"}});
    REQUIRE(terminate.status == 201);
    CHECK(partner.get(kRelationships + "/" + id).body["status"] == "terminated");
    Reply after = agent.get("/v1.0/users");
    CHECK(after.status == 403);
  }
}
