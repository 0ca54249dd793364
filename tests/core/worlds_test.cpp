// The world generators: the demo world is sound and covers the story; the scale generator
// builds the shape the benchmarks use.
#include <catch2/catch.hpp>

#include <set>

#include "core/apply.hpp"
#include "core/authorize.hpp"
#include "core/json_forms.hpp"
#include "core/queries.hpp"
#include "core/seed/demo_world.hpp"
#include "core/seed/scale_world.hpp"

using namespace delegate;

namespace {

const DemoWorld& demo() {
  static const DemoWorld world = buildDemoWorld();
  return world;
}

const Tenant* tenantNamed(const State& s, const std::string& name) {
  for (const auto& [id, t] : s.tenants)
    if (t.displayName == name) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("the demo world is built entirely from allowed decisions") {
  const DemoWorld& w = demo();
  for (const auto& p : w.problems) UNSCOPED_INFO(p);
  CHECK(w.problems.empty());
  CHECK(w.now == timestampFromCivil(2026, 11, 28, 12));
  CHECK(w.state.clock == w.now);
  CHECK(replay(w.events) == w.state);
  // Deterministic.
  CHECK(buildDemoWorld().events == w.events);
}

TEST_CASE("the demo world covers the story") {
  const State& s = demo().state;
  const Tenant* northwind = tenantNamed(s, "Northwind Partners");
  const Tenant* litware = tenantNamed(s, "Litware Consulting");
  const Tenant* proseware = tenantNamed(s, "Proseware Advisors");
  REQUIRE(northwind);
  REQUIRE(litware);
  REQUIRE(proseware);
  CHECK(northwind->certifiedForDelegatedAdmin);
  CHECK_FALSE(proseware->certifiedForDelegatedAdmin);
  const Timestamp now = demo().now;
  CHECK(customersOf(s, northwind->id, now).size() >= 150);
  CHECK(offerEntryPoint(s, northwind->id, now) == OfferEntryPoint::partnerOverview);
  CHECK(customersOf(s, litware->id, now).size() == 12);
  CHECK(offerEntryPoint(s, litware->id, now) == OfferEntryPoint::buildYourBusiness);

  std::set<RelationshipStatus> statuses;
  for (const auto& [id, r] : s.relationships)
    if (r.kind == RelationshipKind::granular) statuses.insert(r.status);
  for (RelationshipStatus st : {RelationshipStatus::created, RelationshipStatus::approvalPending,
                                RelationshipStatus::active, RelationshipStatus::expiring,
                                RelationshipStatus::expired, RelationshipStatus::terminated}) {
    INFO(enumName(st));
    CHECK(statuses.count(st) == 1);
  }
  std::set<PartnerAccess> access;
  for (UserId u : s.usersOf(northwind->id)) access.insert(s.findUser(u)->partnerAccess);
  CHECK(access.size() == 3);
  CHECK(s.groupsOf(northwind->id).size() == 3);

  // Every sign-in name exists.
  for (const SignInName& n : demo().signIns) {
    INFO(n.userPrincipalName);
    CHECK(s.findUserByPrincipalName(n.userPrincipalName));
  }
  // Contoso sees both partners.
  const Tenant* contoso = tenantNamed(s, "Contoso");
  REQUIRE(contoso);
  auto partners = partnersOf(s, contoso->id, now);
  REQUIRE(partners.size() == 2);
  CHECK(partners[0].displayName == "Litware Consulting");
  CHECK(partners[1].displayName == "Northwind Partners");
  CHECK(partners[1].roles.has(Role::globalAdministrator));

  // The story left notifications, mail, audit (refusals included) and a trial sign-up.
  CHECK(s.notifications.size() > 150);
  CHECK(s.outbox.size() > 150);
  std::size_t refused = 0;
  for (const auto& a : s.audit) refused += a.outcome == AuditOutcome::refused ? 1 : 0;
  CHECK(refused >= 2);
  CHECK(tenantNamed(s, "Tailspin Toys"));
  CHECK_FALSE(relationshipsEndingWithin(s, northwind->id, now, Duration::ofDays(30)).empty());

  // It survives the JSON round-trip the sandbox uses to store it.
  auto back = decodeState(encodeState(s));
  REQUIRE(back.ok());
  CHECK(back.value() == s);
}

TEST_CASE("the scale generator builds the requested shape") {
  ScaleSpec spec;
  spec.customers = 50;
  spec.partnerUsers = 30;
  spec.groups = 5;
  spec.relationships = 80;
  spec.customerUsers = 1000;
  State s;
  ScaleWorld w = buildScaleWorld(spec, s);
  CHECK(w.customers.size() == 50);
  CHECK(s.tenants.size() == 51);
  CHECK(s.users.size() == 1030);
  CHECK(s.groups.size() == 5);
  CHECK(s.relationships.size() == 80);
  // Authorization works on it: a Full agent may add users in a customer.
  UserId full = w.fullAgent;
  REQUIRE(s.findUser(full)->partnerAccess == PartnerAccess::full);
  CHECK(authorize(s, Principal::user(full, w.customers[0]), Action::createUser,
                  Target::inTenant(w.customers[0]))
            .allowed);
  // The other sign-ins the server prints hold what their names say.
  CHECK(s.findUser(w.partnerAdmin)->roles.has(Role::globalAdministrator));
  CHECK(s.findUser(w.limitedAgent)->partnerAccess == PartnerAccess::limited);
  CHECK(s.findUser(w.granularAgent)->partnerAccess == PartnerAccess::none);
  std::size_t granted = 0;
  for (TenantId c : w.customers)
    granted += authorize(s, Principal::user(w.granularAgent, c), Action::resetPassword,
                         Target::inTenant(c))
                   .allowed;
  CHECK(granted > 0);
  CHECK(granted < w.customers.size());
  std::vector<Event> events;
  generateScaleWorld(spec, [&](const Event& e) { events.push_back(e); });
  CHECK(replay(events) == s);
}
