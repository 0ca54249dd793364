// The customer's side of a granular request: declining it, with a reason the partner sees.
#include <catch2/catch.hpp>

#include "core/authorize.hpp"
#include "core/json_forms.hpp"
#include "core/read_model.hpp"
#include "core/validation.hpp"
#include "core/visibility.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

struct Request : SeedCast {
  RelationshipId rel;
  std::string token;

  explicit Request(std::optional<TenantId> to = std::nullopt) {
    CreateRelationship c;
    c.displayName = "Contoso helpdesk";
    c.customerTenantId = to ? to : std::optional<TenantId>(customer);
    c.accessDetails.unifiedRoles = {Role::helpdeskAdministrator, Role::globalReader};
    c.duration = Duration::ofDays(180);
    rel = World::find<RelationshipCreated>(w.run(w.as(partnerAdmin), c))->relationship.id;
    token = w.secretOf(w.run(w.as(partnerAdmin), LockForApproval{rel}));
  }
  Decision decline(UserId who, std::string reason, std::string tok = "") {
    return w.run(w.as(who), DeclineRelationship{rel, tok.empty() ? token : tok, std::move(reason)});
  }
};

}  // namespace

TEST_CASE("declining a request needs the customer's Global Administrator and the link") {
  Request q;
  World& w = q.w;
  CHECK(codeOf(q.decline(q.customerUser, "")) == "insufficientRole");
  CHECK(codeOf(q.decline(q.customerAdmin, "", "wrong-token-wrong-token")) == "invalidApprovalLink");
  CHECK(codeOf(q.decline(q.partnerAdmin, "")) == "notACustomerTenant");
  TenantId other = w.tenant(TenantKind::customer, "Northwind", "northwind");
  UserId otherAdmin =
      w.user(other, "admin@northwind.onmicrosoft.com", "N", {Role::globalAdministrator});
  CHECK(codeOf(q.decline(otherAdmin, "")) == "relationshipNotFound");
  // The reason is bounded and plain text (line breaks allowed).
  Decision tooLong = q.decline(q.customerAdmin, std::string(kMaxDeclineReason + 1, 'x'));
  CHECK(codeOf(tooLong) == "invalidReason");
  CHECK(tooLong.error->message.find("at most 500") != std::string::npos);
  CHECK(codeOf(q.decline(q.customerAdmin, "bell\a")) == "invalidReason");
  // Refusals change nothing.
  CHECK(w.state.findRelationship(q.rel)->status == RelationshipStatus::approvalPending);
}

TEST_CASE("a declined request records the reason, uses up the link and tells the partner") {
  Request q;
  World& w = q.w;
  const std::string reason = "We only grant\nGlobal Reader this year.";
  Decision d = q.decline(q.customerAdmin, reason);
  REQUIRE(d.ok());
  const Relationship* r = w.state.findRelationship(q.rel);
  CHECK(r->status == RelationshipStatus::declined);
  CHECK(r->declineReason == reason);
  CHECK(r->approvalLinkUsed);
  CHECK(r->approvalTokenHash.empty());
  CHECK_FALSE(r->activatedDateTime);
  CHECK(statusLabel(displayStatus(*r, w.now)) == "Declined");
  CHECK(statusTone(RelationshipStatus::declined) == StatusTone::ended);
  CHECK(standingOf(RelationshipStatus::declined) == ClientStanding::ended);
  const RelationshipOperations ops = allowedOperations(*r, w.now);
  CHECK_FALSE(ops.terminate);
  CHECK_FALSE(ops.revealApprovalLink);
  CHECK_FALSE(ops.assignAccess);

  const auto* note = World::find<NotificationCreated>(d);
  REQUIRE(note);
  CHECK(note->notification.kind == NotificationKind::relationshipDeclined);
  CHECK(note->notification.tenantId == q.partner);
  CHECK(note->notification.text.find(reason) != std::string::npos);
  CHECK(note->notification.text.find("Carla Admin") != std::string::npos);
  CHECK(World::count<EmailQueued>(d) == 1);

  // Single use: neither answer works again.
  CHECK(codeOf(q.decline(q.customerAdmin, "")) == "approvalLinkAlreadyUsed");
  CHECK(codeOf(w.run(w.as(q.customerAdmin), ApproveRelationship{q.rel, q.token})) ==
        "approvalLinkAlreadyUsed");
  // It grants nothing, and the refusal to act there says why.
  Authorization a = authorize(w.state, w.as(q.fullAgent, q.customer), Action::readDirectory,
                              Target::inTenant(q.customer));
  CHECK_FALSE(a.allowed);
  CHECK(
      explain(w.state, a).find("Contoso declined the relationship request \"Contoso helpdesk\"") !=
      std::string::npos);
}

TEST_CASE("the partner sees a decline and its reason; other partners do not") {
  Request q;
  World& w = q.w;
  TenantId rival = w.tenant(TenantKind::partner, "Rival", "rival");
  UserId rivalAdmin =
      w.user(rival, "admin@rival.onmicrosoft.com", "R", {Role::globalAdministrator});
  Decision d = q.decline(q.customerAdmin, "Not now");
  REQUIRE(d.ok());
  const Event declined = *World::find<RelationshipDeclined>(d);
  CHECK(canSee(w.state, q.partnerAdmin, declined));
  CHECK(canSee(w.state, q.customerAdmin, declined));
  CHECK_FALSE(canSee(w.state, rivalAdmin, declined));
  State partnerView = viewOf(w.state, q.partnerAdmin);
  REQUIRE(partnerView.findRelationship(q.rel));
  CHECK(partnerView.findRelationship(q.rel)->declineReason == "Not now");
  CHECK_FALSE(viewOf(w.state, rivalAdmin).findRelationship(q.rel));
}

TEST_CASE("a request sent without a customer names who declined it") {
  SeedCast s;
  World& w = s.w;
  CreateRelationship c;
  c.displayName = "Open request";
  c.accessDetails.unifiedRoles = {Role::globalReader};
  c.duration = Duration::ofDays(30);
  RelationshipId rel =
      World::find<RelationshipCreated>(w.run(w.as(s.partnerAdmin), c))->relationship.id;
  std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  REQUIRE(w.run(w.as(s.customerAdmin), DeclineRelationship{rel, token, std::nullopt}).ok());
  const Relationship* r = w.state.findRelationship(rel);
  REQUIRE(r->customer);
  CHECK(r->customer->tenantId == s.customer);
  CHECK(r->declineReason.empty());
}

TEST_CASE("a lapsed request can no longer be declined") {
  Request q;
  World& w = q.w;
  w.now = w.now + Duration::ofDays(91);
  // Before the clock's tick marks it expired, the decider refuses on its own.
  CHECK(codeOf(q.decline(q.customerAdmin, "")) == "approvalRequestExpired");
  w.runAsSystem(AdvanceClock{w.now});
  CHECK(w.state.findRelationship(q.rel)->status == RelationshipStatus::expired);
  CHECK(codeOf(q.decline(q.customerAdmin, "")) != "ok");
}

TEST_CASE("decline commands and events have a JSON form; old relationships load without reason") {
  nlohmann::json j = toJson(Command{DeclineRelationship{
      RelationshipId(*Guid::parse("11111111-2222-3333-4444-555555555555")), "tok", "why"}});
  CHECK(j["type"] == "declineRelationship");
  CHECK(j["reason"] == "why");
  j.erase("reason");  // optional: a decline without words
  auto back = commandFromJson(j);
  REQUIRE(back.ok());
  CHECK_FALSE(std::get<DeclineRelationship>(back.value()).reason);

  Request q;
  nlohmann::json created = toJson(Event{RelationshipCreated{*q.w.state.findRelationship(q.rel)}});
  REQUIRE(created["relationship"].contains("declineReason"));
  created["relationship"].erase("declineReason");  // an events.db from before declines
  REQUIRE(eventFromJson(created).ok());
}
