// /v1.0/groups in the acting tenant: list (with $filter=displayName eq '…', which is how a
// Graph-only script finds the security group an access assignment names), get, and members.
// Read-only here: groups are managed in the app.
#include <httplib.h>

#include "core/errors.hpp"
#include "server/graph_json.hpp"
#include "server/graph_query.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

const std::string kContext = "https://graph.microsoft.com/v1.0/$metadata#";

// The group if it exists in the acting tenant; else a 404 that does not confirm ids elsewhere.
const Group* groupIn(const State& state, const Principal& p, const std::string& idText) {
  auto id = GroupId::parse(idText);
  const Group* g = id ? state.findGroup(*id) : nullptr;
  return g && g->tenantId == p.actingTenant ? g : nullptr;
}

void sendNoGroup(httplib::Response& res, const std::string& idText) {
  sendError(res, errc::groupNotFound,
            "There is no group with id '" + idText.substr(0, 64) + "' in this tenant.");
}

void listGroups(ServerApp& app, const Principal& p, const httplib::Request& req,
                httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"displayName", "createdDateTime"}, {"displayName", "id"});
  if (!query) return;
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    for (GroupId id : state.groupsOf(p.actingTenant))
      if (const Group* g = state.findGroup(id)) items.push_back(withEtag(graphGroup(*g)));
  });
  sendJson(res, 200,
           graphPage(std::move(items), *query, req, kContext + "groups", app.publicUrl()));
}

void getGroup(ServerApp& app, const Principal& p, const httplib::Request& req,
              httplib::Response& res) {
  std::optional<nlohmann::json> out;
  app.domain().read([&](const State& state, std::uint64_t) {
    if (const Group* g = groupIn(state, p, req.matches[1])) out = withEtag(graphGroup(*g));
  });
  if (!out) return sendNoGroup(res, req.matches[1]);
  sendGraphObject(req, res, *out);
}

void listMembers(ServerApp& app, const Principal& p, const httplib::Request& req,
                 httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"displayName", "userPrincipalName"},
                               {"displayName", "userPrincipalName"});
  if (!query) return;
  std::optional<std::vector<nlohmann::json>> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    const Group* g = groupIn(state, p, req.matches[1]);
    if (!g) return;
    items.emplace();
    for (UserId member : g->members)
      if (const User* u = state.findUser(member)) {
        nlohmann::json j = graphUser(*u);
        j["@odata.type"] = "#microsoft.graph.user";
        items->push_back(std::move(j));
      }
  });
  if (!items) return sendNoGroup(res, req.matches[1]);
  sendJson(
      res, 200,
      graphPage(std::move(*items), *query, req, kContext + "directoryObjects", app.publicUrl()));
}

}  // namespace

void installGraphGroupRoutes(Router& http, ServerApp& app) {
  const std::string group = R"(/v1.0/groups/([0-9a-fA-F-]{1,64}))";
  http.Get("/v1.0/groups", directoryRoute(app, listGroups, true));
  http.Get(group, directoryRoute(app, getGroup, true));
  http.Get(group + "/members", directoryRoute(app, listMembers, true));
}

}  // namespace delegate::server
