#pragma once
// What each built-in role permits, per action and per kind of target user (DESIGN.md §4).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/roles.hpp"

namespace delegate {

enum class Action : std::uint8_t {
  // Directory actions: in one's own tenant through directory roles, or in a customer tenant
  // through delegated access.
  readDirectory,
  createUser,
  updateUser,
  disableUser,
  deleteUser,
  resetPassword,
  manageGroups,
  assignRoles,
  addDomain,
  verifyDomain,
  removeDomain,
  assignLicenses,
  manageDevices,  // mobile device management: never through delegated access
  // Business actions: only in one's own tenant, never delegated.
  manageOffers,                   // partner: delegated-admin offers
  createTrialsAndPurchaseOffers,  // partner: also allowed by the Full/Limited setting
  managePartnerAccess,            // partner: the Full/Limited/none setting of its users
  manageRelationships,            // partner: granular relationships and access assignments
  respondToOffers,                // customer: accept/decline offers, approve relationships
  managePartners,                 // customer: remove a partner, terminate relationships
};
inline constexpr std::size_t kActionCount = 19;

std::string_view actionName(Action action);  // camelCase, stable
std::optional<Action> actionFromName(std::string_view name);
const std::array<Action, kActionCount>& allActions();

// Whether the action can ever be exercised in a customer tenant through delegated access.
bool isDelegableAction(Action action);
// Whether the action's outcome depends on the roles of a target user.
bool actionHasUserTarget(Action action);

enum class Grant : std::uint8_t { granted, notGranted, targetTooPrivileged };

// Whether `role` permits `action` against a target user holding `targetRoles` (empty when the
// action has no user target or the target is not an administrator).
Grant roleGrants(Role role, Action action, RoleSet targetRoles);

}  // namespace delegate
