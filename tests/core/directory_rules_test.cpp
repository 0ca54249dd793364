// Directory rules in a tenant: users, passwords, roles, groups, domains, licenses, devices.
#include <catch2/catch.hpp>

#include "core/json_forms.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {
// What the server's DNS lookup would find once the tenant published its verification record.
std::optional<std::vector<std::string>> published(const World& w, TenantId tenant,
                                                  const std::string& name) {
  const Domain* d = w.state.findDomain(tenant, name);
  if (!d) return std::nullopt;
  return std::vector<std::string>{"v=spf1 -all", d->verificationCode};
}
}  // namespace

TEST_CASE("an unverified domain claim does not block its real owner; a verified one is exclusive") {
  SeedCast s;
  World& w = s.w;
  // Someone else claims the customer's domain first, without any proof.
  REQUIRE(codeOf(w.run(w.as(s.partnerAdmin), AddDomain{"contoso.com"})) == "ok");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddDomain{"contoso.com"})) == "ok");
  const Domain* mine = w.state.findDomain(s.customer, "contoso.com");
  const Domain* theirs = w.state.findDomain(s.partner, "contoso.com");
  REQUIRE(mine);
  REQUIRE(theirs);
  CHECK(mine->verificationCode != theirs->verificationCode);  // each claim has its own record
  // Claiming is not proving: the squatter cannot verify with the owner's DNS.
  CHECK(codeOf(w.run(w.as(s.partnerAdmin),
                     VerifyDomain{"contoso.com", published(w, s.customer, "contoso.com")})) ==
        "domainVerificationFailed");
  Decision verified = w.run(w.as(s.customerAdmin),
                            VerifyDomain{"contoso.com", published(w, s.customer, "contoso.com")});
  REQUIRE(verified.ok());
  CHECK(World::count<DomainRemoved>(verified) == 1);
  CHECK(w.state.findDomain(s.customer, "contoso.com")->isVerified);
  CHECK_FALSE(w.state.findDomain(s.partner, "contoso.com"));
  CHECK(w.state.domainsOf(s.partner).size() == 1);  // just its onmicrosoft.com domain
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), AddDomain{"contoso.com"})) == "domainAlreadyExists");
  CHECK(replay(w.log) == w.state);
  State decoded = decodeState(encodeState(w.state)).value();
  CHECK(decoded == w.state);
}

TEST_CASE("adding users: principal names, domains and uniqueness") {
  SeedCast s;
  World& w = s.w;
  auto add = [&](std::string upn) {
    return codeOf(w.run(w.as(s.customerAdmin), AddUser{std::move(upn), "Someone"}));
  };
  CHECK(add("no-at-sign") == "invalidUserPrincipalName");
  CHECK(add(".dot@contoso.onmicrosoft.com") == "invalidUserPrincipalName");
  CHECK(add("a b@contoso.onmicrosoft.com") == "invalidUserPrincipalName");
  CHECK(add("x@fabrikampartners.onmicrosoft.com") == "domainNotFound");
  CHECK(add("x@unknown.com") == "domainNotFound");
  CHECK(add("USER@contoso.onmicrosoft.com") == "userAlreadyExists");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddUser{"ok@contoso.onmicrosoft.com", ""})) ==
        "invalidDisplayName");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddDomain{"contoso.com"})) == "ok");
  CHECK(add("x@contoso.com") == "domainNotVerified");
  CHECK(codeOf(w.run(w.as(s.customerAdmin),
                     VerifyDomain{"contoso.com", published(w, s.customer, "contoso.com")})) ==
        "ok");
  CHECK(add("x@contoso.com") == "ok");
  // A plain user cannot add users; a password administrator neither.
  CHECK(codeOf(w.run(w.as(s.customerUser), AddUser{"y@contoso.com", "Y"})) == "insufficientRole");
  CHECK(codeOf(w.run(w.as(s.customerPasswordAdmin), AddUser{"y@contoso.com", "Y"})) ==
        "insufficientRole");
}

TEST_CASE("updating, disabling, enabling and deleting users") {
  SeedCast s;
  World& w = s.w;
  UpdateUser u;
  u.userId = s.customerUser;
  CHECK(codeOf(w.run(w.as(s.customerAdmin), u)) == "nothingToUpdate");
  u.displayName = "Chris Renamed";
  CHECK(codeOf(w.run(w.as(s.customerAdmin), u)) == "ok");
  CHECK(w.state.findUser(s.customerUser)->displayName == "Chris Renamed");
  u.userPrincipalName = "admin@contoso.onmicrosoft.com";
  CHECK(codeOf(w.run(w.as(s.customerAdmin), u)) == "userAlreadyExists");
  u.userPrincipalName = "chris@contoso.onmicrosoft.com";
  CHECK(codeOf(w.run(w.as(s.customerAdmin), u)) == "ok");
  CHECK(w.state.findUserByPrincipalName("CHRIS@contoso.onmicrosoft.com")->id == s.customerUser);
  CHECK(w.state.findUserByPrincipalName("user@contoso.onmicrosoft.com") == nullptr);

  CHECK(codeOf(w.run(w.as(s.customerAdmin), DisableUser{s.customerUser})) == "ok");
  CHECK_FALSE(w.state.findUser(s.customerUser)->accountEnabled);
  // A disabled user can do nothing.
  CHECK(codeOf(w.run(w.as(s.customerUser), CreateGroup{"g"})) == "accountDisabled");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), EnableUser{s.customerUser})) == "ok");
  // Nobody disables or deletes their own account.
  CHECK(codeOf(w.run(w.as(s.customerAdmin), DisableUser{s.customerAdmin})) ==
        "cannotActOnOwnAccount");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), DeleteUser{s.customerAdmin})) ==
        "cannotActOnOwnAccount");
  CHECK(w.state.findUser(s.customerAdmin)->accountEnabled);
  // The last Global Administrator can be neither demoted nor deleted.
  CHECK(codeOf(w.run(w.as(s.customerAdmin), SetUserRoles{s.customerAdmin, {}})) ==
        "lastGlobalAdministrator");
  CHECK(codeOf(w.run(w.as(s.customerAdmin),
                     SetUserRoles{s.customerUser, {Role::globalAdministrator}})) == "ok");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), SetUserRoles{s.customerAdmin, {}})) == "ok");
  // Users of another tenant are not found, not refused.
  CHECK(codeOf(w.run(w.as(s.customerUser), DeleteUser{s.partnerAdmin})) == "userNotFound");
  CHECK(codeOf(w.run(w.as(s.customerUser), DeleteUser{s.customerPasswordAdmin})) == "ok");
  CHECK(w.state.findUser(s.customerPasswordAdmin) == nullptr);
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("a partner with full rights still cannot leave a client without a Global Administrator") {
  SeedCast s;
  s.connect();
  World& w = s.w;
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), DisableUser{s.customerAdmin})) ==
        "lastGlobalAdministrator");
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), DeleteUser{s.customerAdmin})) ==
        "lastGlobalAdministrator");
  CHECK(w.state.findUser(s.customerAdmin)->accountEnabled);
  // Acting in a client is not acting on oneself: a partner user is no user of the client.
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), DisableUser{s.customerUser})) == "ok");
}

TEST_CASE("role assignment needs Privileged Role Administrator or Global Administrator") {
  SeedCast s;
  World& w = s.w;
  UserId pra =
      w.user(s.customer, "pra@contoso.onmicrosoft.com", "Pra", {Role::privilegedRoleAdministrator});
  CHECK(codeOf(w.run(w.as(s.customerPasswordAdmin),
                     SetUserRoles{s.customerUser, {Role::helpdeskAdministrator}})) ==
        "insufficientRole");
  CHECK(codeOf(w.run(w.as(pra), SetUserRoles{s.customerUser, {Role::helpdeskAdministrator}})) ==
        "ok");
  CHECK(w.state.findUser(s.customerUser)->roles == RoleSet{Role::helpdeskAdministrator});
}

TEST_CASE("password reset issues a temporary password that must be changed") {
  SeedCast s;
  World& w = s.w;
  Decision d = w.run(w.as(s.customerPasswordAdmin), ResetPassword{s.customerUser});
  REQUIRE(d.ok());
  REQUIRE(d.secrets.size() == 1);
  CHECK(d.secrets[0].kind == SecretKind::temporaryPassword);
  CHECK(d.secrets[0].subjectId == s.customerUser.str());
  CHECK(World::find<PasswordReset>(d)->forceChangePasswordNextSignIn);
  // The password never appears in an event.
  for (const Event& e : d.events) {
    if (const auto* a = std::get_if<AuditRecorded>(&e))
      CHECK(a->record.targetObject.find(d.secrets[0].value) == std::string::npos);
  }
  CHECK(codeOf(w.run(w.as(s.customerPasswordAdmin), ResetPassword{s.customerAdmin})) ==
        "targetTooPrivileged");
}

TEST_CASE("changing one's own password clears the must-change flag") {
  SeedCast s;
  World& w = s.w;
  REQUIRE(w.run(w.as(s.customerPasswordAdmin), ResetPassword{s.customerUser}).ok());
  REQUIRE(w.state.findUser(s.customerUser)->forceChangePasswordNextSignIn);

  Decision weak = w.run(w.as(s.customerUser), ChangeOwnPassword{"short"});
  CHECK(codeOf(weak) == "weakPassword");
  CHECK(weak.error->target == "newPassword");
  CHECK(w.state.findUser(s.customerUser)->forceChangePasswordNextSignIn);
  // Never through delegated access: a partner changes no one's password this way.
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ChangeOwnPassword{"long enough"})) ==
        "notAvailableThroughDelegatedAccess");

  Decision d = w.run(w.as(s.customerUser), ChangeOwnPassword{"my own choice"});
  REQUIRE(d.ok());
  REQUIRE(d.secrets.size() == 1);
  CHECK(d.secrets[0].kind == SecretKind::chosenPassword);
  CHECK(d.secrets[0].subjectId == s.customerUser.str());
  CHECK(d.secrets[0].value == "my own choice");
  CHECK_FALSE(w.state.findUser(s.customerUser)->forceChangePasswordNextSignIn);
  for (const Event& e : d.events) CHECK(encodeEvent(e).find("my own choice") == std::string::npos);
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("running out of fresh values is an internal error, not undefined behaviour") {
  SeedCast s;
  World& w = s.w;
  Context empty;
  empty.now = w.now;
  Decision d =
      decide(w.state, w.as(s.customerAdmin), AddUser{"z@contoso.onmicrosoft.com", "Z"}, empty);
  CHECK(codeOf(d) == "internalError");
  CHECK(d.events.size() == 1);
  Context shortSecret = w.source.context(w.now, {1, 0});
  shortSecret.secrets.push_back("short");
  CHECK(codeOf(decide(w.state, w.as(s.customerAdmin), ResetPassword{s.customerUser},
                      shortSecret)) == "internalError");
}

TEST_CASE("groups and membership") {
  SeedCast s;
  World& w = s.w;
  CHECK(codeOf(w.run(w.as(s.customerUser), CreateGroup{"Sales"})) == "insufficientRole");
  Decision d = w.run(w.as(s.customerAdmin), CreateGroup{"Sales"});
  REQUIRE(d.ok());
  GroupId g = World::find<GroupCreated>(d)->group.id;
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddGroupMember{g, s.customerUser})) == "ok");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddGroupMember{g, s.customerUser})) == "alreadyMember");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AddGroupMember{g, s.partnerAdmin})) == "userNotFound");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), AddGroupMember{g, s.partnerAdmin})) == "groupNotFound");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), RemoveGroupMember{g, s.customerAdmin})) ==
        "notAMember");
  // Deleting a user removes it from its groups.
  CHECK(codeOf(w.run(w.as(s.customerAdmin), DeleteUser{s.customerUser})) == "ok");
  CHECK(w.state.findGroup(g)->members.empty());
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("domains: add, verify, default, remove") {
  SeedCast s;
  World& w = s.w;
  auto run = [&](const Command& c) { return codeOf(w.run(w.as(s.customerAdmin), c)); };
  CHECK(run(AddDomain{"not a domain"}) == "invalidDomainName");
  CHECK(run(AddDomain{"single"}) == "invalidDomainName");
  CHECK(run(AddDomain{"-bad.com"}) == "invalidDomainName");
  CHECK(run(AddDomain{"contoso.c0m"}) == "invalidDomainName");
  CHECK(run(AddDomain{"x.onmicrosoft.com"}) == "reservedDomain");
  CHECK(run(AddDomain{"Contoso.COM"}) == "ok");
  const Domain* d = w.state.findDomain("contoso.com");
  REQUIRE(d);
  CHECK_FALSE(d->isVerified);
  CHECK(d->verificationCode.rfind("MS=ms", 0) == 0);
  CHECK(d->verificationCode.size() == 13);
  CHECK(run(AddDomain{"contoso.com"}) == "domainAlreadyExists");
  // An unverified claim blocks nobody: the partner may claim the name too (only verifying is
  // exclusive).
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), AddDomain{"contoso.com"})) == "ok");
  CHECK(run(SetDefaultDomain{"contoso.com"}) == "domainNotVerified");
  CHECK(run(VerifyDomain{"nothere.com"}) == "domainNotFound");
  CHECK(run(VerifyDomain{"contoso.com"}) == "domainVerificationFailed");
  CHECK(run(VerifyDomain{"contoso.com", std::vector<std::string>{"MS=ms00000000"}}) ==
        "domainVerificationFailed");
  CHECK(run(VerifyDomain{"contoso.com", published(w, s.customer, "contoso.com")}) == "ok");
  CHECK(run(VerifyDomain{"contoso.com", published(w, s.customer, "contoso.com")}) ==
        "domainAlreadyVerified");
  // Verified, the domain is exclusive: the partner's unproven claim is gone.
  CHECK_FALSE(w.state.findDomain(s.partner, "contoso.com"));
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), AddDomain{"contoso.com"})) == "domainAlreadyExists");
  CHECK(run(SetDefaultDomain{"contoso.com"}) == "ok");
  CHECK(w.state.findDomain("contoso.com")->isDefault);
  CHECK_FALSE(w.state.findDomain("contoso.onmicrosoft.com")->isDefault);
  CHECK(run(RemoveDomain{"contoso.com"}) == "cannotRemoveDefaultDomain");
  CHECK(run(RemoveDomain{"contoso.onmicrosoft.com"}) == "cannotRemoveInitialDomain");
  CHECK(run(AddUser{"u@contoso.com", "U"}) == "ok");
  CHECK(run(SetDefaultDomain{"contoso.onmicrosoft.com"}) == "ok");
  CHECK(run(RemoveDomain{"contoso.com"}) == "domainInUse");
  // A domain administrator may manage domains but not users.
  UserId dna =
      w.user(s.customer, "dna@contoso.onmicrosoft.com", "D", {Role::domainNameAdministrator});
  CHECK(codeOf(w.run(w.as(dna), AddDomain{"contoso.net"})) == "ok");
  CHECK(codeOf(w.run(w.as(dna), RemoveDomain{"contoso.net"})) == "ok");
  CHECK(codeOf(w.run(w.as(dna), AddUser{"v@contoso.onmicrosoft.com", "V"})) == "insufficientRole");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("licenses of the customer's subscriptions") {
  SeedCast s;
  World& w = s.w;
  std::string token =
      w.secretOf(w.run(w.as(s.fullAgent), CreatePurchaseOffer{"Microsoft 365 E3", 1, 3600, false}));
  Decision bought = w.run(w.as(s.customerAdmin), AcceptPurchaseOffer{token});
  REQUIRE(bought.ok());
  const Subscription sub = World::find<SubscriptionCreated>(bought)->subscription;
  CHECK_FALSE(sub.isTrial);
  CHECK(sub.licenses == 1);
  CHECK(World::count<RelationshipCreated>(bought) == 0);  // the offer did not include DAP
  auto assign = [&](UserId actor, UserId user, std::vector<SubscriptionId> add,
                    std::vector<SubscriptionId> remove = {}) {
    return codeOf(w.run(w.as(actor), AssignLicenses{user, std::move(add), std::move(remove)}));
  };
  CHECK(assign(s.customerAdmin, s.customerUser, {}) == "nothingToUpdate");
  CHECK(assign(s.customerPasswordAdmin, s.customerUser, {sub.id}) == "insufficientRole");
  CHECK(assign(s.customerAdmin, s.customerUser, {SubscriptionId(Guid{1, 2})}) ==
        "subscriptionNotFound");
  CHECK(assign(s.customerAdmin, s.customerUser, {sub.id}) == "ok");
  CHECK(assign(s.customerAdmin, s.customerUser, {sub.id}) == "licenseAlreadyAssigned");
  CHECK(assign(s.customerAdmin, s.customerAdmin, {sub.id}) == "insufficientLicenses");
  CHECK(assign(s.customerAdmin, s.customerAdmin, {}, {sub.id}) == "licenseNotAssigned");
  CHECK(assign(s.customerAdmin, s.customerUser, {}, {sub.id}) == "ok");
  UserId la = w.user(s.customer, "la@contoso.onmicrosoft.com", "L", {Role::licenseAdministrator});
  CHECK(assign(la, s.customerAdmin, {sub.id}) == "ok");
  w.now = sub.endDateTime;
  CHECK(assign(s.customerAdmin, s.customerUser, {}, {}) == "nothingToUpdate");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AssignLicenses{s.customerUser, {sub.id}, {}})) ==
        "subscriptionExpired");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("device management: own Global Administrators only") {
  SeedCast s;
  World& w = s.w;
  CHECK(codeOf(w.run(w.as(s.customerAdmin), ListDevices{})) == "ok");
  CHECK(codeOf(w.run(w.as(s.customerUser), ListDevices{})) == "insufficientRole");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), WipeDevice{""})) == "invalidDeviceId");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), WipeDevice{"laptop-7"})) == "ok");
  CHECK(w.state.deviceWipes.size() == 1);
  // Delegated, even a Full administrator with an active relationship is refused.
  s.connect();
  Decision d = w.run(w.as(s.fullAgent, s.customer), WipeDevice{"laptop-7"});
  CHECK(codeOf(d) == "mdmNotSupportedForDelegatedAccess");
  CHECK(d.error->message.find("not available through delegated administration") !=
        std::string::npos);
}
