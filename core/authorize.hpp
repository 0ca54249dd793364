#pragma once
// Authorization with its explanation. For a (principal, action, target) the answer is allowed or
// denied, and the chain that allows it — relationship → access setting or assignment → group →
// role → permission — or the first link that is missing. Rights in a customer exist only through
// relationships that are active (or expiring) and not past their end.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/entities.hpp"
#include "core/permissions.hpp"
#include "core/principal.hpp"
#include "core/state.hpp"

namespace delegate {

struct Target {
  TenantId tenant;
  std::optional<UserId> user;  // the user acted on, for actions whose rules depend on it

  static Target inTenant(TenantId tenant) { return Target{tenant, std::nullopt}; }
  static Target onUser(TenantId tenant, UserId user) { return Target{tenant, user}; }
};

enum class LinkKind : std::uint8_t {
  system,        // the platform itself
  membership,    // the user belongs to the tenant acted in
  relationship,  // an effective relationship between the user's partner and the customer
  setting,       // the seed's Full/Limited access setting (DAP)
  assignment,    // an access assignment of a granular relationship
  group,         // the security group the assignment names, holding the user
  role,          // a role that permits the action
  permission,    // the action itself (against the target, if any)
  multiFactor,   // the partner requires multi-factor sign-in of users who act in clients
};
DELEGATE_ENUM_NAMES(LinkKind, "system", "membership", "relationship", "setting", "assignment",
                    "group", "role", "permission", "multiFactor")

// One link of the chain. Only the fields relevant to its kind are meaningful.
struct Link {
  LinkKind kind = LinkKind::permission;
  Guid id;  // tenant, relationship, assignment or group id
  Role role = Role::globalAdministrator;
  PartnerAccess setting = PartnerAccess::none;
  RelationshipStatus status = RelationshipStatus::active;  // relationship links
  Action action = Action::readDirectory;
};

// Allocation-free, so it is cheap enough to call per request and per row.
struct Authorization {
  bool allowed = false;
  std::string_view code;  // empty when allowed; else an error code from core/errors.hpp
  Action action = Action::readDirectory;
  Target target;
  std::array<Link, 6> links{};  // the links that hold, in chain order
  std::uint8_t linkCount = 0;
  std::optional<Link> missing;  // when denied: the first link that does not hold

  const Link* begin() const { return links.data(); }
  const Link* end() const { return links.data() + linkCount; }
};

// Uses the state's clock to decide whether time-bound relationships have ended.
Authorization authorize(const State& state, const Principal& principal, Action action,
                        const Target& target);
// The same, at an explicit time (decide() uses the command's time).
Authorization authorizeAt(const State& state, const Principal& principal, Action action,
                          const Target& target, Timestamp now);

// The human sentence for an authorization, naming relationships, groups and roles, addressed to
// the person it is about ("None of your roles...").
std::string explain(const State& state, const Authorization& authorization);
// The same about someone else, named (Explain access for another person: "None of Lena
// Lindqvist's roles...").
std::string explainAbout(const State& state, const Authorization& authorization,
                         const std::string& personName);
// The refusal as an Error (code + explain()); only meaningful when !allowed.
Error toError(const State& state, const Authorization& authorization);

// The roles a partner user holds in a customer right now (union over DAP setting and
// assignments), for screens that show "what can I do here".
RoleSet delegatedRoles(const State& state, UserId user, TenantId customer, Timestamp now);

// Whether the user's partner requires multi-factor sign-in to act in clients and the user has not
// set it up: such a user holds no delegated rights anywhere until they do.
bool lacksRequiredMultiFactor(const State& state, const User& user);

}  // namespace delegate
