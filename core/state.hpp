#pragma once
// The whole world as a fold of events. Entities live in hash maps keyed by their ids; the
// `index` holds derived lookups that apply() keeps current and that equality ignores.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/dense_map.hpp"
#include "core/entities.hpp"

namespace delegate {

struct TenantPair {
  TenantId partner;
  TenantId customer;
  friend bool operator==(const TenantPair& a, const TenantPair& b) {
    return a.partner == b.partner && a.customer == b.customer;
  }
};
struct TenantPairHash {
  std::size_t operator()(const TenantPair& p) const noexcept {
    return hashGuid(p.partner.guid) * 31 + hashGuid(p.customer.guid);
  }
};

// An active access assignment and the group it names, so authorize() can match a user's groups
// without fetching each assignment.
struct AssignmentRef {
  AccessAssignmentId id;
  GroupId group;
};

// Derived from the entities; rebuilt by State::rebuildIndex().
struct StateIndex {
  std::unordered_map<TenantId, std::vector<UserId>> usersByTenant;
  // Keyed by a 64-bit hash of the principal name: storing the names a second time would double
  // the memory per user. Lookups confirm the name on the user.
  std::unordered_multimap<std::uint64_t, UserId> usersByPrincipalName;
  std::unordered_map<TenantId, std::vector<GroupId>> groupsByTenant;
  DenseMap<UserId, std::vector<GroupId>> groupsByMember;
  std::unordered_map<TenantId, std::vector<std::string>> domainsByTenant;
  std::unordered_map<std::string, std::vector<TenantId>> domainClaims;  // name -> claiming tenants
  std::unordered_map<TenantId, std::vector<SubscriptionId>> subscriptionsByTenant;
  std::unordered_map<std::string, OfferId> offersByTokenHash;
  std::unordered_map<TenantId, std::vector<OfferId>> offersByPartner;
  std::unordered_map<TenantId, std::vector<RelationshipId>> relationshipsByPartner;
  std::unordered_map<TenantId, std::vector<RelationshipId>> relationshipsByCustomer;
  DenseMap<TenantPair, std::vector<RelationshipId>, TenantPairHash> relationshipsByPair;
  std::unordered_map<RelationshipId, std::vector<AccessAssignmentId>> assignmentsByRelationship;
  DenseMap<RelationshipId, std::vector<AssignmentRef>> activeAssignmentsByRelationship;
  std::unordered_map<std::string, RelationshipId> relationshipsByApprovalTokenHash;
};

struct State {
  Timestamp clock;  // the latest time the state has seen (AdvanceClock or any audited command)

  std::unordered_map<TenantId, Tenant> tenants;
  DenseMap<UserId, User> users;  // the largest table: dense, see core/dense_map.hpp
  std::unordered_map<GroupId, Group> groups;
  std::unordered_map<std::string, Domain> domains;  // keyed by domainKey(tenant, name)
  std::unordered_map<SubscriptionId, Subscription> subscriptions;
  std::unordered_map<OfferId, Offer> offers;
  DenseMap<RelationshipId, Relationship> relationships;
  DenseMap<AccessAssignmentId, AccessAssignment> accessAssignments;
  std::vector<Notification> notifications;  // ascending ids
  std::vector<EmailMessage> outbox;         // ascending ids
  std::vector<AuditRecord> audit;           // ascending ids
  std::vector<DeviceWipe> deviceWipes;

  // Next sequence numbers; carried separately so a projected view keeps the world's numbering.
  std::uint64_t nextNotificationId = 1;
  std::uint64_t nextEmailId = 1;
  std::uint64_t nextAuditId = 1;

  StateIndex index;

  const Tenant* findTenant(TenantId id) const;
  const User* findUser(UserId id) const;
  const Group* findGroup(GroupId id) const;
  // A tenant's claim of a name (case-insensitive). Prefer it wherever a tenant is known.
  const Domain* findDomain(TenantId tenant, std::string_view name) const;
  // The verified claim of a name, else its first claim (the only one, in logs from before
  // claims were per tenant); nullptr when nobody claims it.
  const Domain* findDomain(std::string_view name) const;
  const Domain* findVerifiedDomain(std::string_view name) const;
  const std::vector<TenantId>& domainClaimsOf(std::string_view name) const;
  const Subscription* findSubscription(SubscriptionId id) const;
  const Offer* findOffer(OfferId id) const;
  const Offer* findOfferByToken(std::string_view token) const;  // hashes the token
  const Relationship* findRelationship(RelationshipId id) const;
  const AccessAssignment* findAccessAssignment(AccessAssignmentId id) const;
  const Notification* findNotification(NotificationId id) const;
  const User* findUserByPrincipalName(std::string_view upn) const;  // case-insensitive

  const std::vector<UserId>& usersOf(TenantId tenant) const;
  const std::vector<GroupId>& groupsOf(TenantId tenant) const;
  const std::vector<GroupId>& groupsWithMember(UserId user) const;
  const std::vector<std::string>& domainsOf(TenantId tenant) const;
  const std::vector<SubscriptionId>& subscriptionsOf(TenantId tenant) const;
  const std::vector<OfferId>& offersOf(TenantId partner) const;
  const std::vector<RelationshipId>& relationshipsOfPartner(TenantId partner) const;
  const std::vector<RelationshipId>& relationshipsOfCustomer(TenantId customer) const;
  const std::vector<RelationshipId>& relationshipsBetween(TenantId partner,
                                                          TenantId customer) const;
  const std::vector<AccessAssignmentId>& assignmentsOf(RelationshipId relationship) const;
  const std::vector<AssignmentRef>& activeAssignmentsOf(RelationshipId relationship) const;
  std::vector<UserId> globalAdministratorsOf(TenantId tenant) const;

  void rebuildIndex();
};

// Compares the entities, records and counters; the index is derived and ignored.
bool operator==(const State& a, const State& b);
inline bool operator!=(const State& a, const State& b) {
  return !(a == b);
}

std::string toLowerAscii(std::string_view s);
// The key of a tenant's claim in State::domains: "<lowercase name> <tenant id>".
std::string domainKey(TenantId tenant, std::string_view name);
std::uint64_t principalNameKey(std::string_view upn);  // hash of the lowercase name

}  // namespace delegate
