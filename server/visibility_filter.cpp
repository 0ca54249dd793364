#include "server/visibility_filter.hpp"

#include "core/visibility.hpp"

namespace delegate::server {

VisibilityHint hintFor(const State& before, const Event& event) {
  VisibilityHint hint;
  if (const auto* removed = std::get_if<DomainRemoved>(&event)) {
    if (removed->tenantId)
      hint.removedDomainTenant = removed->tenantId;
    else if (const Domain* d = before.findDomain(removed->name))
      hint.removedDomainTenant = d->tenantId;
  }
  if (const auto* created = std::get_if<UserCreated>(&event))
    hint.userCountTenant = created->user.tenantId;
  if (const auto* deleted = std::get_if<UserDeleted>(&event))
    if (const User* u = before.findUser(deleted->userId)) hint.userCountTenant = u->tenantId;
  return hint;
}

bool canViewerSee(const State& state, UserId viewer, const Event& event, Timestamp now,
                  const VisibilityHint& hint) {
  if (hint.removedDomainTenant)
    return canReadDirectory(state, viewer, *hint.removedDomainTenant, now);
  return canSee(state, viewer, event, now);
}

}  // namespace delegate::server
