#pragma once
// What one viewer may see of each kind of object and event, judged at a time: the predicate
// behind viewOf(), canSee() and the scopes (core/scopes.hpp). Internal to the core.
#include <optional>
#include <vector>

#include "core/state.hpp"
#include "core/visibility.hpp"

namespace delegate::detail {

struct Viewer {
  const State& s;
  const User* user;  // null: sees nothing
  Timestamp now;     // rights are judged at this time
  bool admin = false;
  // The portfolio's view: of directories only the viewer's own and the open workspace's.
  bool ownDirectoryOnly = false;
  std::optional<TenantId> workspace;

  Viewer(const State& state, UserId id, Timestamp at)
      : s(state), user(state.findUser(id)), now(at) {
    admin = user && user->accountEnabled &&
            (!user->roles.empty() || user->partnerAccess != PartnerAccess::none);
  }
  TenantId home() const { return user->tenantId; }

  bool directory(TenantId t) const {
    if (!user || (ownDirectoryOnly && t != home() && t != workspace)) return false;
    return canReadDirectory(s, user->id, t, now);
  }
  bool relationship(const Relationship& r) const {
    if (!user) return false;
    if (r.partnerTenantId == home()) return true;
    return r.customer && r.customer->tenantId == home() && r.status != RelationshipStatus::created;
  }
  bool relationship(RelationshipId id) const {
    const Relationship* r = s.findRelationship(id);
    return r && relationship(*r);
  }
  bool assignment(const AccessAssignment& a) const {
    const Relationship* r = s.findRelationship(a.relationshipId);
    return user && r && r->partnerTenantId == home();
  }
  bool ownRecords(TenantId t) const { return user && admin && t == home(); }
  bool audit(const AuditRecord& r) const {
    if (!user) return false;
    if (r.actorUserId == user->id) return true;
    if (!admin) return false;
    return r.actorTenantId == home() || r.onBehalfOfTenantId == home() ||
           r.targetTenantId == home();
  }
  // A tenant entity: one's own, and the other side of a visible relationship.
  bool tenant(TenantId t) const {
    if (!user) return false;
    if (t == home()) return true;
    for (RelationshipId rid : s.relationshipsBetween(home(), t))
      if (const Relationship* r = s.findRelationship(rid); r && relationship(*r)) return true;
    for (RelationshipId rid : s.relationshipsBetween(t, home()))
      if (const Relationship* r = s.findRelationship(rid); r && relationship(*r)) return true;
    return false;
  }
  bool userObject(UserId id) const {
    const User* u = s.findUser(id);
    return u && directory(u->tenantId);
  }
  bool group(GroupId id) const {
    const Group* g = s.findGroup(id);
    return g && directory(g->tenantId);
  }
  bool domain(const std::string& name) const {
    const Domain* d = s.findDomain(name);
    return d && directory(d->tenantId);
  }
  bool subscription(SubscriptionId id) const {
    const Subscription* sub = s.findSubscription(id);
    return sub && directory(sub->tenantId);
  }
  bool offer(OfferId id) const {
    const Offer* o = s.findOffer(id);
    return user && o && o->partnerId == home();
  }

  bool operator()(const TenantCreated& e) const { return user && e.tenant.id == home(); }
  bool operator()(const PartnerCertificationChanged& e) const { return tenant(e.tenantId); }
  bool operator()(const DomainAdded& e) const { return directory(e.domain.tenantId); }
  bool operator()(const DomainVerified& e) const {
    return e.tenantId ? directory(*e.tenantId) : domain(e.name);
  }
  bool operator()(const DefaultDomainChanged& e) const { return directory(e.tenantId); }
  bool operator()(const DomainRemoved& e) const {
    return e.tenantId ? directory(*e.tenantId) : domain(e.name);
  }
  bool operator()(const UserCreated& e) const { return directory(e.user.tenantId); }
  bool operator()(const UserUpdated& e) const { return userObject(e.userId); }
  bool operator()(const UserEnabledChanged& e) const { return userObject(e.userId); }
  bool operator()(const UserDeleted& e) const { return userObject(e.userId); }
  bool operator()(const PasswordReset& e) const { return userObject(e.userId); }
  bool operator()(const UserRolesChanged& e) const { return userObject(e.userId); }
  bool operator()(const PartnerAccessChanged& e) const { return userObject(e.userId); }
  bool operator()(const MultiFactorRegistrationChanged& e) const { return userObject(e.userId); }
  bool operator()(const MultiFactorRequirementChanged& e) const { return tenant(e.tenantId); }
  bool operator()(const GroupCreated& e) const { return directory(e.group.tenantId); }
  bool operator()(const GroupMemberAdded& e) const { return group(e.groupId); }
  bool operator()(const GroupMemberRemoved& e) const { return group(e.groupId); }
  bool operator()(const SubscriptionCreated& e) const { return directory(e.subscription.tenantId); }
  bool operator()(const LicenseAssigned& e) const { return subscription(e.subscriptionId); }
  bool operator()(const LicenseRemoved& e) const { return subscription(e.subscriptionId); }
  bool operator()(const OfferCreated& e) const { return user && e.offer.partnerId == home(); }
  bool operator()(const OfferRevoked& e) const { return offer(e.offerId); }
  bool operator()(const OfferAccepted& e) const {
    return offer(e.offerId) || (user && e.customerTenantId == home());
  }
  bool operator()(const OfferDeclined& e) const {
    return offer(e.offerId) || (user && e.customerTenantId == home());
  }
  bool operator()(const RelationshipCreated& e) const { return relationship(e.relationship); }
  bool operator()(const RelationshipUpdated& e) const { return relationship(e.relationshipId); }
  bool operator()(const RelationshipDeleted& e) const { return relationship(e.relationshipId); }
  bool operator()(const RelationshipLockedForApproval& e) const {
    const Relationship* r = s.findRelationship(e.relationshipId);
    if (!r || !user) return false;
    return r->partnerTenantId == home() || (r->customer && r->customer->tenantId == home());
  }
  bool operator()(const RelationshipApproved& e) const {
    return relationship(e.relationshipId) || (user && e.customer.tenantId == home());
  }
  bool operator()(const RelationshipDeclined& e) const {
    return relationship(e.relationshipId) || (user && e.customer.tenantId == home());
  }
  bool operator()(const RelationshipStatusChanged& e) const {
    return relationship(e.relationshipId);
  }
  bool operator()(const RelationshipExtended& e) const { return relationship(e.relationshipId); }
  bool operator()(const AccessAssignmentCreated& e) const { return assignment(e.accessAssignment); }
  bool operator()(const AccessAssignmentUpdated& e) const {
    const AccessAssignment* a = s.findAccessAssignment(e.accessAssignmentId);
    return a && assignment(*a);
  }
  bool operator()(const AccessAssignmentDeleted& e) const {
    const AccessAssignment* a = s.findAccessAssignment(e.accessAssignmentId);
    return a && assignment(*a);
  }
  bool operator()(const DeviceWipeRequested& e) const { return ownRecords(e.wipe.tenantId); }
  bool operator()(const ClockAdvanced&) const { return user != nullptr; }
  bool operator()(const NotificationCreated& e) const {
    return ownRecords(e.notification.tenantId);
  }
  bool operator()(const NotificationRead& e) const {
    const Notification* n = s.findNotification(e.notificationId);
    return n && ownRecords(n->tenantId);
  }
  bool operator()(const EmailQueued& e) const { return ownRecords(e.email.tenantId); }
  bool operator()(const AuditRecorded& e) const { return audit(e.record); }
};

// The tenants whose directory the viewer reads: its own first, then customers it holds rights in.
std::vector<TenantId> readableTenants(const State& s, const Viewer& v);

// Whether a view holds the other organizations (their tenants, and every relationship and access
// assignment), or only the viewer's own records: a portfolio's head leaves them to its details.
enum class OtherOrganizations { included, leftOut };

// viewOf() with the directories (users, groups, domains, subscriptions) of `directories` only;
// everything else the viewer may see is there in full, or without the other organizations.
State viewWith(const State& s, const Viewer& v, const std::vector<TenantId>& directories,
               OtherOrganizations others = OtherOrganizations::included);

}  // namespace delegate::detail
