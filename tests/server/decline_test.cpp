// A client declines a granular request through POST /api/commands: the reason is validated,
// the link is used up, and the partner (only) sees the decline with its reason and a notice.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";

const nlohmann::json* relationshipIn(const nlohmann::json& view, const std::string& id) {
  for (const auto& r : view["snapshot"]["relationships"])
    if (r["id"] == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("a client declines a relationship request with a reason the partner sees", "[decline]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api rival = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  Api customer = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);
  Api customerUser = Api::signIn(server, "user@northwind.onmicrosoft.com", kPassword);

  Reply created = partner.post(
      kRelationships,
      {{"displayName", "Northwind readers"},
       {"duration", "P90D"},
       {"customer", {{"tenantId", c.northwind.str()}}},
       {"accessDetails",
        {{"unifiedRoles", {{{"roleDefinitionId", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"}}}}}}});
  REQUIRE(created.status == 201);
  const std::string id = created.body["id"];
  Reply lock =
      partner.post(kRelationships + "/" + id + "/requests", {{"action", "lockForApproval"}});
  REQUIRE(lock.status == 201);
  const std::string link = lock.body["approvalLink"];
  const std::string token = link.substr(link.find("token=") + 6);
  auto decline = [&](const Api& as, const std::string& tok, const std::string& reason) {
    return as.command("declineRelationship",
                      {{"relationshipId", id}, {"token", tok}, {"reason", reason}});
  };

  // Refusals: who, which link, what reason; none changes anything.
  CHECK(decline(customerUser, token, "").status == 403);
  Reply wrong = decline(customer, "wrong-token-wrong-token", "");
  CHECK(wrong.code() == "invalidApprovalLink");
  Reply tooLong = decline(customer, token, std::string(501, 'x'));
  CHECK(tooLong.status == 400);
  CHECK(tooLong.code() == "invalidReason");
  CHECK(partner.get(kRelationships + "/" + id).body["status"] == "approvalPending");

  const std::string reason = "We only grant Global Reader through our MSP contract.";
  Reply declined = decline(customer, token, reason);
  INFO(declined.text);
  REQUIRE(declined.status == 200);
  // Single use: the link answers once, and the approval page no longer shows the request.
  CHECK(decline(customer, token, "again").status == 409);
  CHECK(
      customer.command("approveRelationship", {{"relationshipId", id}, {"token", token}}).status ==
      409);
  CHECK(Api(server).get("/api/approvals/" + id + "?token=" + token).status == 404);

  // The partner sees it declined, with the reason, and a notification that quotes it.
  CHECK(partner.get(kRelationships + "/" + id).body["status"] == "declined");
  Reply view = partner.get("/api/view");
  REQUIRE(view.status == 200);
  const nlohmann::json* r = relationshipIn(view.body, id);
  REQUIRE(r);
  CHECK((*r)["status"] == "declined");
  CHECK((*r)["declineReason"] == reason);
  bool noticed = false;
  for (const auto& n : view.body["snapshot"]["notifications"])
    noticed = noticed || (n["kind"] == "relationshipDeclined" &&
                          n["text"].get<std::string>().find(reason) != std::string::npos);
  CHECK(noticed);
  // Another partner learns nothing of it.
  CHECK_FALSE(relationshipIn(rival.get("/api/view").body, id));
}
