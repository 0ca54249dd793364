// The web's read model says what the core says: statuses, the overview's summary, access
// settings. Each case here stands for a copy of a rule that once drifted in the web.
#include <catch2/catch.hpp>

#include "core/expiry.hpp"
#include "tests/web_app/web_fixture.hpp"
#include "web/app/core_adapter.hpp"

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
  // The overview counts clients by this summary: an extending relationship is not "Expiring".
  REQUIRE(m.customers.size() == 1);
  CHECK(m.customers[0].relationship == "Active");
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
    CHECK((m.customers[0].relationship == "Expiring") == isExpiring(core, at));
  }
  // Past its end it grants nothing, even before the server's clock tick marked it.
  web::Model after = projectAt(s.w, s.partnerAdmin, end + Duration::ofDays(1));
  CHECK(findRelationship(after, month)->status == RelationshipStatus::expired);
  CHECK(after.customers[0].relationship == "Ended");
  CHECK_FALSE(after.customers[0].canOpen);
}

TEST_CASE("every relationship of the demo world is expiring in the web exactly when in the core",
          "[web][projection]") {
  web::Demo demo = web::demoWorld();
  for (const web::DemoPersona& p : web::demoPersonas(demo.state)) {
    web::Projection projection;
    projection.rebuild(demo.state, p.user, {}, "http://localhost", 1);
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
  CHECK(partner.partnerAccess == "Limited administration");
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
