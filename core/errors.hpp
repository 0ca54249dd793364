#pragma once
// The catalog of error codes the core and the server emit.
#include <string>
#include <string_view>

#include "core/result.hpp"

// One line per code: its name (the wire string) and its kind (which fixes the HTTP status, see
// httpStatus). Everything that emits an error, core or server, names a code from this list, so
// a status and a code can never disagree and a code the catalog lacks does not compile.
// Codes are part of the public API: clients branch on them, so they never change once shipped.
#define DELEGATE_ERROR_CATALOG(X)                         \
  X(invalidRequest, invalid)                              \
  X(unknownCommandType, invalid)                          \
  X(unsupportedSchemaVersion, invalid)                    \
  X(invalidDisplayName, invalid)                          \
  X(invalidUserPrincipalName, invalid)                    \
  X(invalidDomainName, invalid)                           \
  X(domainNotVerified, invalid)                           \
  X(domainVerificationFailed, invalid)                    \
  X(reservedDomain, invalid)                              \
  X(invalidDuration, invalid)                             \
  X(invalidAutoExtendDuration, invalid)                   \
  X(autoExtendNotAllowedWithGlobalAdministrator, invalid) \
  X(invalidRoles, invalid)                                \
  X(rolesNotInRelationship, invalid)                      \
  X(invalidLicenseCount, invalid)                         \
  X(invalidTrialDays, invalid)                            \
  X(invalidPrice, invalid)                                \
  X(invalidProduct, invalid)                              \
  X(wrongOfferKind, invalid)                              \
  X(signUpRequired, invalid)                              \
  X(signUpNotAllowed, invalid)                            \
  X(clockCannotGoBack, invalid)                           \
  X(notAPartnerTenant, invalid)                           \
  X(notACustomerTenant, invalid)                          \
  X(invalidDeviceId, invalid)                             \
  X(nothingToUpdate, invalid)                             \
  X(invalidWebhookUrl, invalid)                           \
  X(invalidWebhookEventTypes, invalid)                    \
  X(invalidReason, invalid)                               \
  X(weakPassword, invalid)                                \
  X(invalidJson, invalid)                                 \
  X(unknownField, invalid)                                \
  X(duplicateField, invalid)                              \
  X(provenByItsOwnRoute, invalid)                         \
  X(invalidMultiFactorCode, invalid)                      \
  X(unauthenticated, unauthenticated)                     \
  X(accountDisabled, unauthenticated)                     \
  X(invalidCredentials, unauthenticated)                  \
  X(multiFactorCodeRequired, unauthenticated)             \
  X(systemOnly, forbidden)                                \
  X(notAuthorized, forbidden)                             \
  X(insufficientRole, forbidden)                          \
  X(targetTooPrivileged, forbidden)                       \
  X(noActiveRelationship, forbidden)                      \
  X(delegatedAccessNotGranted, forbidden)                 \
  X(notAvailableThroughDelegatedAccess, forbidden)        \
  X(mdmNotSupportedForDelegatedAccess, forbidden)         \
  X(partnerNotCertified, forbidden)                       \
  X(currentPasswordIncorrect, forbidden)                  \
  X(csrfTokenMissing, forbidden)                          \
  X(tokenScopeMismatch, forbidden)                        \
  X(multiFactorRequired, forbidden)                       \
  X(invalidApprovalLink, notFound)                        \
  X(tenantNotFound, notFound)                             \
  X(userNotFound, notFound)                               \
  X(groupNotFound, notFound)                              \
  X(domainNotFound, notFound)                             \
  X(subscriptionNotFound, notFound)                       \
  X(offerNotFound, notFound)                              \
  X(relationshipNotFound, notFound)                       \
  X(accessAssignmentNotFound, notFound)                   \
  X(notificationNotFound, notFound)                       \
  X(partnerNotFound, notFound)                            \
  X(notFound, notFound)                                   \
  X(mailNotFound, notFound)                               \
  X(webhookNotFound, notFound)                            \
  X(tokenNotFound, notFound)                              \
  X(userAlreadyExists, conflict)                          \
  X(domainAlreadyExists, conflict)                        \
  X(domainAlreadyVerified, conflict)                      \
  X(domainInUse, conflict)                                \
  X(cannotRemoveDefaultDomain, conflict)                  \
  X(cannotRemoveInitialDomain, conflict)                  \
  X(duplicateDisplayName, conflict)                       \
  X(alreadyMember, conflict)                              \
  X(notAMember, conflict)                                 \
  X(lastGlobalAdministrator, conflict)                    \
  X(cannotActOnOwnAccount, conflict)                      \
  X(offerRevoked, conflict)                               \
  X(offerAlreadyAccepted, conflict)                       \
  X(offerLinkNotAvailable, conflict)                      \
  X(approvalLinkNotAvailable, conflict)                   \
  X(relationshipStatusConflict, conflict)                 \
  X(approvalLinkAlreadyUsed, conflict)                    \
  X(approvalRequestExpired, conflict)                     \
  X(cannotRemoveOnlyRole, conflict)                       \
  X(duplicateAccessAssignment, conflict)                  \
  X(accessAssignmentStatusConflict, conflict)             \
  X(insufficientLicenses, conflict)                       \
  X(subscriptionExpired, conflict)                        \
  X(licenseAlreadyAssigned, conflict)                     \
  X(licenseNotAssigned, conflict)                         \
  X(tenantAlreadyExists, conflict)                        \
  X(staleVersion, conflict)                               \
  X(mailNotConfigured, conflict)                          \
  X(mailAlreadySent, conflict)                            \
  X(tooManyWebhookEndpoints, conflict)                    \
  X(webhookDeliveryNotRetryable, conflict)                \
  X(multiFactorNotStarted, conflict)                      \
  X(multiFactorAlreadyRegistered, conflict)               \
  X(multiFactorNotRegistered, conflict)                   \
  X(preconditionFailed, preconditionFailed)               \
  X(preconditionRequired, preconditionRequired)           \
  X(requestTooLarge, payloadTooLarge)                     \
  X(unsupportedMediaType, unsupportedMediaType)           \
  X(tooManySignInAttempts, tooManyRequests)               \
  X(internalError, internal)                              \
  X(requestFailed, internal)                              \
  X(dnsLookupFailed, unavailable)                         \
  X(serviceUnavailable, unavailable)

namespace delegate::errc {

#define DELEGATE_ERROR_CONSTANT(name, kind) inline constexpr std::string_view name = #name;
DELEGATE_ERROR_CATALOG(DELEGATE_ERROR_CONSTANT)
#undef DELEGATE_ERROR_CONSTANT

}  // namespace delegate::errc

namespace delegate {

inline Error makeError(std::string_view code, std::string message, std::string target = {}) {
  return Error{std::string(code), std::move(message), std::move(target)};
}

}  // namespace delegate
