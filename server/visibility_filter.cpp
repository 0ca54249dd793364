// TEMPORARY ADAPTER — replace each function with the core's visibility (issue 3: canSee and the
// per-viewer projection) as soon as it lands. Until then it errs on the side of showing less:
// a viewer sees what belongs to their own tenant, customers their partner organization gives
// them delegated roles in (the core's delegatedRoles), and, for a customer, its partners' names.
#include "server/visibility_filter.hpp"

#include <algorithm>
#include <set>

#include "core/authorize.hpp"

namespace delegate::server {

namespace {

struct Scope {
  TenantId own;
  std::set<TenantId> full;      // tenants whose data the viewer may see
  std::set<TenantId> nameOnly;  // partners of a customer: the tenant record only
  bool system = false;
  bool sees(TenantId t) const { return system || full.count(t) > 0; }
};

Scope scopeOf(const State& state, const Principal& viewer) {
  Scope s;
  if (viewer.isSystem()) {
    s.system = true;
    return s;
  }
  const User* user = state.findUser(viewer.userId);
  if (!viewer.isUser() || !user) return s;
  s.own = user->tenantId;
  s.full.insert(s.own);
  const Tenant* tenant = state.findTenant(s.own);
  if (tenant && tenant->kind == TenantKind::partner) {
    for (RelationshipId id : state.relationshipsOfPartner(s.own))
      if (const Relationship* r = state.findRelationship(id); r && r->customer)
        if (!delegatedRoles(state, user->id, r->customer->tenantId, state.clock).empty())
          s.full.insert(r->customer->tenantId);
  } else {
    for (RelationshipId id : state.relationshipsOfCustomer(s.own))
      if (const Relationship* r = state.findRelationship(id)) s.nameOnly.insert(r->partnerTenantId);
  }
  return s;
}

// The partner sees its people's actions; a customer sees actions in its tenant by its own
// people and by partners it has a relationship with. A stranger's refused attempt is not shown
// to the target: it would hand the target the stranger's identity, and let anyone write into
// any tenant's log.
bool auditVisible(const State& state, const Scope& s, const AuditRecord& a) {
  if ((a.actorTenantId && *a.actorTenantId == s.own) ||
      (a.onBehalfOfTenantId && *a.onBehalfOfTenantId == s.own))
    return true;
  if (!a.targetTenantId || *a.targetTenantId != s.own) return false;
  if (!a.actorTenantId) return true;  // the platform acting on the tenant
  TenantId partner = a.onBehalfOfTenantId.value_or(*a.actorTenantId);
  return !state.relationshipsBetween(partner, s.own).empty();
}

// Whether a relationship is the viewer's (as partner or as its customer).
bool relationshipVisible(const State& state, const Scope& s, RelationshipId id) {
  const Relationship* r = state.findRelationship(id);
  if (!r) return false;
  return r->partnerTenantId == s.own || (r->customer && r->customer->tenantId == s.own) || s.system;
}

bool visible(const State& state, const Scope& s, const Event& event) {
  auto userTenant = [&](UserId id) {
    const User* u = state.findUser(id);
    return u && s.sees(u->tenantId);
  };
  return std::visit(
      [&](const auto& e) -> bool {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, TenantCreated>)
          return s.sees(e.tenant.id) || s.nameOnly.count(e.tenant.id) > 0;
        else if constexpr (std::is_same_v<T, PartnerCertificationChanged> ||
                           std::is_same_v<T, DefaultDomainChanged>)
          return s.sees(e.tenantId);
        else if constexpr (std::is_same_v<T, DomainAdded>)
          return s.sees(e.domain.tenantId);
        else if constexpr (std::is_same_v<T, DomainVerified> || std::is_same_v<T, DomainRemoved>) {
          const Domain* d = state.findDomain(e.name);
          return d ? s.sees(d->tenantId) : s.system;
        } else if constexpr (std::is_same_v<T, UserCreated>)
          return s.sees(e.user.tenantId);
        else if constexpr (std::is_same_v<T, UserUpdated> ||
                           std::is_same_v<T, UserEnabledChanged> ||
                           std::is_same_v<T, UserDeleted> || std::is_same_v<T, PasswordReset> ||
                           std::is_same_v<T, UserRolesChanged> ||
                           std::is_same_v<T, PartnerAccessChanged>)
          return userTenant(e.userId);
        else if constexpr (std::is_same_v<T, GroupCreated>)
          return s.sees(e.group.tenantId);
        else if constexpr (std::is_same_v<T, GroupMemberAdded> ||
                           std::is_same_v<T, GroupMemberRemoved>) {
          const Group* g = state.findGroup(e.groupId);
          return g && s.sees(g->tenantId);
        } else if constexpr (std::is_same_v<T, SubscriptionCreated>)
          return s.sees(e.subscription.tenantId);
        else if constexpr (std::is_same_v<T, LicenseAssigned> ||
                           std::is_same_v<T, LicenseRemoved>) {
          const Subscription* sub = state.findSubscription(e.subscriptionId);
          return sub && s.sees(sub->tenantId);
        } else if constexpr (std::is_same_v<T, OfferCreated>)
          return s.sees(e.offer.partnerId);
        else if constexpr (std::is_same_v<T, OfferRevoked>) {
          const Offer* o = state.findOffer(e.offerId);
          return o && s.sees(o->partnerId);
        } else if constexpr (std::is_same_v<T, OfferAccepted> || std::is_same_v<T, OfferDeclined>) {
          const Offer* o = state.findOffer(e.offerId);
          return (o && s.sees(o->partnerId)) || s.sees(e.customerTenantId);
        } else if constexpr (std::is_same_v<T, RelationshipCreated>)
          return s.system || e.relationship.partnerTenantId == s.own ||
                 (e.relationship.customer && e.relationship.customer->tenantId == s.own);
        else if constexpr (std::is_same_v<T, RelationshipUpdated> ||
                           std::is_same_v<T, RelationshipDeleted> ||
                           std::is_same_v<T, RelationshipLockedForApproval> ||
                           std::is_same_v<T, RelationshipStatusChanged> ||
                           std::is_same_v<T, RelationshipExtended>)
          return relationshipVisible(state, s, e.relationshipId);
        else if constexpr (std::is_same_v<T, RelationshipApproved>)
          return relationshipVisible(state, s, e.relationshipId) || e.customer.tenantId == s.own;
        else if constexpr (std::is_same_v<T, AccessAssignmentCreated>) {
          const Relationship* r = state.findRelationship(e.accessAssignment.relationshipId);
          return s.system || (r && r->partnerTenantId == s.own);
        } else if constexpr (std::is_same_v<T, AccessAssignmentUpdated> ||
                             std::is_same_v<T, AccessAssignmentDeleted>) {
          const AccessAssignment* a = state.findAccessAssignment(e.accessAssignmentId);
          const Relationship* r = a ? state.findRelationship(a->relationshipId) : nullptr;
          return s.system || (r && r->partnerTenantId == s.own);
        } else if constexpr (std::is_same_v<T, DeviceWipeRequested>)
          return s.sees(e.wipe.tenantId);
        else if constexpr (std::is_same_v<T, ClockAdvanced>)
          return true;
        else if constexpr (std::is_same_v<T, NotificationCreated>)
          return s.system || e.notification.tenantId == s.own;
        else if constexpr (std::is_same_v<T, NotificationRead>) {
          const Notification* n = state.findNotification(e.notificationId);
          return n && (s.system || n->tenantId == s.own);
        } else if constexpr (std::is_same_v<T, EmailQueued>)
          return s.system || e.email.tenantId == s.own;
        else if constexpr (std::is_same_v<T, AuditRecorded>)
          return s.system || auditVisible(state, s, e.record);
        else
          return s.system;
      },
      event);
}

}  // namespace

bool canViewerSee(const State& state, const Principal& viewer, const Event& event) {
  return visible(state, scopeOf(state, viewer), event);
}

State viewOf(const State& state, const Principal& viewer) {
  Scope s = scopeOf(state, viewer);
  if (s.system) return state;
  State v;
  v.clock = state.clock;
  v.nextNotificationId = state.nextNotificationId;
  v.nextEmailId = state.nextEmailId;
  v.nextAuditId = state.nextAuditId;
  for (const auto& [id, t] : state.tenants)
    if (s.sees(id) || s.nameOnly.count(id)) v.tenants.emplace(id, t);
  for (const auto& [id, u] : state.users)
    if (s.sees(u.tenantId)) v.users.emplace(id, u);
  for (const auto& [id, g] : state.groups)
    if (s.sees(g.tenantId)) v.groups.emplace(id, g);
  for (const auto& [name, d] : state.domains)
    if (s.sees(d.tenantId)) v.domains.emplace(name, d);
  for (const auto& [id, sub] : state.subscriptions)
    if (s.sees(sub.tenantId)) v.subscriptions.emplace(id, sub);
  for (const auto& [id, o] : state.offers)
    if (o.partnerId == s.own) v.offers.emplace(id, o);
  for (const auto& [id, r] : state.relationships)
    if (r.partnerTenantId == s.own || (r.customer && r.customer->tenantId == s.own))
      v.relationships.emplace(id, r);
  for (const auto& [id, a] : state.accessAssignments)
    if (v.relationships.count(a.relationshipId) &&
        v.relationships.at(a.relationshipId).partnerTenantId == s.own)
      v.accessAssignments.emplace(id, a);
  for (const auto& n : state.notifications)
    if (n.tenantId == s.own) v.notifications.push_back(n);
  for (const auto& m : state.outbox)
    if (m.tenantId == s.own) v.outbox.push_back(m);
  for (const auto& a : state.audit)
    if (auditVisible(state, s, a)) v.audit.push_back(a);
  for (const auto& w : state.deviceWipes)
    if (s.sees(w.tenantId)) v.deviceWipes.push_back(w);
  v.rebuildIndex();
  return v;
}

bool mayChangeVisibility(const Event& event) {
  return std::holds_alternative<RelationshipApproved>(event) ||
         std::holds_alternative<RelationshipStatusChanged>(event) ||
         std::holds_alternative<RelationshipDeleted>(event) ||
         std::holds_alternative<RelationshipUpdated>(event) ||
         std::holds_alternative<AccessAssignmentCreated>(event) ||
         std::holds_alternative<AccessAssignmentUpdated>(event) ||
         std::holds_alternative<AccessAssignmentDeleted>(event) ||
         std::holds_alternative<GroupMemberAdded>(event) ||
         std::holds_alternative<GroupMemberRemoved>(event) ||
         std::holds_alternative<PartnerAccessChanged>(event) ||
         std::holds_alternative<UserRolesChanged>(event) ||
         std::holds_alternative<OfferAccepted>(event);
}

}  // namespace delegate::server
