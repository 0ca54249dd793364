// When a relationship counts as expiring (core/expiry.hpp): in its last 30 days and its last
// quarter, never when it extends itself or has no end; the clock tick follows the same rule.
#include <catch2/catch.hpp>

#include "core/expiry.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

Relationship activeFor(Duration d, Timestamp activated) {
  Relationship r;
  r.kind = RelationshipKind::granular;
  r.status = RelationshipStatus::active;
  r.duration = d;
  r.activatedDateTime = activated;
  r.endDateTime = activated + d;
  return r;
}

}  // namespace

TEST_CASE("expiring: the last 30 days and the last quarter of a relationship", "[expiry]") {
  const Timestamp t0{1'800'000'000};
  const Duration hour = Duration::ofSeconds(3600);

  // A 30-day relationship is not expiring on its first day, nor with 8 days left: 7.5 days.
  Relationship month = activeFor(Duration::ofDays(30), t0);
  CHECK(expiringWindow(month) == Duration::ofSeconds(30 * 86400 / 4));
  CHECK_FALSE(isExpiring(month, t0));
  CHECK_FALSE(isExpiring(month, t0 + Duration::ofDays(22)));
  CHECK(isExpiring(month, t0 + Duration::ofDays(23)));
  CHECK(isExpiring(month, *month.endDateTime - hour));
  CHECK_FALSE(isExpiring(month, *month.endDateTime));  // ended: expired, not expiring

  // A 2-year relationship: its last 30 days.
  Relationship twoYears = activeFor(Duration::ofDays(730), t0);
  CHECK(expiringWindow(twoYears) == Duration::ofDays(30));
  CHECK_FALSE(isExpiring(twoYears, *twoYears.endDateTime - Duration::ofDays(30) - hour));
  CHECK(isExpiring(twoYears, *twoYears.endDateTime - Duration::ofDays(30)));

  // A one-day relationship: its last 6 hours.
  Relationship day = activeFor(Duration::ofDays(1), t0);
  CHECK_FALSE(isExpiring(day, t0 + Duration::ofSeconds(17 * 3600)));
  CHECK(isExpiring(day, t0 + Duration::ofSeconds(18 * 3600)));

  // One that extends itself never expires; a standing delegated grant has no end.
  Relationship extending = activeFor(Duration::ofDays(30), t0);
  extending.autoExtendDuration = Duration::ofDays(180);
  CHECK_FALSE(isExpiring(extending, *extending.endDateTime - hour));
  Relationship dap;
  dap.kind = RelationshipKind::dap;
  dap.status = RelationshipStatus::active;
  CHECK_FALSE(isExpiring(dap, t0));

  // Only a relationship that grants access can be expiring.
  Relationship pending = activeFor(Duration::ofDays(30), t0);
  pending.status = RelationshipStatus::approvalPending;
  CHECK_FALSE(isExpiring(pending, *pending.endDateTime - hour));
}

TEST_CASE("a fresh 30-day relationship says nothing about expiring until its last quarter",
          "[expiry]") {
  SeedCast s;
  World& w = s.w;
  CreateRelationship c;
  c.displayName = "Contoso month";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
  c.duration = Duration::ofDays(30);
  Decision made = w.run(w.as(s.partnerAdmin), c);
  REQUIRE(made.ok());
  const RelationshipId rel = World::find<RelationshipCreated>(made)->relationship.id;
  const std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  REQUIRE(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token}).ok());
  const Timestamp end = *w.state.findRelationship(rel)->endDateTime;

  // The day it is approved, and with 8 days left: no status change, no "expires soon".
  for (Timestamp at : {w.now + Duration::ofSeconds(60), end - Duration::ofDays(8)}) {
    Decision tick = w.runAsSystem(AdvanceClock{at});
    CHECK(World::count<RelationshipStatusChanged>(tick) == 0);
    CHECK(World::count<NotificationCreated>(tick) == 0);
    w.now = at;
  }
  // With 7 days left it is expiring, and the partner is told once.
  Decision soon = w.runAsSystem(AdvanceClock{end - Duration::ofDays(7)});
  REQUIRE(World::find<RelationshipStatusChanged>(soon));
  CHECK(World::find<RelationshipStatusChanged>(soon)->status == RelationshipStatus::expiring);
  CHECK(World::find<NotificationCreated>(soon)->notification.kind ==
        NotificationKind::relationshipExpiringSoon);
  w.now = end - Duration::ofDays(7);
  Decision again = w.runAsSystem(AdvanceClock{end - Duration::ofDays(6)});
  CHECK(World::count<NotificationCreated>(again) == 0);
  CHECK(replay(w.log) == w.state);
}
