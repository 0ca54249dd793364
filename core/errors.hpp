#pragma once
// The catalog of error codes the core emits. Codes are part of the public API: clients branch on
// them, so they never change once shipped. Each has a kind (see errorKind in core/result.hpp).
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace delegate::errc {

// invalid (400)
inline constexpr std::string_view invalidRequest = "invalidRequest";
inline constexpr std::string_view unknownCommandType = "unknownCommandType";
inline constexpr std::string_view unsupportedSchemaVersion = "unsupportedSchemaVersion";
inline constexpr std::string_view invalidDisplayName = "invalidDisplayName";
inline constexpr std::string_view invalidUserPrincipalName = "invalidUserPrincipalName";
inline constexpr std::string_view invalidDomainName = "invalidDomainName";
inline constexpr std::string_view domainNotVerified = "domainNotVerified";
inline constexpr std::string_view domainVerificationFailed = "domainVerificationFailed";
// The server could not complete the DNS lookup that proves a domain (a 503: try again).
inline constexpr std::string_view dnsLookupFailed = "dnsLookupFailed";
inline constexpr std::string_view reservedDomain = "reservedDomain";
inline constexpr std::string_view invalidDuration = "invalidDuration";
inline constexpr std::string_view invalidAutoExtendDuration = "invalidAutoExtendDuration";
inline constexpr std::string_view autoExtendNotAllowedWithGlobalAdministrator =
    "autoExtendNotAllowedWithGlobalAdministrator";
inline constexpr std::string_view invalidRoles = "invalidRoles";
inline constexpr std::string_view rolesNotInRelationship = "rolesNotInRelationship";
inline constexpr std::string_view invalidLicenseCount = "invalidLicenseCount";
inline constexpr std::string_view invalidTrialDays = "invalidTrialDays";
inline constexpr std::string_view invalidPrice = "invalidPrice";
inline constexpr std::string_view invalidProduct = "invalidProduct";
inline constexpr std::string_view wrongOfferKind = "wrongOfferKind";
inline constexpr std::string_view signUpRequired = "signUpRequired";
inline constexpr std::string_view signUpNotAllowed = "signUpNotAllowed";
inline constexpr std::string_view clockCannotGoBack = "clockCannotGoBack";
inline constexpr std::string_view notAPartnerTenant = "notAPartnerTenant";
inline constexpr std::string_view notACustomerTenant = "notACustomerTenant";
inline constexpr std::string_view invalidDeviceId = "invalidDeviceId";
inline constexpr std::string_view nothingToUpdate = "nothingToUpdate";
inline constexpr std::string_view weakPassword = "weakPassword";

// unauthenticated (401)
inline constexpr std::string_view unauthenticated = "unauthenticated";
inline constexpr std::string_view accountDisabled = "accountDisabled";

// forbidden (403)
inline constexpr std::string_view systemOnly = "systemOnly";
inline constexpr std::string_view notAuthorized = "notAuthorized";
inline constexpr std::string_view insufficientRole = "insufficientRole";
inline constexpr std::string_view targetTooPrivileged = "targetTooPrivileged";
inline constexpr std::string_view noActiveRelationship = "noActiveRelationship";
inline constexpr std::string_view delegatedAccessNotGranted = "delegatedAccessNotGranted";
inline constexpr std::string_view notAvailableThroughDelegatedAccess =
    "notAvailableThroughDelegatedAccess";
inline constexpr std::string_view mdmNotSupportedForDelegatedAccess =
    "mdmNotSupportedForDelegatedAccess";
inline constexpr std::string_view partnerNotCertified = "partnerNotCertified";
inline constexpr std::string_view invalidApprovalLink = "invalidApprovalLink";

// notFound (404)
inline constexpr std::string_view tenantNotFound = "tenantNotFound";
inline constexpr std::string_view userNotFound = "userNotFound";
inline constexpr std::string_view groupNotFound = "groupNotFound";
inline constexpr std::string_view domainNotFound = "domainNotFound";
inline constexpr std::string_view subscriptionNotFound = "subscriptionNotFound";
inline constexpr std::string_view offerNotFound = "offerNotFound";
inline constexpr std::string_view relationshipNotFound = "relationshipNotFound";
inline constexpr std::string_view accessAssignmentNotFound = "accessAssignmentNotFound";
inline constexpr std::string_view notificationNotFound = "notificationNotFound";
inline constexpr std::string_view partnerNotFound = "partnerNotFound";

// conflict (409)
inline constexpr std::string_view userAlreadyExists = "userAlreadyExists";
inline constexpr std::string_view domainAlreadyExists = "domainAlreadyExists";
inline constexpr std::string_view domainAlreadyVerified = "domainAlreadyVerified";
inline constexpr std::string_view domainInUse = "domainInUse";
inline constexpr std::string_view cannotRemoveDefaultDomain = "cannotRemoveDefaultDomain";
inline constexpr std::string_view cannotRemoveInitialDomain = "cannotRemoveInitialDomain";
inline constexpr std::string_view duplicateDisplayName = "duplicateDisplayName";
inline constexpr std::string_view alreadyMember = "alreadyMember";
inline constexpr std::string_view notAMember = "notAMember";
inline constexpr std::string_view lastGlobalAdministrator = "lastGlobalAdministrator";
inline constexpr std::string_view cannotActOnOwnAccount = "cannotActOnOwnAccount";
inline constexpr std::string_view offerRevoked = "offerRevoked";
inline constexpr std::string_view offerAlreadyAccepted = "offerAlreadyAccepted";
inline constexpr std::string_view offerLinkNotAvailable = "offerLinkNotAvailable";
inline constexpr std::string_view relationshipStatusConflict = "relationshipStatusConflict";
inline constexpr std::string_view approvalLinkAlreadyUsed = "approvalLinkAlreadyUsed";
inline constexpr std::string_view approvalRequestExpired = "approvalRequestExpired";
inline constexpr std::string_view cannotRemoveOnlyRole = "cannotRemoveOnlyRole";
inline constexpr std::string_view duplicateAccessAssignment = "duplicateAccessAssignment";
inline constexpr std::string_view accessAssignmentStatusConflict = "accessAssignmentStatusConflict";
inline constexpr std::string_view insufficientLicenses = "insufficientLicenses";
inline constexpr std::string_view subscriptionExpired = "subscriptionExpired";
inline constexpr std::string_view licenseAlreadyAssigned = "licenseAlreadyAssigned";
inline constexpr std::string_view licenseNotAssigned = "licenseNotAssigned";
inline constexpr std::string_view tenantAlreadyExists = "tenantAlreadyExists";

// internal (500)
inline constexpr std::string_view internalError = "internalError";

}  // namespace delegate::errc

namespace delegate {

inline Error makeError(std::string_view code, std::string message, std::string target = {}) {
  return Error{std::string(code), std::move(message), std::move(target)};
}

}  // namespace delegate
