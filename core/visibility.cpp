#include "core/visibility.hpp"

#include <algorithm>
#include <type_traits>

#include "core/authorize.hpp"

namespace delegate {

namespace {

struct Viewer {
  const State& s;
  const User* user;  // null: sees nothing
  Timestamp now;     // rights are judged at this time
  bool admin = false;

  Viewer(const State& state, UserId id, Timestamp at)
      : s(state), user(state.findUser(id)), now(at) {
    admin = user && user->accountEnabled &&
            (!user->roles.empty() || user->partnerAccess != PartnerAccess::none);
  }
  TenantId home() const { return user->tenantId; }

  bool directory(TenantId t) const { return user && canReadDirectory(s, user->id, t, now); }
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

template <class Map, class Pred>
void copyIf(const Map& from, Map& to, Pred&& keep) {
  for (const auto& [k, v] : from)
    if (keep(v)) to.emplace(k, v);
}

}  // namespace

bool canReadDirectory(const State& state, UserId viewer, TenantId tenant, Timestamp now) {
  const User* u = state.findUser(viewer);
  if (!u || !u->accountEnabled) return false;
  if (u->tenantId == tenant) return true;
  return authorizeAt(state, Principal::user(viewer, tenant), Action::readDirectory,
                     Target::inTenant(tenant), now)
      .allowed;
}

bool canReadDirectory(const State& state, UserId viewer, TenantId tenant) {
  return canReadDirectory(state, viewer, tenant, state.clock);
}

bool canSee(const State& state, UserId viewer, const Event& event, Timestamp now) {
  return std::visit(Viewer(state, viewer, now), event);
}

bool canSee(const State& state, UserId viewer, const Event& event) {
  return canSee(state, viewer, event, state.clock);
}

bool rightsEndedSinceClock(const State& state, UserId viewer, Timestamp now) {
  const User* u = state.findUser(viewer);
  if (!u || !(state.clock < now)) return false;
  auto ended = [&](RelationshipId rid) {
    const Relationship* r = state.findRelationship(rid);
    return r && isEffective(*r, state.clock) && !isEffective(*r, now);
  };
  for (RelationshipId rid : state.relationshipsOfPartner(u->tenantId))
    if (ended(rid)) return true;
  return false;
}

std::optional<Timestamp> nextRightsEnd(const State& state, Timestamp after) {
  std::optional<Timestamp> next;
  for (const auto& [id, r] : state.relationships)
    if (r.endDateTime && grantsAccess(r.status) && after < *r.endDateTime &&
        (!next || *r.endDateTime < *next))
      next = r.endDateTime;
  return next;
}

bool changesVisibility(const Event& event) {
  return std::holds_alternative<RelationshipCreated>(event) ||
         std::holds_alternative<RelationshipApproved>(event) ||
         std::holds_alternative<RelationshipStatusChanged>(event) ||
         std::holds_alternative<RelationshipExtended>(event) ||
         std::holds_alternative<RelationshipUpdated>(event) ||
         std::holds_alternative<RelationshipDeleted>(event) ||
         std::holds_alternative<AccessAssignmentCreated>(event) ||
         std::holds_alternative<AccessAssignmentUpdated>(event) ||
         std::holds_alternative<AccessAssignmentDeleted>(event) ||
         std::holds_alternative<GroupMemberAdded>(event) ||
         std::holds_alternative<GroupMemberRemoved>(event) ||
         std::holds_alternative<PartnerAccessChanged>(event) ||
         std::holds_alternative<MultiFactorRegistrationChanged>(event) ||
         std::holds_alternative<MultiFactorRequirementChanged>(event) ||
         std::holds_alternative<UserRolesChanged>(event) ||
         std::holds_alternative<UserEnabledChanged>(event) ||
         std::holds_alternative<UserDeleted>(event);
}

State viewOf(const State& s, UserId viewerId) {
  return viewOf(s, viewerId, s.clock);
}

State viewOf(const State& s, UserId viewerId, Timestamp now) {
  State out;
  out.clock = s.clock;
  out.nextNotificationId = s.nextNotificationId;
  out.nextEmailId = s.nextEmailId;
  out.nextAuditId = s.nextAuditId;
  Viewer v(s, viewerId, now);
  if (!v.user) return out;
  const TenantId home = v.home();

  // Tenants whose directory the viewer reads: its own, plus customers it holds rights in.
  std::vector<TenantId> readable{home};
  for (RelationshipId rid : s.relationshipsOfPartner(home)) {
    const Relationship* r = s.findRelationship(rid);
    if (!r || !r->customer) continue;
    TenantId c = r->customer->tenantId;
    if (std::find(readable.begin(), readable.end(), c) == readable.end() &&
        canReadDirectory(s, viewerId, c, now))
      readable.push_back(c);
  }

  copyIf(s.tenants, out.tenants, [&](const Tenant& t) { return v.tenant(t.id); });
  for (TenantId t : readable) {
    for (UserId id : s.usersOf(t)) out.users.emplace(id, *s.findUser(id));
    for (GroupId id : s.groupsOf(t)) out.groups.emplace(id, *s.findGroup(id));
    for (const std::string& d : s.domainsOf(t))
      out.domains.emplace(domainKey(t, d), *s.findDomain(t, d));
    for (SubscriptionId id : s.subscriptionsOf(t))
      out.subscriptions.emplace(id, *s.findSubscription(id));
  }
  for (OfferId id : s.offersOf(home)) out.offers.emplace(id, *s.findOffer(id));
  copyIf(s.relationships, out.relationships,
         [&](const Relationship& r) { return v.relationship(r); });
  copyIf(s.accessAssignments, out.accessAssignments,
         [&](const AccessAssignment& a) { return v.assignment(a); });
  for (const auto& n : s.notifications)
    if (v.ownRecords(n.tenantId)) out.notifications.push_back(n);
  for (const auto& m : s.outbox)
    if (v.ownRecords(m.tenantId)) out.outbox.push_back(m);
  for (const auto& a : s.audit)
    if (v.audit(a)) out.audit.push_back(a);
  for (const auto& w : s.deviceWipes)
    if (v.ownRecords(w.tenantId)) out.deviceWipes.push_back(w);
  out.rebuildIndex();
  return out;
}

}  // namespace delegate

namespace delegate {

State scopedViewOf(const State& s, UserId viewerId, TenantId scope) {
  return scopedViewOf(s, viewerId, scope, s.clock);
}

State scopedViewOf(const State& s, UserId viewerId, TenantId scope, Timestamp now) {
  State full = viewOf(s, viewerId, now);
  State out;
  out.clock = full.clock;
  out.nextNotificationId = full.nextNotificationId;
  out.nextEmailId = full.nextEmailId;
  out.nextAuditId = full.nextAuditId;
  const User* me = full.findUser(viewerId);
  if (!me) return out;
  const TenantId home = me->tenantId;
  for (TenantId t : {home, scope})
    if (const Tenant* tenant = full.findTenant(t)) out.tenants.emplace(t, *tenant);
  // The scope's directory (present in `full` only while the viewer may read it), and of the home
  // tenant only the viewer's own account.
  for (UserId id : full.usersOf(scope)) out.users.emplace(id, *full.findUser(id));
  for (GroupId id : full.groupsOf(scope)) out.groups.emplace(id, *full.findGroup(id));
  for (const std::string& d : full.domainsOf(scope))
    out.domains.emplace(domainKey(scope, d), *full.findDomain(scope, d));
  for (SubscriptionId id : full.subscriptionsOf(scope))
    out.subscriptions.emplace(id, *full.findSubscription(id));
  out.users.emplace(viewerId, *me);
  auto about = [&](const Relationship& r) {
    return scope == home ? r.partnerTenantId == home || (r.customer && r.customer->tenantId == home)
                         : r.partnerTenantId == home && r.customer && r.customer->tenantId == scope;
  };
  copyIf(full.relationships, out.relationships, about);
  copyIf(full.accessAssignments, out.accessAssignments, [&](const AccessAssignment& a) {
    return out.findRelationship(a.relationshipId) != nullptr;
  });
  for (const auto& a : full.audit)
    if (a.targetTenantId == scope) out.audit.push_back(a);
  if (scope == home) {
    for (OfferId id : full.offersOf(home)) out.offers.emplace(id, *full.findOffer(id));
    out.notifications = full.notifications;
    out.outbox = full.outbox;
    out.deviceWipes = full.deviceWipes;
  }
  out.rebuildIndex();
  return out;
}

}  // namespace delegate
