#pragma once
// A visibility change sent to a portfolio (core/scopes.hpp) as a delta instead of a snapshot:
// one client accepting an offer must not make each of a partner's 200 agents download its whole
// portfolio again. A delta is the portfolio's events as usual plus, for each client whose place
// in the portfolio the events changed, that client's slice: what a fresh portfolioOf() holds of
// it. A browser applies the events, then the slices; it then holds exactly the fresh portfolio.
// Changes a slice cannot say (the viewer's own rights or memberships) still need a snapshot.
#include <optional>
#include <vector>

#include "core/entities.hpp"
#include "core/events.hpp"
#include "core/scopes.hpp"
#include "core/state.hpp"

namespace delegate {

// All a portfolio holds of one other organization: its tenant entity, the relationships between
// it and the viewer's organization with their access assignments, and its summary row; and,
// while the viewer may read its directory, nothing of that directory (the workspace's events
// carry it). `visible` false: the portfolio holds nothing of it any more.
struct PortfolioSlice {
  TenantId tenantId;
  bool visible = false;
  Tenant tenant;  // the rest is meaningful only when visible
  std::vector<Relationship> relationships;
  std::vector<AccessAssignment> accessAssignments;
  ClientSummary summary;
  DELEGATE_FIELDS(tenantId, visible, tenant, relationships, accessAssignments, summary)
};

// `client`'s slice of `viewer`'s portfolio at `now`: what portfolioOf(state, viewer, now) holds
// of it (an invisible one, or the viewer's own tenant, gives visible == false).
PortfolioSlice portfolioSliceOf(const State& state, UserId viewer, TenantId client, Timestamp now);

// Replaces what a portfolio (its state and its summary rows, sorted by tenant id) holds of the
// slice's organization with the slice: its tenant, relationships and their assignments and its
// row; an invisible slice removes them all. A client directory held (an open workspace) is
// dropped unless the slice says it is still readable.
void applySlice(State& portfolio, std::vector<ClientSummary>& rows, const PortfolioSlice& slice);
void applySlice(Portfolio& portfolio, const PortfolioSlice& slice);

// What one event in a portfolio means beyond itself. Judged on a state that holds the event's
// objects (the server's current state, or the one it applies to).
struct PortfolioChange {
  // The viewer's own rights or memberships changed (their account, their groups, their
  // organization's sign-in rules), or the event cannot be traced: only a snapshot says it.
  bool snapshot = false;
  // The other organization whose slice the event changes (a relationship or its assignments).
  std::optional<TenantId> client;
};
PortfolioChange portfolioChangeOf(const State& state, UserId viewer, const Event& event);

// Which of a portfolio's summary rows (clientSummaries()) one event may change, judged on the
// portfolio's state before the event applies: none, one client's, or all of them (the viewer's
// own rights, the clock). Recomputing 10,000 rows on every event cost a browser a frame's worth
// many times over; an event it cannot place reaches all.
struct SummaryReach {
  bool all = false;
  std::optional<TenantId> client;
};
SummaryReach summaryReachOf(const State& portfolio, UserId viewer, const Event& event);

}  // namespace delegate
