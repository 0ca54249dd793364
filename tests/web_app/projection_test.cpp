// The web's read model says what the core says: statuses, the overview's summary, access
// settings. Each case here stands for a copy of a rule that once drifted in the web.
#include <catch2/catch.hpp>

#include "core/expiry.hpp"
#include "tests/web_app/web_fixture.hpp"
#include "web/app/commands.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/overview.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("an auto-extending relationship is never shown as expiring, as the core says",
          "[web][projection]") {
  SeedCast s;
  const RelationshipId extending =
      approvedRelationship(s, "Extends itself", RoleSet{Role::userAdministrator},
                           Duration::ofDays(30), Duration::ofDays(180));
  const Timestamp end = *s.w.state.findRelationship(extending)->endDateTime;

  // Ten days before the end the web's own rule once said "expiring" while the core said active.
  const Timestamp tenDaysBefore = end - Duration::ofDays(10);
  REQUIRE_FALSE(isExpiring(*s.w.state.findRelationship(extending), tenDaysBefore));
  web::Model m = projectAt(s.w, s.partnerAdmin, tenDaysBefore);
  const web::MRelationship* r = findRelationship(m, extending);
  REQUIRE(r);
  CHECK(r->status == RelationshipStatus::active);
  // The customers table shows this standing: an extending relationship is not "Expiring".
  REQUIRE(m.customers.size() == 1);
  CHECK(m.customers[0].standing == ClientStanding::active);
  // The overview's figures count it among the active ones, and not as expiring soon.
  const web::OverviewCounts counts = web::overviewCounts(m);
  CHECK(counts.active == 1);
  CHECK(counts.expiring == 0);
  CHECK(counts.pending == 0);
}

TEST_CASE("the overview counts what the core displays: expiring, pending and ended alike",
          "[web][projection]") {
  SeedCast s;
  const RelationshipId month =
      approvedRelationship(s, "One month", RoleSet{Role::userAdministrator}, Duration::ofDays(30));
  createdRelationship(s, "Not sent yet", RoleSet{Role::userAdministrator}, Duration::ofDays(90));
  lockForApproval(
      s, createdRelationship(s, "Sent", RoleSet{Role::userAdministrator}, Duration::ofDays(90)));
  const Relationship& core = *s.w.state.findRelationship(month);
  const Timestamp twoDaysLeft = *core.endDateTime - Duration::ofDays(2);
  REQUIRE(isExpiring(core, twoDaysLeft));
  web::OverviewCounts near = web::overviewCounts(projectAt(s.w, s.partnerAdmin, twoDaysLeft));
  CHECK(near.active == 1);  // an expiring relationship still grants access
  CHECK(near.expiring == 1);
  CHECK(near.pending == 2);  // created and waiting for approval, as the core's standing says
  // Past its end the core displays it expired, before any clock tick marked it so.
  web::OverviewCounts after =
      web::overviewCounts(projectAt(s.w, s.partnerAdmin, *core.endDateTime + Duration::ofDays(1)));
  CHECK(after.active == 0);
  CHECK(after.expiring == 0);
}

TEST_CASE("a client's standing is the best of its relationships, in the core's order",
          "[web][projection]") {
  SeedCast s;
  const RelationshipId sent =
      createdRelationship(s, "Sent", RoleSet{Role::userAdministrator}, Duration::ofDays(90));
  lockForApproval(s, sent);
  web::Model pending = projectAt(s.w, s.partnerAdmin, s.w.now);
  REQUIRE(pending.customers.size() == 1);
  CHECK(pending.customers[0].standing == ClientStanding::pending);
  CHECK(pending.customers[0].ends.empty());
  CHECK_FALSE(pending.customers[0].noEndDate);

  s.connect();  // the seed's standing grant: active, with no end
  web::Model both = projectAt(s.w, s.partnerAdmin, s.w.now);
  CHECK(both.customers[0].standing == ClientStanding::active);
  CHECK(both.customers[0].noEndDate);
  CHECK(standingLabel(both.customers[0].standing) == "Active");
}

TEST_CASE("a relationship in its expiring window is expiring in the web and the core alike",
          "[web][projection]") {
  SeedCast s;
  const RelationshipId month =
      approvedRelationship(s, "One month", RoleSet{Role::userAdministrator}, Duration::ofDays(30));
  const Relationship& core = *s.w.state.findRelationship(month);
  const Timestamp end = *core.endDateTime;
  for (int daysLeft : {20, 8, 7, 1}) {
    const Timestamp at = end - Duration::ofDays(daysLeft);
    web::Model m = projectAt(s.w, s.partnerAdmin, at);
    const web::MRelationship* r = findRelationship(m, month);
    REQUIRE(r);
    INFO(daysLeft << " days left");
    CHECK((r->status == RelationshipStatus::expiring) == isExpiring(core, at));
    CHECK((m.customers[0].standing == ClientStanding::expiring) == isExpiring(core, at));
  }
  // Past its end it grants nothing, even before the server's clock tick marked it.
  web::Model after = projectAt(s.w, s.partnerAdmin, end + Duration::ofDays(1));
  CHECK(findRelationship(after, month)->status == RelationshipStatus::expired);
  CHECK(after.customers[0].standing == ClientStanding::ended);
  CHECK_FALSE(after.customers[0].canOpen);
}

TEST_CASE("every relationship of the demo world is expiring in the web exactly when in the core",
          "[web][projection]") {
  web::Demo demo = web::demoWorld();
  for (const web::DemoPersona& p : web::demoPersonas(demo.state)) {
    web::Projection projection;
    projection.rebuild(demo.state, p.user, {}, "http://localhost", 1,
                       clientSummaries(demo.state, p.user, demo.state.clock));
    for (const web::MRelationship& r : projection.model().relationships) {
      const Relationship* core = demo.state.findRelationship(*RelationshipId::parse(r.id));
      REQUIRE(core);
      INFO(p.label << ": " << r.displayName);
      CHECK((r.status == RelationshipStatus::expiring) == isExpiring(*core, demo.state.clock));
    }
  }
}

TEST_CASE("the viewer's access setting and their roles in a client come from the core",
          "[web][projection]") {
  SeedCast s;
  approvedRelationship(s, "Passwords", RoleSet{Role::passwordAdministrator}, Duration::ofDays(90));
  web::Model partner = projectAt(s.w, s.limitedAgent, s.w.now);
  CHECK(partner.partnerAccess == PartnerAccess::limited);
  // A granular relationship without an assignment gives a Limited agent nothing there.
  REQUIRE(partner.customers.size() == 1);
  CHECK(partner.customers[0].myRoles.empty());
  CHECK_FALSE(partner.customers[0].canOpen);

  s.connect();  // the seed's standing grant: Limited acts as the client's Password Administrator
  web::Model granted = projectAt(s.w, s.limitedAgent, s.w.now);
  CHECK(granted.customers[0].canOpen);
  CHECK_THAT(granted.customers[0].myRoles,
             Catch::Contains(std::string(roleInfo(Role::passwordAdministrator).displayName)));
}

TEST_CASE("a relationship's buttons are the core's answer: none to terminate a pending request",
          "[web][projection]") {
  SeedCast s;
  World& w = s.w;
  const RelationshipId rel =
      createdRelationship(s, "Waiting", RoleSet{Role::globalAdministrator}, Duration::ofDays(90));
  web::Model created = projectAt(w, s.partnerAdmin, w.now);
  CHECK(findRelationship(created, rel)->ops.lockForApproval);
  CHECK_FALSE(findRelationship(created, rel)->ops.terminate);

  const std::string token = lockForApproval(s, rel);
  web::Model pending = projectAt(w, s.partnerAdmin, w.now);
  const web::MRelationship* p = findRelationship(pending, rel);
  // The web once offered Terminate here; the core refuses it ("only an active relationship can
  // end").
  CHECK_FALSE(p->ops.terminate);
  CHECK_FALSE(w.run(w.as(s.partnerAdmin), TerminateRelationship{rel}).ok());

  w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token});
  web::Model active = projectAt(w, s.partnerAdmin, w.now);
  const web::MRelationship* a = findRelationship(active, rel);
  CHECK(a->ops.terminate);
  CHECK(a->ops.removeGlobalAdministrator);
  CHECK_FALSE(a->ops.turnOnAutoExtend);  // never with Global Administrator
  CHECK(a->ops.assignAccess);
}

TEST_CASE("an access setting picked in the web comes back as the same setting",
          "[web][projection]") {
  SeedCast s;
  for (PartnerAccess access : {PartnerAccess::limited, PartnerAccess::none, PartnerAccess::full}) {
    nlohmann::json j = web::cmd::setPartnerAdminAccess(s.noAccessAgent.str(), access);
    auto command = web::commandFromJson(j);
    REQUIRE(command.ok());
    REQUIRE(s.w.run(s.w.as(s.partnerAdmin), command.value()).ok());
    web::Model m = projectAt(s.w, s.partnerAdmin, s.w.now);
    const auto u = std::find_if(m.users.begin(), m.users.end(),
                                [&](const web::MUser& x) { return x.id == s.noAccessAgent.str(); });
    REQUIRE(u != m.users.end());
    INFO(enumName(access));
    CHECK(u->partnerAccess == access);
    // The viewer's own setting, for the agent themself.
    CHECK(projectAt(s.w, s.noAccessAgent, s.w.now).partnerAccess == access);
  }
}

TEST_CASE("the audit and the offers keep the core's enums", "[web][projection]") {
  SeedCast s;
  s.connect();
  // A refusal: the Limited agent may not add users in the client.
  AddUser add;
  add.userPrincipalName = "new@contoso.onmicrosoft.com";
  add.displayName = "New";
  CHECK_FALSE(s.w.run(Principal::user(s.limitedAgent, s.customer), add).ok());
  web::Model m = projectAt(s.w, s.partnerAdmin, s.w.now);
  REQUIRE_FALSE(m.audit.empty());
  CHECK(m.audit.back().outcome == AuditOutcome::refused);
  CHECK(outcomeLabel(m.audit.back().outcome) == "Refused");
  REQUIRE(m.offers.size() == 1);
  CHECK(m.offers[0].kind == OfferKind::delegatedAdmin);
}

// A projection rebuilt after each change keeps the rows that did not change (row_memo.hpp): it
// must show exactly what a fresh projection of the same state shows.
TEST_CASE("rows kept from the last rebuild are the rows a fresh projection makes",
          "[web][projection]") {
  SeedCast s;
  web::Projection kept;
  std::uint64_t revision = 0;
  web::KnownSecrets secrets;
  auto rowsOf = [](const web::Model& m) {
    std::vector<std::string> rows;
    for (const web::MRelationship& r : m.relationships)
      rows.push_back(r.id + " " + r.displayName + " " + std::string(enumName(r.status)) + " " +
                     r.roles + " " + r.ends + " " + r.customerName + " " + r.approvalLink +
                     (r.ops.terminate ? " terminate" : "") + (r.ops.assignAccess ? " assign" : ""));
    for (const web::MCustomer& c : m.customers)
      rows.push_back(c.tenantId + " " + c.name + " " + std::string(enumName(c.standing)) + " " +
                     c.ends + " " + c.myRoles);
    for (const web::MAssignment& a : m.assignments)
      rows.push_back(a.id + " " + a.groupName + " " + a.roles);
    return rows;
  };
  auto check = [&](Timestamp now, bool rows = true) {
    s.w.state.clock = now;
    kept.rebuild(s.w.state, s.partnerAdmin, secrets, "http://localhost", ++revision,
                 clientSummaries(s.w.state, s.partnerAdmin, now));
    web::Projection fresh;
    fresh.rebuild(s.w.state, s.partnerAdmin, secrets, "http://localhost", revision,
                  clientSummaries(s.w.state, s.partnerAdmin, now));
    CHECK(rowsOf(kept.model()) == rowsOf(fresh.model()));
    CHECK(rowsOf(kept.model()).empty() != rows);
  };
  const Timestamp start = s.w.state.clock;
  check(start, false);  // no relationship yet
  const RelationshipId month =
      approvedRelationship(s, "One month", RoleSet{Role::userAdministrator}, Duration::ofDays(30));
  check(start);
  const RelationshipId waiting =
      createdRelationship(s, "Sent", RoleSet{Role::userAdministrator}, Duration::ofDays(90));
  check(start);
  lockForApproval(s, waiting);
  secrets.approvalTokens[waiting.str()] = "token";  // its link appears on the kept row too
  check(start);
  // Time alone changes a row: expiring, then expired.
  const Timestamp end = *s.w.state.findRelationship(month)->endDateTime;
  check(end - Duration::ofDays(2));
  check(end + Duration::ofDays(1));
  check(end + Duration::ofDays(1));  // nothing changed: every row kept
}
