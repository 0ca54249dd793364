#pragma once
// Who may see what. A user sees their own tenant; a partner's user also sees its relationships,
// access assignments and the customers they name, and a customer's directory only while their
// rights there allow reading it; a customer's user sees the partners holding relationships with
// it (not drafts) and the audit of actions in it. Notifications, mail and the audit log are for
// administrators; other users see only their own audited actions.
#include "core/events.hpp"
#include "core/ids.hpp"
#include "core/state.hpp"

namespace delegate {

// Whether `viewer` may see `event`. `state` is the state the event applies to (before it is
// applied), so deleted objects can still be traced to their tenant.
bool canSee(const State& state, UserId viewer, const Event& event);

// Whether `event` may change what some viewer sees beyond the event itself (a relationship
// starting or ending, a membership or setting changing). A sync server answers the next view
// request of affected viewers with a fresh viewOf() instead of events. Time passing is not one:
// an expiry or lapse comes as its own status event from the same AdvanceClock, so the minute
// tick costs every client a few events, not a snapshot.
bool changesVisibility(const Event& event);

// The part of the state `viewer` may see, as a State (indexes rebuilt; sequence counters kept).
State viewOf(const State& state, UserId viewer);

// What a token scoped to `scope` sees: the part of viewOf() about that one tenant (its directory
// while readable, the relationships between it and the viewer's organization, the audit of
// actions in it), plus the viewer's own account and tenant. Nothing of other customers.
State scopedViewOf(const State& state, UserId viewer, TenantId scope);

// Whether `viewer` may read the directory (users, groups, domains, subscriptions) of `tenant`.
bool canReadDirectory(const State& state, UserId viewer, TenantId tenant);

}  // namespace delegate
