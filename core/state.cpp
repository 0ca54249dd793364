#include "core/state.hpp"

#include <algorithm>

#include "core/sha256.hpp"

namespace delegate {

namespace {

template <class Map, class Key>
const typename Map::mapped_type* findIn(const Map& map, const Key& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

template <class Map, class Key>
const typename Map::mapped_type& listIn(const Map& map, const Key& key) {
  static const typename Map::mapped_type kEmpty;
  auto it = map.find(key);
  return it == map.end() ? kEmpty : it->second;
}

template <class Seqd, class IdT>
const Seqd* findBySeq(const std::vector<Seqd>& records, IdT id) {
  auto it = std::lower_bound(records.begin(), records.end(), id,
                             [](const Seqd& r, IdT v) { return r.id < v; });
  return it != records.end() && it->id == id ? &*it : nullptr;
}

}  // namespace

bool isEffective(const Relationship& r, Timestamp now) {
  if (!grantsAccess(r.status)) return false;
  return !r.endDateTime || now < *r.endDateTime;
}

std::string toLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::uint64_t principalNameKey(std::string_view upn) {
  // FNV-1a over the lowercase bytes.
  std::uint64_t h = 1469598103934665603ull;
  for (char c : upn) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

const Tenant* State::findTenant(TenantId id) const {
  return findIn(tenants, id);
}
const User* State::findUser(UserId id) const {
  return findIn(users, id);
}
const Group* State::findGroup(GroupId id) const {
  return findIn(groups, id);
}
std::string domainKey(TenantId tenant, std::string_view name) {
  return toLowerAscii(name) + " " + tenant.str();
}
const Domain* State::findDomain(TenantId tenant, std::string_view name) const {
  return findIn(domains, domainKey(tenant, name));
}
const std::vector<TenantId>& State::domainClaimsOf(std::string_view name) const {
  return listIn(index.domainClaims, toLowerAscii(name));
}
const Domain* State::findVerifiedDomain(std::string_view name) const {
  for (TenantId t : domainClaimsOf(name))
    if (const Domain* d = findDomain(t, name); d && d->isVerified) return d;
  return nullptr;
}
const Domain* State::findDomain(std::string_view name) const {
  if (const Domain* d = findVerifiedDomain(name)) return d;
  const auto& claims = domainClaimsOf(name);
  return claims.empty() ? nullptr : findDomain(claims.front(), name);
}
const Subscription* State::findSubscription(SubscriptionId id) const {
  return findIn(subscriptions, id);
}
const Offer* State::findOffer(OfferId id) const {
  return findIn(offers, id);
}
const Offer* State::findOfferByToken(std::string_view token) const {
  auto it = index.offersByTokenHash.find(sha256Hex(token));
  return it == index.offersByTokenHash.end() ? nullptr : findOffer(it->second);
}
const Relationship* State::findRelationship(RelationshipId id) const {
  return findIn(relationships, id);
}
const AccessAssignment* State::findAccessAssignment(AccessAssignmentId id) const {
  return findIn(accessAssignments, id);
}
const Notification* State::findNotification(NotificationId id) const {
  return findBySeq(notifications, id);
}

const User* State::findUserByPrincipalName(std::string_view upn) const {
  auto range = index.usersByPrincipalName.equal_range(principalNameKey(upn));
  for (auto it = range.first; it != range.second; ++it) {
    const User* u = findUser(it->second);
    if (u && u->userPrincipalName.size() == upn.size() &&
        principalNameKey(u->userPrincipalName) == principalNameKey(upn) &&
        toLowerAscii(u->userPrincipalName) == toLowerAscii(upn))
      return u;
  }
  return nullptr;
}

const std::vector<UserId>& State::usersOf(TenantId t) const {
  return listIn(index.usersByTenant, t);
}
const std::vector<GroupId>& State::groupsOf(TenantId t) const {
  return listIn(index.groupsByTenant, t);
}
const std::vector<GroupId>& State::groupsWithMember(UserId u) const {
  return listIn(index.groupsByMember, u);
}
const std::vector<std::string>& State::domainsOf(TenantId t) const {
  return listIn(index.domainsByTenant, t);
}
const std::vector<SubscriptionId>& State::subscriptionsOf(TenantId t) const {
  return listIn(index.subscriptionsByTenant, t);
}
const std::vector<OfferId>& State::offersOf(TenantId p) const {
  return listIn(index.offersByPartner, p);
}
const std::vector<RelationshipId>& State::relationshipsOfPartner(TenantId p) const {
  return listIn(index.relationshipsByPartner, p);
}
const std::vector<RelationshipId>& State::relationshipsOfCustomer(TenantId c) const {
  return listIn(index.relationshipsByCustomer, c);
}
const std::vector<RelationshipId>& State::relationshipsBetween(TenantId p, TenantId c) const {
  return listIn(index.relationshipsByPair, TenantPair{p, c});
}
const std::vector<AccessAssignmentId>& State::assignmentsOf(RelationshipId r) const {
  return listIn(index.assignmentsByRelationship, r);
}

const std::vector<AssignmentRef>& State::activeAssignmentsOf(RelationshipId r) const {
  return listIn(index.activeAssignmentsByRelationship, r);
}

std::vector<UserId> State::globalAdministratorsOf(TenantId tenant) const {
  std::vector<UserId> out;
  for (UserId id : usersOf(tenant)) {
    const User* u = findUser(id);
    if (u && u->roles.has(Role::globalAdministrator)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

template <class V, class T>
void insertSorted(V& v, const T& x) {
  auto it = std::lower_bound(v.begin(), v.end(), x);
  if (it == v.end() || !(*it == x)) v.insert(it, x);
}

}  // namespace

void State::rebuildIndex() {
  index = StateIndex{};
  index.usersByPrincipalName.reserve(users.size());
  for (const auto& [id, u] : users) {
    index.usersByTenant[u.tenantId].push_back(id);
    index.usersByPrincipalName.emplace(principalNameKey(u.userPrincipalName), id);
  }
  for (auto& [t, list] : index.usersByTenant) std::sort(list.begin(), list.end());
  for (const auto& [id, g] : groups) {
    index.groupsByTenant[g.tenantId].push_back(id);
    for (UserId m : g.members) insertSorted(index.groupsByMember[m], id);
  }
  for (auto& [t, list] : index.groupsByTenant) std::sort(list.begin(), list.end());
  for (const auto& [key, d] : domains) {
    index.domainsByTenant[d.tenantId].push_back(d.id);
    index.domainClaims[d.id].push_back(d.tenantId);
  }
  for (auto& [t, list] : index.domainsByTenant) std::sort(list.begin(), list.end());
  for (auto& [name, list] : index.domainClaims) std::sort(list.begin(), list.end());
  for (const auto& [id, s] : subscriptions) index.subscriptionsByTenant[s.tenantId].push_back(id);
  for (auto& [t, list] : index.subscriptionsByTenant) std::sort(list.begin(), list.end());
  for (const auto& [id, o] : offers) {
    index.offersByTokenHash[o.tokenHash] = id;
    index.offersByPartner[o.partnerId].push_back(id);
  }
  for (auto& [t, list] : index.offersByPartner) std::sort(list.begin(), list.end());
  for (const auto& [id, r] : relationships) {
    index.relationshipsByPartner[r.partnerTenantId].push_back(id);
    if (r.customer) {
      index.relationshipsByCustomer[r.customer->tenantId].push_back(id);
      index.relationshipsByPair[TenantPair{r.partnerTenantId, r.customer->tenantId}].push_back(id);
    }
    if (!r.approvalTokenHash.empty())
      index.relationshipsByApprovalTokenHash[r.approvalTokenHash] = id;
  }
  for (auto& [t, list] : index.relationshipsByPartner) std::sort(list.begin(), list.end());
  for (auto& [t, list] : index.relationshipsByCustomer) std::sort(list.begin(), list.end());
  for (auto& [t, list] : index.relationshipsByPair) std::sort(list.begin(), list.end());
  for (const auto& [id, a] : accessAssignments) {
    index.assignmentsByRelationship[a.relationshipId].push_back(id);
    if (a.status == AccessAssignmentStatus::active)
      index.activeAssignmentsByRelationship[a.relationshipId].push_back(
          AssignmentRef{id, a.accessContainer.accessContainerId});
  }
  for (auto& [t, list] : index.assignmentsByRelationship) std::sort(list.begin(), list.end());
}

bool operator==(const State& a, const State& b) {
  return a.clock == b.clock && a.tenants == b.tenants && a.users == b.users &&
         a.groups == b.groups && a.domains == b.domains && a.subscriptions == b.subscriptions &&
         a.offers == b.offers && a.relationships == b.relationships &&
         a.accessAssignments == b.accessAssignments && a.notifications == b.notifications &&
         a.outbox == b.outbox && a.audit == b.audit && a.deviceWipes == b.deviceWipes &&
         a.nextNotificationId == b.nextNotificationId && a.nextEmailId == b.nextEmailId &&
         a.nextAuditId == b.nextAuditId;
}

}  // namespace delegate
