// The whole catalog of Microsoft Entra built-in roles that delegated administration can grant:
// carried faithfully (names, template ids, stored and returned as given) while only the modelled
// ones grant anything here.
#include <catch2/catch.hpp>

#include <set>

#include "core/authorize.hpp"
#include "core/json/codec.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;
using nlohmann::json;

namespace {

constexpr const char* kExchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de";
constexpr const char* kDirectoryWriters = "9360feb5-f418-4baa-8175-e2a00bac4301";

Role roleOf(const char* templateId) {
  auto r = roleFromTemplateId(templateId);
  REQUIRE(r);
  return *r;
}

}  // namespace

TEST_CASE("the catalog holds every grantable built-in role once, each at its own index") {
  const auto& catalog = roleCatalog();
  std::set<std::string_view> ids, names;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const RoleInfo& info = catalog[i];
    INFO(info.displayName);
    CHECK(static_cast<std::size_t>(info.role) == i);
    CHECK(info.templateId.size() == 36);
    CHECK(info.templateId.find_first_of("ABCDEF") == std::string_view::npos);
    CHECK_FALSE(info.description.empty());
    ids.insert(info.templateId);
    names.insert(info.displayName);
  }
  CHECK(ids.size() == kRoleCount);
  CHECK(names.size() == kRoleCount);
  CHECK(kRoleCount > 100);
  // Microsoft's own GDAP examples use these.
  CHECK(roleInfo(roleOf(kExchangeAdministrator)).displayName == "Exchange Administrator");
  CHECK(roleInfo(roleOf("69091246-20e8-4a56-aa4d-066075b2a7a8")).displayName ==
        "Teams Administrator");
  CHECK(roleInfo(roleOf("F28A1F50-F6E7-4571-818B-6A12F2AF6B6C")).displayName ==
        "SharePoint Administrator");  // case does not matter, as in Graph
  for (const UngrantableRole& u : ungrantableRoles()) {
    CHECK_FALSE(roleFromTemplateId(u.templateId));
    CHECK(ids.count(u.templateId) == 0);
  }
}

TEST_CASE("a role set holds any of the catalog's roles") {
  RoleSet s;
  const Role last = static_cast<Role>(kRoleCount - 1);
  const Role exchange = roleOf(kExchangeAdministrator);
  s.add(last);
  s.add(exchange);
  s.add(Role::helpdeskAdministrator);
  CHECK(s.size() == 3);
  CHECK(s.has(last));
  CHECK(s.isSubsetOf(RoleSet::all()));
  CHECK(RoleSet::all().size() == static_cast<int>(kRoleCount));
  std::vector<Role> seen;
  s.forEach([&](Role r) { seen.push_back(r); });
  CHECK(seen == std::vector<Role>{Role::helpdeskAdministrator, exchange, last});
  s.remove(exchange);
  CHECK((s & RoleSet{exchange, last}) == RoleSet{last});
  // Holding any role but the readers' makes an administrator, whether modelled or not.
  CHECK(isAdministrator(RoleSet{exchange}));
  CHECK_FALSE(isAdministrator(RoleSet{Role::reportsReader, Role::globalReader}));
}

TEST_CASE("roles are stored and read back by template id; ungrantable ones say why") {
  const Role exchange = roleOf(kExchangeAdministrator);
  RoleSet roles{exchange, Role::groupsAdministrator};
  json encoded = jsoncodec::encodeRoles(roles);
  RoleSet back;
  REQUIRE_FALSE(jsoncodec::decodeRoles(encoded, "roles", back));
  CHECK(back == roles);

  json writers = json::array({json{{"roleDefinitionId", kDirectoryWriters}}});
  auto refused = jsoncodec::decodeRoles(writers, "roles", back);
  REQUIRE(refused);
  CHECK(refused->message.find("Directory Writers") != std::string::npos);
  CHECK(refused->message.find("cannot be granted through delegated administration") !=
        std::string::npos);
  json unknown = json::array({json{{"roleDefinitionId", "00000000-0000-0000-0000-000000000000"}}});
  refused = jsoncodec::decodeRoles(unknown, "roles", back);
  REQUIRE(refused);
  CHECK(refused->message.find("not the template id of a Microsoft Entra built-in role") !=
        std::string::npos);
}

TEST_CASE("a partner may request roles Delegate does not model; they grant nothing here") {
  SeedCast s;
  World& w = s.w;
  const Role exchange = roleOf(kExchangeAdministrator);
  CreateRelationship c;
  c.displayName = "Contoso mail";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{exchange, Role::helpdeskAdministrator};
  c.duration = Duration::ofDays(90);
  Decision made = w.run(w.as(s.partnerAdmin), c);
  REQUIRE(made.ok());
  const RelationshipId rel = World::find<RelationshipCreated>(made)->relationship.id;
  const std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  REQUIRE(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token}).ok());
  CHECK(w.state.findRelationship(rel)->accessDetails.unifiedRoles.has(exchange));

  const UserId agent = w.user(s.partner, "mail@fabrikampartners.onmicrosoft.com", "Max Mail");
  const GroupId group =
      World::find<GroupCreated>(w.run(w.as(s.partnerAdmin), CreateGroup{"Mail team"}))->group.id;
  REQUIRE(w.run(w.as(s.partnerAdmin), AddGroupMember{group, agent}).ok());
  CreateAccessAssignment a;
  a.relationshipId = rel;
  a.accessContainer.accessContainerId = group;
  a.accessDetails.unifiedRoles = RoleSet{exchange};
  REQUIRE(w.run(w.as(s.partnerAdmin), a).ok());

  // The role is granted (the client sees it, Graph returns it) and lets the agent do nothing
  // in Delegate, not even read the directory.
  CHECK(delegatedRoles(w.state, agent, s.customer, w.now) == RoleSet{exchange});
  Authorization read = authorize(w.state, Principal::user(agent, s.customer), Action::readDirectory,
                                 Target::inTenant(s.customer));
  CHECK_FALSE(read.allowed);
  CHECK(read.code == "insufficientRole");
}

TEST_CASE("whom a helpdesk-level administrator may reset follows Entra's lists") {
  SeedCast s;
  World& w = s.w;
  const UserId reports =
      w.user(s.customer, "reports@contoso.onmicrosoft.com", "Rita Reports", {Role::reportsReader});
  const UserId exchange = w.user(s.customer, "mail@contoso.onmicrosoft.com", "Ed Exchange",
                                 {roleOf(kExchangeAdministrator)});
  const UserId auth = w.user(s.customer, "auth@contoso.onmicrosoft.com", "Ada Auth",
                             {Role::authenticationAdministrator});
  auto may = [&](Role role, UserId target) {
    return roleGrants(role, Action::resetPassword, w.state.findUser(target)->roles);
  };
  CHECK(may(Role::helpdeskAdministrator, reports) == Grant::granted);
  CHECK(may(Role::helpdeskAdministrator, exchange) == Grant::targetTooPrivileged);
  CHECK(may(Role::helpdeskAdministrator, auth) == Grant::targetTooPrivileged);
  CHECK(may(Role::authenticationAdministrator, auth) == Grant::granted);
  CHECK(may(Role::authenticationAdministrator, exchange) == Grant::targetTooPrivileged);
  CHECK(may(Role::privilegedAuthenticationAdministrator, exchange) == Grant::granted);
  CHECK(may(Role::groupsAdministrator, reports) == Grant::notGranted);
  CHECK(roleGrants(Role::groupsAdministrator, Action::manageGroups, {}) == Grant::granted);
}
