// Visibility: each viewer's projection of the world and of the event stream.
#include <catch2/catch.hpp>

#include "core/json_forms.hpp"
#include "core/queries.hpp"
#include "core/visibility.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("before acceptance a partner sees nothing of the customer") {
  SeedCast s;
  State view = viewOf(s.w.state, s.fullAgent);
  CHECK(view.findTenant(s.partner));
  CHECK_FALSE(view.findTenant(s.customer));
  CHECK_FALSE(view.findUser(s.customerUser));
  CHECK(view.findUser(s.partnerAdmin));
  CHECK_FALSE(canReadDirectory(s.w.state, s.fullAgent, s.customer));
}

TEST_CASE("after acceptance rights decide what each partner user sees") {
  SeedCast s;
  s.connect();
  World& w = s.w;
  State full = viewOf(w.state, s.fullAgent);
  CHECK(full.findTenant(s.customer));
  CHECK(full.findUser(s.customerUser));
  CHECK(full.findDomain("contoso.onmicrosoft.com"));
  CHECK(full.relationshipsBetween(s.partner, s.customer).size() == 1);

  State none = viewOf(w.state, s.noAccessAgent);
  CHECK(none.findTenant(s.customer));  // the customer's name, through the relationship
  CHECK_FALSE(none.findUser(s.customerUser));
  CHECK(none.relationships.size() == 1);
  CHECK(none.notifications.empty());  // not an administrator
  CHECK(none.outbox.empty());

  State admin = viewOf(w.state, s.partnerAdmin);
  CHECK(admin.notifications.size() == 1);
  CHECK(admin.outbox.size() == 1);
  CHECK(admin.offers.size() == 1);

  // The customer admin sees its tenant, its partner and the audit of actions in it.
  Decision d = w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser});
  State customer = viewOf(w.state, s.customerAdmin);
  CHECK(customer.findTenant(s.partner));
  CHECK_FALSE(customer.findUser(s.partnerAdmin));
  CHECK(customer.offers.empty());
  CHECK(customer.notifications.empty());
  bool seesDelegatedReset = false;
  for (const auto& a : customer.audit)
    seesDelegatedReset =
        seesDelegatedReset || (a.action == "resetPassword" && a.actorUserId == s.fullAgent);
  CHECK(seesDelegatedReset);

  // Another customer sees none of it.
  TenantId other = w.tenant(TenantKind::customer, "Other", "othercustomer");
  UserId otherAdmin =
      w.user(other, "admin@othercustomer.onmicrosoft.com", "O", {Role::globalAdministrator});
  State outsider = viewOf(w.state, otherAdmin);
  CHECK_FALSE(outsider.findTenant(s.customer));
  CHECK_FALSE(outsider.findTenant(s.partner));
  CHECK(outsider.relationships.empty());
  for (const auto& a : outsider.audit) CHECK(a.targetTenantId == other);  // its own seeding only
  for (const Event& e : d.events) CHECK_FALSE(canSee(w.state, otherAdmin, e));
  CHECK(canSee(w.state, s.customerAdmin, d.events.back()));
  CHECK(canSee(w.state, s.fullAgent, d.events.back()));
}

TEST_CASE("the event stream matches the projections") {
  SeedCast s;
  World& w = s.w;
  // Replaying the viewer-visible events of a tenant-scoped story gives the viewer's view of it.
  State before = w.state;
  std::string token = s.createOffer();
  std::vector<Event> seen;
  State cursor = before;
  auto track = [&](const Decision& d) {
    for (const Event& e : d.events) {
      if (canSee(cursor, s.customerAdmin, e)) seen.push_back(e);
      apply(cursor, e);
    }
  };
  Decision accepted = w.run(w.as(s.customerAdmin), AcceptOffer{token});
  track(accepted);
  // The customer sees the relationship and its own audit record, not the partner's notice.
  bool relationship = false, notification = false, audit = false;
  for (const Event& e : seen) {
    relationship = relationship || std::holds_alternative<RelationshipCreated>(e);
    notification = notification || std::holds_alternative<NotificationCreated>(e);
    audit = audit || std::holds_alternative<AuditRecorded>(e);
  }
  CHECK(relationship);
  CHECK_FALSE(notification);
  CHECK(audit);
  for (const Event& e : accepted.events) {
    if (std::holds_alternative<RelationshipCreated>(e)) CHECK(changesVisibility(e));
  }
}

TEST_CASE("removing a partner ends its view of the customer's directory at once") {
  SeedCast s;
  s.connect();
  World& w = s.w;
  REQUIRE(viewOf(w.state, s.fullAgent).findUser(s.customerUser));
  w.run(w.as(s.customerAdmin), RemovePartner{s.partner});
  State after = viewOf(w.state, s.fullAgent);
  CHECK_FALSE(after.findUser(s.customerUser));
  CHECK(after.findTenant(s.customer));  // the ended relationship still names it
  CHECK(partnersOf(w.state, s.customer, w.now).empty());
}

TEST_CASE("a minute passing changes nobody's view but the clock, so sync sends no snapshot") {
  SeedCast s;
  s.connect();
  World& w = s.w;
  for (UserId viewer : {s.fullAgent, s.noAccessAgent, s.partnerAdmin, s.customerAdmin}) {
    State before = w.state;
    State view = viewOf(before, viewer);
    Decision d = decide(before, Principal::system(), AdvanceClock{w.now + Duration::ofSeconds(60)},
                        w.source.contextFor(w.now, AdvanceClock{}));
    REQUIRE(d.ok());
    State after = before;
    for (const Event& e : d.events) {
      CHECK_FALSE(changesVisibility(e));
      if (canSee(after, viewer, e)) apply(view, e);
      apply(after, e);
    }
    // Following the visible events keeps the viewer exactly where a fresh snapshot would, but
    // for the sequence counters, which only the deciding side uses (the tick's own audit record
    // is not everyone's to see).
    State fresh = viewOf(after, viewer);
    fresh.nextAuditId = view.nextAuditId;
    fresh.nextNotificationId = view.nextNotificationId;
    fresh.nextEmailId = view.nextEmailId;
    CHECK(view.clock == after.clock);
    CHECK(encodeState(view) == encodeState(fresh));
  }
}
