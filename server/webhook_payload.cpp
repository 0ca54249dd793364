#include "server/webhook_payload.hpp"

#include <nlohmann/json.hpp>

#include "server/graph_json.hpp"

namespace delegate::server {

std::string webhookBody(const State& state, const WebhookNotice& notice) {
  nlohmann::json data{{"tenantId", notice.partnerTenantId.str()}};
  if (notice.customerTenantId) {
    const Tenant* c = state.findTenant(*notice.customerTenantId);
    data["customer"] = {{"tenantId", notice.customerTenantId->str()},
                        {"displayName", c ? c->displayName : std::string()}};
  }
  if (notice.relationshipId)
    if (const Relationship* r = state.findRelationship(*notice.relationshipId))
      data["delegatedAdminRelationship"] = graphRelationship(*r);
  if (notice.offerId) data["offerId"] = notice.offerId->str();
  if (notice.accessAssignmentId)
    if (const AccessAssignment* a = state.findAccessAssignment(*notice.accessAssignmentId))
      data["delegatedAdminAccessAssignment"] = graphAccessAssignment(*a);
  if (!notice.changeType.empty()) data["changeType"] = notice.changeType;
  nlohmann::json body{{"type", std::string(webhookEventTypeName(notice.type))},
                      {"timestamp", formatTimestamp(notice.at)},
                      {"data", std::move(data)}};
  return body.dump();
}

}  // namespace delegate::server
