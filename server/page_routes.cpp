// GET /api/tenants/{id}/users?search=&orderBy=&offset=&limit=: a page of a client's users,
// searched, sorted and cut by the core (usersPage), so a workspace of 100,000 users is read a
// screenful at a time. GET /api/users?search=&limit=: users of every client the caller may read,
// closest first (searchClientUsers), for quick search.
#include <httplib.h>

#include <string>

#include "core/errors.hpp"
#include "core/scopes.hpp"
#include "server/acting_principal.hpp"
#include "server/context_factory.hpp"
#include "server/decimal.hpp"
#include "server/http_errors.hpp"
#include "server/json_response.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"
#include "server/snapshot_writer.hpp"

namespace delegate::server {

namespace {

bool parseCount(const std::string& text, std::size_t& out) {
  auto v = parseDecimal(text, 9);
  if (v) out = static_cast<std::size_t>(*v);
  return v.has_value();
}

// "displayName", "userPrincipalName desc", ... (Graph's $orderby form).
bool parseOrderBy(const std::string& text, UserPageQuery& q) {
  std::string field = text;
  q.descending = false;
  for (const char* suffix : {" desc", " asc"}) {
    const std::string s = suffix;
    if (field.size() > s.size() && field.compare(field.size() - s.size(), s.size(), s) == 0) {
      q.descending = s == " desc";
      field.resize(field.size() - s.size());
    }
  }
  auto sort = enumFromName<UserSort>(field);
  if (!sort) return false;
  q.sort = *sort;
  return true;
}

void getUsersPage(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return;
  const std::string tenantText = req.matches[1].str();
  auto tenant = TenantId::parse(tenantText);
  if (!tenant) {
    sendError(res, errc::invalidRequest,
              "'" + tenantText.substr(0, 64) + "' is not an organization id (a GUID).", "tenantId");
    return;
  }
  const std::string& scoped = who->first.session.scopeTenant;
  if (!scoped.empty() && TenantId::parse(scoped) != tenant) {
    sendError(res, errc::tokenScopeMismatch,
              "This token is limited to another organization; use one issued for this one.");
    return;
  }
  UserPageQuery q;
  q.search = req.get_param_value("search");
  if (q.search.size() > 256) {
    sendError(res, errc::invalidRequest, "search is at most 256 characters.", "search");
    return;
  }
  if (req.has_param("orderBy") && !parseOrderBy(req.get_param_value("orderBy"), q)) {
    sendError(res, errc::invalidRequest,
              "orderBy must be displayName or userPrincipalName, optionally followed by \" desc\".",
              "orderBy");
    return;
  }
  if (req.has_param("offset") && !parseCount(req.get_param_value("offset"), q.offset)) {
    sendError(res, errc::invalidRequest, "offset must be a number of rows (0 or more).", "offset");
    return;
  }
  if (req.has_param("limit") && !parseCount(req.get_param_value("limit"), q.limit)) {
    sendError(res, errc::invalidRequest, "limit must be a number of rows.", "limit");
    return;
  }
  std::optional<Result<UserPage>> page;
  app.domain().read([&](const State& state, std::uint64_t) {
    page.emplace(usersPage(state, who->second.userId, *tenant, q, nowNotBefore(state.clock)));
  });
  if (!page->ok()) {
    sendError(res, page->error());
    return;
  }
  JsonWriter out;
  writeUserPage(out, page->value());
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(out.text()), kJsonContentType);
}

void getClientUsers(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return;
  if (!who->first.session.scopeTenant.empty()) {
    sendError(res, errc::tokenScopeMismatch,
              "This token is limited to one organization; search its users with "
              "/api/tenants/{id}/users?search=.");
    return;
  }
  std::size_t limit = 30;
  if (req.has_param("limit") && !parseCount(req.get_param_value("limit"), limit)) {
    sendError(res, errc::invalidRequest, "limit must be a number of users.", "limit");
    return;
  }
  std::optional<Result<std::vector<ClientUserHit>>> hits;
  app.domain().read([&](const State& state, std::uint64_t) {
    hits.emplace(searchClientUsers(state, who->second.userId, req.get_param_value("search"), limit,
                                   nowNotBefore(state.clock)));
  });
  if (!hits->ok()) {
    sendError(res, hits->error());
    return;
  }
  JsonWriter out;
  writeClientUserHits(out, hits->value());
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(out.text()), kJsonContentType);
}

}  // namespace

void installPageRoutes(Router& http, ServerApp& app) {
  http.Get(R"(/api/tenants/([^/]+)/users)",
           [&app](const httplib::Request& q, httplib::Response& r) { getUsersPage(app, q, r); });
  http.Get("/api/users",
           [&app](const httplib::Request& q, httplib::Response& r) { getClientUsers(app, q, r); });
}

}  // namespace delegate::server
