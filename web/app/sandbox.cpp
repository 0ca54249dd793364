// TEMPORARY ADAPTER: until the core's demo world, decide/apply and authorize land, the sandbox
// shows a static read model so the screens can be built. Replaced by the core-backed sandbox.
#include "web/app/sandbox.hpp"

#include "web/platform/browser.hpp"

namespace delegate::web {

struct SandboxBackend::Impl {
  int persona = 0;
  Model model;
};

namespace {

Model fakeWorld(int persona) {
  Model m;
  m.revision = 1;
  static const char* names[] = {"Contoso", "Fabrikam",      "Northwind",      "Tailspin",
                                "Litware", "Adatum",        "Woodgrove",      "Proseware",
                                "Lucerne", "Wingtip",       "Humongous",      "Alpine Ski",
                                "Coho",    "Fourth Coffee", "Margie's Travel"};
  const int n = persona == 3 ? 12 : 160;
  if (persona == 2) {
    m.tenantKind = TenantKind::Customer;
    m.tenantName = "Contoso Ltd";
    m.meName = "Megan Bowen";
    m.meUpn = "megan@contoso.example";
    m.isAdmin = true;
    MPartner p{
        "p1", "Northwind Partners", "Global Administrator", "2025-03-01", "", "Delegated admin",
        {}};
    m.partners.push_back(p);
    for (int i = 0; i < 40; ++i) {
      MUser u;
      u.id = "cu" + std::to_string(i);
      u.displayName = std::string("User ") + std::to_string(i);
      u.upn = "user" + std::to_string(i) + "@contoso.example";
      m.users.push_back(u);
    }
    return m;
  }
  m.tenantKind = TenantKind::Partner;
  m.tenantName = persona == 3 ? "Small Reseller" : "Northwind Partners";
  m.meName = persona == 1 ? "Alex Agent" : "Pat Admin";
  m.meUpn = persona == 1 ? "alex@northwind.example" : "pat@northwind.example";
  m.isAdmin = persona != 1;
  m.certified = true;
  for (int i = 0; i < n; ++i) {
    MCustomer c;
    c.tenantId = "t" + std::to_string(i);
    c.name = std::string(names[i % 15]) + " " + std::to_string(i / 15 + 1);
    c.defaultDomain = "client" + std::to_string(i) + ".example";
    c.users = 5 + (i * 37) % 300;
    c.relationshipRank = i % 5;
    static const char* rel[] = {"None", "Active", "Expiring", "Approval pending", "Ended"};
    c.relationship = rel[c.relationshipRank];
    c.ends = "2026-0" + std::to_string(1 + i % 9) + "-15";
    c.endsAt = i;
    c.myRoles = c.relationshipRank == 1 || c.relationshipRank == 2 ? "Global Administrator" : "";
    c.canOpen = !c.myRoles.empty();
    m.customers.push_back(c);
  }
  for (int i = 0; i < 12; ++i) {
    MUser u;
    u.id = "pu" + std::to_string(i);
    u.displayName = std::string("Agent ") + std::to_string(i);
    u.upn = "agent" + std::to_string(i) + "@northwind.example";
    u.partnerAccess = i % 3 == 0   ? "None"
                      : i % 3 == 1 ? "Full administration"
                                   : "Limited administration";
    u.partnerAccessLevel = i % 3;
    m.users.push_back(u);
  }
  return m;
}

}  // namespace

SandboxBackend::SandboxBackend() : impl_(std::make_unique<Impl>()) {}
SandboxBackend::~SandboxBackend() = default;
std::string SandboxBackend::load() {
  impl_->model = fakeWorld(impl_->persona);
  return "";
}
const Model& SandboxBackend::model() const {
  return impl_->model;
}
void SandboxBackend::submit(const nlohmann::json&, CommandDone done) {
  CommandResult r;
  r.status = 501;
  r.code = "notImplemented";
  r.message = "The sandbox cannot run commands yet.";
  done(r);
}
AccessAnswer SandboxBackend::can(const std::string& action, const std::string&,
                                 const std::string&) const {
  if (action == "manageDevices")
    return {false, "Mobile device management is not available through delegated access."};
  return {true, ""};
}
nlohmann::json SandboxBackend::markNotificationsReadCommand() const {
  return nullptr;
}
std::vector<std::string> SandboxBackend::personaLabels() const {
  return {"Pat Admin - partner admin (Northwind, 160 clients)",
          "Alex Agent - partner agent, Limited (Northwind)",
          "Megan Bowen - customer admin (Contoso)", "Sam Small - partner admin (12 clients)"};
}
int SandboxBackend::persona() const {
  return impl_->persona;
}
void SandboxBackend::setPersona(int index) {
  impl_->persona = index;
  impl_->model = fakeWorld(index);
}
void SandboxBackend::selectPersonaForAccept() {
  setPersona(2);
}
void SandboxBackend::reset() {
  setPersona(0);
}
std::string SandboxBackend::exportJson() const {
  return "{}";
}
std::string SandboxBackend::importJson(const std::string&) {
  return "Not available yet.";
}

}  // namespace delegate::web

namespace delegate::web {
Explanation SandboxBackend::explain(const std::string&, const std::string&,
                                    const std::string&) const {
  return {};
}
OfferPreview SandboxBackend::preview(const std::string&, const std::string&) const {
  return {};
}
}  // namespace delegate::web
