#pragma once
// The server's use of the core's visibility rules (core/visibility.hpp) for events it serves
// after they were applied.
#include <optional>

#include "core/events.hpp"
#include "core/state.hpp"

namespace delegate::server {

// What the sync endpoint remembers of an event beyond the event itself: the core judges
// visibility on the state the event applied to, and a few events remove the very object that
// names their tenant (a removed domain), so that tenant is captured when the event is recorded.
struct VisibilityHint {
  std::optional<TenantId> removedDomainTenant;
  // A user or domain added, deleted or changed: the tenant whose directory facts (user count,
  // default domain) changed (a deleted user no longer names it), so a portfolio that leaves that
  // directory out can still update its summary row.
  std::optional<TenantId> summaryTenant;
};
VisibilityHint hintFor(const State& before, const Event& event);

// Whether `viewer` may receive `event`, judged on the current state (plus the hint) at the
// request's time `now` (rights end at the second they end, not at the next clock tick).
bool canViewerSee(const State& state, UserId viewer, const Event& event, Timestamp now,
                  const VisibilityHint& hint = {});

}  // namespace delegate::server
