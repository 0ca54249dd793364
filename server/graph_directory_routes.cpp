// /v1.0/users and /v1.0/domains in the acting tenant: with a token scoped to a customer tenant,
// a partner user's delegated calls; otherwise the user's own tenant. Every change is a core
// command, so the core decides (roles, relationship, MDM refusal) and audits it.
#include <httplib.h>

#include "core/errors.hpp"
#include "core/validation.hpp"
#include "server/acting_principal.hpp"
#include "server/dns_resolver.hpp"
#include "server/graph_json.hpp"
#include "server/graph_query.hpp"
#include "server/graph_support.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

const std::string kContext = "https://graph.microsoft.com/v1.0/$metadata#";

std::optional<nlohmann::json> userIn(ServerApp& app, const Principal& p, const std::string& idText,
                                     httplib::Response& res) {
  std::optional<nlohmann::json> out;
  app.domain().read([&](const State& state, std::uint64_t) {
    const User* u = nullptr;
    if (auto id = UserId::parse(idText))
      u = state.findUser(*id);
    else
      u = state.findUserByPrincipalName(idText);  // Graph accepts the UPN in place of the id
    if (u && u->tenantId == p.actingTenant) out = withEtag(graphUser(*u));
  });
  if (!out)
    sendError(res, errc::userNotFound,
              "There is no user '" + idText.substr(0, 120) + "' in this tenant.");
  return out;
}

bool readPasswordProfile(const nlohmann::json& body, std::string& password, bool required,
                         httplib::Response& res) {
  auto it = body.find("passwordProfile");
  if (it == body.end()) {
    if (required)
      sendError(res, errc::invalidRequest, "passwordProfile with a password is required.",
                "passwordProfile");
    return !required;
  }
  if (!it->is_object()) {
    sendError(res, errc::invalidRequest, "passwordProfile must be an object.", "passwordProfile");
    return false;
  }
  if (!onlyKnownMembers(*it, {"password", "forceChangePasswordNextSignIn"}, res)) return false;
  if (!readString(*it, "password", password, true, res, 256)) return false;
  if (delegate::Status ok = validateChosenPassword(password, "passwordProfile"); !ok.ok()) {
    sendCoreError(res, ok.error());
    return false;
  }
  return true;
}

void listUsers(ServerApp& app, const Principal& p, const httplib::Request& req,
               httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"displayName", "userPrincipalName"},
                               {"displayName", "userPrincipalName"});
  if (!query) return;
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    for (UserId id : state.usersOf(p.actingTenant))
      if (const User* u = state.findUser(id)) items.push_back(withEtag(graphUser(*u)));
  });
  sendJson(res, 200, graphPage(std::move(items), *query, req, kContext + "users", app.publicUrl()));
}

void getUser(ServerApp& app, const Principal& p, const httplib::Request& req,
             httplib::Response& res) {
  if (auto u = userIn(app, p, req.matches[1], res)) sendGraphObject(req, res, *u);
}

void createUser(ServerApp& app, const Principal& p, const httplib::Request& req,
                httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(*body,
                        {"accountEnabled", "displayName", "mailNickname", "userPrincipalName",
                         "passwordProfile", "@odata.type"},
                        res))
    return;
  AddUser add;
  std::string password, nickname;
  if (!readString(*body, "userPrincipalName", add.userPrincipalName, true, res, 1000) ||
      !readString(*body, "displayName", add.displayName, true, res, 1000) ||
      !readString(*body, "mailNickname", nickname, false, res, 1000) ||
      !readPasswordProfile(*body, password, true, res))
    return;
  auto r = runGraphCommand(app, p, add, {}, res, password);
  if (!r) return;
  for (const Event& e : r->decision.events)
    if (auto* created = std::get_if<UserCreated>(&e)) {
      nlohmann::json out = withEtag(graphUser(created->user));
      res.set_header("Location", app.publicUrl() + "/v1.0/users/" + created->user.id.str());
      sendJson(res, 201, out);
      return;
    }
  sendNoContent(res);
}

void patchUser(ServerApp& app, const Principal& p, const httplib::Request& req,
               httplib::Response& res) {
  auto current = userIn(app, p, req.matches[1], res);
  if (!current) return;
  UserId id = *UserId::parse((*current)["id"].get<std::string>());
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  if (!onlyKnownMembers(
          *body,
          {"accountEnabled", "displayName", "userPrincipalName", "passwordProfile", "@odata.type"},
          res))
    return;
  std::string ifMatch = req.get_header_value("If-Match");
  UpdateUser update{id, std::nullopt, std::nullopt};
  std::string text;
  if (body->contains("displayName")) {
    if (!readString(*body, "displayName", text, true, res, 1000)) return;
    update.displayName = text;
  }
  if (body->contains("userPrincipalName")) {
    if (!readString(*body, "userPrincipalName", text, true, res, 1000)) return;
    update.userPrincipalName = text;
  }
  std::optional<bool> enabled;
  if (auto it = body->find("accountEnabled"); it != body->end()) {
    if (!it->is_boolean()) {
      sendError(res, errc::invalidRequest, "accountEnabled must be true or false.",
                "accountEnabled");
      return;
    }
    enabled = it->get<bool>();
  }
  std::string password;
  if (!readPasswordProfile(*body, password, false, res)) return;

  // Each part is one core command; together they are one decision under the one If-Match:
  // all applied, or none.
  std::vector<Command> parts;
  if (update.displayName || update.userPrincipalName) parts.push_back(update);
  if (enabled) parts.push_back(*enabled ? Command(EnableUser{id}) : Command(DisableUser{id}));
  if (!password.empty()) parts.push_back(ResetPassword{id});
  if (!parts.empty() && !runGraphCommands(app, p, parts, ifMatch, res, password)) return;
  sendNoContent(res);
}

std::optional<nlohmann::json> domainIn(ServerApp& app, const Principal& p, const std::string& name,
                                       httplib::Response& res) {
  std::optional<nlohmann::json> out;
  app.domain().read([&](const State& state, std::uint64_t) {
    if (const Domain* d = state.findDomain(p.actingTenant, name)) out = withEtag(graphDomain(*d));
  });
  if (!out)
    sendError(res, errc::domainNotFound,
              "There is no domain '" + name.substr(0, 120) + "' in this tenant.");
  return out;
}

void listDomains(ServerApp& app, const Principal& p, const httplib::Request& req,
                 httplib::Response& res) {
  auto query = parseGraphQuery(req, res, {"id"}, {"id"});
  if (!query) return;
  std::vector<nlohmann::json> items;
  app.domain().read([&](const State& state, std::uint64_t) {
    for (const std::string& name : state.domainsOf(p.actingTenant))
      if (const Domain* d = state.findDomain(p.actingTenant, name))
        items.push_back(withEtag(graphDomain(*d)));
  });
  sendJson(res, 200,
           graphPage(std::move(items), *query, req, kContext + "domains", app.publicUrl()));
}

void getDomain(ServerApp& app, const Principal& p, const httplib::Request& req,
               httplib::Response& res) {
  if (auto d = domainIn(app, p, req.matches[1], res)) sendGraphObject(req, res, *d);
}

void createDomain(ServerApp& app, const Principal& p, const httplib::Request& req,
                  httplib::Response& res) {
  auto body = jsonObjectBody(req, res);
  if (!body) return;
  AddDomain add;
  if (!onlyKnownMembers(*body, {"id", "@odata.type"}, res) ||
      !readString(*body, "id", add.name, true, res, 300))
    return;
  auto r = runGraphCommand(app, p, add, {}, res);
  if (!r) return;
  for (const Event& e : r->decision.events)
    if (auto* added = std::get_if<DomainAdded>(&e)) {
      res.set_header("Location", app.publicUrl() + "/v1.0/domains/" + added->domain.id);
      // Not in Graph's domain: the TXT record to publish before verifying.
      nlohmann::json out = withEtag(graphDomain(added->domain));
      out["verificationDnsRecord"] = {{"recordType", "Txt"},
                                      {"label", added->domain.id},
                                      {"text", added->domain.verificationCode}};
      sendJson(res, 201, out);
      return;
    }
  sendNoContent(res);
}

void verifyDomain(ServerApp& app, const Principal& p, const httplib::Request& req,
                  httplib::Response& res) {
  if (!domainIn(app, p, req.matches[1], res)) return;
  Command verify = VerifyDomain{req.matches[1], std::nullopt};
  if (!attachDnsProof(app, p, verify, res)) return;
  if (!runGraphCommand(app, p, verify, req.get_header_value("If-Match"), res)) return;
  if (auto d = domainIn(app, p, req.matches[1], res)) sendJson(res, 200, *d);
}

}  // namespace

void installGraphDirectoryRoutes(Router& http, ServerApp& app) {
  const std::string user = R"(/v1.0/users/([^/]{1,200}))";
  const std::string domain = R"(/v1.0/domains/([A-Za-z0-9.-]{1,253}))";
  http.Get("/v1.0/users", directoryRoute(app, listUsers, true));
  http.Post("/v1.0/users", directoryRoute(app, createUser, false));
  http.Get(user, directoryRoute(app, getUser, true));
  http.Patch(user, directoryRoute(app, patchUser, false));
  http.Get("/v1.0/domains", directoryRoute(app, listDomains, true));
  http.Post("/v1.0/domains", directoryRoute(app, createDomain, false));
  http.Get(domain, directoryRoute(app, getDomain, true));
  http.Post(domain + "/verify", directoryRoute(app, verifyDomain, false));
}

void installGraphRoutes(Router& http, ServerApp& app) {
  installGraphRelationshipRoutes(http, app);
  installGraphAssignmentRoutes(http, app);
  installGraphDirectoryRoutes(http, app);
  installGraphGroupRoutes(http, app);
}

}  // namespace delegate::server
