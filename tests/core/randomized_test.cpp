// A seeded random walk of commands, valid and invalid, from random principals, checking the
// model's invariants after every decision:
//  - every decision carries exactly one audit record, last, whose outcome matches;
//  - a refusal yields only that record, issues no secret and changes nothing else;
//  - no delegated effect without an effective relationship; Limited never creates users;
//  - commands and events survive a JSON round-trip exactly;
//  - at checkpoints, replay(log) equals the live state, and so does the state's JSON round-trip.
#include <catch2/catch.hpp>

#include "tests/core/random_walk.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

// Fewer steps under node: the wasm build runs the same walk roughly 5x slower, and the point
// there is portability of the same invariants, not coverage depth.
#ifdef __EMSCRIPTEN__
constexpr int kSteps = 20000;
#else
constexpr int kSteps = 100000;
#endif
constexpr int kCheckpoint = 10000;

bool hasEffectiveRelationship(const State& s, TenantId partner, TenantId customer, Timestamp now) {
  for (RelationshipId rid : s.relationshipsBetween(partner, customer)) {
    const Relationship* r = s.findRelationship(rid);
    if (r && isEffective(*r, now)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("randomized walk keeps the invariants", "[randomized]") {
  Walk walk(0xDE1E6A7E);
  walk.seedWorld();
  World& w = walk.world;
  std::size_t allowed = 0, refused = 0, delegatedAllowed = 0;
  std::map<std::string, std::size_t> refusalCodes;

  for (int step = 1; step <= kSteps; ++step) {
    w.now = w.now + Duration{static_cast<std::int64_t>(walk.rng_.below(3600))};
    const Principal p = walk.principal();
    const Command c = walk.command();
    Context ctx = walk.rng_.chance(1) ? Context{w.now, {}, {}} : w.source.contextFor(w.now, c);
    const State& s = w.state;
    Decision d = decide(s, p, c, ctx);
    bool applied = false;

    // Exactly one audit record, last, with the right outcome; except that a refusal of nobody
    // in particular (anonymous, or a user acting where their organization has no relationship)
    // writes nothing at all.
    if (d.events.empty()) {
      REQUIRE_FALSE(d.ok());
      REQUIRE_FALSE(p.isSystem());
      if (p.isUser()) {
        const User* actor = s.findUser(p.userId);
        if (actor) {
          REQUIRE(actor->tenantId != p.actingTenant);
          REQUIRE(s.relationshipsBetween(actor->tenantId, p.actingTenant).empty());
          REQUIRE(s.relationshipsBetween(p.actingTenant, actor->tenantId).empty());
        }
      }
      ++refused;
      ++refusalCodes[d.error->code];
    } else {
      const auto* audit = std::get_if<AuditRecorded>(&d.events.back());
      REQUIRE(audit);
      std::size_t audits = 0;
      for (const Event& e : d.events) audits += std::holds_alternative<AuditRecorded>(e) ? 1 : 0;
      REQUIRE(audits == 1);
      REQUIRE(audit->record.outcome == (d.ok() ? AuditOutcome::allowed : AuditOutcome::refused));
      REQUIRE(audit->record.action == commandType(c));

      if (!d.ok()) {
        ++refused;
        ++refusalCodes[d.error->code];
        REQUIRE(d.events.size() == 1);
        REQUIRE(d.secrets.empty());
        REQUIRE(audit->record.reasonCode == d.error->code);
        REQUIRE_FALSE(d.error->message.empty());
        if (step <= 2000 || step % 53 == 0) {
          // Compare everything but the audit log (which the refusal extends) and the clock and
          // audit counter it moves.
          std::vector<AuditRecord> audit;
          audit.swap(w.state.audit);
          State before = w.state;
          applyAll(w.state, d.events);
          REQUIRE(w.state.audit.size() == 1);
          w.state.audit.clear();
          before.clock = w.state.clock;
          before.nextAuditId = w.state.nextAuditId;
          REQUIRE(before == w.state);
          w.state.audit.swap(audit);
          w.state.audit.push_back(std::get<AuditRecorded>(d.events.back()).record);
          applied = true;
        }
      } else {
        ++allowed;
        if (p.isUser()) {
          const User* actor = s.findUser(p.userId);
          REQUIRE(actor);
          REQUIRE(actor->accountEnabled);
          if (actor->tenantId != p.actingTenant) {
            ++delegatedAllowed;
            const Timestamp now = std::max(ctx.now, s.clock);
            INFO(commandType(c));
            REQUIRE(hasEffectiveRelationship(s, actor->tenantId, p.actingTenant, now));
            if (std::holds_alternative<AddUser>(c)) {
              RoleSet held = delegatedRoles(s, actor->id, p.actingTenant, now);
              REQUIRE_FALSE(
                  (held & RoleSet{Role::globalAdministrator, Role::userAdministrator}).empty());
            }
          }
        }
      }
    }

    // JSON round-trips of what crosses the wire.
    auto cmdBack = decodeCommand(encodeCommand(c));
    REQUIRE(cmdBack.ok());
    REQUIRE(cmdBack.value() == c);
    for (const Event& e : d.events) {
      auto back = decodeEvent(encodeEvent(e));
      REQUIRE(back.ok());
      REQUIRE(back.value() == e);
    }

    if (!applied) applyAll(w.state, d.events);
    w.log.insert(w.log.end(), d.events.begin(), d.events.end());
    walk.pools.learn(d);

    if (step % kCheckpoint == 0 || step == kSteps) {
      REQUIRE(replay(w.log) == w.state);
      auto decoded = decodeState(encodeState(w.state));
      REQUIRE(decoded.ok());
      REQUIRE(decoded.value() == w.state);
    }
  }
  for (auto& [code, n] : refusalCodes) UNSCOPED_INFO(code << ": " << n);
  INFO("allowed " << allowed << ", refused " << refused << ", delegated " << delegatedAllowed);
  // The walk must exercise both paths, delegation included, to mean anything.
  CHECK(allowed > static_cast<std::size_t>(kSteps) / 20);
  CHECK(refused > static_cast<std::size_t>(kSteps) / 4);
  CHECK(delegatedAllowed > 10);
  CHECK(w.state.users.size() > 30);
}
