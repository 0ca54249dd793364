#pragma once
// Events: facts that happened. apply() folds them into the State; they are the log the server
// stores and the stream the browser syncs. Creation events carry the whole new entity.
#include <string>
#include <string_view>
#include <variant>

#include "core/entities.hpp"

namespace delegate {

#define DELEGATE_EVENT(Name, type) static constexpr std::string_view kType = type;

struct TenantCreated {
  DELEGATE_EVENT(TenantCreated, "tenantCreated")
  Tenant tenant;
  DELEGATE_FIELDS(tenant)
};
struct PartnerCertificationChanged {
  DELEGATE_EVENT(PartnerCertificationChanged, "partnerCertificationChanged")
  TenantId tenantId;
  bool certified = false;
  DELEGATE_FIELDS(tenantId, certified)
};
struct DomainAdded {
  DELEGATE_EVENT(DomainAdded, "domainAdded")
  Domain domain;
  DELEGATE_FIELDS(domain)
};
// `tenantId` names whose claim (several tenants may claim a name until one verifies it); logs
// written before claims were per tenant lack it, and then the name's only claim is meant.
struct DomainVerified {
  DELEGATE_EVENT(DomainVerified, "domainVerified")
  std::string name;
  std::optional<TenantId> tenantId;
  DELEGATE_FIELDS(name, tenantId)
};
struct DefaultDomainChanged {
  DELEGATE_EVENT(DefaultDomainChanged, "defaultDomainChanged")
  TenantId tenantId;
  std::string name;
  DELEGATE_FIELDS(tenantId, name)
};
struct DomainRemoved {
  DELEGATE_EVENT(DomainRemoved, "domainRemoved")
  std::string name;
  std::optional<TenantId> tenantId;  // as in DomainVerified
  DELEGATE_FIELDS(name, tenantId)
};
struct UserCreated {
  DELEGATE_EVENT(UserCreated, "userCreated")
  User user;
  DELEGATE_FIELDS(user)
};
struct UserUpdated {
  DELEGATE_EVENT(UserUpdated, "userUpdated")
  UserId userId;
  std::string displayName;
  std::string userPrincipalName;
  DELEGATE_FIELDS(userId, displayName, userPrincipalName)
};
struct UserEnabledChanged {
  DELEGATE_EVENT(UserEnabledChanged, "userEnabledChanged")
  UserId userId;
  bool accountEnabled = true;
  DELEGATE_FIELDS(userId, accountEnabled)
};
struct UserDeleted {
  DELEGATE_EVENT(UserDeleted, "userDeleted")
  UserId userId;
  DELEGATE_FIELDS(userId)
};
// The temporary password itself is never in an event (see Decision::secrets).
struct PasswordReset {
  DELEGATE_EVENT(PasswordReset, "passwordReset")
  UserId userId;
  bool forceChangePasswordNextSignIn = true;
  Timestamp at;
  DELEGATE_FIELDS(userId, forceChangePasswordNextSignIn, at)
};
struct UserRolesChanged {
  DELEGATE_EVENT(UserRolesChanged, "userRolesChanged")
  UserId userId;
  RoleSet roles;
  DELEGATE_FIELDS(userId, roles)
};
struct PartnerAccessChanged {
  DELEGATE_EVENT(PartnerAccessChanged, "partnerAccessChanged")
  UserId userId;
  PartnerAccess access = PartnerAccess::none;
  DELEGATE_FIELDS(userId, access)
};
struct MultiFactorRegistrationChanged {
  DELEGATE_EVENT(MultiFactorRegistrationChanged, "multiFactorRegistrationChanged")
  UserId userId;
  bool registered = false;
  DELEGATE_FIELDS(userId, registered)
};
struct MultiFactorRequirementChanged {
  DELEGATE_EVENT(MultiFactorRequirementChanged, "multiFactorRequirementChanged")
  TenantId tenantId;
  bool required = false;
  DELEGATE_FIELDS(tenantId, required)
};
struct GroupCreated {
  DELEGATE_EVENT(GroupCreated, "groupCreated")
  Group group;
  DELEGATE_FIELDS(group)
};
struct GroupMemberAdded {
  DELEGATE_EVENT(GroupMemberAdded, "groupMemberAdded")
  GroupId groupId;
  UserId userId;
  DELEGATE_FIELDS(groupId, userId)
};
struct GroupMemberRemoved {
  DELEGATE_EVENT(GroupMemberRemoved, "groupMemberRemoved")
  GroupId groupId;
  UserId userId;
  DELEGATE_FIELDS(groupId, userId)
};
struct SubscriptionCreated {
  DELEGATE_EVENT(SubscriptionCreated, "subscriptionCreated")
  Subscription subscription;
  DELEGATE_FIELDS(subscription)
};
struct LicenseAssigned {
  DELEGATE_EVENT(LicenseAssigned, "licenseAssigned")
  SubscriptionId subscriptionId;
  UserId userId;
  DELEGATE_FIELDS(subscriptionId, userId)
};
struct LicenseRemoved {
  DELEGATE_EVENT(LicenseRemoved, "licenseRemoved")
  SubscriptionId subscriptionId;
  UserId userId;
  DELEGATE_FIELDS(subscriptionId, userId)
};
struct OfferCreated {
  DELEGATE_EVENT(OfferCreated, "offerCreated")
  Offer offer;
  DELEGATE_FIELDS(offer)
};
struct OfferRevoked {
  DELEGATE_EVENT(OfferRevoked, "offerRevoked")
  OfferId offerId;
  Timestamp at;
  DELEGATE_FIELDS(offerId, at)
};
struct OfferAccepted {
  DELEGATE_EVENT(OfferAccepted, "offerAccepted")
  OfferId offerId;
  TenantId customerTenantId;
  UserId userId;
  Timestamp at;
  DELEGATE_FIELDS(offerId, customerTenantId, userId, at)
};
struct OfferDeclined {
  DELEGATE_EVENT(OfferDeclined, "offerDeclined")
  OfferId offerId;
  TenantId customerTenantId;
  UserId userId;
  Timestamp at;
  DELEGATE_FIELDS(offerId, customerTenantId, userId, at)
};
struct RelationshipCreated {
  DELEGATE_EVENT(RelationshipCreated, "relationshipCreated")
  Relationship relationship;
  DELEGATE_FIELDS(relationship)
};
struct RelationshipUpdated {
  DELEGATE_EVENT(RelationshipUpdated, "relationshipUpdated")
  RelationshipId relationshipId;
  std::string displayName;
  AccessDetails accessDetails;
  Duration duration;
  Duration autoExtendDuration;
  Timestamp at;
  DELEGATE_FIELDS(relationshipId, displayName, accessDetails, duration, autoExtendDuration, at)
};
struct RelationshipDeleted {
  DELEGATE_EVENT(RelationshipDeleted, "relationshipDeleted")
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
struct RelationshipLockedForApproval {
  DELEGATE_EVENT(RelationshipLockedForApproval, "relationshipLockedForApproval")
  RelationshipId relationshipId;
  std::string approvalTokenHash;
  Timestamp at;
  DELEGATE_FIELDS(relationshipId, approvalTokenHash, at)
};
struct RelationshipApproved {
  DELEGATE_EVENT(RelationshipApproved, "relationshipApproved")
  RelationshipId relationshipId;
  CustomerRef customer;
  UserId approvedBy;
  Timestamp activatedDateTime;
  Timestamp endDateTime;
  DELEGATE_FIELDS(relationshipId, customer, approvedBy, activatedDateTime, endDateTime)
};
struct RelationshipDeclined {
  DELEGATE_EVENT(RelationshipDeclined, "relationshipDeclined")
  RelationshipId relationshipId;
  CustomerRef customer;
  UserId declinedBy;
  std::string reason;
  Timestamp at;
  DELEGATE_FIELDS(relationshipId, customer, declinedBy, reason, at)
};
// expiring, expired (also a lapsed approval request) and terminated.
struct RelationshipStatusChanged {
  DELEGATE_EVENT(RelationshipStatusChanged, "relationshipStatusChanged")
  RelationshipId relationshipId;
  RelationshipStatus status = RelationshipStatus::active;
  Timestamp at;
  DELEGATE_FIELDS(relationshipId, status, at)
};
struct RelationshipExtended {
  DELEGATE_EVENT(RelationshipExtended, "relationshipExtended")
  RelationshipId relationshipId;
  Timestamp endDateTime;
  Timestamp at;
  DELEGATE_FIELDS(relationshipId, endDateTime, at)
};
struct AccessAssignmentCreated {
  DELEGATE_EVENT(AccessAssignmentCreated, "accessAssignmentCreated")
  AccessAssignment accessAssignment;
  DELEGATE_FIELDS(accessAssignment)
};
struct AccessAssignmentUpdated {
  DELEGATE_EVENT(AccessAssignmentUpdated, "accessAssignmentUpdated")
  AccessAssignmentId accessAssignmentId;
  AccessDetails accessDetails;
  Timestamp at;
  DELEGATE_FIELDS(accessAssignmentId, accessDetails, at)
};
struct AccessAssignmentDeleted {
  DELEGATE_EVENT(AccessAssignmentDeleted, "accessAssignmentDeleted")
  AccessAssignmentId accessAssignmentId;
  Timestamp at;
  DELEGATE_FIELDS(accessAssignmentId, at)
};
struct DeviceWipeRequested {
  DELEGATE_EVENT(DeviceWipeRequested, "deviceWipeRequested")
  DeviceWipe wipe;
  DELEGATE_FIELDS(wipe)
};
struct ClockAdvanced {
  DELEGATE_EVENT(ClockAdvanced, "clockAdvanced")
  Timestamp now;
  DELEGATE_FIELDS(now)
};
struct NotificationCreated {
  DELEGATE_EVENT(NotificationCreated, "notificationCreated")
  Notification notification;
  DELEGATE_FIELDS(notification)
};
struct NotificationRead {
  DELEGATE_EVENT(NotificationRead, "notificationRead")
  NotificationId notificationId;
  DELEGATE_FIELDS(notificationId)
};
struct EmailQueued {
  DELEGATE_EVENT(EmailQueued, "emailQueued")
  EmailMessage email;
  DELEGATE_FIELDS(email)
};
struct AuditRecorded {
  DELEGATE_EVENT(AuditRecorded, "auditRecorded")
  AuditRecord record;
  DELEGATE_FIELDS(record)
};

#undef DELEGATE_EVENT

using Event =
    std::variant<TenantCreated, PartnerCertificationChanged, DomainAdded, DomainVerified,
                 DefaultDomainChanged, DomainRemoved, UserCreated, UserUpdated, UserEnabledChanged,
                 UserDeleted, PasswordReset, UserRolesChanged, PartnerAccessChanged, GroupCreated,
                 GroupMemberAdded, GroupMemberRemoved, SubscriptionCreated, LicenseAssigned,
                 LicenseRemoved, OfferCreated, OfferRevoked, OfferAccepted, OfferDeclined,
                 RelationshipCreated, RelationshipUpdated, RelationshipDeleted,
                 RelationshipLockedForApproval, RelationshipApproved, RelationshipDeclined,
                 RelationshipStatusChanged, RelationshipExtended, AccessAssignmentCreated,
                 AccessAssignmentUpdated, AccessAssignmentDeleted, DeviceWipeRequested,
                 ClockAdvanced, NotificationCreated, NotificationRead, EmailQueued, AuditRecorded,
                 MultiFactorRegistrationChanged, MultiFactorRequirementChanged>;

std::string_view eventType(const Event& event);

}  // namespace delegate
