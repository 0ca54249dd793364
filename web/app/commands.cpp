#include "web/app/commands.hpp"

#include "core/policy.hpp"

namespace delegate::web::cmd {

namespace {

json make(const char* type, json fields = json::object()) {
  fields["type"] = type;
  fields["schemaVersion"] = 1;
  return fields;
}
// Directory commands act in a tenant given by the principal, not by the command: the acting
// tenant rides along under kActingTenant and the backend takes it out before sending.
json inTenant(const std::string& tenantId, json command) {
  if (!tenantId.empty()) command[kActingTenant] = tenantId;
  return command;
}
// Auto-extend is off or the core's one length.
std::string autoExtendValue(bool on) {
  return formatDuration(on ? policy::kAutoExtend : Duration{});
}
json unifiedRoles(const std::vector<std::string>& roleIds) {
  json roles = json::array();
  for (const std::string& id : roleIds) roles.push_back({{"roleDefinitionId", id}});
  return {{"unifiedRoles", roles}};
}

}  // namespace

json createDelegatedAdminOffer() {
  return make("createOffer");
}
json revokeOffer(const std::string& offerId) {
  return make("revokeOffer", {{"offerId", offerId}});
}
json revealOfferLink(const std::string& offerId) {
  return make("revealOfferLink", {{"offerId", offerId}});
}
json revealApprovalLink(const std::string& relationshipId) {
  return make("revealApprovalLink", {{"relationshipId", relationshipId}});
}
json createTrialInvitation(const std::string& product, int licenses, int trialDays,
                           bool includeDelegatedAdmin) {
  return make("createTrialInvitation", {{"product", product},
                                        {"licenses", licenses},
                                        {"trialDays", trialDays},
                                        {"includesDelegatedAdmin", includeDelegatedAdmin}});
}
json createPurchaseOffer(const std::string& product, int licenses, const std::string& price,
                         bool includeDelegatedAdmin) {
  // "12.50" -> 1250 cents; anything unreadable goes through as -1 for the core to refuse.
  long long cents = -1;
  {
    long long whole = 0, frac = 0;
    int fracDigits = 0;
    bool ok = !price.empty(), dot = false;
    for (char c : price) {
      if (c == '.' && !dot) {
        dot = true;
      } else if (c >= '0' && c <= '9') {
        if (dot) {
          if (fracDigits < 2) frac = frac * 10 + (c - '0');
          ++fracDigits;
        } else {
          whole = whole * 10 + (c - '0');
          if (whole > 100000000) ok = false;
        }
      } else {
        ok = false;
      }
    }
    if (fracDigits == 1) frac *= 10;
    if (ok && fracDigits <= 2) cents = whole * 100 + frac;
  }
  return make("createPurchaseOffer", {{"product", product},
                                      {"licenses", licenses},
                                      {"pricePerLicenseCents", cents},
                                      {"includesDelegatedAdmin", includeDelegatedAdmin}});
}
json acceptOffer(OfferKind kind, const std::string& token) {
  switch (kind) {
    case OfferKind::trialInvitation:
      return make("acceptTrialInvitation", {{"token", token}});
    case OfferKind::purchaseOffer:
      return make("acceptPurchaseOffer", {{"token", token}});
    case OfferKind::delegatedAdmin:
      break;
  }
  return make("acceptOffer", {{"token", token}});
}
json declineOffer(const std::string& token) {
  return make("declineOffer", {{"token", token}});
}
json signUpForTrial(const std::string& token, const std::string& organizationName,
                    const std::string& domainPrefix, const std::string& userName,
                    const std::string& displayName, const std::string& password) {
  return make("acceptTrialInvitation", {{"token", token},
                                        {"signUp",
                                         {{"organizationName", organizationName},
                                          {"domainPrefix", domainPrefix},
                                          {"userName", userName},
                                          {"displayName", displayName},
                                          {"password", password}}}});
}
json setPartnerAdminAccess(const std::string& userId, PartnerAccess access) {
  return make("setPartnerAdminAccess",
              {{"userId", userId}, {"access", std::string(enumName(access))}});
}
json addUser(const std::string& tenantId, const std::string& upn, const std::string& displayName) {
  return inTenant(tenantId,
                  make("addUser", {{"userPrincipalName", upn}, {"displayName", displayName}}));
}
json updateUser(const std::string& tenantId, const std::string& userId,
                const std::string& displayName) {
  return inTenant(tenantId, make("updateUser", {{"userId", userId}, {"displayName", displayName}}));
}
json setUserEnabled(const std::string& tenantId, const std::string& userId, bool enabled) {
  return inTenant(tenantId, make(enabled ? "enableUser" : "disableUser", {{"userId", userId}}));
}
json deleteUser(const std::string& tenantId, const std::string& userId) {
  return inTenant(tenantId, make("deleteUser", {{"userId", userId}}));
}
json setMultiFactorRequirement(bool required) {
  return make("setMultiFactorRequirement", {{"required", required}});
}

json resetMultiFactor(const std::string& userId) {
  return make("resetMultiFactor", {{"userId", userId}});
}

json resetPassword(const std::string& tenantId, const std::string& userId) {
  return inTenant(tenantId, make("resetPassword", {{"userId", userId}}));
}
json addDomain(const std::string& tenantId, const std::string& name) {
  return inTenant(tenantId, make("addDomain", {{"name", name}}));
}
json verifyDomain(const std::string& tenantId, const std::string& name) {
  return inTenant(tenantId, make("verifyDomain", {{"name", name}}));
}
json removeDomain(const std::string& tenantId, const std::string& name) {
  return inTenant(tenantId, make("removeDomain", {{"name", name}}));
}
json assignLicense(const std::string& tenantId, const std::string& subscriptionId,
                   const std::string& userId) {
  return inTenant(tenantId, make("assignLicenses", {{"userId", userId},
                                                    {"addLicenses", json::array({subscriptionId})},
                                                    {"removeLicenses", json::array()}}));
}
json removeLicense(const std::string& tenantId, const std::string& subscriptionId,
                   const std::string& userId) {
  return inTenant(tenantId,
                  make("assignLicenses", {{"userId", userId},
                                          {"addLicenses", json::array()},
                                          {"removeLicenses", json::array({subscriptionId})}}));
}
json manageDevice(const std::string& tenantId, const std::string& action) {
  if (action == "wipe")
    return inTenant(tenantId, make("wipeDevice", {{"deviceId", "all-devices"}}));
  return inTenant(tenantId, make("listDevices"));
}
json removePartner(const std::string& partnerTenantId) {
  return make("removePartner", {{"partnerTenantId", partnerTenantId}});
}
json createRelationship(const std::string& customerId, const std::string& displayName,
                        const std::vector<std::string>& roleIds, int durationDays,
                        bool autoExtend) {
  json c = make("createRelationship", {{"displayName", displayName},
                                       {"accessDetails", unifiedRoles(roleIds)},
                                       {"duration", formatDuration(Duration::ofDays(durationDays))},
                                       {"autoExtendDuration", autoExtendValue(autoExtend)}});
  if (!customerId.empty()) c["customerTenantId"] = customerId;
  return c;
}
json lockForApproval(const std::string& id) {
  return make("lockForApproval", {{"relationshipId", id}});
}
json approveRelationship(const std::string& id, const std::string& token) {
  return make("approveRelationship", {{"relationshipId", id}, {"token", token}});
}
json declineRelationship(const std::string& id, const std::string& token,
                         const std::string& reason) {
  return make("declineRelationship",
              {{"relationshipId", id}, {"token", token}, {"reason", reason}});
}
json terminateRelationship(const std::string& id) {
  return make("terminateRelationship", {{"relationshipId", id}});
}
json extendRelationship(const std::string& id, bool autoExtend) {
  return make("updateRelationship",
              {{"relationshipId", id}, {"autoExtendDuration", autoExtendValue(autoExtend)}});
}
json removeGlobalAdministrator(const std::string& id) {
  return make("removeGlobalAdministrator", {{"relationshipId", id}});
}
json createAccessAssignment(const std::string& relationshipId, const std::string& groupId,
                            const std::vector<std::string>& roleIds) {
  return make("createAccessAssignment",
              {{"relationshipId", relationshipId},
               {"accessContainer",
                {{"accessContainerId", groupId}, {"accessContainerType", "securityGroup"}}},
               {"accessDetails", unifiedRoles(roleIds)}});
}
json createGroup(const std::string& name) {
  return make("createGroup", {{"displayName", name}});
}
json addGroupMember(const std::string& groupId, const std::string& userId) {
  return make("addGroupMember", {{"groupId", groupId}, {"userId", userId}});
}
json removeGroupMember(const std::string& groupId, const std::string& userId) {
  return make("removeGroupMember", {{"groupId", groupId}, {"userId", userId}});
}
json markNotificationRead(std::uint64_t id) {
  return make("markNotificationRead", {{"notificationId", id}});
}

}  // namespace delegate::web::cmd
