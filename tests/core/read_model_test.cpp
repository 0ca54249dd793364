// The read model's answers (core/read_model.hpp) against decide(): a button the screens show for
// a relationship is exactly a command the core accepts, in every status and for every kind of
// terms. The web once restated this state machine and offered Terminate on a pending request.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/policy.hpp"
#include "core/read_model.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

RelationshipId approved(SeedCast& s, const std::string& name, RoleSet roles, Duration extend) {
  World& w = s.w;
  CreateRelationship c;
  c.displayName = name;
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = roles;
  c.duration = Duration::ofDays(90);
  c.autoExtendDuration = extend;
  const RelationshipId rel =
      World::find<RelationshipCreated>(w.run(w.as(s.partnerAdmin), c))->relationship.id;
  const std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token});
  return rel;
}

// Would the core carry out `c` for the partner's admin now? (Decided, never applied.)
bool accepted(World& w, const Principal& p, const Command& c) {
  return decide(w.state, p, c, w.source.contextFor(w.now, c)).ok();
}

}  // namespace

TEST_CASE("allowedOperations is what decide() accepts, in every status", "[read_model]") {
  SeedCast s;
  World& w = s.w;
  const GroupId group =
      World::find<GroupCreated>(w.run(w.as(s.partnerAdmin), CreateGroup{"Helpdesk"}))->group.id;
  struct Terms {
    const char* name;
    RoleSet roles;
    Duration extend;
  };
  const Terms terms[] = {
      {"with Global Administrator",
       RoleSet{Role::globalAdministrator, Role::userAdministrator},
       {}},
      {"without it", RoleSet{Role::userAdministrator}, {}},
      {"extending itself", RoleSet{Role::userAdministrator}, Duration::ofDays(180)},
  };
  const RelationshipStatus statuses[] = {
      RelationshipStatus::created,    RelationshipStatus::approvalPending,
      RelationshipStatus::active,     RelationshipStatus::approved,
      RelationshipStatus::expiring,   RelationshipStatus::expired,
      RelationshipStatus::terminated, RelationshipStatus::terminationRequested,
  };
  const Principal admin = w.as(s.partnerAdmin);
  for (const Terms& t : terms) {
    const RelationshipId id = approved(s, t.name, t.roles, t.extend);
    for (RelationshipStatus status : statuses) {
      w.state.relationships.find(id)->second.status = status;
      const Relationship& r = *w.state.findRelationship(id);
      const RelationshipOperations ops = allowedOperations(r, w.now);
      INFO(t.name << ", " << enumName(status));
      CHECK(ops.lockForApproval == accepted(w, admin, LockForApproval{id}));
      // Its status allows it; the link itself may still be one made before links could be
      // derived again, refused apart.
      const Decision reveal = decide(w.state, admin, RevealApprovalLink{id},
                                     w.source.contextFor(w.now, Command{RevealApprovalLink{id}}));
      CHECK(ops.revealApprovalLink ==
            (reveal.ok() || reveal.error->code == errc::approvalLinkNotAvailable));
      CHECK(ops.removeGlobalAdministrator == accepted(w, admin, RemoveGlobalAdministrator{id}));
      UpdateRelationship extend;
      extend.relationshipId = id;
      extend.autoExtendDuration = Duration::ofDays(180);
      // Turning on what is already on changes nothing, so it is not offered.
      if (t.extend == Duration{})
        CHECK(ops.turnOnAutoExtend == accepted(w, admin, extend));
      else
        CHECK_FALSE(ops.turnOnAutoExtend);
      CHECK(ops.terminate == accepted(w, admin, TerminateRelationship{id}));
      CreateAccessAssignment assign;
      assign.relationshipId = id;
      assign.accessContainer.accessContainerId = group;
      assign.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
      CHECK(ops.assignAccess == accepted(w, admin, assign));
    }
  }
}

TEST_CASE("displayStatus follows the clock before the tick does", "[read_model]") {
  SeedCast s;
  const RelationshipId month = approved(s, "Month", RoleSet{Role::userAdministrator}, {});
  const Relationship& r = *s.w.state.findRelationship(month);
  const Timestamp end = *r.endDateTime;
  CHECK(displayStatus(r, s.w.now) == RelationshipStatus::active);
  CHECK(displayStatus(r, end - Duration::ofDays(5)) == RelationshipStatus::expiring);
  CHECK(displayStatus(r, end) == RelationshipStatus::expired);
  // Past its end nothing more can be done with it from the screens.
  const RelationshipOperations after = allowedOperations(r, end);
  CHECK_FALSE(after.terminate);
  CHECK_FALSE(after.assignAccess);
  CHECK(statusLabel(RelationshipStatus::approvalPending) == "Approval pending");
  CHECK(auditActionLabel("resetPassword") == "Reset password");
  CHECK(actionTitle(Action::resetPassword) == "Reset passwords");
}

TEST_CASE("a client's standing: the best relationship wins, and only a live one is active",
          "[read_model]") {
  // Every displayed status has one standing; only those that grant access are active/expiring.
  const RelationshipStatus all[] = {
      RelationshipStatus::created,    RelationshipStatus::approvalPending,
      RelationshipStatus::active,     RelationshipStatus::approved,
      RelationshipStatus::expiring,   RelationshipStatus::expired,
      RelationshipStatus::terminated, RelationshipStatus::terminationRequested,
      RelationshipStatus::terminating};
  for (RelationshipStatus st : all) {
    INFO(enumName(st));
    const ClientStanding standing = standingOf(st);
    CHECK(standing != ClientStanding::none);
    CHECK(grantsAccess(st) ==
          (standing == ClientStanding::active || standing == ClientStanding::expiring));
  }
  CHECK(standingOf(RelationshipStatus::created) == ClientStanding::pending);
  CHECK(betterStanding(ClientStanding::none, ClientStanding::ended) == ClientStanding::ended);
  CHECK(betterStanding(ClientStanding::ended, ClientStanding::none) == ClientStanding::ended);
  CHECK(betterStanding(ClientStanding::pending, ClientStanding::expiring) ==
        ClientStanding::expiring);
  CHECK(betterStanding(ClientStanding::active, ClientStanding::expiring) == ClientStanding::active);
  CHECK(standingLabel(ClientStanding::pending) == statusLabel(RelationshipStatus::approvalPending));
  CHECK(statusTone(ClientStanding::active) == statusTone(RelationshipStatus::active));
  CHECK(statusTone(ClientStanding::expiring) == statusTone(RelationshipStatus::expiring));
}

TEST_CASE("the wizard's lengths are the policy's, and read as the detail reads them",
          "[read_model]") {
  const std::vector<Duration> choices = durationChoices();
  REQUIRE_FALSE(choices.empty());
  CHECK(choices.back() == policy::kMaxDuration);
  for (size_t i = 0; i < choices.size(); ++i) {
    INFO(formatDuration(choices[i]));
    CHECK(choices[i] >= policy::kMinDuration);
    CHECK(choices[i] <= policy::kMaxDuration);
    if (i > 0) CHECK(choices[i - 1] < choices[i]);
  }
  CHECK(durationLabel(Duration::ofDays(1)) == "1 day");
  CHECK(durationLabel(Duration::ofDays(30)) == "30 days");
  CHECK(durationLabel(Duration::ofDays(365)) == "1 year (365 days)");
  CHECK(durationLabel(Duration::ofDays(730)) == "2 years (730 days)");
}

TEST_CASE("assignment statuses and audit outcomes in words and tones", "[read_model]") {
  CHECK(statusLabel(AccessAssignmentStatus::active) == "Active");
  CHECK(statusTone(AccessAssignmentStatus::active) == StatusTone::good);
  CHECK(statusTone(AccessAssignmentStatus::pending) == StatusTone::attention);
  CHECK(outcomeLabel(AuditOutcome::allowed) == "Allowed");
  CHECK(outcomeLabel(AuditOutcome::refused) == "Refused");
  CHECK(statusTone(AuditOutcome::refused) == StatusTone::ended);
  CHECK(offerKindLabel(OfferKind::trialInvitation) == "Trial invitation");
}
