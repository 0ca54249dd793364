// The bad-input catalog: each case sends something wrong and checks the status and the error
// code, so a client can branch on them; then a spray of malformed requests checks that nothing
// a client sends produces a 5xx.
#include <catch2/catch.hpp>

#include <random>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

enum class As { nobody, partner, partnerInContoso, customer, browserNoCsrf, browserBadCsrf, bogus };

struct Case {
  const char* name;
  const char* method;
  std::string path;
  std::string body;
  As as;
  int status;
  const char* code;
  std::vector<std::pair<std::string, std::string>> headers = {};
};

std::string cmd(const std::string& type, const std::string& fields = "") {
  return "{\"schemaVersion\":1,\"type\":\"" + type + "\"" + (fields.empty() ? "" : "," + fields) +
         "}";
}

const std::string kRel = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kUserAdmin =
    R"({"unifiedRoles":[{"roleDefinitionId":"fe930be7-5e62-47db-91af-98c3a49a38b1"}]})";
const std::string kGlobalAdmin =
    R"({"unifiedRoles":[{"roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10"}]})";

std::string relationship(const std::string& extra) {
  return R"({"displayName":"Bad input","accessDetails":)" + kUserAdmin +
         (extra.empty() ? "" : "," + extra) + "}";
}

}  // namespace

TEST_CASE("bad-input catalog: every case answers its status and error code") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api customer = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Api browser = Api::browser(server, "agent@alphapartners.onmicrosoft.com", kPassword);
  const std::string contoso = c.contoso.str();
  const std::string northwind = c.northwind.str();
  const std::string user = c.contosoUser.str();
  const std::string big(2 * 1024 * 1024, 'x');
  const std::string longName(300, 'n');

  std::vector<Case> cases = {
      // sign-in
      {"sign-in body is not JSON", "POST", "/api/session", "{nope", As::nobody, 400, "invalidJson"},
      {"sign-in body is an array", "POST", "/api/session", "[]", As::nobody, 400, "invalidRequest"},
      {"sign-in body is empty", "POST", "/api/session", "", As::nobody, 400, "invalidRequest"},
      {"sign-in without a name", "POST", "/api/session", R"({"password":"x"})", As::nobody, 400,
       "invalidRequest"},
      {"sign-in name is a number", "POST", "/api/session",
       R"({"userPrincipalName":5,"password":"x"})", As::nobody, 400, "invalidRequest"},
      {"sign-in with an unknown field", "POST", "/api/session",
       R"({"userPrincipalName":"a@b.c","password":"x","remember":true})", As::nobody, 400,
       "unknownField"},
      {"sign-in with a wrong password", "POST", "/api/session",
       R"({"userPrincipalName":"admin@northwind.onmicrosoft.com","password":"wrong"})", As::nobody,
       401, "invalidCredentials"},
      // authentication and CSRF
      {"command without credentials", "POST", "/api/commands", cmd("createOffer"), As::nobody, 401,
       "unauthenticated"},
      {"command with a made-up token", "POST", "/api/commands", cmd("createOffer"), As::bogus, 401,
       "unauthenticated"},
      {"browser command without CSRF token", "POST", "/api/commands", cmd("createOffer"),
       As::browserNoCsrf, 403, "csrfTokenMissing"},
      {"browser command with a wrong CSRF token", "POST", "/api/commands", cmd("createOffer"),
       As::browserBadCsrf, 403, "csrfTokenMissing"},
      {"view without credentials", "GET", "/api/view", "", As::nobody, 401, "unauthenticated"},
      {"me without credentials", "GET", "/api/me", "", As::nobody, 401, "unauthenticated"},
      {"acting tenant is not a GUID",
       "POST",
       "/api/commands",
       cmd("createOffer"),
       As::partner,
       400,
       "invalidRequest",
       {{"X-Acting-Tenant", "contoso"}}},
      // command decoding
      {"command body is not JSON", "POST", "/api/commands", "{\"type\":", As::partner, 400,
       "invalidJson"},
      {"command body is a string", "POST", "/api/commands", "\"createOffer\"", As::partner, 400,
       "invalidRequest"},
      {"command without a type", "POST", "/api/commands", R"({"schemaVersion":1})", As::partner,
       400, "invalidRequest"},
      {"command of an unknown type", "POST", "/api/commands", cmd("launchRocket"), As::partner, 400,
       "unknownCommandType"},
      {"command without schemaVersion", "POST", "/api/commands", R"({"type":"createOffer"})",
       As::partner, 400, "invalidRequest"},
      {"command with a future schemaVersion", "POST", "/api/commands",
       R"({"schemaVersion":2,"type":"createOffer"})", As::partner, 400, "unsupportedSchemaVersion"},
      {"command with an unknown field", "POST", "/api/commands",
       cmd("createOffer", R"("discount":10)"), As::partner, 400, "invalidRequest"},
      {"command field of the wrong type", "POST", "/api/commands",
       cmd("resetPassword", R"("userId":42)"), As::partnerInContoso, 400, "invalidRequest"},
      {"command id that is not a GUID", "POST", "/api/commands",
       cmd("resetPassword", R"("userId":"user-1")"), As::partnerInContoso, 400, "invalidRequest"},
      {"command missing a field", "POST", "/api/commands", cmd("resetPassword"),
       As::partnerInContoso, 400, "invalidRequest"},
      {"command string far too long", "POST", "/api/commands",
       cmd("createGroup", "\"displayName\":\"" + longName + "\""), As::partner, 400,
       "invalidRequest"},
      {"body over 1 MiB", "POST", "/api/commands",
       cmd("createGroup", "\"displayName\":\"" + big + "\""), As::partner, 413, "requestTooLarge"},
      // the core's rules
      {"user principal name without a domain", "POST", "/api/commands",
       cmd("addUser", R"("userPrincipalName":"not-an-upn","displayName":"X")"), As::customer, 400,
       "invalidUserPrincipalName"},
      {"user in a domain the tenant does not have", "POST", "/api/commands",
       cmd("addUser", R"("userPrincipalName":"x@elsewhere.example.com","displayName":"X")"),
       As::customer, 404, "domainNotFound"},
      {"domain name with an underscore", "POST", "/api/commands",
       cmd("addDomain", R"("name":"bad_domain.com")"), As::customer, 400, "invalidDomainName"},
      {"duration longer than two years", "POST", "/api/commands",
       cmd("createRelationship", R"("displayName":"Too long","accessDetails":)" + kUserAdmin +
                                     R"(,"duration":"P731D","autoExtendDuration":"PT0S")"),
       As::partner, 400, "invalidDuration"},
      {"auto-extend that is not 180 days", "POST", "/api/commands",
       cmd("createRelationship", R"("displayName":"Odd extend","accessDetails":)" + kUserAdmin +
                                     R"(,"duration":"P30D","autoExtendDuration":"P90D")"),
       As::partner, 400, "invalidAutoExtendDuration"},
      {"auto-extend with Global Administrator", "POST", "/api/commands",
       cmd("createRelationship", R"("displayName":"GA extend","accessDetails":)" + kGlobalAdmin +
                                     R"(,"duration":"P30D","autoExtendDuration":"P180D")"),
       As::partner, 400, "autoExtendNotAllowedWithGlobalAdministrator"},
      {"relationship without roles", "POST", "/api/commands",
       cmd("createRelationship",
           R"("displayName":"No roles","accessDetails":{"unifiedRoles":[]},"duration":"P30D","autoExtendDuration":"PT0S")"),
       As::partner, 400, "invalidRoles"},
      {"reset password of an unknown user", "POST", "/api/commands",
       cmd("resetPassword", R"("userId":"00000000-0000-4000-8000-000000000001")"), As::customer,
       404, "userNotFound"},
      {"adding a user that exists", "POST", "/api/commands",
       cmd("addUser", R"("userPrincipalName":"user@contoso.onmicrosoft.com","displayName":"Twin")"),
       As::customer, 409, "userAlreadyExists"},
      {"accepting a made-up offer", "POST", "/api/commands",
       cmd("acceptOffer", R"("token":"made-up-token-0123456789")"), As::customer, 404,
       "offerNotFound"},
      {"MDM through delegated access", "POST", "/api/commands",
       cmd("wipeDevice", R"("deviceId":"d-1")"), As::partnerInContoso, 403,
       "mdmNotSupportedForDelegatedAccess"},
      {"system command by a user", "POST", "/api/commands",
       cmd("certifyPartner", "\"tenantId\":\"" + contoso + "\",\"certified\":true"), As::partner,
       403, "systemOnly"},
      // view
      {"view since is not a number", "GET", "/api/view?since=abc", "", As::partner, 400,
       "invalidRequest"},
      {"view since is negative", "GET", "/api/view?since=-1", "", As::partner, 400,
       "invalidRequest"},
      {"view wait is too long", "GET", "/api/view?since=1&wait=99", "", As::partner, 400,
       "invalidRequest"},
      // tokens and password
      {"token lifetime of zero days", "POST", "/api/tokens", R"({"expiresInDays":0})", As::partner,
       400, "invalidRequest"},
      {"token lifetime as text", "POST", "/api/tokens", R"({"expiresInDays":"7"})", As::partner,
       400, "invalidRequest"},
      {"token scope that is not a tenant", "POST", "/api/tokens", R"({"scopeTenantId":"nope"})",
       As::partner, 400, "invalidRequest"},
      {"revoking a token that does not exist", "DELETE",
       "/api/tokens/00000000-0000-4000-8000-000000000001", "", As::partner, 404, "tokenNotFound"},
      {"password change with a wrong current password", "POST", "/api/me/password",
       R"({"currentPassword":"wrong","newPassword":"Long-Enough-123"})", As::partner, 403,
       "currentPasswordIncorrect"},
      {"password change to a short password", "POST", "/api/me/password",
       std::string(R"({"currentPassword":")") + kPassword + R"(","newPassword":"short"})",
       As::partner, 400, "weakPassword"},
      // Graph query options and bodies
      {"$top of zero", "GET", kRel + "?$top=0", "", As::partner, 400, "invalidRequest"},
      {"$top over 300", "GET", kRel + "?$top=1000", "", As::partner, 400, "invalidRequest"},
      {"$filter on an unsupported field", "GET", kRel + "?$filter=colour%20eq%20'x'", "",
       As::partner, 400, "invalidRequest"},
      {"$orderby on an unknown field", "GET", kRel + "?$orderby=colour", "", As::partner, 400,
       "invalidRequest"},
      {"an unsupported query option", "GET", kRel + "?$expand=customer", "", As::partner, 400,
       "invalidRequest"},
      {"$skiptoken we never issued", "GET", kRel + "?$skiptoken=abc", "", As::partner, 400,
       "invalidRequest"},
      {"relationship without a duration", "POST", kRel, relationship(""), As::partner, 400,
       "invalidDuration"},
      {"relationship duration over two years", "POST", kRel, relationship(R"("duration":"P3Y")"),
       As::partner, 400, "invalidDuration"},
      {"relationship duration as a number", "POST", kRel, relationship(R"("duration":30)"),
       As::partner, 400, "invalidDuration"},
      {"relationship with an unknown role", "POST", kRel,
       R"({"displayName":"X","duration":"P30D","accessDetails":{"unifiedRoles":[{"roleDefinitionId":"00000000-0000-0000-0000-000000000000"}]}})",
       As::partner, 400, "invalidRoles"},
      {"relationship customer id not a GUID", "POST", kRel,
       relationship(R"("duration":"P30D","customer":{"tenantId":"contoso"})"), As::partner, 400,
       "invalidRequest"},
      {"relationship name over 50 characters", "POST", kRel,
       R"({"displayName":")" + std::string(51, 'r') + R"(","duration":"P30D","accessDetails":)" +
           kUserAdmin + "}",
       As::partner, 400, "invalidDisplayName"},
      {"relationship with an unknown field", "POST", kRel,
       relationship(R"("duration":"P30D","colour":"red")"), As::partner, 400, "unknownField"},
      {"relationship that does not exist", "GET", kRel + "/00000000-0000-4000-8000-000000000001",
       "", As::partner, 404, "relationshipNotFound"},
      {"relationship request with an unknown action", "POST",
       kRel + "/00000000-0000-4000-8000-000000000001/requests", R"({"action":"explode"})",
       As::partner, 404, "relationshipNotFound"},
      {"Graph user without a password profile", "POST", "/v1.0/users",
       R"({"displayName":"X","userPrincipalName":"x@contoso.onmicrosoft.com"})", As::customer, 400,
       "invalidRequest"},
      {"Graph user with a short password", "POST", "/v1.0/users",
       R"({"displayName":"X","userPrincipalName":"x@contoso.onmicrosoft.com","passwordProfile":{"password":"short"}})",
       As::customer, 400, "weakPassword"},
      {"Graph domain with a bad name", "POST", "/v1.0/domains", R"({"id":"not a domain"})",
       As::customer, 400, "invalidDomainName"},
      {"Graph user that does not exist", "GET", "/v1.0/users/00000000-0000-4000-8000-000000000001",
       "", As::customer, 404, "userNotFound"},
      {"Graph users of a tenant without a relationship",
       "GET",
       "/v1.0/users",
       "",
       As::partner,
       403,
       "noActiveRelationship",
       {{"X-Acting-Tenant", northwind}}},
      {"an API path that does not exist", "GET", "/api/nothing-here", "", As::partner, 404,
       "notFound"},
      {"a Graph path that does not exist", "GET", "/v1.0/me/drive", "", As::partner, 404,
       "notFound"},
      {"a public offer that does not exist", "GET", "/api/offers/nothing-here", "", As::nobody, 404,
       "offerNotFound"},
  };
  REQUIRE(cases.size() >= 40);

  for (const Case& k : cases) {
    Api api(server);
    switch (k.as) {
      case As::nobody:
        break;
      case As::partner:
        api = partner;
        break;
      case As::partnerInContoso:
        api = partner;
        api.actingTenant = contoso;
        break;
      case As::customer:
        api = customer;
        break;
      case As::browserNoCsrf:
        api = browser;
        api.csrf.clear();
        break;
      case As::browserBadCsrf:
        api = browser;
        api.csrf = "not-the-token";
        break;
      case As::bogus:
        api.bearer = "made-up-token";
        break;
    }
    httplib::Client client("127.0.0.1", server.port());
    client.set_tcp_nodelay(true);
    httplib::Headers headers;
    if (!api.bearer.empty()) headers.emplace("Authorization", "Bearer " + api.bearer);
    if (!api.cookie.empty()) headers.emplace("Cookie", "delegate_session=" + api.cookie);
    if (!api.csrf.empty()) headers.emplace("X-CSRF-Token", api.csrf);
    if (!api.actingTenant.empty()) headers.emplace("X-Acting-Tenant", api.actingTenant);
    for (auto& [name, value] : k.headers) headers.emplace(name, value);
    httplib::Result r = std::string(k.method) == "GET" ? client.Get(k.path.c_str(), headers)
                        : std::string(k.method) == "DELETE"
                            ? client.Delete(k.path.c_str(), headers)
                            : client.Post(k.path.c_str(), headers, k.body, "application/json");
    INFO(k.name << ": " << k.method << " " << k.path.substr(0, 120));
    REQUIRE(r);
    INFO("answer " << r->status << " " << r->body.substr(0, 400));
    CHECK(r->status == k.status);
    auto body = nlohmann::json::parse(r->body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["error"]["code"] == k.code);
    CHECK(body["error"]["message"].get<std::string>().size() > 10);
  }
}

TEST_CASE("nothing a client sends produces a 5xx") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  std::mt19937 random(7);
  const std::vector<std::string> paths = {"/api/commands",
                                          "/api/session",
                                          "/api/tokens",
                                          "/api/me/password",
                                          "/v1.0/tenantRelationships/delegatedAdminRelationships",
                                          "/v1.0/users",
                                          "/v1.0/domains"};
  const std::vector<std::string> bodies = {
      "",
      "null",
      "0",
      "[]",
      "{}",
      "{\"type\":null}",
      "{\"schemaVersion\":1,\"type\":\"addUser\"}",
      "{\"schemaVersion\":1,\"type\":\"addUser\",\"userPrincipalName\":[],\"displayName\":{}}",
      "{\"displayName\":\"\\u0000\",\"duration\":\"P\",\"accessDetails\":{\"unifiedRoles\":null}}",
      "\xff\xfe\x00garbage",
      "{\"a\":" + std::string(5000, '['),
      "{\"password\":\"\\ud800\"}"};
  for (int i = 0; i < 200; ++i) {
    const std::string& path = paths[random() % paths.size()];
    std::string body = bodies[random() % bodies.size()];
    if (random() % 3 == 0 && !body.empty())
      body[random() % body.size()] = static_cast<char>(random());
    Reply r = partner.postRaw(path, body);
    INFO(path << " <- " << body.substr(0, 80) << " -> " << r.status << " "
              << r.text.substr(0, 200));
    CHECK(r.status >= 200);
    CHECK(r.status < 500);
  }
}
