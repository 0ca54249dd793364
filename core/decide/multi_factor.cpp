// Multi-factor sign-in: whether a partner requires it, and who has set it up. The secrets and
// the codes stay outside the core; it only learns that a code was proven.
#include "core/decide/decider.hpp"

namespace delegate::detail {

Status Decider::operator()(const SetMultiFactorRequirement& c) {
  target(acting(), acting().str());
  DELEGATE_TRY(check(Action::managePartnerAccess));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  const Tenant* t = state_.findTenant(acting());
  if (t && t->requireMultiFactor == c.required)
    return makeError(errc::nothingToUpdate,
                     c.required ? "Multi-factor sign-in is already required."
                                : "Multi-factor sign-in is already not required.",
                     "required");
  emit(MultiFactorRequirementChanged{acting(), c.required});
  return Status::success();
}

Status Decider::operator()(const RegisterMultiFactor&) {
  DELEGATE_TRY(requireUser());
  auditObject_ = actor_->id.str();
  if (acting() != actor_->tenantId)
    return makeError(errc::notAvailableThroughDelegatedAccess,
                     "Multi-factor sign-in is set up by its owner, in their own organization.");
  if (actor_->multiFactorRegistered)
    return makeError(errc::multiFactorAlreadyRegistered,
                     "An authenticator app is already set up for this account; to replace it, "
                     "ask an administrator to reset it.");
  emit(MultiFactorRegistrationChanged{actor_->id, true});
  return Status::success();
}

Status Decider::operator()(const ResetMultiFactor& c) {
  auditObject_ = c.userId.str();
  // Whoever may reset a password may reset the other factor: both recover a locked-out person.
  DELEGATE_TRY(check(Action::resetPassword, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  if (!u.value()->multiFactorRegistered)
    return makeError(errc::multiFactorNotRegistered,
                     u.value()->displayName + " has no authenticator app set up.", "userId");
  emit(MultiFactorRegistrationChanged{c.userId, false});
  return Status::success();
}

}  // namespace delegate::detail
