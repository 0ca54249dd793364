// Sandbox mode: the core's decide/apply run here, in the browser, on the demo world; the world
// is kept in localStorage so a reload keeps it.
#include "web/app/sandbox.hpp"

#include <algorithm>
#include <cstdio>

#include "core/apply.hpp"
#include "core/decide.hpp"
#include "core/errors.hpp"
#include "core/scopes.hpp"
#include "core/visibility.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/preview.hpp"
#include "web/app/projection.hpp"
#include "web/platform/browser.hpp"

namespace delegate::web {

namespace {

constexpr const char* kStorageKey = "delegate.sandbox.v1";

struct Persona {
  std::string label;
  UserId user;
};

// A refusal as the server would answer it: the core's error, with the status given.
CommandResult refusal(const Error& e, int status) {
  CommandResult r;
  r.status = status;
  r.code = e.code;
  r.message = e.message;
  r.target = e.target;
  return r;
}

}  // namespace

struct SandboxBackend::Impl {
  State world;
  std::uint64_t revision = 1;
  KnownSecrets secrets;
  std::vector<Persona> personas;
  // People who signed up through a trial link here: not in the demo world's cast, so kept apart
  // (and saved) to stay in the persona switcher after a reload.
  std::vector<Persona> signedUp;
  int persona = 0;
  Projection projection;
  // The workspace on screen, and its users when its directory is paged (read from the world
  // with the core's usersPage, as the server would).
  std::string focus;
  WorkspacePages pages;
  std::string linkBase = locationOrigin() + locationPath() + "#";

  void findPersonas() {
    personas.clear();
    for (const DemoPersona& p : demoPersonas(world)) personas.push_back({p.label, p.user});
    for (const Persona& p : signedUp)
      if (world.findUser(p.user)) personas.push_back(p);
    persona = std::clamp(persona, 0, std::max(0, static_cast<int>(personas.size()) - 1));
  }
  void seed() {
    Demo d = demoWorld();
    world = std::move(d.state);
    secrets = KnownSecrets{};
    for (auto& [id, token] : d.offerTokens) secrets.offerTokens[id] = token;
    for (auto& [id, token] : d.approvalTokens) secrets.approvalTokens[id] = token;
  }
  UserId me() const {
    return personas.empty() ? UserId{} : personas[static_cast<size_t>(persona)].user;
  }
  // Quick search's last question and answer.
  std::string searched;
  std::vector<ClientUserMatch> matches;
  // The sandbox holds the whole world, so its read model is built from it directly; the customer
  // summaries and quick search go through the core's scope functions like the server's.
  void reproject() {
    projection.rebuild(world, me(), secrets, linkBase, revision,
                       clientSummaries(world, me(), world.clock));
    searched.clear();  // the world changed: ask again
  }

  std::string serialize() const {
    nlohmann::json j;
    j["format"] = "delegate-sandbox";
    j["version"] = 1;
    j["revision"] = revision;
    j["persona"] = persona;
    j["offerTokens"] = secrets.offerTokens;
    j["approvalTokens"] = secrets.approvalTokens;
    nlohmann::json people = nlohmann::json::array();
    for (const Persona& p : signedUp)
      people.push_back({{"label", p.label}, {"user", p.user.str()}});
    j["signedUp"] = people;
    j["state"] = stateToJson(world);
    return j.dump();
  }
  // "" when loaded.
  std::string deserialize(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "delegate-sandbox")
      return "This file is not a Delegate sandbox export.";
    if (!j.contains("state")) return "The file has no world in it.";
    auto state = stateFromJson(j["state"]);
    if (!state.ok()) return "The world in the file could not be read: " + state.error().message;
    world = std::move(state.value());
    world.rebuildIndex();
    revision = j.value("revision", std::uint64_t(1)) + 1;
    persona = j.value("persona", 0);
    secrets = KnownSecrets{};
    if (j.contains("offerTokens") && j["offerTokens"].is_object())
      for (auto& [k, v] : j["offerTokens"].items())
        if (v.is_string()) secrets.offerTokens[k] = v.get<std::string>();
    if (j.contains("approvalTokens") && j["approvalTokens"].is_object())
      for (auto& [k, v] : j["approvalTokens"].items())
        if (v.is_string()) secrets.approvalTokens[k] = v.get<std::string>();
    signedUp.clear();
    if (j.contains("signedUp") && j["signedUp"].is_array())
      for (const nlohmann::json& p : j["signedUp"]) {
        if (!p.is_object() || !p.contains("label") || !p["label"].is_string() ||
            !p.contains("user") || !p["user"].is_string())
          continue;
        if (auto id = UserId::parse(p["user"].get<std::string>()))
          signedUp.push_back({p["label"].get<std::string>(), *id});
      }
    findPersonas();
    return "";
  }
  bool bench = false;  // a benchmark world is never saved
  std::string benchDetail;
  void save() {
    if (bench) return;
    if (!storageSet(kStorageKey, serialize())) {
      // Quota: keep working in memory; the person is told once (saveProblem).
      if (!saveFailed) saveUnreported = true;
      saveFailed = true;
    }
  }
  bool saveFailed = false;
  bool saveUnreported = false;

  Timestamp now() const {
    Timestamp wall{static_cast<std::int64_t>(wallClockMs() / 1000.0)};
    return std::max(wall, world.clock);
  }
  Context contextFor(const Command& c) const {
    Context ctx;
    ctx.now = now();
    ContextNeeds needs = contextNeeds(c);
    for (size_t i = 0; i < needs.ids; ++i) {
      std::string h = randomHex(16);
      std::string g = h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                      h.substr(16, 4) + "-" + h.substr(20, 12);
      ctx.ids.push_back(*Guid::parse(g));
    }
    for (size_t i = 0; i < needs.secrets; ++i) ctx.secrets.push_back(randomHex(16));
    // The sandbox keeps every link it made (its "key" is this browser's storage), so it gives a
    // link again from there.
    for (size_t i = 0; i < needs.offerLinks; ++i) {
      const std::string h = randomHex(16);
      ctx.offerLinks.push_back(
          OfferLink{*Guid::parse(h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) +
                                 "-8" + h.substr(17, 3) + "-" + h.substr(20, 12)),
                    randomHex(16)});
    }
    if (auto id = offerLinkToReveal(c)) {
      auto known = secrets.offerTokens.find(id->str());
      if (known != secrets.offerTokens.end())
        ctx.offerLinks.push_back(OfferLink{id->guid, known->second});
    }
    if (auto id = approvalLinkFor(c)) {
      auto known = secrets.approvalTokens.find(id->str());
      if (known != secrets.approvalTokens.end())
        ctx.approvalLink = ApprovalLink{*id, known->second};
    }
    return ctx;
  }
};

SandboxBackend::SandboxBackend() : impl_(std::make_unique<Impl>()) {}
SandboxBackend::~SandboxBackend() = default;

std::string SandboxBackend::loadBench(int clients, double* applyMs) {
  UserId admin;
  impl_->world = benchWorld(clients, &admin);
  impl_->personas = {{"Partner admin (benchmark world)", admin}};
  impl_->persona = 0;
  // What an initial sync costs: the partner admin's view (the core's viewOf, as the server sends
  // it) as JSON text, parsed, decoded, indexed and projected.
  State view = viewOf(impl_->world, admin);
  const std::string text = stateToJson(view).dump();
  const double start = monotonicMs();
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  const double parsed = monotonicMs();
  auto st = stateFromJson(j);  // also rebuilds the index
  if (!st.ok()) return "The bench world did not decode: " + st.error().message;
  impl_->world = std::move(st.value());
  const double decoded = monotonicMs();
  impl_->reproject();
  const double end = monotonicMs();
  if (applyMs) *applyMs = end - start;
  char detail[160];
  std::snprintf(detail, sizeof detail,
                "parse %.0f ms, decode+index %.0f ms, read model %.0f ms, %zu KB of JSON",
                parsed - start, decoded - parsed, end - decoded, text.size() / 1024);
  impl_->benchDetail = detail;
  impl_->bench = true;
  return "";
}

std::string SandboxBackend::load() {
  std::string problem;
  if (auto saved = storageGet(kStorageKey)) {
    problem = impl_->deserialize(*saved);
    if (!problem.empty())
      problem = "The saved sandbox could not be read, so it starts over. (" + problem + ")";
  } else {
    problem = "-";
  }
  if (!problem.empty()) {
    impl_->seed();
    impl_->revision = 1;
    impl_->findPersonas();
    impl_->save();
    if (problem == "-") problem.clear();
  }
  impl_->reproject();
  return problem;
}

const Model& SandboxBackend::model() const {
  return impl_->projection.model();
}

void SandboxBackend::submit(const nlohmann::json& command, const std::string& actingTenant,
                            CommandDone done) {
  CommandResult r;
  auto decoded = commandFromJson(command);
  if (!decoded.ok()) return done(refusal(decoded.error(), 400));
  Command c = decoded.value();
  const User* me = impl_->world.findUser(impl_->me());
  TenantId tenant = me ? me->tenantId : TenantId{};
  if (!actingTenant.empty())
    if (auto t = TenantId::parse(actingTenant)) tenant = *t;
  // The sandbox has no DNS: verifying a domain is simulated by taking the verification record
  // as published (the server looks it up for real), and the answer says so.
  bool simulatedDns = false;
  if (auto* verify = std::get_if<VerifyDomain>(&c)) {
    verify->dnsTxtRecords.reset();
    if (const Domain* claim = impl_->world.findDomain(tenant, verify->name)) {
      verify->dnsTxtRecords = std::vector<std::string>{claim->verificationCode};
      simulatedDns = true;
    }
  }
  Decision d = decide(impl_->world, Principal::user(impl_->me(), tenant), c, impl_->contextFor(c));
  delegate::applyAll(impl_->world, d.events);  // a refusal still records its audit entry
  ++impl_->revision;
  if (d.error) {
    r = refusal(*d.error, httpStatus(kindOf(*d.error)));
  } else {
    r.ok = true;
    r.status = 200;
    for (const IssuedSecret& s : d.secrets) {
      if (s.kind == SecretKind::offerToken) {
        impl_->secrets.offerTokens[s.subjectId] = s.value;
        r.secret = s.value;
      } else if (s.kind == SecretKind::approvalToken) {
        impl_->secrets.approvalTokens[s.subjectId] = s.value;
        r.secret = s.subjectId + "/approve?token=" + s.value;
      } else {
        r.secret = s.value;
      }
    }
    r.body = {{"revision", impl_->revision}, {"events", d.events.size()}};
    if (simulatedDns) r.body["note"] = "(Sandbox: the DNS lookup of the TXT record was simulated.)";
  }
  impl_->save();
  impl_->reproject();
  done(r);
}

void SandboxBackend::signUp(const nlohmann::json& command, CommandDone done) {
  CommandResult r;
  auto decoded = commandFromJson(command);
  if (!decoded.ok()) return done(refusal(decoded.error(), 400));
  Decision d = decide(impl_->world, Principal::anonymous(), decoded.value(),
                      impl_->contextFor(decoded.value()));
  delegate::applyAll(impl_->world, d.events);
  ++impl_->revision;
  if (d.error) {
    r = refusal(*d.error, httpStatus(kindOf(*d.error)));
  } else {
    r.ok = true;
    // The new organization's administrator becomes a persona, and the one in use.
    for (const Event& e : d.events)
      if (const auto* created = std::get_if<UserCreated>(&e)) {
        const Tenant* t = impl_->world.findTenant(created->user.tenantId);
        impl_->signedUp.push_back({created->user.displayName + " - customer admin, " +
                                       (t ? t->displayName : std::string("new organization")) +
                                       " (signed up here)",
                                   created->user.id});
        impl_->findPersonas();
        impl_->persona = static_cast<int>(impl_->personas.size()) - 1;
      }
  }
  impl_->save();
  impl_->reproject();
  done(r);
}

namespace {
CommandResult noAccounts() {
  CommandResult r;
  r.status = 400;
  r.code = std::string(errc::invalidRequest);
  r.message = "The sandbox has no accounts: switch persona at the top instead.";
  return r;
}
}  // namespace

void SandboxBackend::signIn(const std::string&, const std::string&, CommandDone done) {
  done(noAccounts());
}
void SandboxBackend::changePassword(const std::string&, const std::string&, CommandDone done) {
  done(noAccounts());
}
void SandboxBackend::secondFactor(const std::string&, const std::string&, bool, CommandDone done) {
  done(noAccounts());
}
void SandboxBackend::beginMultiFactorSetup(CommandDone done) {
  done(noAccounts());
}
void SandboxBackend::confirmMultiFactorSetup(const std::string&, CommandDone done) {
  done(noAccounts());
}

AccessAnswer SandboxBackend::can(const std::string& action, const std::string& customerId,
                                 const std::string& targetUserId) const {
  return impl_->projection.can(impl_->world, action, customerId, targetUserId);
}

Explanation SandboxBackend::explain(const std::string& userId, const std::string& customerId,
                                    const std::string& action) const {
  return impl_->projection.explain(impl_->world, userId, customerId, action);
}

const ClientDirectory& SandboxBackend::directory(const std::string& customerId) const {
  return impl_->projection.directory(impl_->world, customerId);
}

const std::vector<ClientUserMatch>& SandboxBackend::findClientUsers(
    const std::string& query) const {
  if (query != impl_->searched) {
    impl_->searched = query;
    auto hits = searchClientUsers(impl_->world, impl_->me(), query, 30, impl_->world.clock);
    impl_->matches =
        hits.ok() ? clientUserMatches(impl_->world, hits.value()) : std::vector<ClientUserMatch>{};
  }
  return impl_->matches;
}

void SandboxBackend::focus(const std::string& customerId) {
  impl_->focus = customerId;
}

void SandboxBackend::tick(double nowMs) {
  Impl& impl = *impl_;
  std::size_t users = 0;
  if (auto id = TenantId::parse(impl.focus))
    if (canReadDirectory(impl.world, impl.me(), *id, impl.world.clock))
      users = impl.world.usersOf(*id).size();
  impl.pages.follow(impl.focus, users, model().revision, nowMs, [&impl](const std::string& id) {
    // The same page the server would send, answered at once.
    return [&impl, id](const UserPageQuery& q, UserPager::Answer done) {
      auto tenant = TenantId::parse(id);
      if (!tenant) return done(std::nullopt);
      auto page = usersPage(impl.world, impl.me(), *tenant, q, impl.world.clock);
      if (!page.ok()) return done(std::nullopt);
      UserPager::Page rows;
      rows.total = page.value().total;
      for (const User& u : page.value().users) rows.users.push_back(clientUserRow(impl.world, u));
      done(std::move(rows));
    };
  });
}

const UserPager* SandboxBackend::pagedUsers(const std::string& customerId) const {
  return impl_->pages.of(customerId);
}

void SandboxBackend::showUserRows(const std::string& customerId, const UserRowsQuery& query,
                                  std::size_t first, std::size_t last, double nowMs) {
  impl_->pages.show(customerId, query, first, last, nowMs);
}

std::vector<std::string> SandboxBackend::personaLabels() const {
  std::vector<std::string> labels;
  for (const Persona& p : impl_->personas) labels.push_back(p.label);
  return labels;
}
int SandboxBackend::persona() const {
  return impl_->persona;
}
void SandboxBackend::setPersona(int index) {
  if (index < 0 || index >= static_cast<int>(impl_->personas.size())) return;
  impl_->persona = index;
  impl_->save();
  impl_->reproject();
}
void SandboxBackend::selectPersonaForAccept() {
  for (size_t i = 0; i < impl_->personas.size(); ++i) {
    const User* u = impl_->world.findUser(impl_->personas[i].user);
    const Tenant* t = u ? impl_->world.findTenant(u->tenantId) : nullptr;
    if (t && t->kind == delegate::TenantKind::customer) {
      setPersona(static_cast<int>(i));
      return;
    }
  }
}
void SandboxBackend::reset() {
  storageRemove(kStorageKey);
  impl_->signedUp.clear();
  impl_->seed();
  impl_->revision += 1;
  impl_->persona = 0;
  impl_->findPersonas();
  impl_->save();
  impl_->reproject();
}
std::string SandboxBackend::takeSaveProblem() {
  if (!impl_->saveUnreported) return {};
  impl_->saveUnreported = false;
  return "The browser's storage is full: the sandbox keeps working, but a reload starts over "
         "from the demo world. Export the world to keep it.";
}
std::string SandboxBackend::benchDetail() const {
  return impl_->benchDetail;
}
std::string SandboxBackend::exportJson() const {
  return impl_->serialize();
}
std::string SandboxBackend::importJson(const std::string& text) {
  Impl fresh;
  std::string problem = fresh.deserialize(text);
  if (!problem.empty()) return problem;
  impl_->world = std::move(fresh.world);
  impl_->secrets = std::move(fresh.secrets);
  impl_->persona = fresh.persona;
  impl_->revision += 1;
  impl_->findPersonas();
  impl_->save();
  impl_->reproject();
  return "";
}

OfferPreview SandboxBackend::preview(const std::string& token,
                                     const std::string& relationshipId) const {
  const State& s = impl_->world;
  OfferPreview p;
  if (!token.empty()) {
    const Offer* o = s.findOfferByToken(token);
    if (!o) {
      p.error = "This offer link is not valid. Ask the partner to send it again.";
      return p;
    }
    if (o->status == OfferStatus::revoked) {
      p.error = "The partner revoked this offer. Ask them for a new link.";
      return p;
    }
    return offerPreview(s, *o);
  }
  for (const MRelationship& m : impl_->projection.model().relationships)
    if (m.id == relationshipId && m.status == RelationshipStatus::approvalPending)
      return relationshipPreview(m);
  p.error = "This approval link is not valid, or the request was already answered.";
  return p;
}

}  // namespace delegate::web
