#include "core/result.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/errors.hpp"

namespace delegate {

bool operator==(const Error& a, const Error& b) {
  return a.code == b.code && a.message == b.message && a.target == b.target;
}

namespace {

using K = ErrorKind;
namespace e = errc;

// Mirrors core/errors.hpp; a linear scan is cheap enough for a few dozen codes on error paths.
const std::pair<std::string_view, ErrorKind> kKinds[] = {
    {e::invalidRequest, K::invalid},
    {e::unknownCommandType, K::invalid},
    {e::unsupportedSchemaVersion, K::invalid},
    {e::invalidDisplayName, K::invalid},
    {e::invalidUserPrincipalName, K::invalid},
    {e::invalidDomainName, K::invalid},
    {e::domainNotVerified, K::invalid},
    {e::domainVerificationFailed, K::invalid},
    {e::reservedDomain, K::invalid},
    {e::invalidDuration, K::invalid},
    {e::invalidAutoExtendDuration, K::invalid},
    {e::autoExtendNotAllowedWithGlobalAdministrator, K::invalid},
    {e::invalidRoles, K::invalid},
    {e::rolesNotInRelationship, K::invalid},
    {e::invalidLicenseCount, K::invalid},
    {e::invalidTrialDays, K::invalid},
    {e::invalidPrice, K::invalid},
    {e::invalidProduct, K::invalid},
    {e::wrongOfferKind, K::invalid},
    {e::signUpRequired, K::invalid},
    {e::signUpNotAllowed, K::invalid},
    {e::clockCannotGoBack, K::invalid},
    {e::notAPartnerTenant, K::invalid},
    {e::notACustomerTenant, K::invalid},
    {e::invalidDeviceId, K::invalid},
    {e::nothingToUpdate, K::invalid},
    {e::weakPassword, K::invalid},
    {e::unauthenticated, K::unauthenticated},
    {e::accountDisabled, K::unauthenticated},
    {e::systemOnly, K::forbidden},
    {e::notAuthorized, K::forbidden},
    {e::insufficientRole, K::forbidden},
    {e::targetTooPrivileged, K::forbidden},
    {e::noActiveRelationship, K::forbidden},
    {e::delegatedAccessNotGranted, K::forbidden},
    {e::notAvailableThroughDelegatedAccess, K::forbidden},
    {e::mdmNotSupportedForDelegatedAccess, K::forbidden},
    {e::partnerNotCertified, K::forbidden},
    {e::invalidApprovalLink, K::forbidden},
    {e::tenantNotFound, K::notFound},
    {e::userNotFound, K::notFound},
    {e::groupNotFound, K::notFound},
    {e::domainNotFound, K::notFound},
    {e::subscriptionNotFound, K::notFound},
    {e::offerNotFound, K::notFound},
    {e::relationshipNotFound, K::notFound},
    {e::accessAssignmentNotFound, K::notFound},
    {e::notificationNotFound, K::notFound},
    {e::partnerNotFound, K::notFound},
    {e::userAlreadyExists, K::conflict},
    {e::domainAlreadyExists, K::conflict},
    {e::domainAlreadyVerified, K::conflict},
    {e::domainInUse, K::conflict},
    {e::cannotRemoveDefaultDomain, K::conflict},
    {e::cannotRemoveInitialDomain, K::conflict},
    {e::duplicateDisplayName, K::conflict},
    {e::alreadyMember, K::conflict},
    {e::notAMember, K::conflict},
    {e::lastGlobalAdministrator, K::conflict},
    {e::cannotActOnOwnAccount, K::conflict},
    {e::offerRevoked, K::conflict},
    {e::offerAlreadyAccepted, K::conflict},
    {e::offerLinkNotAvailable, K::conflict},
    {e::relationshipStatusConflict, K::conflict},
    {e::approvalLinkAlreadyUsed, K::conflict},
    {e::approvalRequestExpired, K::conflict},
    {e::cannotRemoveOnlyRole, K::conflict},
    {e::duplicateAccessAssignment, K::conflict},
    {e::accessAssignmentStatusConflict, K::conflict},
    {e::insufficientLicenses, K::conflict},
    {e::subscriptionExpired, K::conflict},
    {e::licenseAlreadyAssigned, K::conflict},
    {e::licenseNotAssigned, K::conflict},
    {e::tenantAlreadyExists, K::conflict},
    {e::internalError, K::internal},
    {e::dnsLookupFailed, K::internal},
};

}  // namespace

ErrorKind errorKind(std::string_view code) {
  for (const auto& [c, k] : kKinds) {
    if (c == code) return k;
  }
  return ErrorKind::invalid;
}

int httpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::notFound:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

std::string_view errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::unauthenticated:
      return "unauthenticated";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::notFound:
      return "notFound";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace delegate
