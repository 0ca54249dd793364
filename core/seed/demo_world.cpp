#include "core/seed/demo_world.hpp"

#include <cctype>

#include "core/apply.hpp"

namespace delegate {

namespace {

const char* const kCompanies[] = {"Contoso",
                                  "Fabrikam",
                                  "Adatum",
                                  "Tailwind Traders",
                                  "Wingtip Toys",
                                  "Woodgrove Bank",
                                  "Alpine Ski House",
                                  "Coho Winery",
                                  "Fourth Coffee",
                                  "Lamna Healthcare",
                                  "Margie's Travel",
                                  "Relecloud",
                                  "Trey Research",
                                  "VanArsdel",
                                  "Wide World Importers",
                                  "Humongous Insurance",
                                  "Blue Yonder Airlines",
                                  "City Power & Light",
                                  "Graphic Design Institute",
                                  "Lucerne Publishing",
                                  "School of Fine Art",
                                  "Southridge Video",
                                  "The Phone Company",
                                  "Consolidated Messenger",
                                  "Best For You Organics",
                                  "Bellows College",
                                  "First Up Consultants",
                                  "Munson's Pickles",
                                  "Nod Publishers",
                                  "Olympia Fitness"};
const char* const kPlaces[] = {"Oslo",  "Lyon",   "Porto", "Austin", "Osaka",  "Leeds",
                               "Turin", "Denver", "Ghent", "Perth",  "Quebec", "Malmo"};
const char* const kFirst[] = {"Alex",   "Blake",  "Casey", "Dana",  "Eli", "Frankie", "Gray",
                              "Harper", "Indy",   "Jules", "Kim",   "Lee", "Morgan",  "Noor",
                              "Oakley", "Parker", "Quinn", "Reese", "Sam", "Taylor"};
const char* const kLast[] = {"Adams",  "Baker", "Chen",  "Diaz",  "Evans", "Fox",    "Garcia",
                             "Hughes", "Ito",   "Jones", "Khan",  "Lopez", "Moreau", "Nakamura",
                             "Olsen",  "Patel", "Quist", "Rossi", "Silva", "Tran"};

constexpr std::size_t kNorthwindCustomers = 165;
constexpr std::size_t kLitwareOwnCustomers = 10;

std::string prefixOf(const std::string& name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Builder {
 public:
  DemoWorld world;
  DeterministicSource source{0xDE1E6A7E2026ull};
  Timestamp now;

  Decision run(const Principal& p, const Command& c, bool expectRefusal = false) {
    now = now + Duration{7};
    Decision d = decide(world.state, p, c, source.contextFor(now, c));
    if (d.ok() == expectRefusal) {
      world.problems.push_back(std::string(commandType(c)) + ": " +
                               (d.error ? d.error->code + " " + d.error->message
                                        : std::string("allowed but expected a refusal")));
    }
    applyAll(world.state, d.events);
    world.events.insert(world.events.end(), d.events.begin(), d.events.end());
    world.secrets.insert(world.secrets.end(), d.secrets.begin(), d.secrets.end());
    return d;
  }
  void at(Timestamp t) {
    run(Principal::system(), AdvanceClock{t});
    now = t;
  }
  template <class E>
  static const E* find(const Decision& d) {
    for (const Event& e : d.events)
      if (const E* x = std::get_if<E>(&e)) return x;
    return nullptr;
  }
  TenantId tenant(TenantKind kind, const std::string& name, const std::string& prefix) {
    Decision d = run(Principal::system(), CreateTenant{kind, name, prefix});
    const auto* e = find<TenantCreated>(d);
    return e ? e->tenant.id : TenantId{};
  }
  UserId user(TenantId t, const std::string& upn, const std::string& name, RoleSet roles = {},
              PartnerAccess access = PartnerAccess::none) {
    Decision d = run(Principal::system(), CreateUser{t, upn, name, roles, access});
    const auto* e = find<UserCreated>(d);
    return e ? e->user.id : UserId{};
  }
  Principal as(UserId u) const {
    const User* user = world.state.findUser(u);
    return Principal::user(u, user ? user->tenantId : TenantId{});
  }
  std::string secret(const Decision& d) const {
    return d.secrets.empty() ? std::string() : d.secrets.front().value;
  }
};

struct Customer {
  TenantId id;
  std::string name, domain;
  UserId admin;
  std::vector<UserId> users;
};

}  // namespace

DemoWorld buildDemoWorld(std::string_view offerLinkKey) {
  Builder b;
  if (!offerLinkKey.empty()) b.source.setOfferLinkKey(std::string(offerLinkKey));
  b.now = timestampFromCivil(2026, 5, 4, 9);
  const Principal system = Principal::system();

  // ---- partners ----
  TenantId northwind = b.tenant(TenantKind::partner, "Northwind Partners", "northwindpartners");
  b.run(system, CertifyPartner{northwind, true});
  const std::string nw = "@northwindpartners.onmicrosoft.com";
  UserId amy = b.user(northwind, "amy.admin" + nw, "Amy Alvarez", {Role::globalAdministrator},
                      PartnerAccess::full);
  UserId felix = b.user(northwind, "felix.full" + nw, "Felix Fischer", {}, PartnerAccess::full);
  UserId lena =
      b.user(northwind, "lena.limited" + nw, "Lena Lindqvist", {}, PartnerAccess::limited);
  b.user(northwind, "nina.none" + nw, "Nina Novak");
  UserId hana = b.user(northwind, "hana.helpdesk" + nw, "Hana Hayashi");
  UserId tom = b.user(northwind, "tom.tier2" + nw, "Tom Tanaka");
  UserId rita = b.user(northwind, "rita.reader" + nw, "Rita Romero");
  auto group = [&](const std::string& name) {
    Decision d = b.run(b.as(amy), CreateGroup{name});
    const auto* e = Builder::find<GroupCreated>(d);
    return e ? e->group.id : GroupId{};
  };
  GroupId helpdesk = group("Helpdesk agents");
  GroupId tier2 = group("Tier 2 admins");
  GroupId readers = group("Readers");
  b.run(b.as(amy), AddGroupMember{helpdesk, hana});
  b.run(b.as(amy), AddGroupMember{tier2, tom});
  b.run(b.as(amy), AddGroupMember{tier2, felix});
  b.run(b.as(amy), AddGroupMember{readers, rita});
  b.run(b.as(amy), AddGroupMember{readers, hana});

  TenantId litware = b.tenant(TenantKind::partner, "Litware Consulting", "litwareconsulting");
  b.run(system, CertifyPartner{litware, true});
  const std::string lw = "@litwareconsulting.onmicrosoft.com";
  UserId leo = b.user(litware, "leo.admin" + lw, "Leo Laine", {Role::globalAdministrator},
                      PartnerAccess::full);
  b.user(litware, "mia.agent" + lw, "Mia Moreno", {}, PartnerAccess::limited);

  TenantId proseware = b.tenant(TenantKind::partner, "Proseware Advisors", "prosewareadvisors");
  b.user(proseware, "pat.admin@prosewareadvisors.onmicrosoft.com", "Pat Park",
         {Role::globalAdministrator}, PartnerAccess::full);

  // ---- customers ----
  std::vector<Customer> customers;
  const std::size_t companyCount = std::size(kCompanies);
  for (std::size_t i = 0; i < kNorthwindCustomers + kLitwareOwnCustomers; ++i) {
    Customer c;
    c.name = kCompanies[i % companyCount];
    if (i >= companyCount)
      c.name += std::string(" ") + kPlaces[(i / companyCount - 1) % std::size(kPlaces)];
    std::string prefix = prefixOf(c.name);
    c.id = b.tenant(TenantKind::customer, c.name, prefix);
    c.domain = prefix + ".onmicrosoft.com";
    const std::size_t people = 3 + i % 4;
    for (std::size_t k = 0; k <= people; ++k) {
      std::string first = kFirst[(i * 3 + k) % std::size(kFirst)];
      std::string last = kLast[(i * 7 + k * 3) % std::size(kLast)];
      if (k == 0) {
        c.admin =
            b.user(c.id, "admin@" + c.domain, first + " " + last, {Role::globalAdministrator});
      } else {
        RoleSet roles = k == 1 && i % 3 == 0   ? RoleSet{Role::passwordAdministrator}
                        : k == 2 && i % 5 == 0 ? RoleSet{Role::userAdministrator}
                                               : RoleSet{};
        c.users.push_back(b.user(c.id, lower(first) + "." + lower(last) + "@" + c.domain,
                                 first + " " + last, roles));
      }
    }
    if (i % 5 == 0) {
      std::string custom = prefix + ".com";
      b.run(b.as(c.admin), AddDomain{custom});
      // The demo world is seeded as if the record had been published and found in DNS.
      const std::string code = b.world.state.findDomain(c.id, custom)->verificationCode;
      b.run(b.as(c.admin), VerifyDomain{custom, std::vector<std::string>{code}});
    } else if (i % 10 == 3) {
      b.run(b.as(c.admin), AddDomain{prefix + ".net"});  // left unverified
    }
    customers.push_back(std::move(c));
  }

  // ---- the seed's story: a reusable offer, accepted by most, declined by a few ----
  std::string offer = b.secret(b.run(b.as(amy), CreateOffer{}));
  for (std::size_t i = 0; i < 150; ++i) b.run(b.as(customers[i].admin), AcceptOffer{offer});
  for (std::size_t i = 150; i < 154; ++i) b.run(b.as(customers[i].admin), DeclineOffer{offer});

  // Granular relationships: one per customer 0..35, in every status.
  auto relationship = [&](std::size_t i, const std::string& name, RoleSet roles, int days,
                          int autoExtendDays) {
    CreateRelationship c;
    c.displayName = name + " #" + std::to_string(i);  // names are unique per partner
    c.customerTenantId = customers[i].id;
    c.accessDetails.unifiedRoles = roles;
    c.duration = Duration::ofDays(days);
    c.autoExtendDuration = Duration::ofDays(autoExtendDays);
    Decision d = b.run(b.as(amy), c);
    const auto* e = Builder::find<RelationshipCreated>(d);
    return e ? e->relationship.id : RelationshipId{};
  };
  auto lockAndApprove = [&](RelationshipId r, std::size_t i) {
    std::string token = b.secret(b.run(b.as(amy), LockForApproval{r}));
    b.run(b.as(customers[i].admin), ApproveRelationship{r, token});
  };
  auto assign = [&](RelationshipId r, GroupId g, RoleSet roles) {
    CreateAccessAssignment a;
    a.relationshipId = r;
    a.accessContainer.accessContainerId = g;
    a.accessDetails.unifiedRoles = roles;
    b.run(b.as(amy), a);
  };
  const RoleSet supportRoles{Role::userAdministrator, Role::helpdeskAdministrator,
                             Role::passwordAdministrator, Role::domainNameAdministrator,
                             Role::globalReader};
  std::vector<RelationshipId> toTerminate;
  std::vector<std::size_t> pendingLater, draftsLater;

  // May: short relationships that will have expired by now.
  for (std::size_t i = 2; i < 36; i += 6) {
    RelationshipId r =
        relationship(i, "Migration project " + std::to_string(i), supportRoles, 30, 0);
    lockAndApprove(r, i);
    assign(r, tier2, {Role::userAdministrator});
  }
  // June: an auto-extending one, and a request nobody answers (it lapses after 90 days).
  b.at(timestampFromCivil(2026, 6, 1, 9));
  {
    RelationshipId r = relationship(6, "Monitoring (auto-renew)",
                                    {Role::globalReader, Role::helpdeskAdministrator}, 30, 180);
    lockAndApprove(r, 6);
    assign(r, helpdesk, {Role::helpdeskAdministrator});
    assign(r, readers, {Role::globalReader});
    RelationshipId lapsed = relationship(12, "Security review", {Role::globalReader}, 90, 0);
    b.run(b.as(amy), LockForApproval{lapsed});
  }
  b.at(timestampFromCivil(2026, 6, 15, 9));
  for (std::size_t i = 0; i < 36; ++i) {
    switch (i % 6) {
      case 0: {  // active for two years, with assignments
        RelationshipId r = relationship(i, "Managed support", supportRoles, 730, 0);
        lockAndApprove(r, i);
        assign(r, helpdesk, {Role::helpdeskAdministrator, Role::passwordAdministrator});
        assign(r, tier2, {Role::userAdministrator, Role::domainNameAdministrator});
        assign(r, readers, {Role::globalReader});
        break;
      }
      case 1: {  // ends 2026-12-12: expiring by the demo's present
        RelationshipId r = relationship(i, "Seasonal support",
                                        {Role::helpdeskAdministrator, Role::globalReader}, 180, 0);
        lockAndApprove(r, i);
        assign(r, helpdesk, {Role::helpdeskAdministrator});
        break;
      }
      case 3:
        pendingLater.push_back(i);
        break;
      case 4: {  // approved, then ended by the customer in July
        RelationshipId r = relationship(
            i, "Onboarding", {Role::globalAdministrator, Role::userAdministrator}, 365, 0);
        lockAndApprove(r, i);
        assign(r, tier2, {Role::userAdministrator});
        toTerminate.push_back(r);
        break;
      }
      case 5:
        draftsLater.push_back(i);
        break;
      default:
        break;
    }
  }

  // July: terminations, and a customer removing the partner altogether.
  b.at(timestampFromCivil(2026, 7, 20, 9));
  for (std::size_t k = 0; k < toTerminate.size(); ++k) {
    const std::size_t i = 4 + 6 * k;
    b.run(b.as(customers[i].admin), TerminateRelationship{toTerminate[k]});
  }
  b.run(b.as(customers[149].admin), RemovePartner{northwind});

  // September: the small partner, trials and purchases, everyday delegated work.
  b.at(timestampFromCivil(2026, 9, 1, 9));
  std::string litwareOffer = b.secret(b.run(b.as(leo), CreateOffer{}));
  b.run(b.as(customers[0].admin), AcceptOffer{litwareOffer});
  b.run(b.as(customers[1].admin), AcceptOffer{litwareOffer});
  for (std::size_t i = kNorthwindCustomers; i < kNorthwindCustomers + kLitwareOwnCustomers; ++i)
    b.run(b.as(customers[i].admin), AcceptOffer{litwareOffer});

  std::string trial = b.secret(
      b.run(b.as(felix), CreateTrialInvitation{"Microsoft 365 Business Premium", 25, 30, true}));
  b.run(Principal::anonymous(),
        AcceptTrialInvitation{trial, SignUp{"Tailspin Toys", "tailspintoys", "ada", "Ada Abbott",
                                            "Tailspin-Signup-1"}});
  b.run(b.as(customers[160].admin), AcceptTrialInvitation{trial, std::nullopt});
  std::string purchase =
      b.secret(b.run(b.as(lena), CreatePurchaseOffer{"Microsoft 365 E3", 10, 3600, false}));
  Decision bought = b.run(b.as(customers[3].admin), AcceptPurchaseOffer{purchase});
  if (const auto* sub = Builder::find<SubscriptionCreated>(bought)) {
    b.run(b.as(customers[3].admin),
          AssignLicenses{customers[3].users[0], {sub->subscription.id}, {}});
  }

  const Customer& contoso = customers[0];
  b.run(Principal::user(felix, contoso.id),
        AddUser{"megan.bowen@" + contoso.domain, "Megan Bowen"});
  b.run(Principal::user(felix, contoso.id), ResetPassword{contoso.users[0]});
  b.run(Principal::user(lena, contoso.id), ResetPassword{contoso.users[2]});
  b.run(Principal::user(lena, contoso.id), AddUser{"not.allowed@" + contoso.domain, "Not Allowed"},
        true);
  b.run(Principal::user(felix, contoso.id), WipeDevice{"CONTOSO-LAPTOP-042"}, true);
  b.run(Principal::user(hana, customers[6].id), ResetPassword{customers[6].users[0]});
  b.run(Principal::user(tom, contoso.id), AddDomain{"contoso-marketing.com"});
  b.run(Principal::user(leo, customers[1].id), ResetPassword{customers[1].users[0]});

  // November: fresh requests awaiting approval, and drafts.
  b.at(timestampFromCivil(2026, 11, 10, 9));
  for (std::size_t i : pendingLater) {
    RelationshipId r = relationship(i, "Managed support 2027", supportRoles, 730, 0);
    b.run(b.as(amy), LockForApproval{r});
  }
  for (std::size_t i : draftsLater)
    relationship(i, "Draft: licensing help", {Role::licenseAdministrator}, 365, 0);
  {
    CreateRelationship open;
    open.displayName = "Open request (any customer)";
    open.accessDetails.unifiedRoles = {Role::globalReader};
    open.duration = Duration::ofDays(365);
    b.run(b.as(amy), open);
  }

  b.at(timestampFromCivil(2026, 11, 28, 12));
  b.world.now = b.now;
  auto nameOf = [&](UserId id, const char* field) -> std::string {
    const User* u = b.world.state.findUser(id);
    if (!u) {
      b.world.problems.push_back(std::string("missing sign-in user: ") + field);
      return {};
    }
    return field[0] == 'u' ? u->userPrincipalName : u->displayName;
  };
  b.world.signIns = {
      {"amy.admin" + nw, "Amy Alvarez",
       "Partner administrator at Northwind Partners (Global Administrator, Full administration); "
       "over 100 customers"},
      {"felix.full" + nw, "Felix Fischer", "Northwind agent with Full administration"},
      {"lena.limited" + nw, "Lena Lindqvist", "Northwind agent with Limited administration"},
      {"nina.none" + nw, "Nina Novak", "Northwind user without administrative access"},
      {"hana.helpdesk" + nw, "Hana Hayashi",
       "Northwind agent with granular access through the Helpdesk agents group"},
      {"tom.tier2" + nw, "Tom Tanaka",
       "Northwind agent with granular access through the Tier 2 admins group"},
      {"leo.admin" + lw, "Leo Laine", "Partner administrator at Litware Consulting (12 customers)"},
      {"pat.admin@prosewareadvisors.onmicrosoft.com", "Pat Park",
       "Administrator of Proseware Advisors, a partner not certified for delegated administration"},
      {"admin@" + contoso.domain, nameOf(contoso.admin, "displayName"),
       "Global Administrator of Contoso, a customer of Northwind and Litware"},
      {nameOf(contoso.users[2], "userPrincipalName"), nameOf(contoso.users[2], "displayName"),
       "A Contoso employee without roles"},
      {"ada@tailspintoys.onmicrosoft.com", "Ada Abbott",
       "Signed up for a trial through Northwind's invitation (Tailspin Toys)"},
  };
  return std::move(b.world);
}

}  // namespace delegate
