// What a Graph-only script needs beyond the lifecycle: $select and $count, $filter on names
// (with OData's doubled quotes), security groups and their members, customers by id with etags,
// requests that can be read back, and durations in Graph's forms ("P2Y").
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kCustomers = "/v1.0/tenantRelationships/delegatedAdminCustomers";
const std::string kUserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";

GroupId createGroup(Cast& c, const std::string& name) {
  Decision d = c.w.run(c.w.as(c.alphaAdmin), CreateGroup{name});
  const GroupCreated* created = SeededWorld::find<GroupCreated>(d);
  REQUIRE(created);
  return created->group.id;
}

std::string pathOf(const std::string& url) {
  return url.substr(url.find("/v1.0/"));
}

}  // namespace

TEST_CASE("Graph reads a script needs: groups, $select, $count, customers, requests", "[graph]") {
  Cast c;
  GroupId helpdesk = createGroup(c, "Helpdesk agents");
  REQUIRE(c.w.run(c.w.as(c.alphaAdmin), AddGroupMember{helpdesk, c.alphaAgent}).ok());
  GroupId quoted = createGroup(c, "O'Brien's team");
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);

  SECTION("security groups: find by name, read, list members; never another tenant's") {
    Reply found = partner.get("/v1.0/groups?$filter=displayName%20eq%20'Helpdesk%20agents'");
    INFO(found.text);
    REQUIRE(found.status == 200);
    REQUIRE(found.body["value"].size() == 1);
    CHECK(found.body["value"][0]["id"] == helpdesk.str());
    CHECK(found.body["value"][0]["securityEnabled"] == true);
    Reply apostrophe = partner.get("/v1.0/groups?$filter=displayName%20eq%20'O''Brien''s%20team'");
    REQUIRE(apostrophe.status == 200);
    REQUIRE(apostrophe.body["value"].size() == 1);
    CHECK(apostrophe.body["value"][0]["id"] == quoted.str());
    Reply all = partner.get("/v1.0/groups?$count=true&$top=1");
    REQUIRE(all.status == 200);
    CHECK(all.body["@odata.count"] == 2);
    CHECK(all.body["value"].size() == 1);
    CHECK(partner.get("/v1.0/groups/" + helpdesk.str()).body["displayName"] == "Helpdesk agents");
    Reply members = partner.get("/v1.0/groups/" + helpdesk.str() + "/members");
    REQUIRE(members.status == 200);
    REQUIRE(members.body["value"].size() == 1);
    CHECK(members.body["value"][0]["userPrincipalName"] == "agent@alphapartners.onmicrosoft.com");
    Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
    Reply foreign = beta.get("/v1.0/groups/" + helpdesk.str());
    CHECK(foreign.status == 404);
    CHECK(foreign.code() == "groupNotFound");
    CHECK(beta.get("/v1.0/groups/" + helpdesk.str() + "/members").status == 404);
    CHECK(beta.get("/v1.0/groups?$count=true").body["@odata.count"] == 0);
    CHECK(partner.get("/v1.0/groups?$filter=colour%20eq%20'red'").status == 400);
  }

  SECTION("$select keeps only the named members (and id), through every page; $count counts") {
    Reply page = partner.get("/v1.0/users?$select=displayName&$top=1&$count=true");
    INFO(page.text);
    REQUIRE(page.status == 200);
    const auto total = page.body["@odata.count"].get<std::size_t>();
    CHECK(total >= 3);
    const nlohmann::json& first = page.body["value"][0];
    CHECK(first.contains("id"));
    CHECK(first.contains("displayName"));
    CHECK_FALSE(first.contains("userPrincipalName"));
    std::string next = page.body["@odata.nextLink"];
    CHECK(next.find("$select=displayName") != std::string::npos);
    Reply second = partner.get(pathOf(next));
    REQUIRE(second.status == 200);
    CHECK_FALSE(second.body["value"][0].contains("userPrincipalName"));
    CHECK(second.body["@odata.count"] == total);
    Reply one = partner.get("/v1.0/users/" + c.alphaAgent.str() + "?$select=userPrincipalName");
    REQUIRE(one.status == 200);
    CHECK(one.body["userPrincipalName"] == "agent@alphapartners.onmicrosoft.com");
    CHECK_FALSE(one.body.contains("displayName"));
    CHECK(partner.get("/v1.0/users?$select=display-name").status == 400);
    CHECK(partner.get("/v1.0/users?$count=maybe").status == 400);
    CHECK(partner.get("/v1.0/users/" + c.alphaAgent.str() + "?$top=1").status == 400);
    // Option names are case-insensitive, as in Graph.
    CHECK(partner.get("/v1.0/users?$Top=1").body["value"].size() == 1);
  }

  SECTION("customers carry etags and can be read one by one") {
    Reply list = partner.get(kCustomers);
    REQUIRE(list.status == 200);
    REQUIRE(list.body["value"].size() == 1);
    CHECK(list.body["value"][0]["@odata.etag"].get<std::string>().rfind("W/\"", 0) == 0);
    Reply contoso = partner.get(kCustomers + "/" + c.contoso.str());
    REQUIRE(contoso.status == 200);
    CHECK(contoso.body["displayName"] == "Contoso");
    CHECK(partner.get(kCustomers + "/" + c.northwind.str()).status == 404);
  }

  SECTION("P2Y is Partner Center's two years; requests are read back by their Location") {
    Reply created =
        partner.post(kRelationships,
                     {{"displayName", "two years"},
                      {"duration", "P2Y"},
                      {"customer", {{"tenantId", c.northwind.str()}}},
                      {"accessDetails", {{"unifiedRoles", {{{"roleDefinitionId", kUserAdmin}}}}}}});
    INFO(created.text);
    REQUIRE(created.status == 201);
    CHECK(created.body["duration"] == "P730D");
    const std::string id = created.body["id"];
    CHECK(partner.get(kRelationships + "/" + id + "/requests").body["value"].empty());
    Reply lock =
        partner.post(kRelationships + "/" + id + "/requests", {{"action", "lockForApproval"}});
    REQUIRE(lock.status == 201);
    const std::string location = lock.header("Location");
    CHECK(location == server.baseUrl() + kRelationships + "/" + id + "/requests/" +
                          lock.body["id"].get<std::string>());
    Reply again = partner.get(pathOf(location));
    INFO(again.text);
    REQUIRE(again.status == 200);
    CHECK(again.body["action"] == "lockForApproval");
    CHECK(again.body["status"] == "succeeded");
    CHECK(again.body["createdDateTime"] == lock.body["createdDateTime"]);
    // The approval link is the partner's to read again while the request waits: the same link
    // the lock answered with, for its administrators only.
    const std::string link = lock.body["approvalLink"];
    CHECK(link.rfind(server.baseUrl() + "/relationship/" + id + "/approve?token=", 0) == 0);
    CHECK(again.body["approvalLink"] == link);
    Reply revealed = partner.command("revealApprovalLink", {{"relationshipId", id}});
    REQUIRE(revealed.status == 200);
    REQUIRE(revealed.body["secrets"].size() == 1);
    CHECK(link.substr(link.find("token=") + 6) == revealed.body["secrets"][0]["value"]);
    Api agent = Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword);
    CHECK(agent.command("revealApprovalLink", {{"relationshipId", id}}).status == 403);
    Reply listed = partner.get(kRelationships + "/" + id + "/requests");
    REQUIRE(listed.body["value"].size() == 1);
    CHECK(listed.body["value"][0]["id"] == lock.body["id"]);
    CHECK(partner.get(kRelationships + "/" + id + "/requests/" + c.northwind.str()).status == 404);
    Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
    CHECK(beta.get(pathOf(location)).status == 404);
    CHECK(partner
              .post(kRelationships,
                    {{"displayName", "three years"},
                     {"duration", "P3Y"},
                     {"customer", {{"tenantId", c.northwind.str()}}},
                     {"accessDetails", {{"unifiedRoles", {{{"roleDefinitionId", kUserAdmin}}}}}}})
              .status == 400);
  }

  SECTION("every grantable Entra role is accepted and returned as sent; others say why not") {
    const std::string exchange = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    Reply created =
        partner.post(kRelationships,
                     {{"displayName", "mail"},
                      {"duration", "P90D"},
                      {"customer", {{"tenantId", c.northwind.str()}}},
                      {"accessDetails", {{"unifiedRoles", {{{"roleDefinitionId", exchange}}}}}}});
    INFO(created.text);
    REQUIRE(created.status == 201);
    CHECK(created.body["accessDetails"]["unifiedRoles"][0]["roleDefinitionId"] == exchange);
    Reply writers = partner.post(
        kRelationships,
        {{"displayName", "writers"},
         {"duration", "P90D"},
         {"customer", {{"tenantId", c.northwind.str()}}},
         {"accessDetails",
          {{"unifiedRoles", {{{"roleDefinitionId", "9360feb5-f418-4baa-8175-e2a00bac4301"}}}}}}});
    CHECK(writers.status == 400);
    CHECK(writers.text.find("Directory Writers") != std::string::npos);
    CHECK(writers.text.find("meant for applications") != std::string::npos);
  }
}
