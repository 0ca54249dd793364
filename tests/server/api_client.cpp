#include "api_client.hpp"

#include "api_sign_in.hpp"

#include <catch2/catch.hpp>

namespace delegate::testing {

namespace {

Reply toReply(const httplib::Result& r) {
  Reply out;
  if (!r) return out;
  out.status = r->status;
  out.text = r->body;
  out.headers = r->headers;
  out.body = nlohmann::json::parse(r->body, nullptr, false);
  if (out.body.is_discarded()) out.body = nullptr;
  return out;
}

}  // namespace

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::code() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object() &&
      body["error"].contains("code") && body["error"]["code"].is_string())
    return body["error"]["code"].get<std::string>();
  return {};
}

httplib::Headers Api::headers(const std::string& ifMatch) const {
  httplib::Headers h;
  if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
  if (!cookie.empty()) h.emplace("Cookie", "delegate_session=" + cookie);
  if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
  if (!actingTenant.empty()) h.emplace("X-Acting-Tenant", actingTenant);
  if (!ifMatch.empty()) h.emplace("If-Match", ifMatch);
  if (!forwardedFor.empty()) h.emplace("X-Forwarded-For", forwardedFor);
  return h;
}

static httplib::Client makeClient(const std::string& base) {
  httplib::Client c(base);
  // The TLS tests check the certificate themselves; here only the API is under test.
  c.enable_server_certificate_verification(false);
  c.set_tcp_nodelay(true);
  c.set_connection_timeout(5);
  c.set_read_timeout(40);
  return c;
}

Reply Api::get(const std::string& path) const {
  auto c = makeClient(base_);
  return toReply(c.Get(path.c_str(), headers({})));
}

Reply Api::post(const std::string& path, const nlohmann::json& body,
                const std::string& ifMatch) const {
  auto c = makeClient(base_);
  return toReply(c.Post(path.c_str(), headers(ifMatch), body.dump(), "application/json"));
}

Reply Api::postRaw(const std::string& path, const std::string& body,
                   const std::string& contentType) const {
  auto c = makeClient(base_);
  return toReply(c.Post(path.c_str(), headers({}), body, contentType.c_str()));
}

Reply Api::patch(const std::string& path, const nlohmann::json& body,
                 const std::string& ifMatch) const {
  auto c = makeClient(base_);
  return toReply(c.Patch(path.c_str(), headers(ifMatch), body.dump(), "application/json"));
}

Reply Api::del(const std::string& path, const std::string& ifMatch) const {
  auto c = makeClient(base_);
  return toReply(c.Delete(path.c_str(), headers(ifMatch)));
}

Reply Api::command(const std::string& type, nlohmann::json fields,
                   const std::string& ifMatch) const {
  fields["schemaVersion"] = 1;
  fields["type"] = type;
  return post("/api/commands", fields, ifMatch);
}

Api Api::signIn(const ServerProcess& server, const std::string& upn, const std::string& password,
                const std::string& scopeTenant) {
  return tokenVia(Api(server), upn, password, scopeTenant);
}

Api Api::browser(const ServerProcess& server, const std::string& upn, const std::string& password) {
  return browserVia(Api(server), upn, password);
}

Api tokenVia(const Api& entry, const std::string& upn, const std::string& password,
             const std::string& scopeTenant) {
  Api browserSide = browserVia(entry, upn, password);
  nlohmann::json body = {{"name", "test"}};
  if (!scopeTenant.empty()) body["scopeTenantId"] = scopeTenant;
  Reply token = browserSide.post("/api/tokens", body);
  INFO(token.text);
  REQUIRE(token.status == 201);
  Api api = entry;
  api.bearer = token.body["token"].get<std::string>();
  return api;
}

Api browserVia(const Api& entry, const std::string& upn, const std::string& password) {
  Reply r = entry.post("/api/session", {{"userPrincipalName", upn}, {"password", password}});
  INFO(upn << ": " << r.text);
  REQUIRE(r.status == 200);
  std::string setCookie = r.header("Set-Cookie");
  auto start = setCookie.find("delegate_session=");
  REQUIRE(start != std::string::npos);
  start += std::string("delegate_session=").size();
  Api api = entry;
  api.cookie = setCookie.substr(start, setCookie.find(';', start) - start);
  api.csrf = r.body["csrfToken"].get<std::string>();
  return api;
}

}  // namespace delegate::testing
