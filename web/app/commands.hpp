#pragma once
// The JSON form of the core's commands, built in one place so views never spell a wire format.
// (Field names follow core/command_json; see the core's Command variant.)
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/entities.hpp"

namespace delegate::web::cmd {

using nlohmann::json;

// Key under which a directory command carries the tenant it acts in (removed before sending).
inline constexpr const char* kActingTenant = "$actingTenant";

json createDelegatedAdminOffer();
json revokeOffer(const std::string& offerId);
json revealOfferLink(const std::string& offerId);
json revealApprovalLink(const std::string& relationshipId);
json createTrialInvitation(const std::string& product, int licenses, int trialDays,
                           bool includeDelegatedAdmin);
json createPurchaseOffer(const std::string& product, int licenses, const std::string& price,
                         bool includeDelegatedAdmin);
json acceptOffer(OfferKind kind, const std::string& token);  // each kind has its command
json declineOffer(const std::string& token);
json signUpForTrial(const std::string& token, const std::string& organizationName,
                    const std::string& domainPrefix, const std::string& userName,
                    const std::string& displayName, const std::string& password);
json setPartnerAdminAccess(const std::string& userId, PartnerAccess access);
json addUser(const std::string& tenantId, const std::string& upn, const std::string& displayName);
json updateUser(const std::string& tenantId, const std::string& userId,
                const std::string& displayName);
json setUserEnabled(const std::string& tenantId, const std::string& userId, bool enabled);
json deleteUser(const std::string& tenantId, const std::string& userId);
json resetPassword(const std::string& tenantId, const std::string& userId);
json setMultiFactorRequirement(bool required);
json resetMultiFactor(const std::string& userId);
json addDomain(const std::string& tenantId, const std::string& name);
json verifyDomain(const std::string& tenantId, const std::string& name);
json removeDomain(const std::string& tenantId, const std::string& name);
json assignLicense(const std::string& tenantId, const std::string& subscriptionId,
                   const std::string& userId);
json removeLicense(const std::string& tenantId, const std::string& subscriptionId,
                   const std::string& userId);
json manageDevice(const std::string& tenantId, const std::string& action);
json removePartner(const std::string& partnerTenantId);
json createRelationship(const std::string& customerId, const std::string& displayName,
                        const std::vector<std::string>& roleIds, int durationDays, bool autoExtend);
json lockForApproval(const std::string& relationshipId);
json approveRelationship(const std::string& relationshipId, const std::string& token);
json declineRelationship(const std::string& relationshipId, const std::string& token,
                         const std::string& reason);
json terminateRelationship(const std::string& relationshipId);
json extendRelationship(const std::string& relationshipId, bool autoExtend);
json removeGlobalAdministrator(const std::string& relationshipId);
json createAccessAssignment(const std::string& relationshipId, const std::string& groupId,
                            const std::vector<std::string>& roleIds);
json createGroup(const std::string& name);
json addGroupMember(const std::string& groupId, const std::string& userId);
json removeGroupMember(const std::string& groupId, const std::string& userId);
json markNotificationRead(std::uint64_t id);

}  // namespace delegate::web::cmd
