#include "core/read_model.hpp"

#include "core/expiry.hpp"
#include "core/policy.hpp"

namespace delegate {

RelationshipStatus displayStatus(const Relationship& r, Timestamp now) {
  if (r.status == RelationshipStatus::active && isExpiring(r, now))
    return RelationshipStatus::expiring;
  if (grantsAccess(r.status) && !isEffective(r, now)) return RelationshipStatus::expired;
  return r.status;
}

RelationshipOperations allowedOperations(const Relationship& r, Timestamp now) {
  RelationshipOperations ops;
  const RelationshipStatus status = displayStatus(r, now);
  const bool granular = r.kind == RelationshipKind::granular;
  const bool live = grantsAccess(status);
  // A created relationship may still change anything; an active one only its auto-extend and
  // whether it includes Global Administrator (decide/relationships.cpp).
  const bool editable = granular && (status == RelationshipStatus::created || live);
  const bool hasGa = r.accessDetails.unifiedRoles.has(Role::globalAdministrator);
  ops.lockForApproval = granular && status == RelationshipStatus::created;
  ops.revealApprovalLink = status == RelationshipStatus::approvalPending;
  ops.removeGlobalAdministrator = editable && hasGa;
  ops.turnOnAutoExtend = editable && !hasGa && r.autoExtendDuration != policy::kAutoExtend;
  ops.terminate = live;
  ops.assignAccess = granular && live;
  return ops;
}

std::string_view statusLabel(RelationshipStatus s) {
  switch (s) {
    case RelationshipStatus::created:
      return "Created";
    case RelationshipStatus::approvalPending:
      return "Approval pending";
    case RelationshipStatus::active:
      return "Active";
    case RelationshipStatus::approved:
      return "Approved";
    case RelationshipStatus::expiring:
      return "Expiring";
    case RelationshipStatus::expired:
      return "Expired";
    case RelationshipStatus::terminationRequested:
      return "Termination requested";
    case RelationshipStatus::terminating:
      return "Terminating";
    case RelationshipStatus::terminated:
      return "Terminated";
    case RelationshipStatus::declined:
      return "Declined";
  }
  return "";
}

StatusTone statusTone(RelationshipStatus s) {
  switch (s) {
    case RelationshipStatus::active:
      return StatusTone::good;
    case RelationshipStatus::expiring:
    case RelationshipStatus::approvalPending:
    case RelationshipStatus::created:
      return StatusTone::attention;
    case RelationshipStatus::expired:
    case RelationshipStatus::terminationRequested:
    case RelationshipStatus::terminated:
    case RelationshipStatus::declined:
      return StatusTone::ended;
    default:
      return StatusTone::neutral;
  }
}

ClientStanding standingOf(RelationshipStatus displayed) {
  switch (displayed) {
    case RelationshipStatus::active:
      return ClientStanding::active;
    case RelationshipStatus::expiring:
      return ClientStanding::expiring;
    // Approved is Graph's step before active: it grants nothing yet (grantsAccess), so it
    // waits with the requests rather than counting as access.
    case RelationshipStatus::approved:
    case RelationshipStatus::approvalPending:
    case RelationshipStatus::created:
      return ClientStanding::pending;
    default:
      return ClientStanding::ended;
  }
}

ClientStanding betterStanding(ClientStanding a, ClientStanding b) {
  if (a == ClientStanding::none) return b;
  if (b == ClientStanding::none) return a;
  return a < b ? a : b;
}

std::string_view standingLabel(ClientStanding s) {
  switch (s) {
    case ClientStanding::active:
      return statusLabel(RelationshipStatus::active);
    case ClientStanding::expiring:
      return statusLabel(RelationshipStatus::expiring);
    case ClientStanding::pending:
      return statusLabel(RelationshipStatus::approvalPending);
    case ClientStanding::ended:
      return "Ended";
    case ClientStanding::none:
      break;
  }
  return "None";
}

StatusTone statusTone(ClientStanding s) {
  switch (s) {
    case ClientStanding::active:
      return StatusTone::good;
    case ClientStanding::expiring:
    case ClientStanding::pending:
      return StatusTone::attention;
    case ClientStanding::ended:
      return StatusTone::ended;
    case ClientStanding::none:
      break;
  }
  return StatusTone::neutral;
}

std::string_view statusLabel(AccessAssignmentStatus s) {
  switch (s) {
    case AccessAssignmentStatus::pending:
      return "Pending";
    case AccessAssignmentStatus::active:
      return "Active";
    case AccessAssignmentStatus::deleting:
      return "Deleting";
    case AccessAssignmentStatus::deleted:
      return "Deleted";
    case AccessAssignmentStatus::error:
      return "Error";
  }
  return "";
}

StatusTone statusTone(AccessAssignmentStatus s) {
  switch (s) {
    case AccessAssignmentStatus::active:
      return StatusTone::good;
    case AccessAssignmentStatus::pending:
      return StatusTone::attention;
    case AccessAssignmentStatus::error:
      return StatusTone::ended;
    default:
      return StatusTone::neutral;
  }
}

std::string_view outcomeLabel(AuditOutcome o) {
  return o == AuditOutcome::allowed ? "Allowed" : "Refused";
}

StatusTone statusTone(AuditOutcome o) {
  return o == AuditOutcome::allowed ? StatusTone::good : StatusTone::ended;
}

std::string_view offerKindLabel(OfferKind k) {
  switch (k) {
    case OfferKind::delegatedAdmin:
      return "Delegated admin offer";
    case OfferKind::trialInvitation:
      return "Trial invitation";
    case OfferKind::purchaseOffer:
      return "Purchase offer";
  }
  return "";
}

std::string durationLabel(Duration d) {
  if (!d.isWholeDays()) return formatDuration(d);
  const std::int64_t n = d.days();
  if (n > 0 && n % 365 == 0) {
    const std::int64_t years = n / 365;
    return std::to_string(years) + (years == 1 ? " year (" : " years (") + policy::days(d) + ")";
  }
  return policy::days(d);
}

std::vector<Duration> durationChoices() {
  // A month, a quarter, half a year, a year, then the longest Graph allows.
  std::vector<Duration> out;
  for (int n : {30, 90, 180, 365})
    if (Duration::ofDays(n) >= policy::kMinDuration && Duration::ofDays(n) < policy::kMaxDuration)
      out.push_back(Duration::ofDays(n));
  out.push_back(policy::kMaxDuration);
  return out;
}

std::string_view actionTitle(Action a) {
  switch (a) {
    case Action::readDirectory:
      return "Read users, groups and domains";
    case Action::createUser:
      return "Add users";
    case Action::updateUser:
      return "Edit users";
    case Action::disableUser:
      return "Disable users";
    case Action::deleteUser:
      return "Delete users";
    case Action::resetPassword:
      return "Reset passwords";
    case Action::manageGroups:
      return "Manage groups";
    case Action::assignRoles:
      return "Assign roles";
    case Action::addDomain:
      return "Add domains";
    case Action::verifyDomain:
      return "Verify domains";
    case Action::removeDomain:
      return "Remove domains";
    case Action::assignLicenses:
      return "Assign licenses";
    case Action::manageDevices:
      return "Manage mobile devices";
    default:
      return actionName(a);
  }
}

std::string auditActionLabel(std::string_view a) {
  // The audit keeps the command's camelCase name: "resetPassword" reads "Reset password".
  std::string out;
  for (char c : a) {
    if (c >= 'A' && c <= 'Z') {
      out += ' ';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

namespace {

std::string tenantName(const State& s, TenantId id) {
  const Tenant* t = s.findTenant(id);
  return t ? t->displayName : std::string();
}

ExplanationStep describe(const State& s, const Link& l, bool ok) {
  ExplanationStep st{l.kind, "", "", ok};
  switch (l.kind) {
    case LinkKind::system:
      st.kindLabel = "System";
      st.text = "the platform itself";
      break;
    case LinkKind::membership:
      st.kindLabel = "Membership";
      st.text = "member of " + tenantName(s, TenantId(l.id));
      break;
    case LinkKind::relationship: {
      st.kindLabel = "Relationship";
      const Relationship* r = s.findRelationship(RelationshipId(l.id));
      st.text = r ? (r->kind == RelationshipKind::dap ? std::string("Delegated administration")
                                                      : r->displayName) +
                        " (" + std::string(enumName(l.status)) + ")"
                  : (ok ? "a relationship" : "no active relationship with this client");
      break;
    }
    case LinkKind::setting:
      st.kindLabel = "Access setting";
      st.text = l.setting == PartnerAccess::none
                    ? "no administrative access"
                    : std::string(policy::accessSettingName(l.setting));
      break;
    case LinkKind::assignment:
      st.kindLabel = "Assignment";
      st.text = "access assignment " + l.id.str();
      break;
    case LinkKind::group: {
      st.kindLabel = "Group";
      const Group* g = s.findGroup(GroupId(l.id));
      st.text = g ? g->displayName : "a security group";
      break;
    }
    case LinkKind::role:
      st.kindLabel = "Role";
      st.text = std::string(roleInfo(l.role).displayName);
      break;
    case LinkKind::permission:
      st.kindLabel = "Permission";
      st.text = std::string(actionName(l.action));
      break;
    case LinkKind::multiFactor:
      st.kindLabel = "Multi-factor sign-in";
      st.text = ok ? "set up" : "required by " + tenantName(s, TenantId(l.id)) + ", not set up";
      break;
  }
  return st;
}

}  // namespace

std::vector<ExplanationStep> explanationSteps(const State& s, const Authorization& a) {
  std::vector<ExplanationStep> steps;
  for (const Link& l : a) steps.push_back(describe(s, l, true));
  if (a.missing) steps.push_back(describe(s, *a.missing, false));
  return steps;
}

}  // namespace delegate
