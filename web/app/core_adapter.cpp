#include "web/app/core_adapter.hpp"

#include "core/apply.hpp"
#include "core/context.hpp"
#include "core/decide.hpp"
#include "core/seed/demo_world.hpp"
#include "core/seed/scale_world.hpp"
#include "web/app/preview.hpp"

#if __has_include("core/json_forms.hpp")
#include "core/json_forms.hpp"
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

Demo demoWorld() {
  DemoWorld w = buildDemoWorld();
  Demo d;
  d.state = std::move(w.state);
  for (const IssuedSecret& s : w.secrets) {
    if (s.kind == SecretKind::offerToken) d.offerTokens.emplace_back(s.subjectId, s.value);
    if (s.kind == SecretKind::approvalToken) d.approvalTokens.emplace_back(s.subjectId, s.value);
  }
  return d;
}

State benchWorld(int clients, UserId* admin) {
  ScaleSpec spec;
  spec.customers = static_cast<std::size_t>(clients);
  spec.partnerUsers = 200;
  spec.groups = 20;
  spec.relationships = spec.customers * 2;
  spec.customerUsers = spec.customers * 5;
  State s;
  ScaleWorld w = buildScaleWorld(spec, s);
  if (admin && !w.partnerUsers.empty()) *admin = w.partnerUsers.front();
  return s;
}

std::vector<DemoPersona> demoPersonas(const State& w) {
  // People of the core's demo world (its sign-in names), in the order the picker shows them.
  struct Wanted {
    const char* upn;
    const char* role;
  };
  static const Wanted kWanted[] = {
      {"amy.admin@northwindpartners.onmicrosoft.com", "partner admin, Northwind Partners"},
      {"felix.full@northwindpartners.onmicrosoft.com", "partner agent, Full administration"},
      {"lena.limited@northwindpartners.onmicrosoft.com", "partner agent, Limited administration"},
      {"hana.helpdesk@northwindpartners.onmicrosoft.com", "partner agent, Helpdesk agents group"},
      {"admin@contoso.onmicrosoft.com", "customer admin, Contoso"},
      {"leo.admin@litwareconsulting.onmicrosoft.com",
       "partner admin, Litware Consulting (12 clients)"},
      {"ada@tailspintoys.onmicrosoft.com", "customer admin, Tailspin Toys (trial)"},
      {"pat.admin@prosewareadvisors.onmicrosoft.com", "admin of an uncertified partner"}};
  std::vector<DemoPersona> out;
  for (const Wanted& want : kWanted) {
    const User* u = w.findUserByPrincipalName(want.upn);
    if (!u) {
      // Prefix match (the Contoso domain carries a generated suffix).
      for (const auto& [id, user] : w.users)
        if (user.userPrincipalName.rfind(want.upn, 0) == 0) {
          u = &user;
          break;
        }
    }
    if (u) out.push_back({u->displayName + " - " + want.role, u->id});
  }
  return out;
}

OfferPreview offerPreview(const State& s, const Offer& o) {
  OfferPreview p;
  p.found = true;
  const Tenant* t = s.findTenant(o.partnerId);
  p.partnerName = t ? t->displayName : "A partner";
  p.partnerId = o.partnerId.str();
  for (const std::string& d : s.domainsOf(o.partnerId))
    if (const Domain* dm = s.findDomain(o.partnerId, d); dm && dm->isDefault)
      p.partnerDomain = dm->id;
  p.offerKind = o.kind;
  p.includesDelegatedAdmin = o.includesDelegatedAdmin || o.kind == OfferKind::delegatedAdmin;
  p.product = o.product;
  p.terms = offerTerms(o.kind, o.licenses, o.trialDays, o.pricePerLicenseCents);
  if (p.includesDelegatedAdmin) p.roleLines = delegatedAdminLines();
  return p;
}

}  // namespace delegate::web
