#include "server/graph_json.hpp"

#include "core/sha256.hpp"

namespace delegate::server {

namespace {

nlohmann::json optionalTime(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(formatTimestamp(*t)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json graphRoles(RoleSet roles) {
  nlohmann::json list = nlohmann::json::array();
  roles.forEach([&](Role r) {
    list.push_back({{"roleDefinitionId", std::string(roleInfo(r).templateId)}});
  });
  return list;
}

nlohmann::json graphRelationship(const Relationship& r) {
  nlohmann::json j = {
      {"@odata.type", "#microsoft.graph.delegatedAdminRelationship"},
      {"id", r.id.str()},
      {"displayName", r.displayName},
      {"duration", formatDuration(r.duration)},
      {"autoExtendDuration", formatDuration(r.autoExtendDuration)},
      {"status", std::string(enumName(r.status))},
      {"accessDetails", {{"unifiedRoles", graphRoles(r.accessDetails.unifiedRoles)}}},
      {"createdDateTime", formatTimestamp(r.createdDateTime)},
      {"lastModifiedDateTime", formatTimestamp(r.lastModifiedDateTime)},
      {"activatedDateTime", optionalTime(r.activatedDateTime)},
      {"endDateTime", optionalTime(r.endDateTime)},
  };
  j["customer"] = r.customer ? nlohmann::json{{"tenantId", r.customer->tenantId.str()},
                                              {"displayName", r.customer->displayName}}
                             : nlohmann::json(nullptr);
  return j;
}

nlohmann::json graphAccessAssignment(const AccessAssignment& a) {
  return {{"@odata.type", "#microsoft.graph.delegatedAdminAccessAssignment"},
          {"id", a.id.str()},
          {"status", std::string(enumName(a.status))},
          {"accessContainer",
           {{"accessContainerId", a.accessContainer.accessContainerId.str()},
            {"accessContainerType", std::string(enumName(a.accessContainer.accessContainerType))}}},
          {"accessDetails", {{"unifiedRoles", graphRoles(a.accessDetails.unifiedRoles)}}},
          {"createdDateTime", formatTimestamp(a.createdDateTime)},
          {"lastModifiedDateTime", formatTimestamp(a.lastModifiedDateTime)}};
}

nlohmann::json graphUser(const User& u) {
  return {
      {"id", u.id.str()},
      {"userPrincipalName", u.userPrincipalName},
      {"displayName", u.displayName},
      {"accountEnabled", u.accountEnabled},
      {"passwordProfile", {{"forceChangePasswordNextSignIn", u.forceChangePasswordNextSignIn}}}};
}

nlohmann::json graphDomain(const Domain& d) {
  return {{"id", d.id},
          {"isVerified", d.isVerified},
          {"isDefault", d.isDefault},
          {"isInitial", d.isInitial},
          {"authenticationType", "Managed"}};
}

nlohmann::json graphGroup(const Group& g) {
  return {{"id", g.id.str()},
          {"displayName", g.displayName},
          {"securityEnabled", true},
          {"mailEnabled", false},
          {"groupTypes", nlohmann::json::array()},
          {"createdDateTime", formatTimestamp(g.createdDateTime)}};
}

std::string etagOf(const nlohmann::json& graphForm) {
  return "W/\"" + delegate::sha256Hex(graphForm.dump()).substr(0, 20) + "\"";
}

nlohmann::json withEtag(nlohmann::json graphForm) {
  std::string etag = etagOf(graphForm);
  graphForm["@odata.etag"] = etag;
  return graphForm;
}

}  // namespace delegate::server
