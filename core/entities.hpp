#pragma once
// The domain's entities as plain values. Field names follow Microsoft Graph where the entity
// exists there (delegatedAdminRelationship, delegatedAdminAccessAssignment, user, domain).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"
#include "core/fields.hpp"
#include "core/ids.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"

namespace delegate {

enum class TenantKind : std::uint8_t { partner, customer };
DELEGATE_ENUM_NAMES(TenantKind, "partner", "customer")

// The seed's "Assign administrative access to companies you support" setting of a partner user.
enum class PartnerAccess : std::uint8_t { none, full, limited };
DELEGATE_ENUM_NAMES(PartnerAccess, "none", "full", "limited")

enum class OfferKind : std::uint8_t { delegatedAdmin, trialInvitation, purchaseOffer };
DELEGATE_ENUM_NAMES(OfferKind, "delegatedAdmin", "trialInvitation", "purchaseOffer")

enum class OfferStatus : std::uint8_t { active, revoked };
DELEGATE_ENUM_NAMES(OfferStatus, "active", "revoked")

// dap: the seed's standing relationship (rights from the Full/Limited setting, no end).
// granular: Graph's delegatedAdminRelationship (rights from access assignments, time-bound).
enum class RelationshipKind : std::uint8_t { dap, granular };
DELEGATE_ENUM_NAMES(RelationshipKind, "dap", "granular")

enum class RelationshipStatus : std::uint8_t {
  created,
  approvalPending,
  active,
  approved,
  expiring,
  expired,
  terminationRequested,
  terminating,
  terminated,
  // Not in Graph: the customer's Global Administrator said no to the request (with a reason).
  declined,
};
DELEGATE_ENUM_NAMES(RelationshipStatus, "created", "approvalPending", "active", "approved",
                    "expiring", "expired", "terminationRequested", "terminating", "terminated",
                    "declined")

enum class AccessAssignmentStatus : std::uint8_t { pending, active, deleting, deleted, error };
DELEGATE_ENUM_NAMES(AccessAssignmentStatus, "pending", "active", "deleting", "deleted", "error")

enum class AccessContainerType : std::uint8_t { securityGroup };
DELEGATE_ENUM_NAMES(AccessContainerType, "securityGroup")

enum class NotificationKind : std::uint8_t {
  offerAccepted,
  offerDeclined,
  partnerRemoved,
  relationshipApproved,
  relationshipTerminated,
  relationshipExpiringSoon,
  relationshipExpired,
  relationshipExtended,
  approvalRequestLapsed,
  webhookEndpointDisabled,
  relationshipDeclined,
};
DELEGATE_ENUM_NAMES(NotificationKind, "offerAccepted", "offerDeclined", "partnerRemoved",
                    "relationshipApproved", "relationshipTerminated", "relationshipExpiringSoon",
                    "relationshipExpired", "relationshipExtended", "approvalRequestLapsed",
                    "webhookEndpointDisabled", "relationshipDeclined")

enum class PrincipalKind : std::uint8_t { system, user, anonymous };
DELEGATE_ENUM_NAMES(PrincipalKind, "system", "user", "anonymous")

enum class AuditOutcome : std::uint8_t { allowed, refused };
DELEGATE_ENUM_NAMES(AuditOutcome, "allowed", "refused")

struct Tenant {
  TenantId id;
  TenantKind kind = TenantKind::customer;
  std::string displayName;
  bool certifiedForDelegatedAdmin = false;  // partners only: may create delegated-admin offers
  // Partners only: its users act in clients only after setting up multi-factor sign-in (GDAP
  // asks it of every partner user who administers a client).
  bool requireMultiFactor = false;
  Timestamp createdDateTime;
  DELEGATE_FIELDS(id, kind, displayName, certifiedForDelegatedAdmin, requireMultiFactor,
                  createdDateTime)
  static constexpr std::string_view kAddedLater[] = {"requireMultiFactor"};
};

// One tenant's claim of a domain name (lowercase). Several tenants may claim a name while it is
// unverified (claiming proves nothing, so it must not block the real owner); once one tenant
// verifies it through DNS, that claim is the only one and no other tenant may claim it.
struct Domain {
  std::string id;
  TenantId tenantId;
  bool isVerified = false;
  bool isDefault = false;
  bool isInitial = false;        // the tenant's <prefix>.onmicrosoft.com domain
  std::string verificationCode;  // the TXT record to publish: "MS=ms" + 8 hex digits
  DELEGATE_FIELDS(id, tenantId, isVerified, isDefault, isInitial, verificationCode)
};

// Kept small: a large partner administers millions of these. Licenses and group memberships
// live on the subscription and the group.
struct User {
  UserId id;
  TenantId tenantId;
  std::string userPrincipalName;  // lowercase, unique across all tenants
  std::string displayName;
  RoleSet roles;  // directory roles in its own tenant
  bool accountEnabled = true;
  bool forceChangePasswordNextSignIn = false;
  PartnerAccess partnerAccess = PartnerAccess::none;  // partner users only
  // An authenticator app is set up: every sign-in asks for its code. The secret itself is a
  // credential and lives with the password hashes, outside the core.
  bool multiFactorRegistered = false;
  DELEGATE_FIELDS(id, tenantId, userPrincipalName, displayName, roles, accountEnabled,
                  forceChangePasswordNextSignIn, partnerAccess, multiFactorRegistered)
  static constexpr std::string_view kAddedLater[] = {"multiFactorRegistered"};
};

struct Group {
  GroupId id;
  TenantId tenantId;
  std::string displayName;
  std::vector<UserId> members;  // sorted
  Timestamp createdDateTime;
  DELEGATE_FIELDS(id, tenantId, displayName, members, createdDateTime)
};

struct Subscription {
  SubscriptionId id;
  TenantId tenantId;                  // the customer that holds it
  std::optional<TenantId> partnerId;  // the partner that sold it, if any
  std::string product;
  std::int32_t licenses = 0;
  bool isTrial = false;
  Timestamp createdDateTime;
  Timestamp endDateTime;
  std::vector<UserId> assignedUserIds;  // sorted; at most `licenses`
  DELEGATE_FIELDS(id, tenantId, partnerId, product, licenses, isTrial, createdDateTime, endDateTime,
                  assignedUserIds)
};

// A delegated-admin offer, trial invitation or purchase offer. Reusable by any number of
// customers until revoked; the link's token is kept only as its SHA-256.
struct Offer {
  OfferId id;
  TenantId partnerId;
  OfferKind kind = OfferKind::delegatedAdmin;
  bool includesDelegatedAdmin = true;
  std::string product;                    // trial invitations and purchase offers
  std::int32_t licenses = 0;              // idem
  std::int32_t trialDays = 0;             // trial invitations
  std::int64_t pricePerLicenseCents = 0;  // purchase offers, per month
  std::string tokenHash;
  OfferStatus status = OfferStatus::active;
  UserId createdBy;
  Timestamp createdDateTime;
  std::vector<TenantId> acceptedBy;  // customers that accepted, in order
  DELEGATE_FIELDS(id, partnerId, kind, includesDelegatedAdmin, product, licenses, trialDays,
                  pricePerLicenseCents, tokenHash, status, createdBy, createdDateTime, acceptedBy)
};

struct AccessDetails {
  RoleSet unifiedRoles;  // JSON: [{"roleDefinitionId": "<template id>"}]
  DELEGATE_FIELDS(unifiedRoles)
};

struct CustomerRef {
  TenantId tenantId;
  std::string displayName;
  DELEGATE_FIELDS(tenantId, displayName)
};

struct Relationship {
  RelationshipId id;
  RelationshipKind kind = RelationshipKind::granular;
  std::string displayName;
  TenantId partnerTenantId;
  std::optional<CustomerRef> customer;  // unset until approved when created without a customer
  AccessDetails accessDetails;
  Duration duration;
  Duration autoExtendDuration;
  RelationshipStatus status = RelationshipStatus::created;
  Timestamp createdDateTime;
  Timestamp lastModifiedDateTime;
  std::optional<Timestamp> activatedDateTime;
  std::optional<Timestamp> endDateTime;  // unset for DAP (indefinite)
  std::optional<Timestamp> lockedForApprovalDateTime;
  std::string approvalTokenHash;  // set while approvalPending
  bool approvalLinkUsed = false;
  std::string declineReason;  // what the customer said when it declined (may be empty)
  static constexpr std::string_view kAddedLater[] = {"declineReason"};
  DELEGATE_FIELDS(id, kind, displayName, partnerTenantId, customer, accessDetails, duration,
                  autoExtendDuration, status, createdDateTime, lastModifiedDateTime,
                  activatedDateTime, endDateTime, lockedForApprovalDateTime, approvalTokenHash,
                  approvalLinkUsed, declineReason)
};

struct AccessContainer {
  GroupId accessContainerId;
  AccessContainerType accessContainerType = AccessContainerType::securityGroup;
  DELEGATE_FIELDS(accessContainerId, accessContainerType)
};

struct AccessAssignment {
  AccessAssignmentId id;
  RelationshipId relationshipId;
  AccessContainer accessContainer;
  AccessDetails accessDetails;
  AccessAssignmentStatus status = AccessAssignmentStatus::pending;
  Timestamp createdDateTime;
  Timestamp lastModifiedDateTime;
  DELEGATE_FIELDS(id, relationshipId, accessContainer, accessDetails, status, createdDateTime,
                  lastModifiedDateTime)
};

// In-app notification for the administrators of one tenant (the partner).
struct Notification {
  NotificationId id;
  TenantId tenantId;
  NotificationKind kind = NotificationKind::offerAccepted;
  std::string title;
  std::string text;
  std::optional<TenantId> customerTenantId;
  std::optional<RelationshipId> relationshipId;
  std::optional<OfferId> offerId;
  Timestamp createdDateTime;
  bool isRead = false;
  DELEGATE_FIELDS(id, tenantId, kind, title, text, customerTenantId, relationshipId, offerId,
                  createdDateTime, isRead)
};

// A message in the outbox; the server delivers it.
struct EmailMessage {
  EmailId id;
  TenantId tenantId;  // the organization it is sent to
  std::vector<std::string> to;
  std::string subject;
  std::string text;
  Timestamp createdDateTime;
  // What it is about and where in the app it points (see core/mail.hpp); absent in messages
  // queued before mail was delivered.
  std::optional<NotificationKind> kind;
  std::optional<std::string> linkPath;
  DELEGATE_FIELDS(id, tenantId, to, subject, text, createdDateTime, kind, linkPath)
};

struct AuditRecord {
  AuditId id;
  Timestamp activityDateTime;
  PrincipalKind actorKind = PrincipalKind::user;
  std::optional<UserId> actorUserId;
  std::string actorUserPrincipalName;          // kept: the user may be deleted later
  std::optional<TenantId> actorTenantId;       // the actor's own tenant
  std::optional<TenantId> onBehalfOfTenantId;  // the partner, when acting through delegation
  std::optional<TenantId> targetTenantId;      // the tenant acted in or on
  std::string action;                          // the command type, e.g. "resetPassword"
  std::string targetObject;                    // id or name of the object acted on
  AuditOutcome outcome = AuditOutcome::allowed;
  std::string reasonCode;  // the error code when refused
  DELEGATE_FIELDS(id, activityDateTime, actorKind, actorUserId, actorUserPrincipalName,
                  actorTenantId, onBehalfOfTenantId, targetTenantId, action, targetObject, outcome,
                  reasonCode)
};

struct DeviceWipe {
  TenantId tenantId;
  std::string deviceId;
  UserId requestedBy;
  Timestamp requestedDateTime;
  DELEGATE_FIELDS(tenantId, deviceId, requestedBy, requestedDateTime)
};

// A relationship gives rights only in these statuses (and, if time-bound, before its end).
inline bool grantsAccess(RelationshipStatus s) {
  return s == RelationshipStatus::active || s == RelationshipStatus::expiring;
}
bool isEffective(const Relationship& r, Timestamp now);

}  // namespace delegate
