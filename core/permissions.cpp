#include "core/permissions.hpp"

namespace delegate {

namespace {

constexpr std::string_view kActionNames[kActionCount] = {
    "readDirectory",       "createUser",          "updateUser",
    "disableUser",         "deleteUser",          "resetPassword",
    "manageGroups",        "assignRoles",         "addDomain",
    "verifyDomain",        "removeDomain",        "assignLicenses",
    "manageDevices",       "manageOffers",        "createTrialsAndPurchaseOffers",
    "managePartnerAccess", "manageRelationships", "respondToOffers",
    "managePartners",
};

// The target may hold only these administrator roles (readers never count as administrators).
Grant targetWithin(RoleSet targetRoles, RoleSet allowed) {
  return targetRoles.isSubsetOf(allowed | kReaderRoles) ? Grant::granted
                                                        : Grant::targetTooPrivileged;
}

}  // namespace

std::string_view actionName(Action action) {
  auto i = static_cast<std::size_t>(action);
  return i < kActionCount ? kActionNames[i] : std::string_view("unknown");
}

std::optional<Action> actionFromName(std::string_view name) {
  for (std::size_t i = 0; i < kActionCount; ++i)
    if (kActionNames[i] == name) return static_cast<Action>(i);
  return std::nullopt;
}

const std::array<Action, kActionCount>& allActions() {
  static const std::array<Action, kActionCount> kAll = [] {
    std::array<Action, kActionCount> a{};
    for (std::size_t i = 0; i < kActionCount; ++i) a[i] = static_cast<Action>(i);
    return a;
  }();
  return kAll;
}

bool isDelegableAction(Action action) {
  return static_cast<std::size_t>(action) <= static_cast<std::size_t>(Action::assignLicenses);
}

bool actionHasUserTarget(Action action) {
  switch (action) {
    case Action::updateUser:
    case Action::disableUser:
    case Action::deleteUser:
    case Action::resetPassword:
      return true;
    default:
      return false;
  }
}

Grant roleGrants(Role role, Action action, RoleSet targetRoles) {
  if (role == Role::globalAdministrator) return Grant::granted;
  // The rest of the catalog is carried faithfully but does nothing here (least privilege: a
  // role Delegate does not model cannot even read).
  if (!isModelled(role)) return Grant::notGranted;
  switch (action) {
    case Action::readDirectory:
      return Grant::granted;  // any modelled role lets its holder read the directory
    case Action::createUser:
      return role == Role::userAdministrator ? Grant::granted : Grant::notGranted;
    case Action::manageGroups:
      return role == Role::userAdministrator || role == Role::groupsAdministrator
                 ? Grant::granted
                 : Grant::notGranted;
    case Action::updateUser:
    case Action::disableUser:
    case Action::deleteUser:
      if (role != Role::userAdministrator) return Grant::notGranted;
      return targetWithin(targetRoles, {Role::helpdeskAdministrator, Role::passwordAdministrator,
                                        Role::userAdministrator});
    case Action::resetPassword:
      switch (role) {
        case Role::privilegedAuthenticationAdministrator:
          return Grant::granted;
        case Role::userAdministrator:
          return targetWithin(targetRoles, {Role::helpdeskAdministrator,
                                            Role::passwordAdministrator, Role::userAdministrator});
        case Role::authenticationAdministrator:
          return targetWithin(targetRoles,
                              {Role::authenticationAdministrator, Role::helpdeskAdministrator,
                               Role::passwordAdministrator});
        case Role::helpdeskAdministrator:
          return targetWithin(targetRoles,
                              {Role::helpdeskAdministrator, Role::passwordAdministrator});
        case Role::passwordAdministrator:
          return targetWithin(targetRoles, {Role::passwordAdministrator});
        default:
          return Grant::notGranted;
      }
    case Action::assignRoles:
      return role == Role::privilegedRoleAdministrator ? Grant::granted : Grant::notGranted;
    case Action::addDomain:
    case Action::verifyDomain:
    case Action::removeDomain:
      return role == Role::domainNameAdministrator ? Grant::granted : Grant::notGranted;
    case Action::assignLicenses:
      return role == Role::licenseAdministrator ? Grant::granted : Grant::notGranted;
    default:
      // Device management and the business actions belong to Global Administrators only.
      return Grant::notGranted;
  }
}

}  // namespace delegate
