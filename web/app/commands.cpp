#include "web/app/commands.hpp"

namespace delegate::web::cmd {

namespace {
json make(const char* type, json fields = json::object()) {
  fields["type"] = type;
  return fields;
}
}  // namespace

json createDelegatedAdminOffer() {
  return make("CreateOffer", {{"kind", "delegatedAdmin"}});
}
json revokeOffer(const std::string& offerId) {
  return make("RevokeOffer", {{"offerId", offerId}});
}
json createTrialInvitation(const std::string& product, int licenses, int trialDays,
                           bool includeDelegatedAdmin) {
  return make("CreateOffer", {{"kind", "trial"},
                              {"product", product},
                              {"licenses", licenses},
                              {"trialDays", trialDays},
                              {"includeDelegatedAdmin", includeDelegatedAdmin}});
}
json createPurchaseOffer(const std::string& product, int licenses, const std::string& price,
                         bool includeDelegatedAdmin) {
  return make("CreateOffer", {{"kind", "purchase"},
                              {"product", product},
                              {"licenses", licenses},
                              {"price", price},
                              {"includeDelegatedAdmin", includeDelegatedAdmin}});
}
json acceptOffer(const std::string& token) {
  return make("AcceptOffer", {{"token", token}});
}
json declineOffer(const std::string& token) {
  return make("DeclineOffer", {{"token", token}});
}
json setPartnerAdminAccess(const std::string& userId, int level) {
  static const char* names[] = {"none", "full", "limited"};
  return make("SetPartnerAdminAccess", {{"userId", userId}, {"access", names[level % 3]}});
}
json addUser(const std::string& tenantId, const std::string& upn, const std::string& displayName) {
  return make("AddUser",
              {{"tenantId", tenantId}, {"userPrincipalName", upn}, {"displayName", displayName}});
}
json updateUser(const std::string& tenantId, const std::string& userId,
                const std::string& displayName) {
  return make("UpdateUser",
              {{"tenantId", tenantId}, {"userId", userId}, {"displayName", displayName}});
}
json setUserEnabled(const std::string& tenantId, const std::string& userId, bool enabled) {
  return make("UpdateUser", {{"tenantId", tenantId}, {"userId", userId}, {"enabled", enabled}});
}
json deleteUser(const std::string& tenantId, const std::string& userId) {
  return make("DeleteUser", {{"tenantId", tenantId}, {"userId", userId}});
}
json resetPassword(const std::string& tenantId, const std::string& userId) {
  return make("ResetPassword", {{"tenantId", tenantId}, {"userId", userId}});
}
json addDomain(const std::string& tenantId, const std::string& name) {
  return make("AddDomain", {{"tenantId", tenantId}, {"domain", name}});
}
json verifyDomain(const std::string& tenantId, const std::string& name) {
  return make("VerifyDomain", {{"tenantId", tenantId}, {"domain", name}});
}
json removeDomain(const std::string& tenantId, const std::string& name) {
  return make("RemoveDomain", {{"tenantId", tenantId}, {"domain", name}});
}
json assignLicense(const std::string& tenantId, const std::string& subscriptionId,
                   const std::string& userId) {
  return make("AssignLicense",
              {{"tenantId", tenantId}, {"subscriptionId", subscriptionId}, {"userId", userId}});
}
json manageDevice(const std::string& tenantId, const std::string& action) {
  return make("ManageDevice", {{"tenantId", tenantId}, {"action", action}});
}
json removePartner(const std::string& partnerTenantId) {
  return make("RemovePartner", {{"partnerTenantId", partnerTenantId}});
}
json createRelationship(const std::string& customerId, const std::string& displayName,
                        const std::vector<std::string>& roleIds, int durationDays,
                        bool autoExtend) {
  return make("CreateRelationship", {{"customerTenantId", customerId},
                                     {"displayName", displayName},
                                     {"roles", roleIds},
                                     {"duration", "P" + std::to_string(durationDays) + "D"},
                                     {"autoExtendDuration", autoExtend ? "P180D" : "PT0S"}});
}
json lockForApproval(const std::string& id) {
  return make("LockForApproval", {{"relationshipId", id}});
}
json approveRelationship(const std::string& id) {
  return make("ApproveRelationship", {{"relationshipId", id}});
}
json terminateRelationship(const std::string& id) {
  return make("TerminateRelationship", {{"relationshipId", id}});
}
json extendRelationship(const std::string& id, bool autoExtend) {
  return make("UpdateRelationship",
              {{"relationshipId", id}, {"autoExtendDuration", autoExtend ? "P180D" : "PT0S"}});
}
json removeGlobalAdministrator(const std::string& id) {
  return make("RemoveGlobalAdministrator", {{"relationshipId", id}});
}
json createAccessAssignment(const std::string& relationshipId, const std::string& groupId,
                            const std::vector<std::string>& roleIds) {
  return make("CreateAccessAssignment",
              {{"relationshipId", relationshipId}, {"groupId", groupId}, {"roles", roleIds}});
}
json createGroup(const std::string& name) {
  return make("CreateGroup", {{"displayName", name}});
}
json addGroupMember(const std::string& groupId, const std::string& userId) {
  return make("AddGroupMember", {{"groupId", groupId}, {"userId", userId}});
}
json removeGroupMember(const std::string& groupId, const std::string& userId) {
  return make("RemoveGroupMember", {{"groupId", groupId}, {"userId", userId}});
}
json markNotificationsRead() {
  return make("MarkNotificationsRead");
}

}  // namespace delegate::web::cmd
