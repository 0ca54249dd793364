// Seeding commands of the platform itself, and the clock.
#include <algorithm>

#include "core/decide/decider.hpp"
#include "core/expiry.hpp"
#include "core/mail.hpp"
#include "core/policy.hpp"
#include "core/sha256.hpp"
#include "core/validation.hpp"

namespace delegate::detail {

Status Decider::operator()(const CreateTenant& c) {
  DELEGATE_TRY(requireSystem());
  DELEGATE_TRY(validateDisplayName(c.displayName, kMaxDisplayName, "displayName"));
  DELEGATE_TRY(validateDomainPrefix(c.initialDomainPrefix));
  const std::string domain = toLowerAscii(c.initialDomainPrefix) + kInitialDomainSuffix;
  if (state_.findDomain(domain))
    return makeError(errc::domainAlreadyExists,
                     "The domain '" + domain + "' is taken; choose another prefix.",
                     "initialDomainPrefix");
  auto id = freshId();
  if (!id.ok()) return id.error();
  Tenant t;
  t.id = TenantId(id.value());
  t.kind = c.kind;
  t.displayName = c.displayName;
  t.createdDateTime = now_;
  target(t.id, t.id.str());
  emit(TenantCreated{t});
  Domain d;
  d.id = domain;
  d.tenantId = t.id;
  d.isVerified = true;
  d.isDefault = true;
  d.isInitial = true;
  emit(DomainAdded{std::move(d)});
  return Status::success();
}

Status Decider::operator()(const CreateUser& c) {
  target(c.tenantId, toLowerAscii(c.userPrincipalName));
  DELEGATE_TRY(requireSystem());
  const Tenant* t = state_.findTenant(c.tenantId);
  if (!t) return makeError(errc::tenantNotFound, "There is no such organization.", "tenantId");
  DELEGATE_TRY(validateDisplayName(c.displayName, kMaxDisplayName, "displayName"));
  DELEGATE_TRY(checkNewUserPrincipalName(c.userPrincipalName, c.tenantId));
  if (c.partnerAccess != PartnerAccess::none && t->kind != TenantKind::partner)
    return makeError(errc::notAPartnerTenant,
                     "Only users of a partner organization can have administrative access to "
                     "customers.",
                     "partnerAccess");
  auto id = freshId();
  if (!id.ok()) return id.error();
  User u;
  u.id = UserId(id.value());
  u.tenantId = c.tenantId;
  u.userPrincipalName = toLowerAscii(c.userPrincipalName);
  u.displayName = c.displayName;
  u.roles = c.roles;
  u.partnerAccess = c.partnerAccess;
  emit(UserCreated{std::move(u)});
  return Status::success();
}

Status Decider::operator()(const CertifyPartner& c) {
  target(c.tenantId, c.tenantId.str());
  DELEGATE_TRY(requireSystem());
  if (!state_.findTenant(c.tenantId))
    return makeError(errc::tenantNotFound, "There is no such organization.", "tenantId");
  DELEGATE_TRY(requirePartnerTenant(c.tenantId));
  emit(PartnerCertificationChanged{c.tenantId, c.certified});
  return Status::success();
}

Status Decider::operator()(const NoteWebhookEndpointDisabled& c) {
  target(c.tenantId, c.url);
  DELEGATE_TRY(requireSystem());
  const Tenant* t = state_.findTenant(c.tenantId);
  if (!t || t->kind != TenantKind::partner)
    return makeError(errc::notAPartnerTenant, "Only partner organizations have webhooks.",
                     "tenantId");
  notifyPartner(c.tenantId, NotificationKind::webhookEndpointDisabled, "Webhook endpoint disabled",
                "Deliveries to " + c.url +
                    " failed for 5 days, so Delegate stopped sending to it. Fix the receiver, "
                    "then register the endpoint again on the Webhooks page.",
                std::nullopt, std::nullopt, std::nullopt, std::nullopt, true);
  return Status::success();
}

Status Decider::operator()(const AdvanceClock& c) {
  auditObject_ = "clock";
  DELEGATE_TRY(requireSystem());
  if (c.now < state_.clock)
    return makeError(
        errc::clockCannotGoBack,
        "The clock is already at " + formatTimestamp(state_.clock) + "; time only moves forward.",
        "now");
  const Timestamp t = c.now;
  now_ = t;
  emit(ClockAdvanced{t});

  // A stable order, so the same state always yields the same events.
  std::vector<RelationshipId> ids;
  ids.reserve(state_.relationships.size());
  for (const auto& [id, r] : state_.relationships)
    if (r.kind == RelationshipKind::granular) ids.push_back(id);
  std::sort(ids.begin(), ids.end());

  for (RelationshipId id : ids) {
    const Relationship& r = *state_.findRelationship(id);
    const std::string name = "'" + r.displayName + "'";
    const std::optional<TenantId> customer =
        r.customer ? std::optional<TenantId>(r.customer->tenantId) : std::nullopt;
    const std::string customerName = r.customer ? r.customer->displayName : "the customer";

    if (r.status == RelationshipStatus::approvalPending && r.lockedForApprovalDateTime &&
        t >= *r.lockedForApprovalDateTime + policy::kApprovalLapse) {
      emit(RelationshipStatusChanged{id, RelationshipStatus::expired, t});
      notifyPartner(r.partnerTenantId, NotificationKind::approvalRequestLapsed,
                    "Approval request " + name + " lapsed",
                    customerName + " did not approve the relationship " + name + " within " +
                        policy::days(policy::kApprovalLapse) +
                        ". Create a new request if it is still needed.",
                    customer, id, std::nullopt);
      continue;
    }
    if (!grantsAccess(r.status) || !r.endDateTime) continue;
    const Timestamp end = *r.endDateTime;
    if (t >= end) {
      if (r.autoExtendDuration.seconds > 0) {
        Timestamp newEnd = end;
        while (newEnd <= t) newEnd = newEnd + r.autoExtendDuration;
        emit(RelationshipExtended{id, newEnd, t});
        if (r.status != RelationshipStatus::active)
          emit(RelationshipStatusChanged{id, RelationshipStatus::active, t});
        notifyPartner(r.partnerTenantId, NotificationKind::relationshipExtended,
                      "Relationship " + name + " extended",
                      "The relationship " + name + " with " + customerName +
                          " was extended automatically until " + formatTimestamp(newEnd) + ".",
                      customer, id, std::nullopt);
      } else {
        emit(RelationshipStatusChanged{id, RelationshipStatus::expired, t});
        notifyPartner(r.partnerTenantId, NotificationKind::relationshipExpired,
                      "Relationship " + name + " expired",
                      "The relationship " + name + " with " + customerName +
                          " has expired; its access has ended. Ask the customer to approve a "
                          "new relationship to continue.",
                      customer, id, std::nullopt);
      }
    } else if (r.autoExtendDuration.seconds == 0) {
      if (r.status == RelationshipStatus::active && isExpiring(r, t)) {
        emit(RelationshipStatusChanged{id, RelationshipStatus::expiring, t});
        notifyPartner(r.partnerTenantId, NotificationKind::relationshipExpiringSoon,
                      "Relationship " + name + " expires soon",
                      "The relationship " + name + " with " + customerName + " ends on " +
                          formatTimestamp(end) +
                          ". Ask the customer to approve a new relationship before then.",
                      customer, id, std::nullopt, std::nullopt, /*mail=*/false);
      }
      // Mail reminders 30, 7 and 1 day before the end, to both sides' administrators (a
      // relationship that auto-extends needs no reminder).
      const Timestamp since = std::max(state_.clock, r.activatedDateTime.value_or(state_.clock));
      if (std::optional<int> days = expiryReminderDue(since, t, end)) {
        const std::string left = *days == 1 ? "1 day" : std::to_string(*days) + " days";
        const std::string partnerName = tenantName(r.partnerTenantId);
        queueMail(r.partnerTenantId, globalAdminAddresses(state_, r.partnerTenantId),
                  NotificationKind::relationshipExpiringSoon,
                  "Relationship " + name + " with " + customerName + " expires in " + left,
                  "The relationship " + name + " with " + customerName + " ends on " +
                      formatTimestamp(end) + " (in " + left +
                      "); its access ends then. Ask the customer to approve a new relationship "
                      "before then.",
                  customer, id);
        if (customer)
          queueMail(*customer, globalAdminAddresses(state_, *customer),
                    NotificationKind::relationshipExpiringSoon,
                    partnerName + "'s access " + name + " expires in " + left,
                    partnerName + "'s delegated access " + name + " to your organization ends on " +
                        formatTimestamp(end) + " (in " + left +
                        "). If they should keep it, approve the new request they send you.",
                    customer, id);
      }
    }
  }
  return Status::success();
}

}  // namespace delegate::detail
