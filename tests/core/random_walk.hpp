#pragma once
// The randomized walk's generator: a world of partners and customers, and commands, valid and
// invalid, from random principals aimed at real (and sometimes stale or made-up) objects.
// Shared by the walks that check the model's invariants and the portfolio's deltas.
#include <map>

#include "core/authorize.hpp"
#include "core/json_forms.hpp"
#include "tests/core/world_fixture.hpp"

namespace delegate::testing {

namespace {

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  Guid guid() { return Guid{next(), next()}; }
};

// What the walk has seen, to aim commands at real (and sometimes stale or made-up) objects.
struct Pools {
  std::vector<TenantId> tenants;
  std::vector<UserId> users;
  std::vector<GroupId> groups;
  std::vector<std::string> domains;
  std::vector<SubscriptionId> subscriptions;
  std::vector<OfferId> offers;
  std::vector<RelationshipId> relationships;
  std::vector<AccessAssignmentId> assignments;
  std::vector<std::string> offerTokens;
  std::vector<std::pair<RelationshipId, std::string>> approvals;
  std::vector<NotificationId> notifications;

  void learn(const Decision& d) {
    for (const Event& e : d.events) {
      if (auto* x = std::get_if<TenantCreated>(&e)) tenants.push_back(x->tenant.id);
      if (auto* x = std::get_if<UserCreated>(&e)) users.push_back(x->user.id);
      if (auto* x = std::get_if<GroupCreated>(&e)) groups.push_back(x->group.id);
      if (auto* x = std::get_if<DomainAdded>(&e)) domains.push_back(x->domain.id);
      if (auto* x = std::get_if<SubscriptionCreated>(&e))
        subscriptions.push_back(x->subscription.id);
      if (auto* x = std::get_if<OfferCreated>(&e)) offers.push_back(x->offer.id);
      if (auto* x = std::get_if<RelationshipCreated>(&e))
        relationships.push_back(x->relationship.id);
      if (auto* x = std::get_if<AccessAssignmentCreated>(&e))
        assignments.push_back(x->accessAssignment.id);
      if (auto* x = std::get_if<NotificationCreated>(&e))
        notifications.push_back(x->notification.id);
    }
    for (const IssuedSecret& s : d.secrets) {
      if (s.kind == SecretKind::offerToken) offerTokens.push_back(s.value);
      if (s.kind == SecretKind::approvalToken)
        approvals.emplace_back(*RelationshipId::parse(s.subjectId), s.value);
    }
  }
};

class Walk {
 public:
  explicit Walk(std::uint64_t seed) : rng_{seed} {}

  World world;
  Pools pools;
  Rng rng_;
  int counter = 0;

  // The tenant the current principal acts in; picks prefer its objects so that a fair share of
  // commands can succeed.
  TenantId focus;

  template <class T>
  T pick(const std::vector<T>& v) {
    if (v.empty() || rng_.chance(5)) return T(rng_.guid());
    return v[rng_.below(v.size())];
  }
  template <class T>
  T pickIn(const std::vector<T>& local, const std::vector<T>& all) {
    if (!local.empty() && rng_.chance(75)) return local[rng_.below(local.size())];
    return pick(all);
  }
  UserId pickUser() { return pickIn(world.state.usersOf(focus), pools.users); }
  GroupId pickGroup() { return pickIn(world.state.groupsOf(focus), pools.groups); }
  std::string pickDomain() {
    const auto& local = world.state.domainsOf(focus);
    if (!local.empty() && rng_.chance(75)) return local[rng_.below(local.size())];
    if (pools.domains.empty() || rng_.chance(5)) return "nowhere.example";
    return pools.domains[rng_.below(pools.domains.size())];
  }
  std::string pickToken() {
    if (pools.offerTokens.empty() || rng_.chance(10))
      return "junk-token-" + std::to_string(rng_.below(9));
    return pools.offerTokens[rng_.below(pools.offerTokens.size())];
  }
  RoleSet roles() {
    // Mostly zero or one role, sometimes several.
    switch (rng_.below(3)) {
      case 0:
        return {};
      case 1:  // mostly the roles that do something here
        return {static_cast<Role>(rng_.below(rng_.chance(80) ? kModelledRoleCount : kRoleCount))};
      default: {
        RoleSet several;
        const std::uint64_t bits = rng_.next();
        for (std::size_t i = 0; i < kModelledRoleCount; ++i)
          if (bits & (std::uint64_t{1} << i)) several.add(static_cast<Role>(i));
        if (rng_.chance(30)) several.add(static_cast<Role>(rng_.below(kRoleCount)));
        return several;
      }
    }
  }
  std::string name() {
    static const char* kNames[] = {"Ops",
                                   "Helpdesk",
                                   "Tier 2",
                                   "Contoso support",
                                   "",
                                   "   ",
                                   "A very long name that is certainly over fifty characters!!"};
    return kNames[rng_.below(std::size(kNames))];
  }
  Duration duration() {
    static const int kDays[] = {0, 1, 30, 90, 365, 730, 731};
    return Duration::ofDays(kDays[rng_.below(std::size(kDays))]);
  }
  Duration autoExtend() {
    static const int kDays[] = {0, 0, 180, 90};
    return Duration::ofDays(kDays[rng_.below(std::size(kDays))]);
  }
  std::string fresh(const char* prefix) { return prefix + std::to_string(++counter); }

  Command command() {
    std::size_t kind = rng_.below(std::variant_size_v<Command>);
    // Delegated principals mostly try directory commands (AddUser .. WipeDevice), the only
    // ones delegation can allow.
    if (delegated && rng_.chance(70)) kind = 24 + rng_.below(17);
    // Destructive commands are drawn less often, or the walk ends in a world with no one left
    // to act.
    if ((std::variant_size_v < Command >> 30 &&
         (kind == 13 || kind == 19 || kind == 26 || kind == 28 || kind == 30)) &&
        !rng_.chance(25))
      kind = rng_.below(std::variant_size_v<Command>);
    switch (kind) {
      case 0:
        return CreateTenant{rng_.chance(30) ? TenantKind::partner : TenantKind::customer,
                            fresh("Org "), rng_.chance(5) ? "contoso" : fresh("org")};
      case 1:
        return CreateUser{pick(pools.tenants), fresh("u") + "@" + pickDomain(), fresh("User "),
                          roles(), static_cast<PartnerAccess>(rng_.below(3))};
      case 2:
        return CertifyPartner{pick(pools.tenants), !rng_.chance(10)};
      case 3:
        return AdvanceClock{world.now + Duration{static_cast<std::int64_t>(rng_.below(40 * 86400)) -
                                                 (rng_.chance(3) ? 86400 * 400 : 0)}};
      case 4:
        return CreateOffer{};
      case 5:
        return RevokeOffer{pick(pools.offers)};
      case 6:
        return CreateTrialInvitation{rng_.chance(90) ? "M365 Basic" : "",
                                     static_cast<std::int32_t>(rng_.below(30)) - 1,
                                     static_cast<std::int32_t>(rng_.below(100)), rng_.chance(80)};
      case 7:
        return CreatePurchaseOffer{"M365 E3", static_cast<std::int32_t>(rng_.below(5)),
                                   static_cast<std::int64_t>(rng_.below(5000)) - 10,
                                   rng_.chance(70)};
      case 8:
        return SetPartnerAdminAccess{pickUser(), static_cast<PartnerAccess>(rng_.below(3))};
      case 9:
        return AcceptOffer{pickToken()};
      case 10:
        return DeclineOffer{pickToken()};
      case 11: {
        std::optional<SignUp> su;
        // Every fifth sign-up picks a password that is too short (no extra random draw, so the
        // walk's mix of commands stays as tuned).
        if (rng_.chance(50))
          su = SignUp{fresh("Signup "), fresh("signup"), "admin", "Admin",
                      counter % 5 == 0 ? "short" : "long enough"};
        return AcceptTrialInvitation{pickToken(), su};
      }
      case 12:
        return AcceptPurchaseOffer{pickToken()};
      case 13:
        return RemovePartner{pick(pools.tenants)};
      case 14: {
        CreateRelationship c;
        c.displayName = rng_.chance(70) ? fresh("Rel ") : name();
        if (rng_.chance(85)) c.customerTenantId = pick(pools.tenants);
        c.accessDetails.unifiedRoles = roles();
        c.duration = duration();
        c.autoExtendDuration = autoExtend();
        return c;
      }
      case 15: {
        UpdateRelationship u;
        u.relationshipId = pick(pools.relationships);
        if (rng_.chance(30)) u.displayName = fresh("Renamed ");
        if (rng_.chance(30)) u.accessDetails = AccessDetails{roles()};
        if (rng_.chance(30)) u.duration = duration();
        if (rng_.chance(40)) u.autoExtendDuration = autoExtend();
        return u;
      }
      case 16:
        return DeleteRelationship{pick(pools.relationships)};
      case 17:
        return LockForApproval{pick(pools.relationships)};
      case 18: {
        if (pools.approvals.empty() || rng_.chance(10))
          return ApproveRelationship{pick(pools.relationships), "junk-approval-token"};
        auto& [rel, token] = pools.approvals[rng_.below(pools.approvals.size())];
        return ApproveRelationship{rel, token};
      }
      case 19:
        return TerminateRelationship{pick(pools.relationships)};
      case 20:
        return RemoveGlobalAdministrator{pick(pools.relationships)};
      case 21: {
        CreateAccessAssignment a;
        a.relationshipId = pick(pools.relationships);
        a.accessContainer.accessContainerId = pickGroup();
        a.accessDetails.unifiedRoles = roles();
        return a;
      }
      case 22:
        return UpdateAccessAssignment{pick(pools.assignments), AccessDetails{roles()}};
      case 23:
        return DeleteAccessAssignment{pick(pools.assignments)};
      case 24:
        return AddUser{fresh("n") + "@" + pickDomain(), rng_.chance(95) ? "New user" : ""};
      case 25: {
        UpdateUser u;
        u.userId = pickUser();
        if (rng_.chance(60)) u.displayName = fresh("Renamed ");
        if (rng_.chance(30)) u.userPrincipalName = fresh("r") + "@" + pickDomain();
        return u;
      }
      case 26:
        return DisableUser{pickUser()};
      case 27:
        return EnableUser{pickUser()};
      case 28:
        return DeleteUser{pickUser()};
      case 29:
        return ResetPassword{pickUser()};
      case 30:
        return SetUserRoles{pickUser(), roles()};
      case 31:
        return CreateGroup{rng_.chance(90) ? fresh("Group ") : ""};
      case 32:
        return AddGroupMember{pickGroup(), pickUser()};
      case 33:
        return RemoveGroupMember{pickGroup(), pickUser()};
      case 34:
        return AddDomain{rng_.chance(80) ? fresh("d") + ".com" : pickDomain()};
      case 35: {
        // Usually with the record the focus tenant's claim was issued (as DNS would show it
        // once published), sometimes with nothing or a wrong one.
        std::string name = pickDomain();
        const Domain* claim = world.state.findDomain(focus, name);
        if (claim && rng_.chance(70))
          return VerifyDomain{name, std::vector<std::string>{claim->verificationCode}};
        return VerifyDomain{name, rng_.chance(50) ? std::optional<std::vector<std::string>>()
                                                  : std::vector<std::string>{"MS=ms12345678"}};
      }
      case 36:
        return SetDefaultDomain{pickDomain()};
      case 37:
        return RemoveDomain{pickDomain()};
      case 38:
        return AssignLicenses{pickUser(),
                              {pickIn(world.state.subscriptionsOf(focus), pools.subscriptions)},
                              rng_.chance(30)
                                  ? std::vector<SubscriptionId>{pick(pools.subscriptions)}
                                  : std::vector<SubscriptionId>{}};
      case 39:
        return ListDevices{};
      case 40:
        return WipeDevice{rng_.chance(90) ? "device-1" : ""};
      case 41:
        return MarkNotificationRead{
            pools.notifications.empty()
                ? NotificationId{1}
                : pools.notifications[rng_.below(pools.notifications.size())]};
      case 49: {  // DeclineRelationship
        if (pools.approvals.empty() || rng_.chance(10))
          return DeclineRelationship{pick(pools.relationships), "junk-approval-token",
                                     std::nullopt};
        auto& [rel, token] = pools.approvals[rng_.below(pools.approvals.size())];
        return DeclineRelationship{rel, token, rng_.chance(20) ? std::string("Not now") : "No"};
      }
      default:
        return ChangeOwnPassword{counter % 4 == 0 ? "short" : fresh("new password ")};
    }
  }

  bool delegated = false;

  Principal principal() {
    Principal p = choosePrincipal();
    focus = p.isUser() ? p.actingTenant : pick(pools.tenants);
    const User* u = p.isUser() ? world.state.findUser(p.userId) : nullptr;
    delegated = u && u->tenantId != p.actingTenant;
    return p;
  }

  // Mostly an enabled user: a walk of disabled accounts only tests the first check.
  UserId enabledAmong(const std::vector<UserId>& users) {
    UserId u = users[rng_.below(users.size())];
    for (int tries = 0; tries < 8; ++tries) {
      const User* user = world.state.findUser(u);
      if (user && user->accountEnabled) break;
      u = users[rng_.below(users.size())];
    }
    return u;
  }

  Principal choosePrincipal() {
    const State& s = world.state;
    const std::size_t roll = rng_.below(100);
    if (roll < 4) return Principal::system();
    if (roll < 6) return Principal::anonymous();
    if (roll < 40) {  // anyone, in their own tenant or anywhere
      // Now and then someone unknown (a deleted or made-up user).
      UserId u =
          pools.users.empty() || rng_.chance(5) ? UserId(rng_.guid()) : enabledAmong(pools.users);
      const User* user = s.findUser(u);
      if (user && rng_.chance(60)) return Principal::user(u, user->tenantId);
      return Principal::user(u, pick(pools.tenants));
    }
    if (roll < 70) {  // a Global Administrator at home
      TenantId t = pick(pools.tenants);
      auto admins = s.globalAdministratorsOf(t);
      if (!admins.empty()) return Principal::user(enabledAmong(admins), t);
    }
    // A partner user acting in a customer its organization has (or had) a relationship with.
    RelationshipId rid = pick(pools.relationships);
    const Relationship* r = s.findRelationship(rid);
    if (r && r->customer) {
      const auto& users = s.usersOf(r->partnerTenantId);
      if (!users.empty()) return Principal::user(enabledAmong(users), r->customer->tenantId);
    }
    return Principal::user(pick(pools.users), pick(pools.tenants));
  }

  void seedWorld() {
    for (int p = 0; p < 3; ++p) {
      Decision d =
          world.runAsSystem(CreateTenant{TenantKind::partner, fresh("Partner "), fresh("partner")});
      pools.learn(d);
      TenantId t = World::find<TenantCreated>(d)->tenant.id;
      if (p < 2) world.runAsSystem(CertifyPartner{t, true});
      const std::string domain = World::find<DomainAdded>(d)->domain.id;
      for (int u = 0; u < 5; ++u)
        pools.learn(
            world.runAsSystem(CreateUser{t, fresh("p") + "@" + domain, fresh("Partner user "),
                                         u == 0 ? RoleSet{Role::globalAdministrator} : roles(),
                                         static_cast<PartnerAccess>(u % 3)}));
    }
    for (int c = 0; c < 6; ++c) {
      Decision d = world.runAsSystem(
          CreateTenant{TenantKind::customer, fresh("Customer "), fresh("customer")});
      pools.learn(d);
      TenantId t = World::find<TenantCreated>(d)->tenant.id;
      const std::string domain = World::find<DomainAdded>(d)->domain.id;
      for (int u = 0; u < 5; ++u)
        pools.learn(world.runAsSystem(CreateUser{
            t, fresh("c") + "@" + domain, fresh("Customer user "),
            u == 0 ? RoleSet{Role::globalAdministrator} : roles(), PartnerAccess::none}));
    }
  }
};

}  // namespace

}  // namespace delegate::testing
