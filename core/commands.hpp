#pragma once
// Commands: what a principal asks for. Each names what it needs; the acting principal and the
// fresh values (ids, tokens, passwords, the time) come separately (core/principal.hpp,
// core/context.hpp). `kType` is the stable JSON type name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/entities.hpp"

namespace delegate {

// ---- system (Principal::system() only): seeding and time ---------------------------------------
struct CreateTenant {
  static constexpr std::string_view kType = "createTenant";
  TenantKind kind = TenantKind::customer;
  std::string displayName;
  std::string initialDomainPrefix;  // becomes <prefix>.onmicrosoft.com, verified and default
  DELEGATE_FIELDS(kind, displayName, initialDomainPrefix)
};
struct CreateUser {
  static constexpr std::string_view kType = "createUser";
  TenantId tenantId;
  std::string userPrincipalName;
  std::string displayName;
  RoleSet roles;
  PartnerAccess partnerAccess = PartnerAccess::none;
  DELEGATE_FIELDS(tenantId, userPrincipalName, displayName, roles, partnerAccess)
};
struct CertifyPartner {
  static constexpr std::string_view kType = "certifyPartner";
  TenantId tenantId;
  bool certified = true;
  DELEGATE_FIELDS(tenantId, certified)
};
// Moves time forward; yields expiry, lapse and auto-extension events that are due.
struct AdvanceClock {
  static constexpr std::string_view kType = "advanceClock";
  Timestamp now;
  DELEGATE_FIELDS(now)
};

// The server switched off a partner's webhook endpoint that kept failing (core/webhooks.hpp):
// the partner's administrators are told, in the app and by mail.
struct NoteWebhookEndpointDisabled {
  static constexpr std::string_view kType = "noteWebhookEndpointDisabled";
  TenantId tenantId;
  std::string url;
  DELEGATE_FIELDS(tenantId, url)
};

// ---- partner: offers and the seed's access setting ----------------------------------------------
struct CreateOffer {
  static constexpr std::string_view kType = "createOffer";
  DELEGATE_NO_FIELDS()
};
struct RevokeOffer {
  static constexpr std::string_view kType = "revokeOffer";
  OfferId offerId;
  DELEGATE_FIELDS(offerId)
};
// The current link of one of the partner's open offers, again (for copying into an email or a
// web page). The link does not change; Regenerate (revoke, then create) is for a leaked one.
struct RevealOfferLink {
  static constexpr std::string_view kType = "revealOfferLink";
  OfferId offerId;
  DELEGATE_FIELDS(offerId)
};
struct CreateTrialInvitation {
  static constexpr std::string_view kType = "createTrialInvitation";
  std::string product;
  std::int32_t licenses = 25;
  std::int32_t trialDays = 30;
  bool includesDelegatedAdmin = true;
  DELEGATE_FIELDS(product, licenses, trialDays, includesDelegatedAdmin)
};
struct CreatePurchaseOffer {
  static constexpr std::string_view kType = "createPurchaseOffer";
  std::string product;
  std::int32_t licenses = 1;
  std::int64_t pricePerLicenseCents = 0;
  bool includesDelegatedAdmin = true;
  DELEGATE_FIELDS(product, licenses, pricePerLicenseCents, includesDelegatedAdmin)
};
struct SetPartnerAdminAccess {
  static constexpr std::string_view kType = "setPartnerAdminAccess";
  UserId userId;
  PartnerAccess access = PartnerAccess::none;
  DELEGATE_FIELDS(userId, access)
};

// ---- customer: responding to offers, removing partners ------------------------------------------
struct AcceptOffer {
  static constexpr std::string_view kType = "acceptOffer";
  std::string token;
  DELEGATE_FIELDS(token)
};
struct DeclineOffer {  // any kind of offer
  static constexpr std::string_view kType = "declineOffer";
  std::string token;
  DELEGATE_FIELDS(token)
};
// Someone without a tenant accepting a trial invitation creates one, becoming its first Global
// Administrator.
struct SignUp {
  std::string organizationName;
  std::string domainPrefix;  // <prefix>.onmicrosoft.com
  std::string userName;      // local part of the first administrator's principal name
  std::string displayName;
  std::string password;  // chosen by the person signing up (see validateChosenPassword)
  DELEGATE_FIELDS(organizationName, domainPrefix, userName, displayName, password)
};
struct AcceptTrialInvitation {
  static constexpr std::string_view kType = "acceptTrialInvitation";
  std::string token;
  std::optional<SignUp> signUp;  // required for an anonymous principal, refused otherwise
  DELEGATE_FIELDS(token, signUp)
};
struct AcceptPurchaseOffer {
  static constexpr std::string_view kType = "acceptPurchaseOffer";
  std::string token;
  DELEGATE_FIELDS(token)
};
struct RemovePartner {  // ends every relationship with the partner at once
  static constexpr std::string_view kType = "removePartner";
  TenantId partnerTenantId;
  DELEGATE_FIELDS(partnerTenantId)
};

// ---- granular relationships (Graph delegatedAdminRelationship) ----------------------------------
struct CreateRelationship {
  static constexpr std::string_view kType = "createRelationship";
  std::string displayName;
  std::optional<TenantId> customerTenantId;
  AccessDetails accessDetails;
  Duration duration = Duration::ofDays(730);
  Duration autoExtendDuration;
  DELEGATE_FIELDS(displayName, customerTenantId, accessDetails, duration, autoExtendDuration)
};
struct UpdateRelationship {
  static constexpr std::string_view kType = "updateRelationship";
  RelationshipId relationshipId;
  std::optional<std::string> displayName;
  std::optional<AccessDetails> accessDetails;
  std::optional<Duration> duration;
  std::optional<Duration> autoExtendDuration;
  DELEGATE_FIELDS(relationshipId, displayName, accessDetails, duration, autoExtendDuration)
};
struct DeleteRelationship {  // only while created
  static constexpr std::string_view kType = "deleteRelationship";
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
struct LockForApproval {  // issues the single-use approval link
  static constexpr std::string_view kType = "lockForApproval";
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
// The approval link of a relationship waiting for approval, again, for the partner's
// administrators (Graph derives its link from the relationship id; one lost is never lost).
struct RevealApprovalLink {
  static constexpr std::string_view kType = "revealApprovalLink";
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
struct ApproveRelationship {  // the customer's Global Administrator, with the link's token
  static constexpr std::string_view kType = "approveRelationship";
  RelationshipId relationshipId;
  std::string token;
  DELEGATE_FIELDS(relationshipId, token)
};
// The customer's Global Administrator says no to a request, with the link's token; the reason
// (optional, at most kMaxDeclineReason characters) is shown to the partner.
struct DeclineRelationship {
  static constexpr std::string_view kType = "declineRelationship";
  RelationshipId relationshipId;
  std::string token;
  std::optional<std::string> reason;
  DELEGATE_FIELDS(relationshipId, token, reason)
};
struct TerminateRelationship {  // partner or customer
  static constexpr std::string_view kType = "terminateRelationship";
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
struct RemoveGlobalAdministrator {  // while active: drops the role, keeps the rest
  static constexpr std::string_view kType = "removeGlobalAdministrator";
  RelationshipId relationshipId;
  DELEGATE_FIELDS(relationshipId)
};
struct CreateAccessAssignment {
  static constexpr std::string_view kType = "createAccessAssignment";
  RelationshipId relationshipId;
  AccessContainer accessContainer;
  AccessDetails accessDetails;
  DELEGATE_FIELDS(relationshipId, accessContainer, accessDetails)
};
struct UpdateAccessAssignment {
  static constexpr std::string_view kType = "updateAccessAssignment";
  AccessAssignmentId accessAssignmentId;
  AccessDetails accessDetails;
  DELEGATE_FIELDS(accessAssignmentId, accessDetails)
};
struct DeleteAccessAssignment {
  static constexpr std::string_view kType = "deleteAccessAssignment";
  AccessAssignmentId accessAssignmentId;
  DELEGATE_FIELDS(accessAssignmentId)
};

// ---- directory: in the acting tenant (own, or a customer through delegated access) --------------
struct AddUser {  // initial password from the context; must be changed at first sign-in
  static constexpr std::string_view kType = "addUser";
  std::string userPrincipalName;
  std::string displayName;
  DELEGATE_FIELDS(userPrincipalName, displayName)
};
struct UpdateUser {
  static constexpr std::string_view kType = "updateUser";
  UserId userId;
  std::optional<std::string> displayName;
  std::optional<std::string> userPrincipalName;
  DELEGATE_FIELDS(userId, displayName, userPrincipalName)
};
struct DisableUser {
  static constexpr std::string_view kType = "disableUser";
  UserId userId;
  DELEGATE_FIELDS(userId)
};
struct EnableUser {
  static constexpr std::string_view kType = "enableUser";
  UserId userId;
  DELEGATE_FIELDS(userId)
};
struct DeleteUser {
  static constexpr std::string_view kType = "deleteUser";
  UserId userId;
  DELEGATE_FIELDS(userId)
};
struct ResetPassword {  // temporary password from the context
  static constexpr std::string_view kType = "resetPassword";
  UserId userId;
  DELEGATE_FIELDS(userId)
};
struct SetUserRoles {
  static constexpr std::string_view kType = "setUserRoles";
  UserId userId;
  RoleSet roles;
  DELEGATE_FIELDS(userId, roles)
};
struct CreateGroup {
  static constexpr std::string_view kType = "createGroup";
  std::string displayName;
  DELEGATE_FIELDS(displayName)
};
struct AddGroupMember {
  static constexpr std::string_view kType = "addGroupMember";
  GroupId groupId;
  UserId userId;
  DELEGATE_FIELDS(groupId, userId)
};
struct RemoveGroupMember {
  static constexpr std::string_view kType = "removeGroupMember";
  GroupId groupId;
  UserId userId;
  DELEGATE_FIELDS(groupId, userId)
};
struct AddDomain {
  static constexpr std::string_view kType = "addDomain";
  std::string name;
  DELEGATE_FIELDS(name)
};
// Proving ownership: the TXT records found at the domain's name. The DNS lookup is the server's
// business (it fills `dnsTxtRecords` itself and ignores what a client sent); the core verifies
// only when they include the verification record it issued for this tenant's claim. The sandbox
// has no DNS and fills in the issued record as a labelled simulation.
struct VerifyDomain {
  static constexpr std::string_view kType = "verifyDomain";
  std::string name;
  std::optional<std::vector<std::string>> dnsTxtRecords;
  DELEGATE_FIELDS(name, dnsTxtRecords)
};
struct SetDefaultDomain {
  static constexpr std::string_view kType = "setDefaultDomain";
  std::string name;
  DELEGATE_FIELDS(name)
};
struct RemoveDomain {
  static constexpr std::string_view kType = "removeDomain";
  std::string name;
  DELEGATE_FIELDS(name)
};
struct AssignLicenses {  // Graph assignLicense: licenses to add and to remove, by subscription
  static constexpr std::string_view kType = "assignLicenses";
  UserId userId;
  std::vector<SubscriptionId> addLicenses;
  std::vector<SubscriptionId> removeLicenses;
  DELEGATE_FIELDS(userId, addLicenses, removeLicenses)
};
// Mobile device management: Global Administrators in their own tenant only; always refused
// through delegated access (mdmNotSupportedForDelegatedAccess).
struct ListDevices {
  static constexpr std::string_view kType = "listDevices";
  DELEGATE_NO_FIELDS()
};
struct WipeDevice {
  static constexpr std::string_view kType = "wipeDevice";
  std::string deviceId;
  DELEGATE_FIELDS(deviceId)
};

// ---- inbox
// ---------------------------------------------------------------------------------------
struct MarkNotificationRead {
  static constexpr std::string_view kType = "markNotificationRead";
  NotificationId notificationId;
  DELEGATE_FIELDS(notificationId)
};

// ---- one's own account
// ---------------------------------------------------------------------------------------
// A signed-in person replacing their own password (a temporary one, or at will). Whoever sends
// it has checked the current password; the core checks the new one and clears the must-change
// flag.
struct ChangeOwnPassword {
  static constexpr std::string_view kType = "changeOwnPassword";
  std::string newPassword;
  DELEGATE_FIELDS(newPassword)
};

// ---- multi-factor sign-in --------------------------------------------------------------------
// A partner administrator requires (or stops requiring) multi-factor sign-in of the partner's
// users before they act in any client.
struct SetMultiFactorRequirement {
  static constexpr std::string_view kType = "setMultiFactorRequirement";
  bool required = false;
  DELEGATE_FIELDS(required)
};
// A signed-in person who has just proven an authenticator code. Whoever sends it has checked the
// code against the secret it keeps (see isProvenOutsideTheCore).
struct RegisterMultiFactor {
  static constexpr std::string_view kType = "registerMultiFactor";
  DELEGATE_NO_FIELDS()
};
// An administrator clears a user's authenticator (a lost phone); the user sets it up again.
struct ResetMultiFactor {
  static constexpr std::string_view kType = "resetMultiFactor";
  UserId userId;
  DELEGATE_FIELDS(userId)
};

using Command =
    std::variant<CreateTenant, CreateUser, CertifyPartner, AdvanceClock, CreateOffer, RevokeOffer,
                 CreateTrialInvitation, CreatePurchaseOffer, SetPartnerAdminAccess, AcceptOffer,
                 DeclineOffer, AcceptTrialInvitation, AcceptPurchaseOffer, RemovePartner,
                 CreateRelationship, UpdateRelationship, DeleteRelationship, LockForApproval,
                 ApproveRelationship, TerminateRelationship, RemoveGlobalAdministrator,
                 CreateAccessAssignment, UpdateAccessAssignment, DeleteAccessAssignment, AddUser,
                 UpdateUser, DisableUser, EnableUser, DeleteUser, ResetPassword, SetUserRoles,
                 CreateGroup, AddGroupMember, RemoveGroupMember, AddDomain, VerifyDomain,
                 SetDefaultDomain, RemoveDomain, AssignLicenses, ListDevices, WipeDevice,
                 MarkNotificationRead, ChangeOwnPassword, RevealOfferLink,
                 NoteWebhookEndpointDisabled, SetMultiFactorRequirement, RegisterMultiFactor,
                 ResetMultiFactor, RevealApprovalLink,
                 // New commands go last: tests/core/randomized_test.cpp draws them by index.
                 DeclineRelationship>;

std::string_view commandType(const Command& command);
// Commands whose precondition is a proof the core cannot see (the current password, an
// authenticator code): a server accepts them only through the route that checks that proof,
// never as a plain command from a client.
bool isProvenOutsideTheCore(const Command& command);

}  // namespace delegate
