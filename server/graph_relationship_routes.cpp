// /v1.0/tenantRelationships: delegatedAdminRelationships (list, get, create, PATCH, DELETE), their
// requests (lockForApproval, terminate), accessAssignments and operations, and
// delegatedAdminCustomers. The caller acts in their own partner tenant.
#include <httplib.h>

#include "core/errors.hpp"
#include "core/policy.hpp"
#include "core/read_model.hpp"
#include "core/sha256.hpp"
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
const std::string kIdPattern = "([0-9a-fA-F-]{1,64})";
const std::string kContext = "https://graph.microsoft.com/v1.0/$metadata#";

using Handler =
    std::function<void(ServerApp&, const Principal&, const httplib::Request&, httplib::Response&)>;

// Every route here needs a partner user allowed to manage relationships in their tenant.
Router::Handler partnerRoute(ServerApp& app, Handler handler) {
  return [&app, handler](const httplib::Request& req, httplib::Response& res) {
    auto who = requirePrincipal(app, req, res);
    if (!who) return;
    if (requireAuthorized(app, who->second, Action::manageRelationships, who->second.actingTenant,
                          res))
      handler(app, who->second, req, res);
    answerWhenDurable(app, res);
  };
}

// The relationship if it exists and belongs to the caller's tenant; else a 404 (the same answer
// whether it belongs to someone else or does not exist, so ids are not confirmed to outsiders).
std::optional<nlohmann::json> ownRelationship(ServerApp& app, const Principal& p,
                                              const std::string& idText, httplib::Response& res) {
  auto id = RelationshipId::parse(idText);
  std::optional<nlohmann::json> out;
  if (id)
    app.domain().read([&](const State& state, std::uint64_t) {
      const Relationship* r = state.findRelationship(*id);
      if (r && r->partnerTenantId == p.actingTenant) out = withEtag(graphRelationship(*r));
    });
  if (!out)
    sendError(res, errc::relationshipNotFound,
              "There is no relationship with id '" + idText.substr(0, 64) + "' in your tenant.");
  return out;
}

std::optional<RelationshipId> idOf(const std::string& text) {
  return RelationshipId::parse(text);
}

// Each action happens at most once in a relationship's life, so a request is identified by the
// relationship and the action: the id is derived, and the request is read back from the
// relationship's own record (no second store that could disagree with it).
std::string requestId(RelationshipId rel, const std::string& action) {
  std::string h = sha256Hex(rel.str() + "/requests/" + action);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

nlohmann::json graphRequest(RelationshipId rel, const std::string& action, Timestamp at) {
  return {{"@odata.type", "#microsoft.graph.delegatedAdminRelationshipRequest"},
          {"id", requestId(rel, action)},
          {"action", action},
          {"status", "succeeded"},
          {"createdDateTime", formatTimestamp(at)},
          {"lastModifiedDateTime", formatTimestamp(at)}};
}

// The requests a relationship's record shows were made: locked for approval, terminated.
std::vector<nlohmann::json> requestsOf(const Relationship& r) {
  std::vector<nlohmann::json> out;
  if (r.lockedForApprovalDateTime)
    out.push_back(graphRequest(r.id, "lockForApproval", *r.lockedForApprovalDateTime));
  if (r.status == RelationshipStatus::terminationRequested ||
      r.status == RelationshipStatus::terminating || r.status == RelationshipStatus::terminated)
    out.push_back(graphRequest(r.id, "terminate", r.lastModifiedDateTime));
  return out;
}

std::vector<nlohmann::json> requestsOf(ServerApp& app, RelationshipId id) {
  return app.domain().read([&](const State& state, std::uint64_t) {
    const Relationship* r = state.findRelationship(id);
    return r ? requestsOf(*r) : std::vector<nlohmann::json>{};
  });
}

void list(ServerApp& app, const Principal& p, const httplib::Request& req, httplib::Response& res) {
  auto query =
      parseGraphQuery(req, res, {"displayName", "createdDateTime", "endDateTime", "status"},
                      {"status", "displayName"});
  if (!query) return;
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    for (RelationshipId id : state.relationshipsOfPartner(p.actingTenant))
      if (const Relationship* r = state.findRelationship(id);
          r && r->kind == RelationshipKind::granular)
        items.push_back(withEtag(graphRelationship(*r)));
  });
  sendJson(
      res, 200,
      graphPage(std::move(items), *query, req,
                kContext + "tenantRelationships/delegatedAdminRelationships", app.publicUrl()));
}

void get(ServerApp& app, const Principal& p, const httplib::Request& req, httplib::Response& res) {
  if (auto r = ownRelationship(app, p, req.matches[1], res)) sendGraphObject(req, res, *r);
}

void listRequests(ServerApp& app, const Principal& p, const httplib::Request& req,
                  httplib::Response& res) {
  if (!ownRelationship(app, p, req.matches[1], res)) return;
  auto query = parseGraphQuery(req, res, {"createdDateTime", "action"}, {"action", "status"});
  if (!query) return;
  sendJson(res, 200,
           graphPage(requestsOf(app, *idOf(req.matches[1])), *query, req,
                     kContext + "tenantRelationships/delegatedAdminRelationships('" +
                         req.matches[1].str() + "')/requests",
                     app.publicUrl()));
}

// Not in Graph: the single-use link the customer's Global Administrator approves with.
std::string approvalLinkOf(ServerApp& app, RelationshipId id, const std::string& token) {
  return app.publicUrl() + "/relationship/" + id.str() + "/approve?token=" + token;
}

// The approval link again, for whoever may give it (the partner's administrators) while the
// request waits; nothing for anyone else. Revealing it is audited like any command.
std::optional<std::string> revealedApprovalLink(ServerApp& app, const Principal& p,
                                                RelationshipId id) {
  ExecuteResult r = app.executor().executeAll(p, {RevealApprovalLink{id}}, "", "");
  if (r.outcome != ExecuteResult::Outcome::decided || !r.decision.ok()) return std::nullopt;
  for (const IssuedSecret& s : r.decision.secrets)
    if (s.kind == SecretKind::approvalToken) return approvalLinkOf(app, id, s.value);
  return std::nullopt;
}

void getRequest(ServerApp& app, const Principal& p, const httplib::Request& req,
                httplib::Response& res) {
  if (!ownRelationship(app, p, req.matches[1], res)) return;
  const RelationshipId id = *idOf(req.matches[1]);
  for (nlohmann::json& r : requestsOf(app, id)) {
    if (r["id"] != req.matches[2].str()) continue;
    // Only when the core would give it (a refusal would be audited on every read of an old
    // request).
    const bool waiting = app.domain().read([&](const State& state, std::uint64_t) {
      const Relationship* rel = state.findRelationship(id);
      return rel && allowedOperations(*rel, nowNotBefore(state.clock)).revealApprovalLink;
    });
    if (r["action"] == "lockForApproval" && waiting)
      if (auto link = revealedApprovalLink(app, p, id)) r["approvalLink"] = *link;
    return sendGraphObject(req, res, std::move(r));
  }
  sendError(res, errc::notFound,
            "There is no request with id '" + req.matches[2].str().substr(0, 64) +
                "' in this relationship.");
}

void answerRelationship(ServerApp& app, RelationshipId id, int status, httplib::Response& res,
                        const httplib::Request&) {
  std::optional<nlohmann::json> body;
  app.domain().read([&](const State& state, std::uint64_t) {
    if (const Relationship* r = state.findRelationship(id)) body = withEtag(graphRelationship(*r));
  });
  if (!body) {
    sendNoContent(res);
    return;
  }
  if (status == 201) res.set_header("Location", app.publicUrl() + kBase + "/" + id.str());
  res.set_header("ETag", (*body)["@odata.etag"].get<std::string>());
  sendJson(res, status, *body);
}

void create(ServerApp& app, const Principal& p, const httplib::Request& req,
            httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(*body,
                        {"displayName", "duration", "customer", "accessDetails",
                         "autoExtendDuration", "@odata.type"},
                        res))
    return;
  CreateRelationship c;
  if (!readString(*body, "displayName", c.displayName, true, res, 1000)) return;
  if (!body->contains("duration")) {
    sendError(res, errc::invalidDuration, "duration is required (" + policy::durationRange() + ").",
              "duration");
    return;
  }
  auto duration = readDuration(*body, "duration", res);
  if (!duration) return;
  c.duration = *duration;
  if (body->contains("autoExtendDuration")) {
    auto autoExtend = readDuration(*body, "autoExtendDuration", res);
    if (!autoExtend) return;
    c.autoExtendDuration = *autoExtend;
  }
  if (!body->contains("accessDetails")) {
    sendError(res, errc::invalidRoles, "accessDetails with at least one role is required.",
              "accessDetails");
    return;
  }
  auto roles = readUnifiedRoles((*body)["accessDetails"], res);
  if (!roles) return;
  c.accessDetails.unifiedRoles = *roles;
  if (auto it = body->find("customer"); it != body->end() && !it->is_null()) {
    std::string tenant;
    if (!it->is_object() || !readString(*it, "tenantId", tenant, true, res, 64)) {
      if (!it->is_object())
        sendError(res, errc::invalidRequest, "customer must be {\"tenantId\": \"...\"}.",
                  "customer");
      return;
    }
    auto tenantId = TenantId::parse(tenant);
    if (!tenantId) {
      sendError(res, errc::invalidRequest, "customer.tenantId must be a GUID.", "customer");
      return;
    }
    c.customerTenantId = *tenantId;
  }
  auto r = runGraphCommand(app, p, c, {}, res);
  if (!r) return;
  for (const Event& e : r->decision.events)
    if (auto* created = std::get_if<RelationshipCreated>(&e))
      return answerRelationship(app, created->relationship.id, 201, res, req);
  sendNoContent(res);
}

void patch(ServerApp& app, const Principal& p, const httplib::Request& req,
           httplib::Response& res) {
  if (!ownRelationship(app, p, req.matches[1], res)) return;
  auto ifMatch = requiredIfMatch(req, res);
  if (!ifMatch) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(*body,
                        {"displayName", "duration", "accessDetails", "autoExtendDuration",
                         "@odata.type", "customer"},
                        res))
    return;
  UpdateRelationship u;
  u.relationshipId = *idOf(req.matches[1]);
  if (body->contains("displayName")) {
    std::string name;
    if (!readString(*body, "displayName", name, true, res, 1000)) return;
    u.displayName = name;
  }
  if (body->contains("duration")) {
    auto d = readDuration(*body, "duration", res);
    if (!d) return;
    u.duration = *d;
  }
  if (body->contains("autoExtendDuration")) {
    auto d = readDuration(*body, "autoExtendDuration", res);
    if (!d) return;
    u.autoExtendDuration = *d;
  }
  if (body->contains("accessDetails")) {
    auto roles = readUnifiedRoles((*body)["accessDetails"], res);
    if (!roles) return;
    u.accessDetails = AccessDetails{*roles};
  }
  if (!runGraphCommand(app, p, u, *ifMatch, res)) return;
  answerRelationship(app, u.relationshipId, 200, res, req);
}

void remove(ServerApp& app, const Principal& p, const httplib::Request& req,
            httplib::Response& res) {
  if (!ownRelationship(app, p, req.matches[1], res)) return;
  auto ifMatch = requiredIfMatch(req, res);
  if (!ifMatch) return;
  DeleteRelationship d{*idOf(req.matches[1])};
  if (!runGraphCommand(app, p, d, *ifMatch, res)) return;
  sendNoContent(res);
}

// POST .../{id}/requests {"action": "lockForApproval" | "terminate"}
void request(ServerApp& app, const Principal& p, const httplib::Request& req,
             httplib::Response& res) {
  if (!ownRelationship(app, p, req.matches[1], res)) return;
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  std::string action;
  if (!onlyKnownMembers(*body, {"action"}, res) ||
      !readString(*body, "action", action, true, res, 40))
    return;
  RelationshipId id = *idOf(req.matches[1]);
  Command command = LockForApproval{id};
  if (action == "terminate")
    command = TerminateRelationship{id};
  else if (action != "lockForApproval") {
    sendError(res, errc::invalidRequest,
              "action must be lockForApproval or terminate, got '" + action.substr(0, 40) + "'.",
              "action");
    return;
  }
  auto r = runGraphCommand(app, p, command, req.get_header_value("If-Match"), res);
  if (!r) return;
  nlohmann::json out = graphRequest(id, action, serverNow(app));
  for (nlohmann::json& made : requestsOf(app, id))
    if (made["action"] == action) out = std::move(made);
  res.set_header("Location", app.publicUrl() + kBase + "/" + id.str() + "/requests/" +
                                 out["id"].get<std::string>());
  for (const IssuedSecret& s : r->decision.secrets)
    if (s.kind == SecretKind::approvalToken) out["approvalLink"] = approvalLinkOf(app, id, s.value);
  sendJson(res, 201, out);
}

}  // namespace

void installGraphRelationshipRoutes(Router& http, ServerApp& app) {
  http.Get(kBase, partnerRoute(app, list));
  http.Post(kBase, partnerRoute(app, create));
  http.Get(kBase + "/" + kIdPattern, partnerRoute(app, get));
  http.Patch(kBase + "/" + kIdPattern, partnerRoute(app, patch));
  http.Delete(kBase + "/" + kIdPattern, partnerRoute(app, remove));
  http.Post(kBase + "/" + kIdPattern + "/requests", partnerRoute(app, request));
  http.Get(kBase + "/" + kIdPattern + "/requests", partnerRoute(app, listRequests));
  http.Get(kBase + "/" + kIdPattern + "/requests/" + kIdPattern, partnerRoute(app, getRequest));
}

}  // namespace delegate::server
