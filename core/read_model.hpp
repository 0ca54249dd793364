#pragma once
// What the screens show about the core's state, answered by the core: a relationship's status as
// of now, what may be done with it in that status, the English for statuses, actions and the
// links of an explanation. Server and web read these instead of restating the state machine.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/authorize.hpp"
#include "core/enums.hpp"
#include "core/permissions.hpp"
#include "core/state.hpp"

namespace delegate {

// The status as of `now`: the clock tick may not have run yet, so a relationship in its expiring
// window reads as expiring and one past its end as expired (it grants nothing any more).
RelationshipStatus displayStatus(const Relationship& r, Timestamp now);

// What the relationship's status and terms allow its partner to do now; each flag is exactly
// what decide() accepts for that command (tests/core/read_model_test.cpp holds them together).
// Whether the person may manage relationships at all is authorize()'s answer, asked apart.
struct RelationshipOperations {
  bool lockForApproval = false;
  // While it waits, the same approval link shown again (decide() still refuses a link sent
  // before links could be derived from the relationship: approvalLinkNotAvailable).
  bool revealApprovalLink = false;
  bool removeGlobalAdministrator = false;
  bool turnOnAutoExtend = false;
  bool terminate = false;
  bool assignAccess = false;
};
RelationshipOperations allowedOperations(const Relationship& r, Timestamp now);

// "Approval pending", "Active", ... for people (Graph's names stay in the API).
std::string_view statusLabel(RelationshipStatus s);
// How a status reads at a glance.
enum class StatusTone { good, attention, ended, neutral };
StatusTone statusTone(RelationshipStatus s);

// How a client stands with its partner at a glance: the best of their relationships' displayed
// statuses. Declared best first after `none` (no relationship at all), so the order sorts.
enum class ClientStanding : std::uint8_t { none, active, expiring, pending, ended };
DELEGATE_ENUM_NAMES(ClientStanding, "none", "active", "expiring", "pending", "ended")
// The standing one relationship in `displayed` status (displayStatus) gives: active or
// expiring exactly when it grants access; created, approvalPending and approved are pending;
// every other status is ended.
ClientStanding standingOf(RelationshipStatus displayed);
// Two relationships with one client: the better standing wins (active over expiring over
// pending over ended; anything over none).
ClientStanding betterStanding(ClientStanding a, ClientStanding b);
// "Active", "Expiring", "Approval pending", "Ended", "None".
std::string_view standingLabel(ClientStanding s);
StatusTone statusTone(ClientStanding s);

// An access assignment's status for people: "Active", "Pending", "Deleting", ...
std::string_view statusLabel(AccessAssignmentStatus s);
StatusTone statusTone(AccessAssignmentStatus s);

// An audit record's outcome: "Allowed" or "Refused".
std::string_view outcomeLabel(AuditOutcome o);
StatusTone statusTone(AuditOutcome o);

// "Delegated admin offer", "Trial invitation", "Purchase offer".
std::string_view offerKindLabel(OfferKind k);

// What a relationship's length reads as: "1 day", "30 days", "1 year (365 days)",
// "2 years (730 days)" (Graph's "P30D" stays in the API).
std::string durationLabel(Duration d);
// The lengths the relationship wizard offers, shortest first, within the policy's range and
// ending with its longest.
std::vector<Duration> durationChoices();

// What a delegable action lets someone do, as a title: "Reset passwords".
std::string_view actionTitle(Action a);
// An audit record's action ("resetPassword", "acceptOffer") as words: "Reset password".
std::string auditActionLabel(std::string_view action);

// One link of the chain behind an access decision, in words.
struct ExplanationStep {
  LinkKind kind;
  std::string kindLabel;  // "Relationship", "Group", ...
  std::string text;
  bool ok = false;
};
std::vector<ExplanationStep> explanationSteps(const State& s, const Authorization& a);

}  // namespace delegate
