// --scale-world: the core's scale world on an empty store, so figures measured at partner scale
// can be reproduced by hand (see seedScaleWorld in server/bootstrap.hpp).
#include <chrono>
#include <unordered_map>

#include "core/seed/scale_world.hpp"
#include "server/bootstrap.hpp"
#include "server/password_hash.hpp"

namespace delegate::server {

namespace {
// Events per transaction: large enough that a million users take seconds, small enough that the
// encoded batch stays a few hundred megabytes at most.
constexpr std::size_t kBatch = 100000;
}  // namespace

Status seedScaleWorld(BootstrapTarget target, std::size_t clients, std::size_t usersPerClient,
                      std::FILE* out) {
  const auto started = std::chrono::steady_clock::now();
  ScaleSpec spec;
  spec.customers = clients;
  spec.customerUsers = clients * usersPerClient;
  spec.relationships = clients * 2;  // every client: a DAP relationship and a granular one
  std::vector<Event> batch;
  batch.reserve(kBatch);
  std::size_t events = 0;
  std::string problem;
  std::unordered_map<std::string, std::string> names;  // user id -> sign-in name (who signs in)
  auto flush = [&] {
    if (batch.empty() || !problem.empty()) return;
    if (auto head = target.executor.record(batch); !head) problem = head.error().message;
    events += batch.size();
    batch.clear();
  };
  TenantId partner;
  ScaleWorld world = generateScaleWorld(spec, [&](const Event& e) {
    if (auto* t = std::get_if<TenantCreated>(&e); t && t->tenant.kind == TenantKind::partner)
      partner = t->tenant.id;
    if (auto* u = std::get_if<UserCreated>(&e);
        u && (u->user.tenantId == partner || u->user.roles.has(Role::globalAdministrator)))
      names.emplace(u->user.id.str(), u->user.userPrincipalName);
    batch.push_back(e);
    if (batch.size() == kBatch) flush();
  });
  flush();
  if (!problem.empty()) return failure("cannot store the scale world: " + problem);

  const std::string hash = hashPassword(kDemoPassword);
  std::vector<std::pair<std::string, std::string>> credentials;
  credentials.reserve(names.size());
  for (const auto& [id, name] : names) credentials.emplace_back(id, hash);
  if (Status s = target.auth.setPasswordHashes(credentials); !s) return s;

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(out,
               "Scale world: %zu clients x %zu users, %zu events stored in %.1f s. The partner's "
               "users and every client's Global Administrator have the password %s\n",
               clients, usersPerClient, events, seconds, kDemoPassword);
  const std::pair<UserId, const char*> signIns[] = {
      {world.partnerAdmin, "Partner administrator (Global Administrator, no access to clients)"},
      {world.fullAgent, "Full agent (Full administration over every client)"},
      {world.limitedAgent, "Limited agent (Limited administration over every client)"},
      {world.granularAgent, "Granular agent (access assignments of its two groups only)"},
      {world.customerAdmins.empty() ? UserId{} : world.customerAdmins.front(),
       "Global Administrator of Customer 0"}};
  for (const auto& [id, persona] : signIns) {
    auto name = names.find(id.str());
    if (name != names.end()) std::fprintf(out, "  %-52s %s\n", name->second.c_str(), persona);
  }
  std::fflush(out);
  return Status{};
}

}  // namespace delegate::server
