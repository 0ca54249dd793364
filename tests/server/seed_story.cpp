#include "seed_story.hpp"

#include <catch2/catch.hpp>

#include "api_sign_in.hpp"

namespace delegate::testing {

namespace {

bool viewHas(const nlohmann::json& snapshot, const char* list, const std::string& field,
             const std::string& value) {
  if (!snapshot.contains(list)) return false;
  for (const auto& item : snapshot[list])
    if (item.contains(field) && item[field].is_string() && item[field] == value) return true;
  return false;
}

}  // namespace

void walkSeedStory(const Cast& c, const Api& entry) {
  Api partnerAdmin = tokenVia(entry, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api agent = tokenVia(entry, "agent@alphapartners.onmicrosoft.com", kPassword);
  agent.actingTenant = c.contoso.str();
  Api customerAdmin = tokenVia(entry, "admin@contoso.onmicrosoft.com", kPassword);

  // Before the customer says yes, the partner's agent cannot touch it.
  Reply early = agent.command("addUser", {{"userPrincipalName", "early@contoso.onmicrosoft.com"},
                                          {"displayName", "Too Early"}});
  CHECK(early.status == 403);
  CHECK(early.code() == "noActiveRelationship");

  // The partner admin creates a reusable offer link.
  Reply offer = partnerAdmin.command("createOffer");
  REQUIRE(offer.status == 200);
  REQUIRE(offer.body["secrets"].size() == 1);
  const std::string token = offer.body["secrets"][0]["value"];
  CHECK(offer.body["revision"].get<std::uint64_t>() > 0);

  // Anyone with the link sees who asks and what it would grant, and nothing else.
  Reply pub = entry.get("/api/offers/" + token);
  REQUIRE(pub.status == 200);
  CHECK(pub.body["partner"]["displayName"] == "Alpha Partners");
  CHECK(pub.body["offer"]["kind"] == "delegatedAdmin");
  CHECK(pub.body["grants"].size() == 2);
  CHECK_FALSE(pub.body["offer"].contains("acceptedBy"));
  CHECK(entry.get("/api/offers/not-a-real-token").status == 404);

  // The customer's Global Administrator accepts.
  Reply accepted = customerAdmin.command("acceptOffer", {{"token", token}});
  INFO(accepted.text);
  REQUIRE(accepted.status == 200);

  // The partner is told: a notification and an email in its view.
  Reply view = partnerAdmin.get("/api/view");
  REQUIRE(view.status == 200);
  REQUIRE(view.body.contains("snapshot"));
  const nlohmann::json& snap = view.body["snapshot"];
  bool notified = false;
  for (const auto& n : snap["notifications"]) notified = notified || n["kind"] == "offerAccepted";
  CHECK(notified);
  CHECK(snap["outbox"].size() >= 1);
  CHECK(viewHas(snap, "tenants", "displayName", "Contoso"));

  // Full administration: add a user, reset a password, add a domain, all in the customer.
  Reply added = agent.command("addUser", {{"userPrincipalName", "new@contoso.onmicrosoft.com"},
                                          {"displayName", "New Person"}});
  INFO(added.text);
  REQUIRE(added.status == 200);
  std::string temporary;
  for (const auto& s : added.body["secrets"])
    if (s["kind"] == "temporaryPassword") temporary = s["value"];
  REQUIRE_FALSE(temporary.empty());
  // The new user signs in with the temporary password the agent was shown.
  browserVia(entry, "new@contoso.onmicrosoft.com", temporary);

  Reply reset = agent.command("resetPassword", {{"userId", c.contosoUser.str()}});
  REQUIRE(reset.status == 200);
  Reply domain = agent.command("addDomain", {{"name", "contoso-example.com"}});
  INFO(domain.text);
  CHECK(domain.status == 200);

  // Limited administration (Password Administrator) cannot add users.
  Api limited = tokenVia(entry, "limited@alphapartners.onmicrosoft.com", kPassword);
  limited.actingTenant = c.contoso.str();
  Reply limitedAdd = limited.command(
      "addUser", {{"userPrincipalName", "nope@contoso.onmicrosoft.com"}, {"displayName", "No"}});
  CHECK(limitedAdd.status == 403);
  CHECK(limited.command("resetPassword", {{"userId", c.contosoUser.str()}}).status == 200);

  // Mobile device management is never available through delegated access.
  Reply wipe = agent.command("wipeDevice", {{"deviceId", "device-1"}});
  CHECK(wipe.status == 403);
  CHECK(wipe.code() == "mdmNotSupportedForDelegatedAccess");
  CHECK(wipe.body["error"]["message"].get<std::string>().size() > 20);

  // The customer sees its partner and removes it; the agent is locked out at once.
  Reply customerView = customerAdmin.get("/api/view");
  REQUIRE(customerView.status == 200);
  CHECK(viewHas(customerView.body["snapshot"], "tenants", "displayName", "Alpha Partners"));
  Reply removed = customerAdmin.command("removePartner", {{"partnerTenantId", c.alpha.str()}});
  INFO(removed.text);
  REQUIRE(removed.status == 200);
  Reply late = agent.command("resetPassword", {{"userId", c.contosoUser.str()}});
  CHECK(late.status == 403);

  // Every decision, allowed or refused, is in the customer's audit, attributed to the agent.
  Reply audit = customerAdmin.get("/api/view");
  int refusedByAgent = 0, allowedByAgent = 0;
  for (const auto& a : audit.body["snapshot"]["audit"]) {
    if (a["actorUserPrincipalName"] != "agent@alphapartners.onmicrosoft.com") continue;
    (a["outcome"] == "refused" ? refusedByAgent : allowedByAgent)++;
  }
  CHECK(allowedByAgent >= 3);  // addUser, resetPassword, addDomain
  // wipeDevice, late resetPassword (the relationship still names Alpha); the early addUser,
  // before any relationship, is not Contoso's business and is only counted.
  CHECK(refusedByAgent >= 2);
}

}  // namespace delegate::testing
