// /v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments and /operations,
// and /v1.0/tenantRelationships/delegatedAdminCustomers.
#include <httplib.h>

#include "core/errors.hpp"
#include "server/acting_principal.hpp"
#include "server/context_factory.hpp"
#include "server/graph_json.hpp"
#include "server/graph_query.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

const std::string kBase = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kId = "([0-9a-fA-F-]{1,64})";
const std::string kContext = "https://graph.microsoft.com/v1.0/$metadata#";

using Handler = std::function<void(ServerApp&, const Principal&, RelationshipId,
                                   const httplib::Request&, httplib::Response&)>;

// The caller must manage relationships in their tenant and the relationship must be theirs.
void relationshipRouteNow(ServerApp& app, const Handler& handler, const httplib::Request& req,
                          httplib::Response& res) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return;
  const Principal& p = who->second;
  if (!requireAuthorized(app, p, Action::manageRelationships, p.actingTenant, res)) return;
  auto id = RelationshipId::parse(req.matches[1].str());
  bool own = id && app.domain().read([&](const State& state, std::uint64_t) {
    const Relationship* r = state.findRelationship(*id);
    return r && r->partnerTenantId == p.actingTenant;
  });
  if (!own) {
    sendError(res, errc::relationshipNotFound,
              "There is no relationship with id '" + req.matches[1].str().substr(0, 64) +
                  "' in your tenant.");
    return;
  }
  handler(app, p, *id, req, res);
}

Router::Handler relationshipRoute(ServerApp& app, Handler handler) {
  return [&app, handler](const httplib::Request& req, httplib::Response& res) {
    relationshipRouteNow(app, handler, req, res);
    answerWhenDurable(app, res);
  };
}

std::optional<nlohmann::json> findAssignment(ServerApp& app, RelationshipId rel,
                                             const std::string& idText, httplib::Response& res) {
  auto id = AccessAssignmentId::parse(idText);
  std::optional<nlohmann::json> out;
  if (id)
    app.domain().read([&](const State& state, std::uint64_t) {
      const AccessAssignment* a = state.findAccessAssignment(*id);
      if (a && a->relationshipId == rel) out = withEtag(graphAccessAssignment(*a));
    });
  if (!out)
    sendError(res, errc::accessAssignmentNotFound,
              "There is no access assignment with id '" + idText.substr(0, 64) +
                  "' in this relationship.");
  return out;
}

void list(ServerApp& app, const Principal&, RelationshipId rel, const httplib::Request& req,
          httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"createdDateTime", "status"});
  if (!query) return;
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    for (AccessAssignmentId id : state.assignmentsOf(rel))
      if (const AccessAssignment* a = state.findAccessAssignment(id))
        items.push_back(withEtag(graphAccessAssignment(*a)));
  });
  sendJson(res, 200,
           graphPage(std::move(items), *query, req,
                     kContext + "tenantRelationships/delegatedAdminRelationships('" + rel.str() +
                         "')/accessAssignments",
                     app.publicUrl()));
}

void get(ServerApp& app, const Principal&, RelationshipId rel, const httplib::Request& req,
         httplib::Response& res) {
  if (auto a = findAssignment(app, rel, req.matches[2], res)) sendGraphObject(req, res, *a);
}

void answer(ServerApp& app, RelationshipId rel, AccessAssignmentId id, int status,
            const httplib::Request&, httplib::Response& res) {
  std::optional<nlohmann::json> body;
  app.domain().read([&](const State& state, std::uint64_t) {
    if (const AccessAssignment* a = state.findAccessAssignment(id))
      body = withEtag(graphAccessAssignment(*a));
  });
  if (!body) return sendNoContent(res);
  if (status == 201)
    res.set_header("Location",
                   app.publicUrl() + kBase + "/" + rel.str() + "/accessAssignments/" + id.str());
  res.set_header("ETag", (*body)["@odata.etag"].get<std::string>());
  sendJson(res, status, *body);
}

void create(ServerApp& app, const Principal& p, RelationshipId rel, const httplib::Request& req,
            httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(*body, {"accessContainer", "accessDetails", "@odata.type"}, res)) return;
  CreateAccessAssignment c;
  c.relationshipId = rel;
  const nlohmann::json& container = (*body)["accessContainer"];
  std::string groupText, type = "securityGroup";
  if (!container.is_object() ||
      !readString(container, "accessContainerId", groupText, true, res, 64) ||
      !readString(container, "accessContainerType", type, false, res, 40)) {
    if (!container.is_object())
      sendError(res, errc::invalidRequest,
                "accessContainer must be {\"accessContainerId\": \"<group id>\", "
                "\"accessContainerType\": \"securityGroup\"}.",
                "accessContainer");
    return;
  }
  auto group = GroupId::parse(groupText);
  if (!group || type != "securityGroup") {
    sendError(res, errc::invalidRequest,
              "accessContainer needs a security group's id (a GUID) and type securityGroup.",
              "accessContainer");
    return;
  }
  c.accessContainer.accessContainerId = *group;
  auto roles = readUnifiedRoles((*body)["accessDetails"], res);
  if (!roles) return;
  c.accessDetails.unifiedRoles = *roles;
  auto r = runGraphCommand(app, p, c, {}, res);
  if (!r) return;
  for (const Event& e : r->decision.events)
    if (auto* created = std::get_if<AccessAssignmentCreated>(&e))
      return answer(app, rel, created->accessAssignment.id, 201, req, res);
  sendNoContent(res);
}

void patch(ServerApp& app, const Principal& p, RelationshipId rel, const httplib::Request& req,
           httplib::Response& res) {
  if (!findAssignment(app, rel, req.matches[2], res)) return;
  auto ifMatch = requiredIfMatch(req, res);
  if (!ifMatch) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(*body, {"accessDetails", "@odata.type"}, res)) return;
  auto roles = readUnifiedRoles((*body)["accessDetails"], res);
  if (!roles) return;
  UpdateAccessAssignment u{*AccessAssignmentId::parse(req.matches[2].str()), AccessDetails{*roles}};
  if (!runGraphCommand(app, p, u, *ifMatch, res)) return;
  answer(app, rel, u.accessAssignmentId, 200, req, res);
}

void remove(ServerApp& app, const Principal& p, RelationshipId rel, const httplib::Request& req,
            httplib::Response& res) {
  if (!findAssignment(app, rel, req.matches[2], res)) return;
  auto ifMatch = requiredIfMatch(req, res);
  if (!ifMatch) return;
  DeleteAccessAssignment d{*AccessAssignmentId::parse(req.matches[2].str())};
  if (!runGraphCommand(app, p, d, *ifMatch, res)) return;
  sendNoContent(res);
}

// Our changes apply synchronously, so no long-running operation is ever outstanding.
void operations(ServerApp& app, const Principal&, RelationshipId rel, const httplib::Request& req,
                httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"createdDateTime"});
  if (!query) return;
  sendJson(res, 200,
           graphPage({}, *query, req,
                     kContext + "tenantRelationships/delegatedAdminRelationships('" + rel.str() +
                         "')/operations",
                     app.publicUrl()));
}

// Customers with which the caller's tenant has a relationship that grants access now.
std::vector<nlohmann::json> customersOf(ServerApp& app, const Principal& p) {
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    std::vector<TenantId> seen;
    const Timestamp now = nowNotBefore(state.clock);
    for (RelationshipId id : state.relationshipsOfPartner(p.actingTenant)) {
      const Relationship* r = state.findRelationship(id);
      if (!r || !r->customer || !isEffective(*r, now)) continue;
      TenantId t = r->customer->tenantId;
      if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
      seen.push_back(t);
      const Tenant* tenant = state.findTenant(t);
      items.push_back(
          withEtag({{"@odata.type", "#microsoft.graph.delegatedAdminCustomer"},
                    {"id", t.str()},
                    {"tenantId", t.str()},
                    {"displayName", tenant ? tenant->displayName : r->customer->displayName}}));
    }
  });
  return items;
}

// Only a partner who manages relationships reads its customers.
std::optional<Principal> customerReader(ServerApp& app, const httplib::Request& req,
                                        httplib::Response& res) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return std::nullopt;
  const Principal& p = who->second;
  if (!requireAuthorized(app, p, Action::manageRelationships, p.actingTenant, res))
    return std::nullopt;
  return p;
}

void customers(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = customerReader(app, req, res);
  if (!p) return;
  auto query = parseGraphQuery(req, res, {"displayName"}, {"displayName", "tenantId"});
  if (!query) return;
  std::vector<nlohmann::json> items = customersOf(app, *p);
  sendJson(res, 200,
           graphPage(std::move(items), *query, req,
                     kContext + "tenantRelationships/delegatedAdminCustomers", app.publicUrl()));
}

void customer(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = customerReader(app, req, res);
  if (!p) return;
  for (nlohmann::json& c : customersOf(app, *p))
    if (c["id"] == req.matches[1].str()) return sendGraphObject(req, res, std::move(c));
  sendError(res, errc::tenantNotFound,
            "'" + req.matches[1].str().substr(0, 64) +
                "' is not a customer you have an active relationship with.");
}

}  // namespace

void installGraphAssignmentRoutes(Router& http, ServerApp& app) {
  const std::string assignments = kBase + "/" + kId + "/accessAssignments";
  http.Get(assignments, relationshipRoute(app, list));
  http.Post(assignments, relationshipRoute(app, create));
  http.Get(assignments + "/" + kId, relationshipRoute(app, get));
  http.Patch(assignments + "/" + kId, relationshipRoute(app, patch));
  http.Delete(assignments + "/" + kId, relationshipRoute(app, remove));
  http.Get(kBase + "/" + kId + "/operations", relationshipRoute(app, operations));
  http.Get("/v1.0/tenantRelationships/delegatedAdminCustomers",
           [&app](const httplib::Request& q, httplib::Response& r) {
             customers(app, q, r);
             answerWhenDurable(app, r);
           });
  http.Get("/v1.0/tenantRelationships/delegatedAdminCustomers/" + kId,
           [&app](const httplib::Request& q, httplib::Response& r) {
             customer(app, q, r);
             answerWhenDurable(app, r);
           });
}

}  // namespace delegate::server
