#include "core/visibility.hpp"

#include <algorithm>
#include <type_traits>
#include <unordered_set>

#include "core/authorize.hpp"
#include "core/viewer.hpp"

namespace delegate {

namespace {

using detail::Viewer;

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
         std::holds_alternative<RelationshipDeclined>(event) ||
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

std::vector<TenantId> detail::readableTenants(const State& s, const Viewer& v) {
  if (!v.user) return {};
  const TenantId home = v.home();
  std::vector<TenantId> readable{home};
  // Each customer is judged once, however many relationships name it (a partner with 10,000
  // clients has 20,000); a linear search here made the whole view quadratic.
  std::unordered_set<TenantId> judged{home};
  for (RelationshipId rid : s.relationshipsOfPartner(home)) {
    const Relationship* r = s.findRelationship(rid);
    if (!r || !r->customer) continue;
    TenantId c = r->customer->tenantId;
    if (judged.insert(c).second && canReadDirectory(s, v.user->id, c, v.now)) readable.push_back(c);
  }
  return readable;
}

State detail::viewWith(const State& s, const Viewer& v, const std::vector<TenantId>& directories,
                       OtherOrganizations others) {
  State out;
  out.clock = s.clock;
  out.nextNotificationId = s.nextNotificationId;
  out.nextEmailId = s.nextEmailId;
  out.nextAuditId = s.nextAuditId;
  if (!v.user) return out;
  const TenantId home = v.home();

  const bool withOthers = others == OtherOrganizations::included;
  if (withOthers)
    copyIf(s.tenants, out.tenants, [&](const Tenant& t) { return v.tenant(t.id); });
  else if (const Tenant* own = s.findTenant(home))
    out.tenants.emplace(home, *own);
  for (TenantId t : directories) {
    for (UserId id : s.usersOf(t)) out.users.emplace(id, *s.findUser(id));
    for (GroupId id : s.groupsOf(t)) out.groups.emplace(id, *s.findGroup(id));
    for (const std::string& d : s.domainsOf(t))
      out.domains.emplace(domainKey(t, d), *s.findDomain(t, d));
    for (SubscriptionId id : s.subscriptionsOf(t))
      out.subscriptions.emplace(id, *s.findSubscription(id));
  }
  for (OfferId id : s.offersOf(home)) out.offers.emplace(id, *s.findOffer(id));
  if (withOthers) {
    copyIf(s.relationships, out.relationships,
           [&](const Relationship& r) { return v.relationship(r); });
    copyIf(s.accessAssignments, out.accessAssignments,
           [&](const AccessAssignment& a) { return v.assignment(a); });
  }
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

State viewOf(const State& s, UserId viewerId, Timestamp now) {
  Viewer v(s, viewerId, now);
  return detail::viewWith(s, v, detail::readableTenants(s, v));
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
