// A portfolio that follows deltas ends exactly where a fresh subscription would: the randomized
// walk's commands, and after each one every viewer (partner and customer users alike) applies
// what a server sends it, its portfolio's events and the slices of the clients they touched (or
// a snapshot where the core says a slice cannot tell), and holds what portfolioOf() gives.
#include <catch2/catch.hpp>

#include <set>

#include "core/portfolio_delta.hpp"
#include "core/visibility.hpp"
#include "tests/core/random_walk.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

#ifdef __EMSCRIPTEN__
constexpr int kSteps = 400;
#else
constexpr int kSteps = 2500;
#endif

// The client whose directory facts (user count, default domain) an event changes, judged on the
// state it applies to: its summary row rides along with the events (the server's hint).
std::optional<TenantId> recounted(const State& before, const Event& e) {
  if (auto* x = std::get_if<UserCreated>(&e)) return x->user.tenantId;
  if (auto* x = std::get_if<UserDeleted>(&e))
    if (const User* u = before.findUser(x->userId)) return u->tenantId;
  if (auto* x = std::get_if<DomainAdded>(&e)) return x->domain.tenantId;
  if (auto* x = std::get_if<DefaultDomainChanged>(&e)) return x->tenantId;
  auto named = [&](const std::optional<TenantId>& t, const std::string& name) {
    if (t) return t;
    const Domain* d = before.findDomain(name);
    return d ? std::optional{d->tenantId} : std::nullopt;
  };
  if (auto* x = std::get_if<DomainVerified>(&e)) return named(x->tenantId, x->name);
  if (auto* x = std::get_if<DomainRemoved>(&e)) return named(x->tenantId, x->name);
  return std::nullopt;
}

// What one viewer is sent for one command's events.
struct Delta {
  bool snapshot = false;
  std::set<TenantId> slices;
  std::set<TenantId> rows;
};

std::string rowsJson(const std::vector<ClientSummary>& rows) {
  std::string out;
  for (const ClientSummary& r : rows) out += entityToJson(r).dump() + "\n";
  return out;
}

// Where two encodings part, with some context on both sides: a whole state is too long to read.
std::string firstDifference(const std::string& held, const std::string& fresh) {
  std::size_t at = 0;
  while (at < held.size() && at < fresh.size() && held[at] == fresh[at]) ++at;
  if (at == held.size() && at == fresh.size()) return "";
  const std::size_t from = at > 300 ? at - 300 : 0;
  return "held:  ..." + held.substr(from, 600) + "\nfresh: ..." + fresh.substr(from, 600);
}

}  // namespace

TEST_CASE("a portfolio that follows deltas ends where a fresh subscription would",
          "[randomized][scopes]") {
  Walk walk(0x5C0FE5);
  walk.seedWorld();
  World& w = walk.world;
  // Every user of the seeded world watches: partner admins and agents, customer admins, users.
  const std::vector<UserId> viewers = walk.pools.users;
  std::vector<Portfolio> held;
  for (UserId v : viewers) held.push_back(portfolioOf(w.state, v));
  std::vector<bool> signedOut(viewers.size(), false);
  // The rows each browser draws, kept as it keeps them: recomputed for the clients each change
  // reaches (all of them after a snapshot or when the clock moves), as summaryReachOf() says.
  struct Drawn {
    std::vector<ClientSummary> rows;
    bool all = true;
    std::set<TenantId> touched;
  };
  std::vector<Drawn> drawn(viewers.size());
  std::size_t partial = 0;
  std::size_t snapshots = 0, slices = 0, removals = 0;

  for (int step = 1; step <= kSteps; ++step) {
    w.now = w.now + Duration{static_cast<std::int64_t>(walk.rng_.below(3600))};
    const Principal p = walk.principal();
    const Command c = walk.command();
    Context ctx = w.source.contextFor(w.now, c);
    Decision d = decide(w.state, p, c, ctx);
    std::vector<Delta> deltas(viewers.size());
    for (const Event& e : d.events) {
      // Each event is judged on the state it applies to, as canSee() asks.
      for (std::size_t i = 0; i < viewers.size(); ++i) {
        Delta& delta = deltas[i];
        if (delta.snapshot) continue;
        if (canSee(w.state, viewers[i], e))
          if (auto t = recounted(w.state, e)) delta.rows.insert(*t);
        if (!canSeeInPortfolio(w.state, viewers[i], e, w.state.clock)) continue;
        const PortfolioChange change = portfolioChangeOf(w.state, viewers[i], e);
        if (change.snapshot) {
          delta.snapshot = true;
          continue;
        }
        if (change.client) delta.slices.insert(*change.client);
        const SummaryReach reach = summaryReachOf(held[i].state, viewers[i], e);
        if (reach.all) drawn[i].all = true;
        if (reach.client) drawn[i].touched.insert(*reach.client);
        apply(held[i].state, e);
      }
      apply(w.state, e);
    }
    w.log.insert(w.log.end(), d.events.begin(), d.events.end());
    walk.pools.learn(d);

    const Timestamp now = w.state.clock;
    for (std::size_t i = 0; i < viewers.size(); ++i) {
      // A disabled or deleted account has no session to sync, and its own directory's events
      // stop reaching it; enabled again, it signs in and starts from a snapshot.
      const User* viewer = w.state.findUser(viewers[i]);
      const bool out = !viewer || !viewer->accountEnabled;
      const Delta& delta = deltas[i];
      if (out || signedOut[i]) {
        signedOut[i] = out;
        if (!out) held[i] = portfolioOf(w.state, viewers[i]);
        drawn[i].all = true;
        continue;
      }
      if (delta.snapshot) {
        held[i] = portfolioOf(w.state, viewers[i]);
        drawn[i].all = true;
        ++snapshots;
        continue;
      }
      for (TenantId t : delta.rows) {
        upsertClient(held[i].clients, clientSummary(w.state, viewers[i], t, now));
        drawn[i].touched.insert(t);
      }
      for (TenantId t : delta.slices) {
        // Through JSON, as the wire carries it.
        auto slice = entityFromJson<PortfolioSlice>(
            entityToJson(portfolioSliceOf(w.state, viewers[i], t, now)));
        REQUIRE(slice.ok());
        applySlice(held[i], slice.value());
        drawn[i].touched.insert(t);
        ++slices;
        removals += !slice.value().visible;
      }
    }

    for (std::size_t i = 0; i < viewers.size(); ++i) {
      if (signedOut[i]) continue;
      Drawn& d = drawn[i];
      const State& view = held[i].state;
      if (d.all) {
        d.rows = clientSummaries(view, viewers[i], view.clock, &held[i].clients);
      } else {
        refreshSummaries(view, viewers[i], view.clock, d.touched, d.rows, &held[i].clients);
        ++partial;
      }
      d.all = false;
      d.touched.clear();
    }

    if (step % 25 != 0 && step != kSteps) continue;
    for (std::size_t i = 0; i < viewers.size(); ++i) {
      if (signedOut[i]) continue;
      CAPTURE(step, i, commandType(c));
      Portfolio fresh = portfolioOf(w.state, viewers[i]);
      // Sequence counters and the clock's moves by other organizations' actions are the deciding
      // side's; a follower keeps what it last saw (ClockAdvanced moves every follower's clock).
      fresh.state.clock = held[i].state.clock;
      fresh.state.nextAuditId = held[i].state.nextAuditId;
      fresh.state.nextNotificationId = held[i].state.nextNotificationId;
      fresh.state.nextEmailId = held[i].state.nextEmailId;
      REQUIRE(firstDifference(encodeState(held[i].state), encodeState(fresh.state)) == "");
      // The rows as the browser draws them: recomputed over its state, counts from its rows.
      REQUIRE(firstDifference(
                  rowsJson(clientSummaries(held[i].state, viewers[i], now, &held[i].clients)),
                  rowsJson(fresh.clients)) == "");
      // Kept row by row as the changes reached them, the same rows recomputed whole.
      const State& view = held[i].state;
      REQUIRE(firstDifference(
                  rowsJson(drawn[i].rows),
                  rowsJson(clientSummaries(view, viewers[i], view.clock, &held[i].clients))) == "");
    }
  }
  INFO("snapshots " << snapshots << ", slices " << slices << ", removals " << removals
                    << ", rows kept in part " << partial);
  CHECK(partial > 0);
  // The walk must exercise slices and snapshots to mean anything (the seeded walk mostly fails
  // at relationships, so slices are tens, not thousands).
  // How many depends on the walk's mix of commands (63 in 2,500 steps before declines joined
  // it, 8 after): at least one in 400 steps natively. The wasm build's 400 steps may reach none
  // (it still checks every portfolio it reaches).
#ifndef __EMSCRIPTEN__
  CHECK(slices >= kSteps / 400);
#endif
  CHECK(snapshots > 0);
}
