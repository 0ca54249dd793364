#include "server/bootstrap.hpp"

#include "core/errors.hpp"
#include "core/seed/demo_world.hpp"
#include "server/password_hash.hpp"
#include "server/secrets.hpp"

namespace delegate::server {

namespace {

// Runs a system command; an error names the step that failed.
Result<Decision> runSystem(CommandExecutor& executor, const Command& command, const char* step) {
  ExecuteResult r = executor.execute(Principal::system(), command);
  if (r.outcome != ExecuteResult::Outcome::decided)
    return makeError(errc::internalError, std::string(step) + ": " + r.message);
  if (!r.decision.ok())
    return makeError(errc::internalError, std::string(step) + ": " + r.decision.error->message);
  return std::move(r.decision);
}

template <class E>
const E* findEvent(const Decision& d) {
  for (const Event& e : d.events)
    if (auto* p = std::get_if<E>(&e)) return p;
  return nullptr;
}

}  // namespace

Status createOperator(BootstrapTarget target, std::FILE* out) {
  CreateTenant tenant;
  tenant.kind = TenantKind::partner;
  tenant.displayName = "Delegate Operator";
  tenant.initialDomainPrefix = "operator";
  auto created = runSystem(target.executor, tenant, "creating the operator tenant");
  if (!created) return failure(created.error().message);
  const TenantCreated* t = findEvent<TenantCreated>(created.value());
  if (!t) return failure("creating the operator tenant yielded no tenant");
  TenantId tenantId = t->tenant.id;

  auto certified =
      runSystem(target.executor, CertifyPartner{tenantId, true}, "certifying the operator tenant");
  if (!certified) return failure(certified.error().message);

  CreateUser admin;
  admin.tenantId = tenantId;
  admin.userPrincipalName = "admin@operator.onmicrosoft.com";
  admin.displayName = "Operator Administrator";
  admin.roles = RoleSet{Role::globalAdministrator};
  admin.partnerAccess = PartnerAccess::full;
  auto user = runSystem(target.executor, admin, "creating the operator administrator");
  if (!user) return failure(user.error().message);
  const UserCreated* u = findEvent<UserCreated>(user.value());
  if (!u) return failure("creating the administrator yielded no user");

  std::string password = randomToken(12);
  if (Status s = target.auth.setPasswordHash(u->user.id.str(), hashPassword(password)); !s)
    return s;
  std::fprintf(out,
               "First start: created the operator organization and its administrator.\n"
               "  sign in as   %s\n"
               "  password     %s   (shown once; change it after signing in)\n",
               admin.userPrincipalName.c_str(), password.c_str());
  std::fflush(out);
  return Status{};
}

}  // namespace delegate::server

namespace delegate::server {

Status seedDemoWorld(BootstrapTarget target, std::FILE* out) {
  DemoWorld world = buildDemoWorld(target.executor.offerLinkKey());
  if (!world.problems.empty())
    return failure("the demo world did not build: " + world.problems.front());
  Result<std::uint64_t> head = target.executor.record(world.events);
  if (!head) return failure("cannot store the demo world: " + head.error().message);
  // One hash for the one known password keeps seeding fast (hundreds of users).
  const std::string hash = hashPassword(kDemoPassword);
  std::vector<std::pair<std::string, std::string>> credentials;
  for (const auto& [id, user] : world.state.users) credentials.emplace_back(id.str(), hash);
  if (Status s = target.auth.setPasswordHashes(credentials); !s) return s;
  std::fprintf(out, "Demo world: %zu events. Every demo user's password is %s\n",
               world.events.size(), kDemoPassword);
  for (const SignInName& who : world.signIns)
    std::fprintf(out, "  %-52s %s\n", who.userPrincipalName.c_str(), who.persona.c_str());
  std::fflush(out);
  return Status{};
}

}  // namespace delegate::server
