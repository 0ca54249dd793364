// Approval links that can be copied again: derived from the relationship's id under a key the
// caller holds (as Graph derives its link from the id), given again only to the partner's
// administrators and only while the request waits.
#include <catch2/catch.hpp>

#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

constexpr const char* kKey = "a server's link key, 32 or more characters long";

RelationshipId createRelationship(SeedCast& s) {
  CreateRelationship c;
  c.displayName = "Contoso helpdesk";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{Role::helpdeskAdministrator};
  c.duration = Duration::ofDays(90);
  Decision made = s.w.run(s.w.as(s.partnerAdmin), c);
  REQUIRE(made.ok());
  return World::find<RelationshipCreated>(made)->relationship.id;
}

}  // namespace

TEST_CASE("a waiting request's approval link is given again, the same link, and it works") {
  SeedCast s;
  World& w = s.w;
  w.source.setOfferLinkKey(kKey);
  const RelationshipId rel = createRelationship(s);
  // Not yet sent: there is no link to give.
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), RevealApprovalLink{rel})) ==
        "relationshipStatusConflict");

  Decision locked = w.run(w.as(s.partnerAdmin), LockForApproval{rel});
  REQUIRE(locked.ok());
  const std::string token = w.secretOf(locked);
  CHECK(token == approvalLinkToken(kKey, rel));
  CHECK(approvalLinkToken(kKey, rel) != offerLinkToken(kKey, rel.guid));  // kinds never collide

  Decision again = w.run(w.as(s.partnerAdmin), RevealApprovalLink{rel});
  REQUIRE(again.ok());
  CHECK(w.secretOf(again) == token);
  REQUIRE(again.secrets.size() == 1);
  CHECK(again.secrets.front().kind == SecretKind::approvalToken);
  // Only its audit record: nothing changes, and revealing is audited like any action.
  REQUIRE(again.events.size() == 1);
  const AuditRecorded* audit = World::find<AuditRecorded>(again);
  REQUIRE(audit);
  CHECK(audit->record.action == "revealApprovalLink");

  // Only the partner's administrators; the client and other partners see no such request.
  CHECK(codeOf(w.run(w.as(s.fullAgent), RevealApprovalLink{rel})) != "ok");
  CHECK(codeOf(w.run(w.as(s.noAccessAgent), RevealApprovalLink{rel})) != "ok");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), RevealApprovalLink{rel})) == "relationshipNotFound");

  // The revealed link approves; afterwards there is nothing to give again.
  REQUIRE(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, w.secretOf(again)}).ok());
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), RevealApprovalLink{rel})) ==
        "relationshipStatusConflict");
}

TEST_CASE("a link not derived from the id, or a wrong one, is never handed out") {
  SeedCast s;
  World& w = s.w;
  w.source.setOfferLinkKey("");  // links made with fresh secrets, as before keys existed
  const RelationshipId rel = createRelationship(s);
  REQUIRE(w.run(w.as(s.partnerAdmin), LockForApproval{rel}).ok());
  w.source.setOfferLinkKey(kKey);
  Decision refused = w.run(w.as(s.partnerAdmin), RevealApprovalLink{rel});
  CHECK(codeOf(refused) == "approvalLinkNotAvailable");
  CHECK(refused.secrets.empty());

  Context wrong = w.source.contextFor(w.now, RevealApprovalLink{rel});
  wrong.approvalLink->token = approvalLinkToken("some other key, just as long as the first", rel);
  CHECK(codeOf(decide(w.state, w.as(s.partnerAdmin), RevealApprovalLink{rel}, wrong)) ==
        "approvalLinkNotAvailable");
  Context none{w.now, {}, {}};
  CHECK(codeOf(decide(w.state, w.as(s.partnerAdmin), RevealApprovalLink{rel}, none)) ==
        "approvalLinkNotAvailable");
}
