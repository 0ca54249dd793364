// Public, read-only: GET /api/offers/{token} (who asks, what it would grant; nothing else) and
// GET /api/approvals/{relationshipId}?token=T (what an approval link asks for).
#include <httplib.h>

#include "core/errors.hpp"
#include "core/policy.hpp"
#include "core/sha256.hpp"
#include "server/http_errors.hpp"
#include "server/routes.hpp"
#include "server/secrets.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

nlohmann::json roleJson(Role role) {
  const RoleInfo& info = roleInfo(role);
  return {{"roleDefinitionId", std::string(info.templateId)},
          {"displayName", std::string(info.displayName)},
          {"description", std::string(info.description)}};
}

void getOffer(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  const std::string token = req.matches[1];
  nlohmann::json body;
  bool found = app.domain().read([&](const State& state, std::uint64_t) {
    const Offer* offer = state.findOfferByToken(token);
    if (!offer) return false;
    const Tenant* partner = state.findTenant(offer->partnerId);
    nlohmann::json o = {{"kind", std::string(enumName(offer->kind))},
                        {"status", std::string(enumName(offer->status))},
                        {"includesDelegatedAdmin", offer->includesDelegatedAdmin},
                        {"createdDateTime", formatTimestamp(offer->createdDateTime)}};
    if (offer->kind != OfferKind::delegatedAdmin) {
      o["product"] = offer->product;
      o["licenses"] = offer->licenses;
    }
    if (offer->kind == OfferKind::trialInvitation) o["trialDays"] = offer->trialDays;
    if (offer->kind == OfferKind::purchaseOffer)
      o["pricePerLicenseCents"] = offer->pricePerLicenseCents;
    body["offer"] = o;
    body["partner"] = {{"id", offer->partnerId.str()},
                       {"displayName", partner ? partner->displayName : std::string()}};
    // The roles the partner's people may act with, by their Full or Limited setting.
    nlohmann::json grants = nlohmann::json::array();
    if (offer->includesDelegatedAdmin)
      policy::kDelegatedAdminRoles.forEach([&](Role role) { grants.push_back(roleJson(role)); });
    body["grants"] = grants;
    return true;
  });
  if (!found) {
    sendError(res, errc::offerNotFound,
              "This offer link is not valid. Ask the partner that sent it for a new one.");
    return;
  }
  sendJson(res, 200, body);
}

void getApproval(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto id = RelationshipId::parse(req.matches[1].str());
  const std::string token = req.get_param_value("token");
  nlohmann::json body;
  bool found = id && !token.empty() && app.domain().read([&](const State& state, std::uint64_t) {
    const Relationship* r = state.findRelationship(*id);
    if (!r || r->approvalTokenHash.empty() ||
        !constantTimeEquals(r->approvalTokenHash, delegate::sha256Hex(token)))
      return false;
    const Tenant* partner = state.findTenant(r->partnerTenantId);
    nlohmann::json roles = nlohmann::json::array();
    r->accessDetails.unifiedRoles.forEach([&](Role role) { roles.push_back(roleJson(role)); });
    body = {{"relationship",
             {{"id", r->id.str()},
              {"displayName", r->displayName},
              {"status", std::string(enumName(r->status))},
              {"duration", formatDuration(r->duration)},
              {"autoExtendDuration", formatDuration(r->autoExtendDuration)},
              {"approvalLinkUsed", r->approvalLinkUsed}}},
            {"partner",
             {{"id", r->partnerTenantId.str()},
              {"displayName", partner ? partner->displayName : std::string()}}},
            {"roles", roles}};
    if (r->customer) body["relationship"]["customerTenantId"] = r->customer->tenantId.str();
    return true;
  });
  if (!found) {
    sendError(res, errc::invalidApprovalLink,
              "This approval link is not valid. Ask the partner for a new one.");
    return;
  }
  sendJson(res, 200, body);
}

}  // namespace

void installPublicRoutes(Router& http, ServerApp& app) {
  http.Get(R"(/api/offers/([A-Za-z0-9_-]{1,200}))",
           [&app](const httplib::Request& q, httplib::Response& r) { getOffer(app, q, r); });
  http.Get(R"(/api/approvals/([0-9a-fA-F-]{1,64}))",
           [&app](const httplib::Request& q, httplib::Response& r) { getApproval(app, q, r); });
}

}  // namespace delegate::server
