#pragma once
// A small JSON client for the server under test: bearer or cookie session, acting tenant,
// If-Match, and replies parsed into JSON.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server_process.hpp"

namespace delegate::testing {

struct Reply {
  int status = 0;  // 0 when the request failed at the transport
  nlohmann::json body;
  std::string text;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
  std::string code() const;  // error.code, or ""
};

class Api {
 public:
  explicit Api(const ServerProcess& server) : base_(server.baseUrl()) {}
  Api(int port) : base_("http://127.0.0.1:" + std::to_string(port)) {}

  std::string bearer;        // sent as Authorization: Bearer
  std::string cookie;        // sent as Cookie (a session secret)
  std::string csrf;          // sent as X-CSRF-Token when set
  std::string actingTenant;  // sent as X-Acting-Tenant when set
  std::string forwardedFor;  // sent as X-Forwarded-For when set (as a load balancer would)

  Reply get(const std::string& path) const;
  Reply post(const std::string& path, const nlohmann::json& body,
             const std::string& ifMatch = {}) const;
  Reply postRaw(const std::string& path, const std::string& body,
                const std::string& contentType = "application/json") const;
  Reply patch(const std::string& path, const nlohmann::json& body,
              const std::string& ifMatch = {}) const;
  Reply del(const std::string& path, const std::string& ifMatch = {}) const;
  // POST /api/commands with {"schemaVersion":1, "type":..., ...fields}.
  Reply command(const std::string& type, nlohmann::json fields = nlohmann::json::object(),
                const std::string& ifMatch = {}) const;

  // Signs in and returns an Api using a bearer token (optionally scoped to a tenant).
  static Api signIn(const ServerProcess& server, const std::string& upn,
                    const std::string& password, const std::string& scopeTenant = {});
  // Signs in and returns an Api using the session cookie and its CSRF token (as a browser).
  static Api browser(const ServerProcess& server, const std::string& upn,
                     const std::string& password);

 private:
  httplib::Headers headers(const std::string& ifMatch) const;
  std::string base_;  // scheme://127.0.0.1:port
};

}  // namespace delegate::testing
