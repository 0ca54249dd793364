#include "core/apply.hpp"

#include <algorithm>
#include <type_traits>

namespace delegate {

namespace {

template <class V, class T>
void insertSorted(V& v, const T& x) {
  auto it = std::lower_bound(v.begin(), v.end(), x);
  if (it == v.end() || !(*it == x)) v.insert(it, x);
}

template <class V, class T>
void eraseSorted(V& v, const T& x) {
  auto it = std::lower_bound(v.begin(), v.end(), x);
  if (it != v.end() && *it == x) v.erase(it);
}

template <class V, class T>
void eraseValue(V& v, const T& x) {
  auto it = std::find(v.begin(), v.end(), x);
  if (it != v.end()) v.erase(it);
}

template <class Map, class K, class T>
void eraseFromList(Map& map, const K& key, const T& x) {
  auto it = map.find(key);
  if (it == map.end()) return;
  eraseValue(it->second, x);
  if (it->second.empty()) map.erase(it);
}

template <class M, class K>
auto* lookup(M& map, const K& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

// Records arrive in id order from one world; a projected view may receive them out of order.
template <class R>
void insertRecord(std::vector<R>& records, R record) {
  if (records.empty() || records.back().id < record.id) {
    records.push_back(std::move(record));
    return;
  }
  auto it = std::lower_bound(records.begin(), records.end(), record.id,
                             [](const R& r, auto id) { return r.id < id; });
  if (it != records.end() && it->id == record.id) return;
  records.insert(it, std::move(record));
}

void unindexPrincipalName(State& s, const User& u) {
  auto range = s.index.usersByPrincipalName.equal_range(principalNameKey(u.userPrincipalName));
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == u.id) {
      s.index.usersByPrincipalName.erase(it);
      return;
    }
  }
}

void linkCustomer(State& s, const Relationship& r) {
  if (!r.customer) return;
  s.index.relationshipsByCustomer[r.customer->tenantId].push_back(r.id);
  s.index.relationshipsByPair[TenantPair{r.partnerTenantId, r.customer->tenantId}].push_back(r.id);
}

void clearApprovalToken(State& s, Relationship& r) {
  if (r.approvalTokenHash.empty()) return;
  auto it = s.index.relationshipsByApprovalTokenHash.find(r.approvalTokenHash);
  if (it != s.index.relationshipsByApprovalTokenHash.end() && it->second == r.id)
    s.index.relationshipsByApprovalTokenHash.erase(it);
  r.approvalTokenHash.clear();
}

struct Applier {
  State& s;

  void operator()(const TenantCreated& e) { s.tenants.emplace(e.tenant.id, e.tenant); }
  void operator()(const PartnerCertificationChanged& e) {
    if (auto* t = lookup(s.tenants, e.tenantId)) t->certifiedForDelegatedAdmin = e.certified;
  }
  void operator()(const DomainAdded& e) {
    Domain d = e.domain;
    d.id = toLowerAscii(d.id);
    std::string key = domainKey(d.tenantId, d.id);
    if (s.domains.count(key)) return;
    if (d.isDefault) clearDefault(d.tenantId);
    s.index.domainsByTenant[d.tenantId].push_back(d.id);
    insertSorted(s.index.domainClaims[d.id], d.tenantId);
    s.domains.emplace(std::move(key), std::move(d));
  }
  // The claim an event names: the tenant's, or (older logs) the name's only claim.
  Domain* claim(const std::string& name, const std::optional<TenantId>& tenant) {
    const Domain* d = tenant ? s.findDomain(*tenant, name) : s.findDomain(name);
    return d ? lookup(s.domains, domainKey(d->tenantId, d->id)) : nullptr;
  }
  void operator()(const DomainVerified& e) {
    if (auto* d = claim(e.name, e.tenantId)) d->isVerified = true;
  }
  void operator()(const DefaultDomainChanged& e) {
    auto* d = lookup(s.domains, domainKey(e.tenantId, e.name));
    if (!d) return;
    clearDefault(e.tenantId);
    d->isDefault = true;
  }
  void operator()(const DomainRemoved& e) {
    Domain* d = claim(e.name, e.tenantId);
    if (!d) return;
    const TenantId tenant = d->tenantId;
    const std::string name = d->id;
    eraseFromList(s.index.domainsByTenant, tenant, name);
    eraseFromList(s.index.domainClaims, name, tenant);
    s.domains.erase(domainKey(tenant, name));
  }
  void operator()(const UserCreated& e) {
    auto [it, inserted] = s.users.emplace(e.user.id, e.user);
    if (!inserted) return;
    s.index.usersByTenant[it->second.tenantId].push_back(it->first);
    s.index.usersByPrincipalName.emplace(principalNameKey(it->second.userPrincipalName), it->first);
  }
  void operator()(const UserUpdated& e) {
    auto* u = lookup(s.users, e.userId);
    if (!u) return;
    u->displayName = e.displayName;
    if (u->userPrincipalName != e.userPrincipalName) {
      unindexPrincipalName(s, *u);
      u->userPrincipalName = e.userPrincipalName;
      s.index.usersByPrincipalName.emplace(principalNameKey(u->userPrincipalName), u->id);
    }
  }
  void operator()(const UserEnabledChanged& e) {
    if (auto* u = lookup(s.users, e.userId)) u->accountEnabled = e.accountEnabled;
  }
  void operator()(const UserDeleted& e) {
    auto it = s.users.find(e.userId);
    if (it == s.users.end()) return;
    const User& u = it->second;
    if (auto* groups = lookup(s.index.groupsByMember, u.id)) {
      for (GroupId g : *groups)
        if (auto* group = lookup(s.groups, g)) eraseSorted(group->members, u.id);
      s.index.groupsByMember.erase(u.id);
    }
    if (auto* subs = lookup(s.index.subscriptionsByTenant, u.tenantId)) {
      for (SubscriptionId sid : *subs)
        if (auto* sub = lookup(s.subscriptions, sid)) eraseSorted(sub->assignedUserIds, u.id);
    }
    unindexPrincipalName(s, u);
    eraseFromList(s.index.usersByTenant, u.tenantId, u.id);
    s.users.erase(it);
  }
  void operator()(const PasswordReset& e) {
    if (auto* u = lookup(s.users, e.userId))
      u->forceChangePasswordNextSignIn = e.forceChangePasswordNextSignIn;
  }
  void operator()(const UserRolesChanged& e) {
    if (auto* u = lookup(s.users, e.userId)) u->roles = e.roles;
  }
  void operator()(const PartnerAccessChanged& e) {
    if (auto* u = lookup(s.users, e.userId)) u->partnerAccess = e.access;
  }
  void operator()(const MultiFactorRegistrationChanged& e) {
    if (auto* u = lookup(s.users, e.userId)) u->multiFactorRegistered = e.registered;
  }
  void operator()(const MultiFactorRequirementChanged& e) {
    if (auto* t = lookup(s.tenants, e.tenantId)) t->requireMultiFactor = e.required;
  }
  void operator()(const GroupCreated& e) {
    auto [it, inserted] = s.groups.emplace(e.group.id, e.group);
    if (!inserted) return;
    std::sort(it->second.members.begin(), it->second.members.end());
    s.index.groupsByTenant[it->second.tenantId].push_back(it->first);
    for (UserId m : it->second.members) insertSorted(s.index.groupsByMember[m], it->first);
  }
  void operator()(const GroupMemberAdded& e) {
    auto* g = lookup(s.groups, e.groupId);
    if (!g || !lookup(s.users, e.userId)) return;
    insertSorted(g->members, e.userId);
    insertSorted(s.index.groupsByMember[e.userId], e.groupId);
  }
  void operator()(const GroupMemberRemoved& e) {
    auto* g = lookup(s.groups, e.groupId);
    if (!g) return;
    eraseSorted(g->members, e.userId);
    eraseFromList(s.index.groupsByMember, e.userId, e.groupId);
  }
  void operator()(const SubscriptionCreated& e) {
    auto [it, inserted] = s.subscriptions.emplace(e.subscription.id, e.subscription);
    if (inserted) s.index.subscriptionsByTenant[it->second.tenantId].push_back(it->first);
  }
  void operator()(const LicenseAssigned& e) {
    auto* sub = lookup(s.subscriptions, e.subscriptionId);
    if (sub && lookup(s.users, e.userId)) insertSorted(sub->assignedUserIds, e.userId);
  }
  void operator()(const LicenseRemoved& e) {
    if (auto* sub = lookup(s.subscriptions, e.subscriptionId))
      eraseSorted(sub->assignedUserIds, e.userId);
  }
  void operator()(const OfferCreated& e) {
    auto [it, inserted] = s.offers.emplace(e.offer.id, e.offer);
    if (!inserted) return;
    s.index.offersByTokenHash[it->second.tokenHash] = it->first;
    s.index.offersByPartner[it->second.partnerId].push_back(it->first);
  }
  void operator()(const OfferRevoked& e) {
    if (auto* o = lookup(s.offers, e.offerId)) o->status = OfferStatus::revoked;
  }
  void operator()(const OfferAccepted& e) {
    auto* o = lookup(s.offers, e.offerId);
    if (o && std::find(o->acceptedBy.begin(), o->acceptedBy.end(), e.customerTenantId) ==
                 o->acceptedBy.end())
      o->acceptedBy.push_back(e.customerTenantId);
  }
  void operator()(const OfferDeclined&) {}  // a fact for the audit trail and notifications
  void operator()(const RelationshipCreated& e) {
    auto [it, inserted] = s.relationships.emplace(e.relationship.id, e.relationship);
    if (!inserted) return;
    s.index.relationshipsByPartner[it->second.partnerTenantId].push_back(it->first);
    linkCustomer(s, it->second);
    if (!it->second.approvalTokenHash.empty())
      s.index.relationshipsByApprovalTokenHash[it->second.approvalTokenHash] = it->first;
  }
  void operator()(const RelationshipUpdated& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    r->displayName = e.displayName;
    r->accessDetails = e.accessDetails;
    r->duration = e.duration;
    r->autoExtendDuration = e.autoExtendDuration;
    r->lastModifiedDateTime = e.at;
  }
  void operator()(const RelationshipDeleted& e) {
    auto it = s.relationships.find(e.relationshipId);
    if (it == s.relationships.end()) return;
    Relationship& r = it->second;
    clearApprovalToken(s, r);
    eraseFromList(s.index.relationshipsByPartner, r.partnerTenantId, r.id);
    if (r.customer) {
      eraseFromList(s.index.relationshipsByCustomer, r.customer->tenantId, r.id);
      eraseFromList(s.index.relationshipsByPair,
                    TenantPair{r.partnerTenantId, r.customer->tenantId}, r.id);
    }
    if (auto* assignments = lookup(s.index.assignmentsByRelationship, r.id)) {
      for (AccessAssignmentId a : *assignments) s.accessAssignments.erase(a);
      s.index.assignmentsByRelationship.erase(r.id);
    }
    s.index.activeAssignmentsByRelationship.erase(r.id);
    s.relationships.erase(it);
  }
  void operator()(const RelationshipLockedForApproval& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    clearApprovalToken(s, *r);
    r->status = RelationshipStatus::approvalPending;
    r->approvalTokenHash = e.approvalTokenHash;
    r->lockedForApprovalDateTime = e.at;
    r->lastModifiedDateTime = e.at;
    s.index.relationshipsByApprovalTokenHash[e.approvalTokenHash] = r->id;
  }
  void operator()(const RelationshipApproved& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    if (!r->customer) {
      r->customer = e.customer;
      linkCustomer(s, *r);
    } else {
      r->customer->displayName = e.customer.displayName;
    }
    clearApprovalToken(s, *r);
    r->approvalLinkUsed = true;
    r->status = RelationshipStatus::active;
    r->activatedDateTime = e.activatedDateTime;
    r->endDateTime = e.endDateTime;
    r->lastModifiedDateTime = e.activatedDateTime;
  }
  void operator()(const RelationshipDeclined& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    // The partner learns who said no: a request sent without a customer now names it.
    if (!r->customer) {
      r->customer = e.customer;
      linkCustomer(s, *r);
    }
    clearApprovalToken(s, *r);
    r->approvalLinkUsed = true;
    r->status = RelationshipStatus::declined;
    r->declineReason = e.reason;
    r->lastModifiedDateTime = e.at;
  }
  void operator()(const RelationshipStatusChanged& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    if (e.status == RelationshipStatus::terminated) r->endDateTime = e.at;
    if (e.status == RelationshipStatus::expired && r->status == RelationshipStatus::approvalPending)
      clearApprovalToken(s, *r);
    r->status = e.status;
    r->lastModifiedDateTime = e.at;
  }
  void operator()(const RelationshipExtended& e) {
    auto* r = lookup(s.relationships, e.relationshipId);
    if (!r) return;
    r->endDateTime = e.endDateTime;
    r->lastModifiedDateTime = e.at;
  }
  void operator()(const AccessAssignmentCreated& e) {
    auto [it, inserted] = s.accessAssignments.emplace(e.accessAssignment.id, e.accessAssignment);
    if (!inserted) return;
    const AccessAssignment& a = it->second;
    s.index.assignmentsByRelationship[a.relationshipId].push_back(a.id);
    if (a.status == AccessAssignmentStatus::active)
      s.index.activeAssignmentsByRelationship[a.relationshipId].push_back(
          AssignmentRef{a.id, a.accessContainer.accessContainerId});
  }
  void operator()(const AccessAssignmentUpdated& e) {
    auto* a = lookup(s.accessAssignments, e.accessAssignmentId);
    if (!a) return;
    a->accessDetails = e.accessDetails;
    a->lastModifiedDateTime = e.at;
  }
  void operator()(const AccessAssignmentDeleted& e) {
    auto* a = lookup(s.accessAssignments, e.accessAssignmentId);
    if (!a) return;
    if (auto* refs = lookup(s.index.activeAssignmentsByRelationship, a->relationshipId)) {
      refs->erase(std::remove_if(refs->begin(), refs->end(),
                                 [&](const AssignmentRef& r) { return r.id == a->id; }),
                  refs->end());
    }
    a->status = AccessAssignmentStatus::deleted;
    a->lastModifiedDateTime = e.at;
  }
  void operator()(const DeviceWipeRequested& e) { s.deviceWipes.push_back(e.wipe); }
  void operator()(const ClockAdvanced& e) { s.clock = std::max(s.clock, e.now); }
  void operator()(const NotificationCreated& e) {
    s.nextNotificationId = std::max(s.nextNotificationId, e.notification.id.value + 1);
    insertRecord(s.notifications, e.notification);
  }
  void operator()(const NotificationRead& e) {
    auto it = std::lower_bound(s.notifications.begin(), s.notifications.end(), e.notificationId,
                               [](const Notification& n, NotificationId id) { return n.id < id; });
    if (it != s.notifications.end() && it->id == e.notificationId) it->isRead = true;
  }
  void operator()(const EmailQueued& e) {
    s.nextEmailId = std::max(s.nextEmailId, e.email.id.value + 1);
    insertRecord(s.outbox, e.email);
  }
  void operator()(const AuditRecorded& e) {
    s.nextAuditId = std::max(s.nextAuditId, e.record.id.value + 1);
    s.clock = std::max(s.clock, e.record.activityDateTime);
    insertRecord(s.audit, e.record);
  }

  void clearDefault(TenantId tenant) {
    if (auto* names = lookup(s.index.domainsByTenant, tenant))
      for (const auto& n : *names)
        if (auto* d = lookup(s.domains, domainKey(tenant, n))) d->isDefault = false;
  }
};

}  // namespace

void apply(State& state, const Event& event) {
  std::visit(Applier{state}, event);
}

void applyAll(State& state, const std::vector<Event>& events) {
  Applier a{state};
  for (const Event& e : events) std::visit(a, e);
}

State replay(const std::vector<Event>& events) {
  State s;
  applyAll(s, events);
  return s;
}

std::string_view eventType(const Event& event) {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::kType; }, event);
}

}  // namespace delegate
