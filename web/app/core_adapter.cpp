#include "web/app/core_adapter.hpp"

#include "core/apply.hpp"
#include "core/context.hpp"
#include "core/decide.hpp"
#include "web/app/preview.hpp"

#if __has_include("core/json.hpp")
#include "core/json.hpp"
#define DELEGATE_HAVE_CODEC 1
#endif

namespace delegate::web {

#ifdef DELEGATE_HAVE_CODEC
Result<Command> commandFromJson(const nlohmann::json& j) {
  return delegate::commandFromJson(j);
}
nlohmann::json stateToJson(const State& s) {
  return delegate::toJson(s);
}
Result<State> stateFromJson(const nlohmann::json& j) {
  return delegate::stateFromJson(j);
}
Result<Event> eventFromJson(const nlohmann::json& j) {
  return delegate::eventFromJson(j);
}
#else
// TEMPORARY: until the core's JSON codec lands.
Result<Command> commandFromJson(const nlohmann::json&) {
  return Error{"invalidRequest", "The sandbox cannot decode commands yet.", ""};
}
nlohmann::json stateToJson(const State&) {
  return nullptr;
}
Result<State> stateFromJson(const nlohmann::json&) {
  return Error{"invalidRequest", "The sandbox cannot decode a world yet.", ""};
}
Result<Event> eventFromJson(const nlohmann::json&) {
  return Error{"invalidRequest", "No codec yet.", ""};
}
#endif

// TEMPORARY ADAPTER (until the core's demo generator lands): the demo world, seeded through the
// core's own commands so every entity is one the rules allow.
namespace {

struct Seeder {
  State w;
  DeterministicSource src{20261128};
  Timestamp now;
  Decision run(const Principal& p, const Command& c) {
    Decision d = decide(w, p, c, src.contextFor(now, c));
    delegate::applyAll(w, d.events);
    return d;
  }
  TenantId tenant(const std::string& name) {
    for (auto& [id, t] : w.tenants)
      if (t.displayName == name) return id;
    return {};
  }
  UserId user(const std::string& upn) {
    const User* u = w.findUserByPrincipalName(upn);
    return u ? u->id : UserId{};
  }
  TenantId makeTenant(delegate::TenantKind kind, const std::string& name,
                      const std::string& prefix) {
    run(Principal::system(), CreateTenant{kind, name, prefix});
    return tenant(name);
  }
  UserId makeUser(TenantId t, const std::string& upn, const std::string& name, RoleSet roles,
                  PartnerAccess access = PartnerAccess::none) {
    CreateUser c;
    c.tenantId = t;
    c.userPrincipalName = upn;
    c.displayName = name;
    c.roles = roles;
    c.partnerAccess = access;
    run(Principal::system(), c);
    return user(upn);
  }
};

const char* kFirst[] = {"Adele",   "Alex",   "Allan",  "Brian",   "Christie",  "Debra",
                        "Diego",   "Emily",  "Enrico", "Grady",   "Henrietta", "Isaiah",
                        "Johanna", "Joni",   "Lee",    "Lidia",   "Lynne",     "Megan",
                        "Miriam",  "Nestor", "Patti",  "Pradeep", "Raul",      "Sofia",
                        "Tomas",   "Ulrike", "Vikram", "Wanda",   "Yara",      "Zoltan"};
const char* kLast[] = {"Vance",     "Wilber",  "Deyoung",   "Johnson",  "Cline",   "Berry",
                       "Siciliani", "Braun",   "Martinez",  "Archie",   "Cerrato", "Langer",
                       "Lauer",     "Sherman", "Gu",        "Holloway", "Robbins", "Bowen",
                       "Graham",    "Wilke",   "Fernandez", "Gupta",    "Okafor",  "Novak",
                       "Lindqvist", "Haas",    "Rao",       "Pierce",   "Haddad",  "Kiss"};
const char* kOrg[] = {"Contoso",
                      "Fabrikam",
                      "Northwind Traders",
                      "Tailspin Toys",
                      "Litware",
                      "Adatum",
                      "Woodgrove",
                      "Proseware",
                      "Lucerne Publishing",
                      "Wingtip",
                      "Humongous Insurance",
                      "Alpine Ski House",
                      "Coho Winery",
                      "Fourth Coffee",
                      "Margie's Travel",
                      "Relecloud",
                      "Trey Research",
                      "Wide World Importers",
                      "Blue Yonder Airlines",
                      "City Power & Light"};
const char* kSuffix[] = {"", " Ltd", " Inc", " GmbH", " LLC", " Group", " & Co", " SA"};

std::string lowerPrefix(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
  }
  return out;
}

}  // namespace

State demoWorld(Timestamp now) {
  Seeder s;
  s.now = Timestamp{now.seconds - 200 * 86400};  // history starts 200 days ago
  s.run(Principal::system(), AdvanceClock{s.now});
  const RoleSet ga{Role::globalAdministrator};
  // The large partner.
  TenantId big =
      s.makeTenant(delegate::TenantKind::partner, "Northwind Partners", "northwindpartners");
  s.run(Principal::system(), CertifyPartner{big, true});
  const std::string bigDomain = "northwindpartners.onmicrosoft.com";
  UserId pat = s.makeUser(big, "pat@" + bigDomain, "Pat Admin", ga, PartnerAccess::full);
  s.makeUser(big, "alex@" + bigDomain, "Alex Agent", {}, PartnerAccess::limited);
  s.makeUser(big, "fiona@" + bigDomain, "Fiona Full", {}, PartnerAccess::full);
  for (int i = 0; i < 24; ++i) {
    std::string first = kFirst[i % 30], last = kLast[(i * 7) % 30];
    s.makeUser(big, lowerPrefix(first) + "." + lowerPrefix(last) + "@" + bigDomain,
               first + " " + last, {}, i % 3 == 0 ? PartnerAccess::full : PartnerAccess::none);
  }
  Principal patP = Principal::user(pat, big);
  s.run(patP, CreateGroup{"Helpdesk agents"});
  s.run(patP, CreateGroup{"Escalation engineers"});
  GroupId helpdesk, escalation;
  for (auto& [id, g] : s.w.groups) {
    if (g.displayName == "Helpdesk agents") helpdesk = id;
    if (g.displayName == "Escalation engineers") escalation = id;
  }
  {
    int k = 0;
    for (UserId id : std::vector<UserId>(s.w.usersOf(big))) {
      const User* u = s.w.findUser(id);
      if (!u || u->userPrincipalName.rfind("pat@", 0) == 0) continue;
      if (k % 3 == 1) s.run(patP, AddGroupMember{helpdesk, id});
      if (k % 5 == 2) s.run(patP, AddGroupMember{escalation, id});
      ++k;
    }
  }
  Decision offer = s.run(patP, CreateOffer{});
  std::string bigToken = offer.secrets.empty() ? "" : offer.secrets.front().value;

  // The small partner.
  TenantId small =
      s.makeTenant(delegate::TenantKind::partner, "Contoso Cloud Solutions", "contosocloud");
  s.run(Principal::system(), CertifyPartner{small, true});
  UserId sam =
      s.makeUser(small, "sam@contosocloud.onmicrosoft.com", "Sam Small", ga, PartnerAccess::full);
  Decision smallOffer = s.run(Principal::user(sam, small), CreateOffer{});
  std::string smallToken = smallOffer.secrets.empty() ? "" : smallOffer.secrets.front().value;

  auto makeCustomer = [&](int i, const std::string& partnerToken, int users) {
    std::string name = std::string(kOrg[i % 20]) + kSuffix[(i / 20) % 8];
    if (i >= 160) name += " " + std::to_string(i);
    std::string prefix = lowerPrefix(name) + std::to_string(i);
    TenantId t = s.makeTenant(delegate::TenantKind::customer, name, prefix);
    std::string domain = prefix + ".onmicrosoft.com";
    std::string adminFirst = kFirst[(i * 11) % 30], adminLast = kLast[(i * 13) % 30];
    if (i == 0) {
      adminFirst = "Megan";
      adminLast = "Bowen";
    }
    UserId admin =
        s.makeUser(t, lowerPrefix(adminFirst) + "@" + domain, adminFirst + " " + adminLast, ga);
    for (int u = 0; u < users; ++u) {
      std::string first = kFirst[(u * 7 + i) % 30], last = kLast[(u * 3 + i * 5) % 30];
      s.makeUser(t, lowerPrefix(first) + "." + lowerPrefix(last) + std::to_string(u) + "@" + domain,
                 first + " " + last, u == 1 ? RoleSet{Role::passwordAdministrator} : RoleSet{});
    }
    Principal adminP = Principal::user(admin, t);
    if (i % 4 == 1)
      s.run(adminP, AddDomain{lowerPrefix(kOrg[i % 20]) + std::to_string(i) + ".example"});
    if (!partnerToken.empty()) s.run(adminP, AcceptOffer{partnerToken});
    return std::make_pair(t, adminP);
  };

  // 160 clients of the large partner over 190 days: most with the seed's delegated admin, some
  // granular (active, expiring, waiting for approval, just created).
  const Timestamp start = s.now;
  for (int i = 0; i < 160; ++i) {
    s.now = Timestamp{start.seconds + static_cast<std::int64_t>(i) * 190 * 86400 / 160};
    s.run(Principal::system(), AdvanceClock{s.now});
    const bool dap = i % 7 != 3;
    auto [t, adminP] = makeCustomer(i, dap ? bigToken : "", 4 + (i * 13) % 22);
    if (i % 5 == 2 || !dap) {
      CreateRelationship c;
      c.displayName = std::string(i % 2 ? "Helpdesk " : "Operations ") + std::to_string(i);
      c.customerTenantId = t;
      c.accessDetails.unifiedRoles =
          i % 2 ? RoleSet{Role::helpdeskAdministrator, Role::userAdministrator}
                : RoleSet{Role::globalAdministrator, Role::domainNameAdministrator};
      c.duration = Duration::ofDays(i % 3 == 0 ? 30 : 730);
      Decision created = s.run(patP, c);
      const Relationship* rel = nullptr;
      for (auto& [id, r] : s.w.relationships)
        if (r.displayName == c.displayName && r.partnerTenantId == big) rel = &r;
      if (!rel || i % 10 == 7) continue;  // some stay "created"
      RelationshipId rid = rel->id;
      Decision locked = s.run(patP, LockForApproval{rid});
      if (i % 10 == 2 || locked.secrets.empty()) continue;  // some wait for approval
      s.run(adminP, ApproveRelationship{rid, locked.secrets.front().value});
      CreateAccessAssignment a;
      a.relationshipId = rid;
      a.accessContainer.accessContainerId = i % 2 ? helpdesk : escalation;
      a.accessDetails.unifiedRoles = c.accessDetails.unifiedRoles;
      s.run(patP, a);
    }
  }
  // 12 clients of the small partner.
  s.now = Timestamp{now.seconds - 5 * 86400};
  s.run(Principal::system(), AdvanceClock{s.now});
  for (int i = 200; i < 212; ++i) makeCustomer(i, smallToken, 5 + i % 7);
  // A morning of delegated work in clients: resets, new users, a refusal or two.
  {
    UserId alex = s.user("alex@" + bigDomain), fiona = s.user("fiona@" + bigDomain);
    int done = 0;
    for (RelationshipId rid : std::vector<RelationshipId>(s.w.relationshipsOfPartner(big))) {
      const Relationship* r = s.w.findRelationship(rid);
      if (!r || r->kind != RelationshipKind::dap || !r->customer || done >= 12) continue;
      const TenantId c = r->customer->tenantId;
      const std::vector<UserId> users = s.w.usersOf(c);
      if (users.size() < 3) continue;
      s.now = Timestamp{now.seconds - (12 - done) * 1700};
      s.run(Principal::system(), AdvanceClock{s.now});
      ResetPassword reset;
      reset.userId = users[2];
      s.run(Principal::user(alex, c), reset);
      if (done % 3 == 0) {
        AddUser add;
        add.userPrincipalName = "new.hire" + std::to_string(done) + "@" + s.w.domainsOf(c).front();
        add.displayName = std::string("New Hire ") + std::to_string(done + 1);
        s.run(Principal::user(done % 2 ? alex : fiona, c), add);  // Limited is refused
      }
      if (done == 4) s.run(Principal::user(fiona, c), ListDevices{});  // refused: MDM
      ++done;
    }
  }
  // Back to the present: expiring and expired statuses follow.
  s.now = now;
  s.run(Principal::system(), AdvanceClock{now});
  return std::move(s.w);
}

State benchWorld(Timestamp now, int clients) {
  Seeder s;
  s.now = Timestamp{now.seconds - 86400};
  s.run(Principal::system(), AdvanceClock{s.now});
  TenantId big =
      s.makeTenant(delegate::TenantKind::partner, "Northwind Partners", "northwindpartners");
  s.run(Principal::system(), CertifyPartner{big, true});
  UserId pat = s.makeUser(big, "pat@northwindpartners.onmicrosoft.com", "Pat Admin",
                          RoleSet{Role::globalAdministrator}, PartnerAccess::full);
  s.makeUser(big, "alex@northwindpartners.onmicrosoft.com", "Alex Agent", {},
             PartnerAccess::limited);
  Decision offer = s.run(Principal::user(pat, big), CreateOffer{});
  const std::string token = offer.secrets.empty() ? "" : offer.secrets.front().value;
  for (int i = 0; i < clients; ++i) {
    std::string name = std::string(kOrg[i % 20]) + kSuffix[(i / 20) % 8] + " " + std::to_string(i);
    std::string prefix = "bench" + std::to_string(i);
    TenantId t = s.makeTenant(delegate::TenantKind::customer, name, prefix);
    UserId admin = s.makeUser(t, "admin@" + prefix + ".onmicrosoft.com",
                              "Admin " + std::to_string(i), RoleSet{Role::globalAdministrator});
    s.run(Principal::user(admin, t), AcceptOffer{token});
  }
  s.run(Principal::system(), AdvanceClock{now});
  return std::move(s.w);
}

std::vector<DemoPersona> demoPersonas(const State& w) {
  std::vector<DemoPersona> out;
  auto add = [&](const char* upn, const std::string& label) {
    if (const User* u = w.findUserByPrincipalName(upn)) out.push_back({label, u->id});
  };
  add("pat@northwindpartners.onmicrosoft.com", "Pat Admin - partner admin (Northwind Partners)");
  add("alex@northwindpartners.onmicrosoft.com",
      "Alex Agent - partner agent, Limited (Northwind Partners)");
  add("megan@contoso0.onmicrosoft.com", "Megan Bowen - customer admin (Contoso)");
  add("sam@contosocloud.onmicrosoft.com", "Sam Small - partner admin (Contoso Cloud Solutions)");
  return out;
}

OfferPreview offerPreview(const State& s, const Offer& o) {
  OfferPreview p;
  p.found = true;
  const Tenant* t = s.findTenant(o.partnerId);
  p.partnerName = t ? t->displayName : "A partner";
  for (const std::string& d : s.domainsOf(o.partnerId))
    if (const Domain* dm = s.findDomain(d); dm && dm->isDefault) p.partnerDomain = dm->id;
  p.kind = o.kind == OfferKind::delegatedAdmin    ? "delegatedAdmin"
           : o.kind == OfferKind::trialInvitation ? "trial"
                                                  : "purchase";
  p.includesDelegatedAdmin = o.includesDelegatedAdmin || o.kind == OfferKind::delegatedAdmin;
  p.product = o.product;
  if (o.kind == OfferKind::trialInvitation)
    p.terms =
        std::to_string(o.licenses) + " licenses, free for " + std::to_string(o.trialDays) + " days";
  if (o.kind == OfferKind::purchaseOffer) {
    char price[64];
    std::snprintf(price, sizeof price, "%d licenses at $%lld.%02lld per license per month",
                  o.licenses, static_cast<long long>(o.pricePerLicenseCents / 100),
                  static_cast<long long>(o.pricePerLicenseCents % 100));
    p.terms = price;
  }
  if (p.includesDelegatedAdmin) p.roleLines = delegatedAdminLines();
  return p;
}

}  // namespace delegate::web
