#include "core/authorize.hpp"

#include <algorithm>
#include <iterator>

#include "core/errors.hpp"
#include "core/policy.hpp"

namespace delegate {

namespace {

Link linkOf(LinkKind kind, Guid id = {}) {
  Link l;
  l.kind = kind;
  l.id = id;
  return l;
}

Link roleLink(Role role) {
  Link l = linkOf(LinkKind::role);
  l.role = role;
  return l;
}

Link relationshipLink(const Relationship& r) {
  Link l = linkOf(LinkKind::relationship, r.id.guid);
  l.status = r.status;
  return l;
}

Link settingLink(PartnerAccess access) {
  Link l = linkOf(LinkKind::setting);
  l.setting = access;
  return l;
}

bool isMember(const Group& g, UserId user) {
  return std::binary_search(g.members.begin(), g.members.end(), user);
}

// Roles are tried from the least privileged up, so the explanation names the narrowest role that
// suffices; the roles Delegate does not model (they grant nothing) come last.
constexpr Role kNarrowFirst[] = {Role::directoryReaders,
                                 Role::globalReader,
                                 Role::licenseAdministrator,
                                 Role::privilegedRoleAdministrator,
                                 Role::domainNameAdministrator,
                                 Role::passwordAdministrator,
                                 Role::helpdeskAdministrator,
                                 Role::authenticationAdministrator,
                                 Role::groupsAdministrator,
                                 Role::userAdministrator,
                                 Role::privilegedAuthenticationAdministrator,
                                 Role::globalAdministrator};
static_assert(std::size(kNarrowFirst) == kModelledRoleCount);

template <class F>
void forEachRoleNarrowFirst(RoleSet roles, F&& f) {
  for (Role r : kNarrowFirst)
    if (roles.has(r) && f(r)) return;
  for (std::size_t i = kModelledRoleCount; i < kRoleCount; ++i) {
    Role r = static_cast<Role>(i);
    if (roles.has(r) && f(r)) return;
  }
}

struct Chain {
  Authorization& a;
  void push(const Link& l) {
    if (a.linkCount < a.links.size()) a.links[a.linkCount++] = l;
  }
  Authorization& allow() {
    a.allowed = true;
    a.code = {};
    a.missing.reset();
    return a;
  }
  Authorization& deny(std::string_view code, const Link& missing) {
    a.allowed = false;
    a.code = code;
    a.missing = missing;
    return a;
  }
};

}  // namespace

Authorization authorize(const State& state, const Principal& principal, Action action,
                        const Target& target) {
  return authorizeAt(state, principal, action, target, state.clock);
}

Authorization authorizeAt(const State& state, const Principal& principal, Action action,
                          const Target& target, Timestamp now) {
  Authorization a;
  a.action = action;
  a.target = target;
  Chain c{a};
  Link perm = linkOf(LinkKind::permission);
  perm.action = action;

  if (principal.isSystem()) {
    c.push(linkOf(LinkKind::system));
    c.push(perm);
    return c.allow();
  }
  const User* user = principal.isUser() ? state.findUser(principal.userId) : nullptr;
  if (!user) return c.deny(errc::unauthenticated, linkOf(LinkKind::membership, target.tenant.guid));
  if (!user->accountEnabled)
    return c.deny(errc::accountDisabled, linkOf(LinkKind::membership, user->tenantId.guid));

  RoleSet targetRoles;
  if (target.user && actionHasUserTarget(action)) {
    const User* t = state.findUser(*target.user);
    if (t && t->tenantId == target.tenant) targetRoles = t->roles;
  }

  // ---- in one's own tenant: directory roles ----
  if (user->tenantId == target.tenant) {
    c.push(linkOf(LinkKind::membership, target.tenant.guid));
    if (action == Action::readDirectory) {
      c.push(perm);
      return c.allow();  // every member reads its own directory
    }
    if (action == Action::createTrialsAndPurchaseOffers &&
        user->partnerAccess != PartnerAccess::none) {
      c.push(settingLink(user->partnerAccess));
      c.push(perm);
      return c.allow();
    }
    bool tooPrivileged = false;
    std::optional<Role> granting, blocked;
    forEachRoleNarrowFirst(user->roles, [&](Role r) {
      Grant g = roleGrants(r, action, targetRoles);
      if (g == Grant::granted) granting = r;
      if (g == Grant::targetTooPrivileged && !blocked) blocked = r;
      tooPrivileged = tooPrivileged || g == Grant::targetTooPrivileged;
      return g == Grant::granted;
    });
    if (granting) {
      c.push(roleLink(*granting));
      c.push(perm);
      return c.allow();
    }
    if (blocked) c.push(roleLink(*blocked));
    return c.deny(tooPrivileged ? errc::targetTooPrivileged : errc::insufficientRole, perm);
  }

  // ---- in a customer tenant: delegated access ----
  if (action == Action::manageDevices) return c.deny(errc::mdmNotSupportedForDelegatedAccess, perm);
  if (!isDelegableAction(action)) return c.deny(errc::notAvailableThroughDelegatedAccess, perm);
  if (lacksRequiredMultiFactor(state, *user))
    return c.deny(errc::multiFactorRequired, linkOf(LinkKind::multiFactor, user->tenantId.guid));

  const Relationship* lastSeen = nullptr;
  const Relationship* firstEffective = nullptr;
  bool anyDap = false;
  // The best partial chain, for the explanation of a refusal.
  std::array<Link, 4> partial{};
  std::size_t partialCount = 0;
  bool partialTooPrivileged = false;
  const std::vector<GroupId>* myGroups =
      nullptr;  // fetched only if a granular relationship needs it

  for (RelationshipId rid : state.relationshipsBetween(user->tenantId, target.tenant)) {
    const Relationship* r = state.findRelationship(rid);
    if (!r) continue;
    lastSeen = r;
    if (!isEffective(*r, now)) continue;
    if (!firstEffective) firstEffective = r;
    if (r->kind == RelationshipKind::dap) {
      anyDap = true;
      if (user->partnerAccess == PartnerAccess::none) continue;
      const Role role = *policy::delegatedRole(user->partnerAccess);
      Grant g = roleGrants(role, action, targetRoles);
      if (g == Grant::granted) {
        c.push(relationshipLink(*r));
        c.push(settingLink(user->partnerAccess));
        c.push(roleLink(role));
        c.push(perm);
        return c.allow();
      }
      if (partialCount == 0 || (g == Grant::targetTooPrivileged && !partialTooPrivileged)) {
        partial = {relationshipLink(*r), settingLink(user->partnerAccess), roleLink(role)};
        partialCount = 3;
        partialTooPrivileged = g == Grant::targetTooPrivileged;
      }
      continue;
    }
    const auto& refs = state.activeAssignmentsOf(r->id);
    if (refs.empty()) continue;
    if (!myGroups) myGroups = &state.groupsWithMember(user->id);
    for (const AssignmentRef& ref : refs) {
      if (!std::binary_search(myGroups->begin(), myGroups->end(), ref.group)) continue;
      const AccessAssignment* as = state.findAccessAssignment(ref.id);
      if (!as || as->status != AccessAssignmentStatus::active) continue;
      RoleSet roles = as->accessDetails.unifiedRoles & r->accessDetails.unifiedRoles;
      std::optional<Role> granting, blocked, any;
      forEachRoleNarrowFirst(roles, [&](Role role) {
        Grant g = roleGrants(role, action, targetRoles);
        if (!any) any = role;
        if (g == Grant::granted) granting = role;
        if (g == Grant::targetTooPrivileged && !blocked) blocked = role;
        return g == Grant::granted;
      });
      Link al = linkOf(LinkKind::assignment, as->id.guid);
      Link gl = linkOf(LinkKind::group, ref.group.guid);
      if (granting) {
        c.push(relationshipLink(*r));
        c.push(al);
        c.push(gl);
        c.push(roleLink(*granting));
        c.push(perm);
        return c.allow();
      }
      if (partialCount == 0 || (blocked && !partialTooPrivileged)) {
        partial = {relationshipLink(*r), al, gl,
                   roleLink(blocked ? *blocked : any.value_or(Role::directoryReaders))};
        partialCount = any ? 4 : 3;
        partialTooPrivileged = blocked.has_value();
      }
    }
  }

  if (!firstEffective) {
    Link missing = linkOf(LinkKind::relationship);
    if (lastSeen) {
      missing.id = lastSeen->id.guid;
      missing.status = lastSeen->status;
    } else {
      missing.status = RelationshipStatus::created;  // none at all
    }
    return c.deny(errc::noActiveRelationship, missing);
  }
  if (partialCount == 0) {
    c.push(relationshipLink(*firstEffective));
    Link missing = anyDap ? settingLink(PartnerAccess::none) : linkOf(LinkKind::group);
    return c.deny(errc::delegatedAccessNotGranted, missing);
  }
  for (std::size_t i = 0; i < partialCount; ++i) c.push(partial[i]);
  return c.deny(partialTooPrivileged ? errc::targetTooPrivileged : errc::insufficientRole, perm);
}

RoleSet delegatedRoles(const State& state, UserId userId, TenantId customer, Timestamp now) {
  RoleSet out;
  const User* user = state.findUser(userId);
  if (!user || !user->accountEnabled || user->tenantId == customer) return out;
  if (lacksRequiredMultiFactor(state, *user)) return out;
  for (RelationshipId rid : state.relationshipsBetween(user->tenantId, customer)) {
    const Relationship* r = state.findRelationship(rid);
    if (!r || !isEffective(*r, now)) continue;
    if (r->kind == RelationshipKind::dap) {
      if (auto role = policy::delegatedRole(user->partnerAccess)) out.add(*role);
      continue;
    }
    for (AccessAssignmentId aid : state.assignmentsOf(r->id)) {
      const AccessAssignment* as = state.findAccessAssignment(aid);
      if (!as || as->status != AccessAssignmentStatus::active) continue;
      const Group* group = state.findGroup(as->accessContainer.accessContainerId);
      if (group && isMember(*group, userId))
        out = out | (as->accessDetails.unifiedRoles & r->accessDetails.unifiedRoles);
    }
  }
  return out;
}

bool lacksRequiredMultiFactor(const State& state, const User& user) {
  if (user.multiFactorRegistered) return false;
  const Tenant* home = state.findTenant(user.tenantId);
  return home && home->requireMultiFactor;
}

// ---- explanations ---------------------------------------------------------------------------

namespace {

std::string_view actionPhrase(Action a) {
  switch (a) {
    case Action::readDirectory:
      return "read the directory";
    case Action::createUser:
      return "create users";
    case Action::updateUser:
      return "update this user";
    case Action::disableUser:
      return "disable this user";
    case Action::deleteUser:
      return "delete this user";
    case Action::resetPassword:
      return "reset this user's password";
    case Action::manageGroups:
      return "manage groups";
    case Action::assignRoles:
      return "assign roles";
    case Action::addDomain:
      return "add domains";
    case Action::verifyDomain:
      return "verify domains";
    case Action::removeDomain:
      return "remove domains";
    case Action::assignLicenses:
      return "assign licenses";
    case Action::manageDevices:
      return "manage devices";
    case Action::manageOffers:
      return "create delegated administration offers";
    case Action::createTrialsAndPurchaseOffers:
      return "create trial invitations and purchase offers";
    case Action::managePartnerAccess:
      return "set the administrative access of partner users";
    case Action::manageRelationships:
      return "manage relationships and access assignments";
    case Action::respondToOffers:
      return "respond to partner offers";
    case Action::managePartners:
      return "manage partners";
  }
  return "do this";
}

std::string settingName(PartnerAccess a) {
  if (a == PartnerAccess::none) return "no administrative access";
  return std::string(policy::accessSettingName(a));
}

std::string describeLink(const State& s, const Link& l) {
  switch (l.kind) {
    case LinkKind::system:
      return "the platform itself";
    case LinkKind::membership: {
      const Tenant* t = s.findTenant(TenantId(l.id));
      return "membership of " + (t ? t->displayName : std::string("the organization"));
    }
    case LinkKind::relationship: {
      const Relationship* r = s.findRelationship(RelationshipId(l.id));
      std::string name = r ? r->displayName : std::string("a relationship");
      return "the relationship '" + name + "' (" + std::string(enumName(l.status)) + ")";
    }
    case LinkKind::setting:
      return "the " + settingName(l.setting) + " setting";
    case LinkKind::assignment:
      return "an access assignment";
    case LinkKind::group: {
      const Group* g = s.findGroup(GroupId(l.id));
      return "the security group '" + (g ? g->displayName : std::string("?")) + "'";
    }
    case LinkKind::role:
      return "the role " + std::string(roleInfo(l.role).displayName);
    case LinkKind::permission:
      return "permission to " + std::string(actionPhrase(l.action));
    case LinkKind::multiFactor:
      return "multi-factor sign-in";
  }
  return {};
}

std::string rolesThatWould(Action action, RoleSet targetRoles) {
  std::string out;
  for (const auto& info : roleCatalog()) {
    if (info.role == Role::globalAdministrator) continue;
    if (roleGrants(info.role, action, targetRoles) == Grant::granted) {
      if (!out.empty()) out += ", ";
      out += info.displayName;
    }
  }
  return out.empty() ? "Global Administrator" : out + " or Global Administrator";
}

// Who a sentence is about: the reader ("you") or another person, by name.
struct Voice {
  std::string subject, possessive, object;  // "you"/"Lena", "your"/"Lena's", "you"/"them"
  bool reader = true;
  std::string cap(const std::string& w) const {
    std::string out = w;
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
  }
};

std::string explainIn(const State& s, const Authorization& a, const Voice& v) {
  std::string chain;
  for (const Link& l : a) {
    if (!chain.empty()) chain += " → ";
    chain += describeLink(s, l);
  }
  if (a.allowed) return "Allowed through " + chain + ".";

  RoleSet targetRoles;
  if (a.target.user)
    if (const User* t = s.findUser(*a.target.user)) targetRoles = t->roles;
  const std::string phrase(actionPhrase(a.action));
  std::string why;
  const std::string_view code = a.code;
  if (code == errc::unauthenticated) {
    why = "Sign in to " + phrase + ".";
  } else if (code == errc::accountDisabled) {
    why = v.reader ? "Your account is disabled; ask an administrator of your organization to "
                     "enable it."
                   : v.cap(v.possessive) +
                         " account is disabled; an administrator of the organization can "
                         "enable it.";
  } else if (code == errc::mdmNotSupportedForDelegatedAccess) {
    why =
        "Mobile device management is not available through delegated administration; a "
        "Global Administrator of the customer's own organization must do it.";
  } else if (code == errc::notAvailableThroughDelegatedAccess) {
    why = "Only the organization's own administrators may " + phrase +
          "; it is not available through delegated access.";
  } else if (code == errc::multiFactorRequired) {
    const Tenant* home = a.missing ? s.findTenant(TenantId(a.missing->id)) : nullptr;
    const std::string org = home ? home->displayName : std::string("The partner organization");
    why = v.reader ? org +
                         " requires multi-factor sign-in before you act in any client, and you "
                         "have not set it up: open Settings, choose \"Set up an authenticator "
                         "app\", and enter the code the app shows."
                   : org +
                         " requires multi-factor sign-in before its users act in any client, "
                         "and " +
                         v.subject + " has not set it up (Settings → Set up an authenticator app).";
  } else if (code == errc::noActiveRelationship) {
    const Relationship* latest = a.missing && !a.missing->id.isNil()
                                     ? s.findRelationship(RelationshipId{a.missing->id})
                                     : nullptr;
    // The customer is named only through a relationship the two organizations had: a tenant
    // the caller was never related to must not be told apart from one that does not exist.
    const Tenant* customer =
        latest && latest->customer && latest->customer->tenantId == a.target.tenant
            ? s.findTenant(a.target.tenant)
            : nullptr;
    const std::string who = customer ? customer->displayName : "this customer";
    // Say what happened to the relationship that granted access, with its date: a workspace
    // that closes while someone works in it must tell them why in words.
    const std::string day =
        latest ? formatTimestamp(latest->lastModifiedDateTime).substr(0, 10) : std::string();
    if (latest && (latest->status == RelationshipStatus::terminated ||
                   latest->status == RelationshipStatus::terminating ||
                   latest->status == RelationshipStatus::terminationRequested)) {
      why = who + "'s delegated administration relationship with " + v.possessive +
            " organization (\"" + latest->displayName + "\") was ended on " + day + ", so " +
            v.subject + " can no longer act there";
    } else if (latest && latest->status == RelationshipStatus::declined) {
      why = who + " declined the relationship request \"" + latest->displayName + "\" on " + day +
            ", so " + v.subject + " cannot act there";
    } else if (latest && latest->status == RelationshipStatus::expired) {
      why = who + "'s delegated administration relationship with " + v.possessive +
            " organization (\"" + latest->displayName + "\") expired on " +
            (latest->endDateTime ? formatTimestamp(*latest->endDateTime).substr(0, 10) : day) +
            ", so " + v.subject + " can no longer act there";
    } else {
      why = v.cap(v.possessive) +
            " organization has no active delegated administration relationship with " + who;
      if (a.missing && !a.missing->id.isNil())
        why += " (the latest one is " + std::string(enumName(a.missing->status)) + ")";
    }
    why += "; the customer must accept an offer or approve a relationship first.";
  } else if (code == errc::delegatedAccessNotGranted) {
    why = v.reader
              ? "You have no administrative access to this customer: ask a partner administrator "
                "to set your access to Full or Limited administration, or to add you to a "
                "security group that has an access assignment in the relationship."
              : v.subject +
                    " has no administrative access to this customer: a partner administrator "
                    "can set " +
                    v.possessive +
                    " access to Full or Limited administration, or add them to a security "
                    "group that has an access assignment in the relationship.";
  } else if (code == errc::targetTooPrivileged) {
    why = v.cap(v.possessive) + " role may not " + phrase + ": the user holds " +
          targetRoles.describe() + ". Someone with " + rolesThatWould(a.action, targetRoles) +
          " can.";
  } else {
    why = "None of " + v.possessive + " roles lets " + v.object + " " + phrase + ". It needs " +
          rolesThatWould(a.action, targetRoles) + ".";
  }
  if (!chain.empty()) why += " (Checked: " + chain + ".)";
  return why;
}

}  // namespace

std::string explain(const State& s, const Authorization& a) {
  return explainIn(s, a, Voice{"you", "your", "you", true});
}

std::string explainAbout(const State& s, const Authorization& a, const std::string& personName) {
  return explainIn(s, a, Voice{personName, personName + "'s", "them", false});
}

Error toError(const State& state, const Authorization& a) {
  return makeError(a.code.empty() ? errc::notAuthorized : a.code, explain(state, a));
}

}  // namespace delegate
