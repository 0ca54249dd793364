// Granular relationships (Graph delegatedAdminRelationship semantics), access assignments,
// time, and the explanation of access.
#include <catch2/catch.hpp>

#include "core/authorize.hpp"
#include "core/visibility.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

CreateRelationship terms(std::string name, RoleSet roles, std::optional<TenantId> customer,
                         Duration duration = Duration::ofDays(730), Duration ext = {}) {
  CreateRelationship c;
  c.displayName = std::move(name);
  c.customerTenantId = customer;
  c.accessDetails.unifiedRoles = roles;
  c.duration = duration;
  c.autoExtendDuration = ext;
  return c;
}

struct Granular : SeedCast {
  GroupId helpdesk;
  UserId helpdeskAgent;
  RelationshipId rel;
  std::string approvalToken;

  Granular() {
    helpdeskAgent = w.user(partner, "hd@fabrikampartners.onmicrosoft.com", "Hana Helpdesk");
    helpdesk = World::find<GroupCreated>(w.run(w.as(partnerAdmin), CreateGroup{"Helpdesk agents"}))
                   ->group.id;
    w.run(w.as(partnerAdmin), AddGroupMember{helpdesk, helpdeskAgent});
    Decision d =
        w.run(w.as(partnerAdmin),
              terms("Contoso support",
                    {Role::userAdministrator, Role::helpdeskAdministrator, Role::globalReader},
                    customer, Duration::ofDays(365)));
    rel = World::find<RelationshipCreated>(d)->relationship.id;
    approvalToken = w.secretOf(w.run(w.as(partnerAdmin), LockForApproval{rel}));
  }
  Decision approve() { return w.run(w.as(customerAdmin), ApproveRelationship{rel, approvalToken}); }
  Decision assign(RoleSet roles) {
    CreateAccessAssignment c;
    c.relationshipId = rel;
    c.accessContainer.accessContainerId = helpdesk;
    c.accessDetails.unifiedRoles = roles;
    return w.run(w.as(partnerAdmin), c);
  }
};

}  // namespace

TEST_CASE("relationship terms are validated like Graph") {
  SeedCast s;
  auto create = [&](CreateRelationship c) { return codeOf(s.w.run(s.w.as(s.partnerAdmin), c)); };
  RoleSet ua{Role::userAdministrator};
  CHECK(create(terms(std::string(51, 'x'), ua, s.customer)) == "invalidDisplayName");
  CHECK(create(terms("", ua, s.customer)) == "invalidDisplayName");
  CHECK(create(terms("ok", {}, s.customer)) == "invalidRoles");
  CHECK(create(terms("ok", ua, s.customer, Duration::ofDays(731))) == "invalidDuration");
  CHECK(create(terms("ok", ua, s.customer, Duration{0})) == "invalidDuration");
  CHECK(create(terms("ok", ua, s.customer, Duration{86400 + 5})) == "invalidDuration");
  CHECK(create(terms("ok", ua, s.customer, Duration::ofDays(730), Duration::ofDays(90))) ==
        "invalidAutoExtendDuration");
  CHECK(create(terms("ok", {Role::globalAdministrator}, s.customer, Duration::ofDays(730),
                     Duration::ofDays(180))) == "autoExtendNotAllowedWithGlobalAdministrator");
  CHECK(create(terms("ok", ua, s.partner)) == "notACustomerTenant");
  CHECK(create(terms(std::string(50, 'x'), ua, s.customer, Duration::ofDays(1))) == "ok");
  CHECK(create(terms("Shared", ua, std::nullopt, Duration::ofDays(730), Duration::ofDays(180))) ==
        "ok");
  CHECK(create(terms("shared", ua, s.customer)) == "duplicateDisplayName");
  // Only partner admins manage relationships, and never through delegation.
  CHECK(codeOf(s.w.run(s.w.as(s.fullAgent), terms("agent's", ua, s.customer))) ==
        "insufficientRole");
  CHECK(codeOf(s.w.run(s.w.as(s.customerAdmin), terms("customer's", ua, s.customer))) ==
        "notAPartnerTenant");
}

TEST_CASE("relationship lifecycle: created, approvalPending, active, single-use approval") {
  Granular g;
  World& w = g.w;
  const Relationship* r = w.state.findRelationship(g.rel);
  CHECK(r->status == RelationshipStatus::approvalPending);
  CHECK(r->approvalTokenHash == sha256Hex(g.approvalToken));
  // Edits only while created.
  UpdateRelationship rename;
  rename.relationshipId = g.rel;
  rename.displayName = "Renamed";
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), rename)) == "relationshipStatusConflict");
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), DeleteRelationship{g.rel})) ==
        "relationshipStatusConflict");

  // Approval needs the customer's Global Administrator and the link's token.
  CHECK(codeOf(w.run(w.as(g.customerUser), ApproveRelationship{g.rel, g.approvalToken})) ==
        "insufficientRole");
  CHECK(
      codeOf(w.run(w.as(g.customerAdmin), ApproveRelationship{g.rel, "wrong-token-wrong-token"})) ==
      "invalidApprovalLink");
  TenantId other = w.tenant(TenantKind::customer, "Northwind", "northwind");
  UserId otherAdmin =
      w.user(other, "admin@northwind.onmicrosoft.com", "N", {Role::globalAdministrator});
  CHECK(codeOf(w.run(w.as(otherAdmin), ApproveRelationship{g.rel, g.approvalToken})) ==
        "relationshipNotFound");

  Decision approved = g.approve();
  REQUIRE(approved.ok());
  r = w.state.findRelationship(g.rel);
  CHECK(r->status == RelationshipStatus::active);
  CHECK(r->activatedDateTime == w.now);
  CHECK(r->endDateTime == w.now + Duration::ofDays(365));
  CHECK(World::find<NotificationCreated>(approved)->notification.kind ==
        NotificationKind::relationshipApproved);
  CHECK(codeOf(g.approve()) == "approvalLinkAlreadyUsed");

  // While active: auto-extend may change (not with GA), and GA may be removed.
  UpdateRelationship ext;
  ext.relationshipId = g.rel;
  ext.autoExtendDuration = Duration::ofDays(180);
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), ext)) == "ok");
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), rename)) == "relationshipStatusConflict");
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), RemoveGlobalAdministrator{g.rel})) == "invalidRoles");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("removing Global Administrator while active, and trimming assignments") {
  SeedCast s;
  World& w = s.w;
  Decision d = w.run(w.as(s.partnerAdmin),
                     terms("GA", {Role::globalAdministrator, Role::userAdministrator}, s.customer));
  RelationshipId rel = World::find<RelationshipCreated>(d)->relationship.id;
  std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  REQUIRE(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token}).ok());
  GroupId admins =
      World::find<GroupCreated>(w.run(w.as(s.partnerAdmin), CreateGroup{"Admins"}))->group.id;
  w.run(w.as(s.partnerAdmin), AddGroupMember{admins, s.noAccessAgent});
  CreateAccessAssignment a;
  a.relationshipId = rel;
  a.accessContainer.accessContainerId = admins;
  a.accessDetails.unifiedRoles = {Role::globalAdministrator};
  AccessAssignmentId aid =
      World::find<AccessAssignmentCreated>(w.run(w.as(s.partnerAdmin), a))->accessAssignment.id;
  CHECK(w.run(w.as(s.noAccessAgent, s.customer), ResetPassword{s.customerAdmin}).ok());

  Decision removed = w.run(w.as(s.partnerAdmin), RemoveGlobalAdministrator{rel});
  REQUIRE(removed.ok());
  CHECK(w.state.findRelationship(rel)->accessDetails.unifiedRoles ==
        RoleSet{Role::userAdministrator});
  CHECK(w.state.findAccessAssignment(aid)->status == AccessAssignmentStatus::deleted);
  CHECK(codeOf(w.run(w.as(s.noAccessAgent, s.customer), ResetPassword{s.customerAdmin})) ==
        "delegatedAccessNotGranted");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), RemoveGlobalAdministrator{rel})) == "invalidRoles");
}

TEST_CASE("access assignments grant a relationship's roles to a partner group") {
  Granular g;
  World& w = g.w;
  // Not before the relationship is active.
  CHECK(codeOf(g.assign({Role::userAdministrator})) == "relationshipStatusConflict");
  REQUIRE(g.approve().ok());
  CHECK(codeOf(g.assign({Role::globalAdministrator})) == "rolesNotInRelationship");
  CHECK(codeOf(g.assign({})) == "invalidRoles");
  GroupId customerGroup =
      World::find<GroupCreated>(w.run(w.as(g.customerAdmin), CreateGroup{"Customer group"}))
          ->group.id;
  CreateAccessAssignment foreign;
  foreign.relationshipId = g.rel;
  foreign.accessContainer.accessContainerId = customerGroup;
  foreign.accessDetails.unifiedRoles = {Role::userAdministrator};
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), foreign)) == "groupNotFound");

  // Before the assignment the group member has no access.
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) ==
        "delegatedAccessNotGranted");
  Decision assigned = g.assign({Role::helpdeskAdministrator});
  REQUIRE(assigned.ok());
  AccessAssignmentId aid = World::find<AccessAssignmentCreated>(assigned)->accessAssignment.id;
  CHECK(w.state.findAccessAssignment(aid)->status == AccessAssignmentStatus::active);
  CHECK(codeOf(g.assign({Role::userAdministrator})) == "duplicateAccessAssignment");

  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) == "ok");
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerPasswordAdmin})) ==
        "ok");
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerAdmin})) ==
        "targetTooPrivileged");
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer),
                     AddUser{"n@contoso.onmicrosoft.com", "N"})) == "insufficientRole");
  // A partner user outside the group has nothing through this relationship.
  CHECK(codeOf(w.run(w.as(g.noAccessAgent, g.customer), ResetPassword{g.customerUser})) ==
        "delegatedAccessNotGranted");

  // The explanation names each link of the chain.
  Authorization a = authorize(w.state, w.as(g.helpdeskAgent, g.customer), Action::resetPassword,
                              Target::onUser(g.customer, g.customerUser));
  REQUIRE(a.allowed);
  std::vector<LinkKind> kinds;
  for (const Link& l : a) kinds.push_back(l.kind);
  CHECK(kinds == std::vector<LinkKind>{LinkKind::relationship, LinkKind::assignment,
                                       LinkKind::group, LinkKind::role, LinkKind::permission});
  CHECK(a.links[3].role == Role::helpdeskAdministrator);
  std::string sentence = explain(w.state, a);
  CHECK(sentence.find("Contoso support") != std::string::npos);
  CHECK(sentence.find("Helpdesk agents") != std::string::npos);
  CHECK(sentence.find("Helpdesk Administrator") != std::string::npos);

  Authorization denied = authorize(w.state, w.as(g.helpdeskAgent, g.customer), Action::createUser,
                                   Target::inTenant(g.customer));
  CHECK_FALSE(denied.allowed);
  CHECK(denied.code == "insufficientRole");
  REQUIRE(denied.missing);
  CHECK(denied.missing->kind == LinkKind::permission);
  CHECK(explain(w.state, denied).find("User Administrator") != std::string::npos);

  // Widening the assignment to User Administrator lets the member add users.
  UpdateAccessAssignment widen{
      aid, AccessDetails{{Role::userAdministrator, Role::helpdeskAdministrator}}};
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), widen)) == "ok");
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer),
                     AddUser{"n@contoso.onmicrosoft.com", "N"})) == "ok");
  CHECK(delegatedRoles(w.state, g.helpdeskAgent, g.customer, w.now) ==
        RoleSet{Role::userAdministrator, Role::helpdeskAdministrator});
  // Leaving the group ends it.
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), RemoveGroupMember{g.helpdesk, g.helpdeskAgent})) ==
        "ok");
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) ==
        "delegatedAccessNotGranted");
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), DeleteAccessAssignment{aid})) == "ok");
  CHECK(w.state.findAccessAssignment(aid)->status == AccessAssignmentStatus::deleted);
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), DeleteAccessAssignment{aid})) ==
        "accessAssignmentStatusConflict");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("time: expiring, expired, auto-extension and lapsed approval requests") {
  Granular g;
  World& w = g.w;
  REQUIRE(g.approve().ok());
  REQUIRE(g.assign({Role::helpdeskAdministrator}).ok());
  const Timestamp end = *w.state.findRelationship(g.rel)->endDateTime;

  // Only the platform moves the clock, and only forward.
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), AdvanceClock{end})) == "systemOnly");
  CHECK(codeOf(w.runAsSystem(AdvanceClock{w.now - Duration::ofDays(1)})) == "clockCannotGoBack");

  Decision early = w.runAsSystem(AdvanceClock{end - Duration::ofDays(31)});
  CHECK(World::count<RelationshipStatusChanged>(early) == 0);
  w.now = end - Duration::ofDays(31);
  Decision soon = w.runAsSystem(AdvanceClock{end - Duration::ofDays(30)});
  REQUIRE(World::find<RelationshipStatusChanged>(soon));
  CHECK(World::find<RelationshipStatusChanged>(soon)->status == RelationshipStatus::expiring);
  CHECK(World::find<NotificationCreated>(soon)->notification.kind ==
        NotificationKind::relationshipExpiringSoon);
  CHECK(World::find<EmailQueued>(soon));
  w.now = end - Duration::ofDays(30);
  // Still effective while expiring.
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) == "ok");

  // Past the end, access is gone even before the clock ticks...
  Authorization late =
      authorizeAt(w.state, w.as(g.helpdeskAgent, g.customer), Action::resetPassword,
                  Target::onUser(g.customer, g.customerUser), end);
  CHECK(late.code == "noActiveRelationship");
  // ...and the tick records the expiry.
  Decision expired = w.runAsSystem(AdvanceClock{end});
  CHECK(World::find<RelationshipStatusChanged>(expired)->status == RelationshipStatus::expired);
  CHECK(World::find<NotificationCreated>(expired)->notification.kind ==
        NotificationKind::relationshipExpired);
  w.now = end;
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) ==
        "noActiveRelationship");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("reads end at the second a relationship ends, with no clock tick in between") {
  Granular g;
  World& w = g.w;
  REQUIRE(g.approve().ok());
  REQUIRE(g.assign({Role::helpdeskAdministrator}).ok());
  const Timestamp end = *w.state.findRelationship(g.rel)->endDateTime;
  const Timestamp before = end - Duration::ofSeconds(1);
  REQUIRE(w.state.clock < before);  // no tick has told the state about either moment

  // Directory reads, event visibility and the whole view use the same predicate as writes.
  CHECK(canReadDirectory(w.state, g.helpdeskAgent, g.customer, before));
  CHECK_FALSE(canReadDirectory(w.state, g.helpdeskAgent, g.customer, end));
  UserCreated created;
  created.user.id = UserId(Guid{1, 2});
  created.user.tenantId = g.customer;
  CHECK(canSee(w.state, g.helpdeskAgent, Event(created), before));
  CHECK_FALSE(canSee(w.state, g.helpdeskAgent, Event(created), end));
  CHECK(viewOf(w.state, g.helpdeskAgent, before).findUser(g.customerUser));
  State after = viewOf(w.state, g.helpdeskAgent, end);
  CHECK_FALSE(after.findUser(g.customerUser));
  CHECK(after.findRelationship(g.rel));  // the relationship itself is still the partner's own
  CHECK(authorizeAt(w.state, w.as(g.helpdeskAgent, g.customer), Action::readDirectory,
                    Target::inTenant(g.customer), end)
            .code == "noActiveRelationship");

  // A sync server learns that time alone took rights away, and when to tick next.
  CHECK_FALSE(rightsEndedSinceClock(w.state, g.helpdeskAgent, before));
  CHECK(rightsEndedSinceClock(w.state, g.helpdeskAgent, end));
  CHECK_FALSE(rightsEndedSinceClock(w.state, g.customerAdmin, end));
  REQUIRE(nextRightsEnd(w.state, before));
  CHECK(*nextRightsEnd(w.state, before) == end);
  CHECK_FALSE(nextRightsEnd(w.state, end));
}

TEST_CASE("auto-extension keeps a relationship active") {
  SeedCast s;
  World& w = s.w;
  Decision d = w.run(w.as(s.partnerAdmin), terms("Auto", {Role::directoryReaders}, s.customer,
                                                 Duration::ofDays(30), Duration::ofDays(180)));
  RelationshipId rel = World::find<RelationshipCreated>(d)->relationship.id;
  std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  REQUIRE(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token}).ok());
  const Timestamp end = *w.state.findRelationship(rel)->endDateTime;
  Decision tick = w.runAsSystem(AdvanceClock{end + Duration::ofDays(1)});
  REQUIRE(World::find<RelationshipExtended>(tick));
  CHECK(World::find<RelationshipExtended>(tick)->endDateTime == end + Duration::ofDays(180));
  CHECK(w.state.findRelationship(rel)->status == RelationshipStatus::active);
  CHECK(World::find<NotificationCreated>(tick)->notification.kind ==
        NotificationKind::relationshipExtended);
}

TEST_CASE("an unanswered approval request lapses after 90 days") {
  Granular g;
  World& w = g.w;
  const Timestamp lapse = w.now + Duration::ofDays(90);
  // Without a tick, approval after 90 days is refused...
  w.now = lapse;
  CHECK(codeOf(g.approve()) == "approvalRequestExpired");
  // ...and the tick marks it expired and tells the partner.
  Decision tick = w.runAsSystem(AdvanceClock{lapse});
  CHECK(World::find<RelationshipStatusChanged>(tick)->status == RelationshipStatus::expired);
  CHECK(World::find<NotificationCreated>(tick)->notification.kind ==
        NotificationKind::approvalRequestLapsed);
  CHECK(codeOf(g.approve()) == "invalidApprovalLink");
}

TEST_CASE("termination by either side ends access at once") {
  Granular g;
  World& w = g.w;
  REQUIRE(g.approve().ok());
  REQUIRE(g.assign({Role::helpdeskAdministrator}).ok());
  CHECK(codeOf(w.run(w.as(g.customerUser), TerminateRelationship{g.rel})) == "insufficientRole");
  Decision t = w.run(w.as(g.customerAdmin), TerminateRelationship{g.rel});
  REQUIRE(t.ok());
  CHECK(w.state.findRelationship(g.rel)->status == RelationshipStatus::terminated);
  CHECK(World::find<NotificationCreated>(t)->notification.kind ==
        NotificationKind::relationshipTerminated);
  CHECK(codeOf(w.run(w.as(g.helpdeskAgent, g.customer), ResetPassword{g.customerUser})) ==
        "noActiveRelationship");
  CHECK(codeOf(w.run(w.as(g.partnerAdmin), TerminateRelationship{g.rel})) ==
        "relationshipStatusConflict");
}

TEST_CASE("a created relationship can be edited and deleted") {
  SeedCast s;
  World& w = s.w;
  Decision d = w.run(w.as(s.partnerAdmin), terms("Draft", {Role::globalReader}, std::nullopt));
  RelationshipId rel = World::find<RelationshipCreated>(d)->relationship.id;
  UpdateRelationship u;
  u.relationshipId = rel;
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), u)) == "nothingToUpdate");
  u.displayName = "Draft 2";
  u.duration = Duration::ofDays(90);
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), u)) == "ok");
  CHECK(w.state.findRelationship(rel)->displayName == "Draft 2");
  CHECK(w.state.findRelationship(rel)->duration == Duration::ofDays(90));
  // Another partner cannot see or touch it.
  TenantId other = w.tenant(TenantKind::partner, "Other", "otherpartner");
  UserId otherAdmin =
      w.user(other, "a@otherpartner.onmicrosoft.com", "A", {Role::globalAdministrator});
  CHECK(codeOf(w.run(w.as(otherAdmin), DeleteRelationship{rel})) == "relationshipNotFound");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), DeleteRelationship{rel})) == "ok");
  CHECK(w.state.findRelationship(rel) == nullptr);
  CHECK(replay(w.log) == w.state);
}
