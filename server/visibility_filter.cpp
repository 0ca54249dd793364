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
  hint.summaryTenant = hint.removedDomainTenant;
  if (const auto* created = std::get_if<UserCreated>(&event))
    hint.summaryTenant = created->user.tenantId;
  if (const auto* deleted = std::get_if<UserDeleted>(&event))
    if (const User* u = before.findUser(deleted->userId)) hint.summaryTenant = u->tenantId;
  if (const auto* added = std::get_if<DomainAdded>(&event))
    hint.summaryTenant = added->domain.tenantId;
  if (const auto* changed = std::get_if<DefaultDomainChanged>(&event))
    hint.summaryTenant = changed->tenantId;
  if (const auto* verified = std::get_if<DomainVerified>(&event)) {
    if (verified->tenantId)
      hint.summaryTenant = verified->tenantId;
    else if (const Domain* d = before.findDomain(verified->name))
      hint.summaryTenant = d->tenantId;
  }
  return hint;
}

bool canViewerSee(const State& state, UserId viewer, const Event& event, Timestamp now,
                  const VisibilityHint& hint) {
  if (hint.removedDomainTenant)
    return canReadDirectory(state, viewer, *hint.removedDomainTenant, now);
  return canSee(state, viewer, event, now);
}

}  // namespace delegate::server
