// The exhaustive matrix: every role (granular, and the seed's Full/Limited) × every action ×
// every relationship status × every kind of target user, checked against a table written out
// here, independently of the core's permission code.
#include <catch2/catch.hpp>

#include <array>
#include <map>

#include "core/authorize.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

// Target kinds: a non-admin, a Password / Helpdesk / User Administrator, a Global Administrator.
constexpr int kTargets = 5;
const RoleSet kTargetRoles[kTargets] = {{},
                                        {Role::passwordAdministrator},
                                        {Role::helpdeskAdministrator},
                                        {Role::userAdministrator},
                                        {Role::globalAdministrator}};

// Directory actions in table order.
const Action kActions[] = {Action::readDirectory, Action::createUser,   Action::updateUser,
                           Action::disableUser,   Action::deleteUser,   Action::resetPassword,
                           Action::manageGroups,  Action::assignRoles,  Action::addDomain,
                           Action::verifyDomain,  Action::removeDomain, Action::assignLicenses};
constexpr int kTableActions = 12;

// Per role, per action: five letters for the five target kinds.
// Y = allowed, T = targetTooPrivileged, N = insufficientRole.
struct Row {
  const char* name;
  const char* cells[kTableActions];
};
// clang-format off
const Row kTable[] = {
  //                     read     create   update   disable  delete   reset    groups   roles    addDom   verDom   remDom   licenses
  {"Global Administrator", {"YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY","YYYYY"}},
  {"Privileged Auth Admin",{"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"User Administrator",   {"YYYYY","YYYYY","YYYYT","YYYYT","YYYYT","YYYYT","YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Helpdesk Administrator",{"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","YYYTT","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Password Administrator",{"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","YYTTT","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Domain Name Admin",    {"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","YYYYY","YYYYY","YYYYY","NNNNN"}},
  {"Privileged Role Admin",{"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","YYYYY","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"License Administrator",{"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","YYYYY"}},
  {"Global Reader",        {"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Directory Readers",    {"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Authentication Admin", {"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","YYYTT","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
  {"Groups Administrator", {"YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","YYYYY","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}},
};
// Every other role of the catalog (Exchange Administrator, Teams Administrator, ...) is carried
// but grants nothing here, not even reading the directory.
const Row kNothing =
  {"not modelled",         {"NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN","NNNNN"}};
// clang-format on
static_assert(std::size(kTable) == kModelledRoleCount);
const Row& rowOf(std::size_t role) {
  return role < std::size(kTable) ? kTable[role] : kNothing;
}
// The seed's settings map onto two rows: Full = Global Administrator, Limited = Password Admin.
constexpr int kFullRow = 0;
constexpr int kLimitedRow = 4;

std::string_view expectedCode(char cell) {
  switch (cell) {
    case 'Y':
      return "";
    case 'T':
      return "targetTooPrivileged";
    default:
      return "insufficientRole";
  }
}

// One world: a partner whose agents each sit in a group assigned one role of a granular
// relationship holding every role of the catalog, plus a Full and a Limited agent over a DAP
// relationship; the relationships are then moved to `status`.
struct MatrixWorld {
  World w;
  TenantId partner, customer;
  UserId partnerAdmin, customerAdmin;
  std::array<UserId, kRoleCount> agents{};
  UserId fullAgent, limitedAgent;
  std::array<UserId, kTargets> targets{};
  RelationshipId granular, dap;

  explicit MatrixWorld(RelationshipStatus status) {
    partner = w.tenant(TenantKind::partner, "Partner", "partner");
    w.certify(partner);
    partnerAdmin =
        w.user(partner, "admin@partner.onmicrosoft.com", "Admin", {Role::globalAdministrator});
    customer = w.tenant(TenantKind::customer, "Customer", "customer");
    customerAdmin = w.user(customer, "admin@customer.onmicrosoft.com", "Customer Admin",
                           {Role::globalAdministrator});
    for (int t = 0; t < kTargets; ++t)
      targets[t] = w.user(customer, "target" + std::to_string(t) + "@customer.onmicrosoft.com",
                          "Target " + std::to_string(t), kTargetRoles[t]);
    fullAgent = w.user(partner, "full@partner.onmicrosoft.com", "Full", {}, PartnerAccess::full);
    limitedAgent =
        w.user(partner, "limited@partner.onmicrosoft.com", "Limited", {}, PartnerAccess::limited);

    // DAP, through the seed's offer.
    std::string token = w.secretOf(w.run(w.as(partnerAdmin), CreateOffer{}));
    Decision accepted = w.run(w.as(customerAdmin), AcceptOffer{token});
    dap = World::find<RelationshipCreated>(accepted)->relationship.id;

    CreateRelationship c;
    c.displayName = "All roles";
    c.customerTenantId = customer;
    c.accessDetails.unifiedRoles = RoleSet::all();
    c.duration = Duration::ofDays(60);
    granular = World::find<RelationshipCreated>(w.run(w.as(partnerAdmin), c))->relationship.id;
    std::array<GroupId, kRoleCount> groups{};
    for (std::size_t r = 0; r < kRoleCount; ++r) {
      agents[r] = w.user(partner, "agent" + std::to_string(r) + "@partner.onmicrosoft.com",
                         "Agent " + std::to_string(r));
      groups[r] = World::find<GroupCreated>(
                      w.run(w.as(partnerAdmin), CreateGroup{"Group " + std::to_string(r)}))
                      ->group.id;
      REQUIRE(w.run(w.as(partnerAdmin), AddGroupMember{groups[r], agents[r]}).ok());
    }
    if (status == RelationshipStatus::created) return;
    std::string approval = w.secretOf(w.run(w.as(partnerAdmin), LockForApproval{granular}));
    if (status == RelationshipStatus::approvalPending) return;
    REQUIRE(w.run(w.as(customerAdmin), ApproveRelationship{granular, approval}).ok());
    for (std::size_t r = 0; r < kRoleCount; ++r) {
      CreateAccessAssignment a;
      a.relationshipId = granular;
      a.accessContainer.accessContainerId = groups[r];
      a.accessDetails.unifiedRoles = {static_cast<Role>(r)};
      REQUIRE(w.run(w.as(partnerAdmin), a).ok());
    }
    const Timestamp end = *w.state.findRelationship(granular)->endDateTime;
    switch (status) {
      case RelationshipStatus::expiring:
        w.runAsSystem(AdvanceClock{end - Duration::ofDays(10)});
        break;
      case RelationshipStatus::expired:
        w.runAsSystem(AdvanceClock{end});
        break;
      case RelationshipStatus::terminated:
        REQUIRE(w.run(w.as(customerAdmin), TerminateRelationship{granular}).ok());
        REQUIRE(w.run(w.as(customerAdmin), TerminateRelationship{dap}).ok());
        break;
      default:
        break;
    }
    REQUIRE(w.state.findRelationship(granular)->status == status);
  }
};

}  // namespace

TEST_CASE("authorization matrix: role × action × relationship status × target kind") {
  const RelationshipStatus statuses[] = {
      RelationshipStatus::created, RelationshipStatus::approvalPending,
      RelationshipStatus::active,  RelationshipStatus::expiring,
      RelationshipStatus::expired, RelationshipStatus::terminated};
  std::size_t checked = 0;
  for (RelationshipStatus status : statuses) {
    MatrixWorld m(status);
    const bool effective = grantsAccess(status);
    // DAP stays active except in the terminated world.
    const bool dapActive = status != RelationshipStatus::terminated;

    // When its own relationship gives no access, the agent still sees the partner's other
    // relationship (the DAP one) if that is active: then the missing link is the agent's access.
    auto check = [&](UserId agent, int row, bool relationshipActive, std::string_view otherwise,
                     const char* label) {
      for (int a = 0; a < kTableActions; ++a) {
        for (int t = 0; t < kTargets; ++t) {
          Authorization auth = authorize(m.w.state, Principal::user(agent, m.customer), kActions[a],
                                         Target::onUser(m.customer, m.targets[t]));
          std::string_view expected =
              relationshipActive ? expectedCode(rowOf(row).cells[a][t]) : otherwise;
          INFO(label << " / " << rowOf(row).name << " / "
                     << roleInfo(static_cast<Role>(row)).displayName << " / "
                     << actionName(kActions[a]) << " / target " << t << " / " << enumName(status));
          CHECK(auth.allowed == expected.empty());
          CHECK(auth.code == expected);
          ++checked;
        }
      }
      // Device management is refused to every delegated principal, and the business actions
      // are never delegated.
      Authorization mdm = authorize(m.w.state, Principal::user(agent, m.customer),
                                    Action::manageDevices, Target::inTenant(m.customer));
      CHECK(mdm.code == "mdmNotSupportedForDelegatedAccess");
      Authorization business = authorize(m.w.state, Principal::user(agent, m.customer),
                                         Action::managePartners, Target::inTenant(m.customer));
      CHECK(business.code == "notAvailableThroughDelegatedAccess");
      checked += 2;
    };
    for (std::size_t r = 0; r < kRoleCount; ++r)
      check(m.agents[r], static_cast<int>(r), effective,
            dapActive ? "delegatedAccessNotGranted" : "noActiveRelationship", "granular");
    check(m.fullAgent, kFullRow, dapActive, "noActiveRelationship", "DAP Full");
    check(m.limitedAgent, kLimitedRow, dapActive, "noActiveRelationship", "DAP Limited");
  }
  CHECK(checked == 6 * (kRoleCount + 2) * (kTableActions * kTargets + 2));
}

TEST_CASE("the matrix holds through decide() too, for password resets") {
  MatrixWorld m(RelationshipStatus::active);
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    for (int t = 0; t < kTargets; ++t) {
      Decision d = m.w.run(Principal::user(m.agents[r], m.customer), ResetPassword{m.targets[t]});
      std::string_view expected = expectedCode(rowOf(r).cells[5][t]);
      INFO(roleInfo(static_cast<Role>(r)).displayName << " / target " << t);
      CHECK((d.error ? std::string_view(d.error->code) : std::string_view()) == expected);
    }
  }
}
