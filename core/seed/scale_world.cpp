#include "core/seed/scale_world.hpp"

#include <algorithm>
#include <string>

#include "core/apply.hpp"
#include "core/context.hpp"

namespace delegate {

ScaleWorld generateScaleWorld(const ScaleSpec& spec,
                              const std::function<void(const Event&)>& sink) {
  DeterministicSource ids(spec.seed);
  const Timestamp created = timestampFromCivil(2026, 1, 5, 9);
  const Timestamp activated = timestampFromCivil(2026, 2, 1, 9);
  ScaleWorld w;

  Tenant partner;
  partner.id = TenantId(ids.nextGuid());
  partner.kind = TenantKind::partner;
  partner.displayName = "Scale Partners";
  partner.certifiedForDelegatedAdmin = true;
  partner.createdDateTime = created;
  w.partner = partner.id;
  sink(TenantCreated{partner});
  Domain pd;
  pd.id = "scalepartners.onmicrosoft.com";
  pd.tenantId = partner.id;
  pd.isVerified = pd.isDefault = pd.isInitial = true;
  sink(DomainAdded{pd});

  for (std::size_t i = 0; i < spec.partnerUsers; ++i) {
    User u;
    u.id = UserId(ids.nextGuid());
    u.tenantId = partner.id;
    u.userPrincipalName = "agent" + std::to_string(i) + "@scalepartners.onmicrosoft.com";
    u.displayName = "Agent " + std::to_string(i);
    u.roles = i == 0 ? RoleSet{Role::globalAdministrator} : RoleSet{};
    u.partnerAccess = static_cast<PartnerAccess>(i % 3);
    w.partnerUsers.push_back(u.id);
    sink(UserCreated{std::move(u)});
  }
  // Users 0..3 by the pattern above: admin (no access), full, limited, none (groups 3 and 24).
  UserId* named[] = {&w.partnerAdmin, &w.fullAgent, &w.limitedAgent, &w.granularAgent};
  for (std::size_t i = 0; i < 4 && i < w.partnerUsers.size(); ++i) *named[i] = w.partnerUsers[i];
  for (std::size_t g = 0; g < spec.groups; ++g) {
    Group group;
    group.id = GroupId(ids.nextGuid());
    group.tenantId = partner.id;
    group.displayName = "Team " + std::to_string(g);
    group.createdDateTime = created;
    w.groups.push_back(group.id);
    sink(GroupCreated{group});
  }
  // Each partner user joins two groups.
  for (std::size_t i = 0; i < w.partnerUsers.size() && !w.groups.empty(); ++i) {
    sink(GroupMemberAdded{w.groups[i % w.groups.size()], w.partnerUsers[i]});
    if (w.groups.size() > 1)
      sink(GroupMemberAdded{w.groups[(i * 7 + 3) % w.groups.size()], w.partnerUsers[i]});
  }

  const RoleSet granularRoles{Role::userAdministrator, Role::helpdeskAdministrator,
                              Role::passwordAdministrator, Role::globalReader};
  const std::size_t usersPerCustomer = spec.customers ? spec.customerUsers / spec.customers : 0;
  std::size_t extraUsers = spec.customers ? spec.customerUsers % spec.customers : 0;
  std::size_t relationshipsLeft = spec.relationships;
  std::uint64_t userNumber = 0;
  for (std::size_t c = 0; c < spec.customers; ++c) {
    Tenant t;
    t.id = TenantId(ids.nextGuid());
    t.kind = TenantKind::customer;
    t.displayName = "Customer " + std::to_string(c);
    t.createdDateTime = created;
    w.customers.push_back(t.id);
    sink(TenantCreated{t});
    Domain d;
    d.id = "c" + std::to_string(c) + ".onmicrosoft.com";
    d.tenantId = t.id;
    d.isVerified = d.isDefault = d.isInitial = true;
    sink(DomainAdded{d});

    std::size_t n = usersPerCustomer + (extraUsers > 0 ? 1 : 0);
    if (extraUsers > 0) --extraUsers;
    for (std::size_t i = 0; i < n; ++i) {
      User u;
      u.id = UserId(ids.nextGuid());
      u.tenantId = t.id;
      u.userPrincipalName = "u" + std::to_string(userNumber) + "@" + d.id;
      u.displayName = "User " + std::to_string(userNumber);
      ++userNumber;
      if (i == 0) {
        u.roles = {Role::globalAdministrator};
        w.customerAdmins.push_back(u.id);
      } else if (i % 25 == 1) {
        u.roles = {Role::passwordAdministrator};
      }
      sink(UserCreated{std::move(u)});
    }

    // Relationships: a DAP one first, then a granular one, while the budget lasts (spread so
    // every customer gets its share).
    const std::size_t remainingCustomers = spec.customers - c;
    std::size_t mine =
        std::min<std::size_t>(2, (relationshipsLeft + remainingCustomers - 1) / remainingCustomers);
    relationshipsLeft -= std::min(mine, relationshipsLeft);
    if (mine >= 1) {
      Relationship r;
      r.id = RelationshipId(ids.nextGuid());
      r.kind = RelationshipKind::dap;
      r.displayName = "Delegated administration";
      r.partnerTenantId = partner.id;
      r.customer = CustomerRef{t.id, t.displayName};
      r.accessDetails.unifiedRoles = {Role::globalAdministrator, Role::passwordAdministrator};
      r.status = RelationshipStatus::active;
      r.createdDateTime = r.lastModifiedDateTime = activated;
      r.activatedDateTime = activated;
      sink(RelationshipCreated{std::move(r)});
    }
    if (mine >= 2) {
      Relationship r;
      r.id = RelationshipId(ids.nextGuid());
      r.kind = RelationshipKind::granular;
      r.displayName = "Support " + std::to_string(c);
      r.partnerTenantId = partner.id;
      r.customer = CustomerRef{t.id, t.displayName};
      r.accessDetails.unifiedRoles = granularRoles;
      r.duration = Duration::ofDays(730);
      r.status = RelationshipStatus::active;
      r.createdDateTime = r.lastModifiedDateTime = activated;
      r.activatedDateTime = activated;
      r.endDateTime = activated + r.duration;
      const RelationshipId rid = r.id;
      sink(RelationshipCreated{std::move(r)});
      for (std::size_t k = 0; k < 3 && k < w.groups.size(); ++k) {
        AccessAssignment a;
        a.id = AccessAssignmentId(ids.nextGuid());
        a.relationshipId = rid;
        a.accessContainer.accessContainerId = w.groups[(c * 3 + k) % w.groups.size()];
        a.accessDetails.unifiedRoles = k == 0   ? RoleSet{Role::userAdministrator}
                                       : k == 1 ? RoleSet{Role::helpdeskAdministrator}
                                                : RoleSet{Role::globalReader};
        a.status = AccessAssignmentStatus::active;
        a.createdDateTime = a.lastModifiedDateTime = activated;
        sink(AccessAssignmentCreated{std::move(a)});
      }
    }
  }
  sink(ClockAdvanced{timestampFromCivil(2026, 11, 28, 12)});
  return w;
}

ScaleWorld buildScaleWorld(const ScaleSpec& spec, State& state) {
  return generateScaleWorld(spec, [&](const Event& e) { apply(state, e); });
}

}  // namespace delegate
