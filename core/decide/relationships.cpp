// Granular relationships (Graph delegatedAdminRelationship) and their access assignments.
#include <algorithm>

#include "core/decide/decider.hpp"
#include "core/policy.hpp"
#include "core/sha256.hpp"
#include "core/validation.hpp"

namespace delegate::detail {

namespace {

Error statusConflict(const Relationship& r, const std::string& what) {
  return makeError(errc::relationshipStatusConflict,
                   "The relationship '" + r.displayName + "' is " +
                       std::string(enumName(r.status)) + "; " + what,
                   "status");
}

}  // namespace

Result<const Relationship*> Decider::partnerRelationship(RelationshipId id) {
  const Relationship* r = state_.findRelationship(id);
  if (!r || r->partnerTenantId != acting())
    return makeError(errc::relationshipNotFound, "Your organization has no such relationship.",
                     "relationshipId");
  return r;
}

Status Decider::checkRelationshipTerms(const std::string& displayName, RoleSet roles,
                                       Duration duration, Duration autoExtend,
                                       std::optional<RelationshipId> self) {
  DELEGATE_TRY(validateDisplayName(displayName, kMaxRelationshipDisplayName, "displayName"));
  for (RelationshipId rid : state_.relationshipsOfPartner(acting())) {
    if (self && rid == *self) continue;
    const Relationship* other = state_.findRelationship(rid);
    if (other && other->kind == RelationshipKind::granular &&
        toLowerAscii(other->displayName) == toLowerAscii(displayName))
      return makeError(
          errc::duplicateDisplayName,
          "Another relationship is already named '" + displayName + "'; choose a different name.",
          "displayName");
  }
  if (roles.empty())
    return makeError(errc::invalidRoles, "Choose at least one role for the relationship.",
                     "accessDetails.unifiedRoles");
  if (!duration.isWholeDays() || duration < policy::kMinDuration || duration > policy::kMaxDuration)
    return makeError(errc::invalidDuration,
                     "The duration must be a whole number of days from " + policy::durationRange() +
                         "; got " + formatDuration(duration) + ".",
                     "duration");
  if (autoExtend != Duration{} && autoExtend != policy::kAutoExtend)
    return makeError(errc::invalidAutoExtendDuration,
                     "The auto-extend duration must be PT0S (off) or " +
                         formatDuration(policy::kAutoExtend) + "; got " +
                         formatDuration(autoExtend) + ".",
                     "autoExtendDuration");
  if (autoExtend != Duration{} && roles.has(Role::globalAdministrator))
    return makeError(errc::autoExtendNotAllowedWithGlobalAdministrator,
                     "A relationship that includes Global Administrator cannot extend itself; "
                     "set autoExtendDuration to PT0S or remove Global Administrator.",
                     "autoExtendDuration");
  return Status::success();
}

Status Decider::operator()(const CreateRelationship& c) {
  auditObject_ = "relationship";
  DELEGATE_TRY(check(Action::manageRelationships));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  DELEGATE_TRY(checkRelationshipTerms(c.displayName, c.accessDetails.unifiedRoles, c.duration,
                                      c.autoExtendDuration, std::nullopt));
  std::optional<CustomerRef> customer;
  if (c.customerTenantId) {
    const Tenant* t = state_.findTenant(*c.customerTenantId);
    if (!t)
      return makeError(errc::tenantNotFound, "There is no such customer organization.",
                       "customerTenantId");
    if (t->kind != TenantKind::customer)
      return makeError(errc::notACustomerTenant, "Relationships are with customer organizations.",
                       "customerTenantId");
    customer = CustomerRef{t->id, t->displayName};
  }
  auto id = freshId();
  if (!id.ok()) return id.error();
  Relationship r;
  r.id = RelationshipId(id.value());
  r.kind = RelationshipKind::granular;
  r.displayName = c.displayName;
  r.partnerTenantId = acting();
  r.customer = customer;
  r.accessDetails = c.accessDetails;
  r.duration = c.duration;
  r.autoExtendDuration = c.autoExtendDuration;
  r.status = RelationshipStatus::created;
  r.createdDateTime = now_;
  r.lastModifiedDateTime = now_;
  auditObject_ = r.id.str();
  emit(RelationshipCreated{std::move(r)});
  return Status::success();
}

Status Decider::operator()(const UpdateRelationship& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.kind != RelationshipKind::granular)
    return makeError(errc::relationshipStatusConflict,
                     "A delegated administration (DAP) relationship cannot be edited.");
  if (!c.displayName && !c.accessDetails && !c.duration && !c.autoExtendDuration)
    return makeError(errc::nothingToUpdate, "Give at least one property to change.");
  std::string name = c.displayName.value_or(r.displayName);
  RoleSet roles = c.accessDetails ? c.accessDetails->unifiedRoles : r.accessDetails.unifiedRoles;
  Duration duration = c.duration.value_or(r.duration);
  Duration autoExtend = c.autoExtendDuration.value_or(r.autoExtendDuration);

  if (r.status != RelationshipStatus::created) {
    if (!grantsAccess(r.status))
      return statusConflict(r, "only created or active relationships can change.");
    RoleSet withoutGa = r.accessDetails.unifiedRoles;
    withoutGa.remove(Role::globalAdministrator);
    const bool onlyAllowed = name == r.displayName && duration == r.duration &&
                             (roles == r.accessDetails.unifiedRoles || roles == withoutGa);
    if (!onlyAllowed)
      return statusConflict(r,
                            "while active only the auto-extend duration can change, or Global "
                            "Administrator be removed.");
    if (roles.empty())
      return makeError(errc::cannotRemoveOnlyRole,
                       "Global Administrator is the relationship's only role; terminate the "
                       "relationship instead.",
                       "accessDetails.unifiedRoles");
  }
  DELEGATE_TRY(checkRelationshipTerms(name, roles, duration, autoExtend, r.id));
  emit(RelationshipUpdated{r.id, name, AccessDetails{roles}, duration, autoExtend, now_});
  // Assignments may not hold roles the relationship no longer has.
  for (AccessAssignmentId aid : state_.assignmentsOf(r.id)) {
    const AccessAssignment* a = state_.findAccessAssignment(aid);
    if (!a || a->status == AccessAssignmentStatus::deleted) continue;
    RoleSet kept = a->accessDetails.unifiedRoles & roles;
    if (kept == a->accessDetails.unifiedRoles) continue;
    if (kept.empty())
      emit(AccessAssignmentDeleted{aid, now_});
    else
      emit(AccessAssignmentUpdated{aid, AccessDetails{kept}, now_});
  }
  return Status::success();
}

Status Decider::operator()(const RemoveGlobalAdministrator& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.kind != RelationshipKind::granular)
    return makeError(errc::relationshipStatusConflict,
                     "A delegated administration (DAP) relationship cannot be edited; terminate "
                     "it instead.");
  if (!r.accessDetails.unifiedRoles.has(Role::globalAdministrator))
    return makeError(
        errc::invalidRoles,
        "The relationship '" + r.displayName + "' does not include Global Administrator.",
        "accessDetails.unifiedRoles");
  if (r.status != RelationshipStatus::created && !grantsAccess(r.status))
    return statusConflict(r, "Global Administrator can be removed only while it is active.");
  RoleSet roles = r.accessDetails.unifiedRoles;
  roles.remove(Role::globalAdministrator);
  UpdateRelationship update;
  update.relationshipId = r.id;
  update.accessDetails = AccessDetails{roles};
  return (*this)(update);
}

Status Decider::operator()(const DeleteRelationship& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.status != RelationshipStatus::created)
    return statusConflict(r,
                          "only a relationship that was never sent for approval can be deleted; "
                          "terminate it instead.");
  emit(RelationshipDeleted{r.id});
  return Status::success();
}

Status Decider::operator()(const LockForApproval& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.status != RelationshipStatus::created)
    return statusConflict(r, "only a created relationship can be sent for approval.");
  // A link derived from the relationship's id can be given again (RevealApprovalLink).
  std::string token;
  if (context_.approvalLink && context_.approvalLink->relationshipId == r.id &&
      context_.approvalLink->token.size() >= kMinSecretLength) {
    token = context_.approvalLink->token;
  } else {
    auto fresh = freshSecret();
    if (!fresh.ok()) return fresh.error();
    token = fresh.value();
  }
  secrets_.push_back(IssuedSecret{SecretKind::approvalToken, r.id.str(), token});
  emit(RelationshipLockedForApproval{r.id, sha256Hex(token), now_});
  return Status::success();
}

Status Decider::operator()(const RevealApprovalLink& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.status != RelationshipStatus::approvalPending)
    return statusConflict(r, "only a relationship waiting for approval has an approval link.");
  // The caller derived the link from the relationship's id; it is this request's only if its
  // hash is the one kept when it was sent (links made before they could be derived are not).
  const auto& link = context_.approvalLink;
  if (!link || link->relationshipId != r.id || link->token.empty() ||
      sha256Hex(link->token) != r.approvalTokenHash)
    return makeError(errc::approvalLinkNotAvailable,
                     "This request's approval link cannot be shown again (it was sent before "
                     "links could be copied again). Terminate it and send a new request.",
                     "relationshipId");
  secrets_.push_back(IssuedSecret{SecretKind::approvalToken, r.id.str(), link->token});
  return Status::success();
}

Result<const Relationship*> Decider::answerableRequest(RelationshipId id,
                                                       const std::string& token) {
  const Relationship* r = state_.findRelationship(id);
  if (!r || (r->customer && r->customer->tenantId != acting()))
    return makeError(errc::relationshipNotFound, "There is no such relationship request.",
                     "relationshipId");
  if (r->approvalLinkUsed)
    return makeError(errc::approvalLinkAlreadyUsed,
                     "This approval link has already been used; ask the partner for a new request.",
                     "token");
  if (r->approvalTokenHash.empty() || token.empty() || sha256Hex(token) != r->approvalTokenHash)
    return makeError(errc::invalidApprovalLink,
                     "This approval link is not valid; open the link the partner sent you.",
                     "token");
  if (r->status != RelationshipStatus::approvalPending)
    return statusConflict(*r, "it is not waiting for approval.");
  if (r->lockedForApprovalDateTime &&
      now_ >= *r->lockedForApprovalDateTime + policy::kApprovalLapse)
    return makeError(errc::approvalRequestExpired,
                     "This request lapsed after " + policy::days(policy::kApprovalLapse) +
                         " without approval; ask the partner for a new one.",
                     "relationshipId");
  return r;
}

Status Decider::operator()(const ApproveRelationship& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(requireCustomerAdmin());
  auto found = answerableRequest(c.relationshipId, c.token);
  if (!found.ok()) return found.error();
  const Relationship* r = found.value();
  const Tenant& customer = *state_.findTenant(acting());
  emit(RelationshipApproved{r->id, CustomerRef{customer.id, customer.displayName}, actor_->id, now_,
                            now_ + r->duration});
  notifyPartner(r->partnerTenantId, NotificationKind::relationshipApproved,
                customer.displayName + " approved '" + r->displayName + "'",
                customer.displayName + " approved the relationship '" + r->displayName + "' with " +
                    r->accessDetails.unifiedRoles.describe() + " until " +
                    formatTimestamp(now_ + r->duration) +
                    ". Assign its roles to your security groups to start.",
                customer.id, r->id, std::nullopt);
  return Status::success();
}

Status Decider::operator()(const DeclineRelationship& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(requireCustomerAdmin());
  const std::string reason = c.reason.value_or("");
  DELEGATE_TRY(validateDeclineReason(reason));
  auto found = answerableRequest(c.relationshipId, c.token);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  const Tenant& customer = *state_.findTenant(acting());
  emit(RelationshipDeclined{r.id, CustomerRef{customer.id, customer.displayName}, actor_->id,
                            reason, now_});
  notifyPartner(r.partnerTenantId, NotificationKind::relationshipDeclined,
                customer.displayName + " declined '" + r.displayName + "'",
                customer.displayName + " declined the relationship request '" + r.displayName +
                    "' (answered by " + answerer(*actor_) + ")" +
                    (reason.empty() ? std::string(".") : ": \"" + reason + "\".") +
                    " It grants nothing; send a new request if you agree on other terms.",
                customer.id, r.id, std::nullopt);
  return Status::success();
}

Status Decider::operator()(const TerminateRelationship& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(requireUser());
  const Relationship* r = state_.findRelationship(c.relationshipId);
  const bool partnerSide = r && r->partnerTenantId == acting();
  const bool customerSide = r && r->customer && r->customer->tenantId == acting();
  if (!partnerSide && !customerSide)
    return makeError(errc::relationshipNotFound, "There is no such relationship.",
                     "relationshipId");
  DELEGATE_TRY(check(partnerSide ? Action::manageRelationships : Action::managePartners));
  if (!grantsAccess(r->status)) return statusConflict(*r, "only an active relationship can end.");
  emit(RelationshipStatusChanged{r->id, RelationshipStatus::terminated, now_});
  if (customerSide) {
    notifyPartner(r->partnerTenantId, NotificationKind::relationshipTerminated,
                  r->customer->displayName + " ended '" + r->displayName + "'",
                  r->customer->displayName + " terminated the relationship '" + r->displayName +
                      "'; its access has ended.",
                  r->customer->tenantId, r->id, std::nullopt);
  }
  return Status::success();
}

Status Decider::operator()(const CreateAccessAssignment& c) {
  auditObject_ = c.relationshipId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  auto found = partnerRelationship(c.relationshipId);
  if (!found.ok()) return found.error();
  const Relationship& r = *found.value();
  if (r.kind != RelationshipKind::granular)
    return makeError(errc::relationshipStatusConflict,
                     "Access assignments belong to granular relationships; a DAP relationship "
                     "uses each user's Full or Limited setting.");
  if (!grantsAccess(r.status))
    return statusConflict(r, "roles can be assigned only while it is active.");
  auto group = groupIn(c.accessContainer.accessContainerId, acting());
  if (!group.ok()) {
    Error e = group.error();
    e.target = "accessContainer.accessContainerId";
    return e;
  }
  const RoleSet roles = c.accessDetails.unifiedRoles;
  if (roles.empty())
    return makeError(errc::invalidRoles, "Choose at least one role to assign.",
                     "accessDetails.unifiedRoles");
  if (!roles.isSubsetOf(r.accessDetails.unifiedRoles))
    return makeError(errc::rolesNotInRelationship,
                     "The relationship '" + r.displayName + "' grants only " +
                         r.accessDetails.unifiedRoles.describe() + ".",
                     "accessDetails.unifiedRoles");
  for (AccessAssignmentId aid : state_.assignmentsOf(r.id)) {
    const AccessAssignment* a = state_.findAccessAssignment(aid);
    if (a && a->status != AccessAssignmentStatus::deleted &&
        a->accessContainer.accessContainerId == c.accessContainer.accessContainerId)
      return makeError(errc::duplicateAccessAssignment,
                       "The group '" + group.value()->displayName +
                           "' already has an access assignment in this relationship; update it.",
                       "accessContainer.accessContainerId");
  }
  auto id = freshId();
  if (!id.ok()) return id.error();
  AccessAssignment a;
  a.id = AccessAssignmentId(id.value());
  a.relationshipId = r.id;
  a.accessContainer = c.accessContainer;
  a.accessDetails = c.accessDetails;
  a.status = AccessAssignmentStatus::active;
  a.createdDateTime = now_;
  a.lastModifiedDateTime = now_;
  auditObject_ = a.id.str();
  emit(AccessAssignmentCreated{std::move(a)});
  return Status::success();
}

Status Decider::operator()(const UpdateAccessAssignment& c) {
  auditObject_ = c.accessAssignmentId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  const AccessAssignment* a = state_.findAccessAssignment(c.accessAssignmentId);
  const Relationship* r = a ? state_.findRelationship(a->relationshipId) : nullptr;
  if (!a || !r || r->partnerTenantId != acting())
    return makeError(errc::accessAssignmentNotFound,
                     "Your organization has no such access assignment.", "accessAssignmentId");
  if (a->status != AccessAssignmentStatus::active)
    return makeError(errc::accessAssignmentStatusConflict,
                     "The access assignment is " + std::string(enumName(a->status)) +
                         "; only an active one can change.",
                     "status");
  if (!grantsAccess(r->status)) return statusConflict(*r, "its assignments cannot change.");
  const RoleSet roles = c.accessDetails.unifiedRoles;
  if (roles.empty())
    return makeError(errc::invalidRoles, "Choose at least one role, or delete the assignment.",
                     "accessDetails.unifiedRoles");
  if (!roles.isSubsetOf(r->accessDetails.unifiedRoles))
    return makeError(errc::rolesNotInRelationship,
                     "The relationship '" + r->displayName + "' grants only " +
                         r->accessDetails.unifiedRoles.describe() + ".",
                     "accessDetails.unifiedRoles");
  emit(AccessAssignmentUpdated{a->id, c.accessDetails, now_});
  return Status::success();
}

Status Decider::operator()(const DeleteAccessAssignment& c) {
  auditObject_ = c.accessAssignmentId.str();
  DELEGATE_TRY(check(Action::manageRelationships));
  const AccessAssignment* a = state_.findAccessAssignment(c.accessAssignmentId);
  const Relationship* r = a ? state_.findRelationship(a->relationshipId) : nullptr;
  if (!a || !r || r->partnerTenantId != acting())
    return makeError(errc::accessAssignmentNotFound,
                     "Your organization has no such access assignment.", "accessAssignmentId");
  if (a->status != AccessAssignmentStatus::active)
    return makeError(errc::accessAssignmentStatusConflict,
                     "The access assignment is " + std::string(enumName(a->status)) + ".",
                     "status");
  emit(AccessAssignmentDeleted{a->id, now_});
  return Status::success();
}

}  // namespace delegate::detail
