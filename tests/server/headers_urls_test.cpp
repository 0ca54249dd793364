// Absolute URLs come from --public-url, never from the request's Host header; every response
// carries nosniff, a Content-Security-Policy that forbids framing, and no Referer.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "api_client.hpp"
#include "raw_http.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";

nlohmann::json newRelationship(const std::string& name, const std::string& customer) {
  return {{"displayName", name},
          {"duration", "P730D"},
          {"customer", {{"tenantId", customer}}},
          {"accessDetails",
           {{"unifiedRoles", {{{"roleDefinitionId", "fe930be7-5e62-47db-91af-98c3a49a38b1"}}}}}}};
}

// POST with a Host header of the attacker's choosing.
RawReply postWithHost(int port, const std::string& token, const std::string& path,
                      const nlohmann::json& body) {
  return rawRequest(port, "127.0.0.1", "POST", path,
                    "Host: evil.example\r\nAuthorization: Bearer " + token +
                        "\r\nContent-Type: application/json\r\n",
                    body.dump());
}

std::string checkLinks(const ServerProcess& server, const Cast& c) {
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  RawReply created = postWithHost(server.port(), partner.bearer, kRelationships,
                                  newRelationship("one", c.northwind.str()));
  REQUIRE(created.status == 201);
  std::string location = created.header("Location");
  std::string id = nlohmann::json::parse(created.body)["id"];
  RawReply locked =
      postWithHost(server.port(), partner.bearer, kRelationships + "/" + id + "/requests",
                   {{"action", "lockForApproval"}});
  REQUIRE(locked.status == 201);
  std::string approval = nlohmann::json::parse(locked.body)["approvalLink"];
  CHECK(location.find("evil.example") == std::string::npos);
  CHECK(approval.find("evil.example") == std::string::npos);
  // Paging: two relationships, one per page.
  REQUIRE(postWithHost(server.port(), partner.bearer, kRelationships,
                       newRelationship("two", c.northwind.str()))
              .status == 201);
  RawReply page =
      rawRequest(server.port(), "127.0.0.1", "GET", kRelationships + "?$top=1",
                 "Host: evil.example\r\nAuthorization: Bearer " + partner.bearer + "\r\n");
  REQUIRE(page.status == 200);
  std::string next = nlohmann::json::parse(page.body)["@odata.nextLink"];
  CHECK(next.find("evil.example") == std::string::npos);
  return location + "\n" + approval + "\n" + next;
}

}  // namespace

TEST_CASE("absolute URLs start with --public-url whatever the Host header says") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  SECTION("configured") {
    ServerProcess server({"--data", data.path(), "--public-url", "https://delegate.example.com/"});
    std::string links = checkLinks(server, c);
    std::istringstream lines(links);
    for (std::string line; std::getline(lines, line);)
      CHECK(line.rfind("https://delegate.example.com/", 0) == 0);
    CHECK(server.log().find("https://delegate.example.com") != std::string::npos);
  }
  SECTION("by default the loopback address, with a note at startup") {
    ServerProcess server({"--data", data.path()});
    std::string base = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
    std::string links = checkLinks(server, c);
    std::istringstream lines(links);
    for (std::string line; std::getline(lines, line);) CHECK(line.rfind(base, 0) == 0);
    CHECK(server.log().find("--public-url") != std::string::npos);
  }
}

TEST_CASE("a --public-url that is not a plain http(s) URL is refused at startup") {
  for (const char* bad :
       {"delegate.example.com", "ftp://x", "https://", "https://a/?q=1", "https://user@host"}) {
    INFO(bad);
    TempDir data;
    CHECK_THROWS(ServerProcess({"--data", data.path(), "--public-url", bad}));
  }
}

TEST_CASE("every response carries nosniff, a no-framing content security policy and no Referer") {
  TempDir web;
  std::ofstream(web.path() + "/index.html")
      << "<!doctype html><html><body><script>window.x = 1;</script>"
         "<script src=\"delegate.js\"></script></body></html>";
  ServerProcess server({"--web", web.path()});
  Api anon(server);
  for (const char* path : {"/api/health", "/", "/offer/abc", "/api/me", "/v1.0/nothing"}) {
    INFO(path);
    Reply r = anon.get(path);
    REQUIRE(r.status != 0);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("X-Frame-Options") == "DENY");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
    std::string csp = r.header("Content-Security-Policy");
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("object-src 'none'") != std::string::npos);
  }
  // The page's inline script is allowed by its hash (sha256 of "window.x = 1;"), nothing inline
  // otherwise.
  std::string csp = anon.get("/").header("Content-Security-Policy");
  std::string scripts = csp.substr(csp.find("script-src"),
                                   csp.find(';', csp.find("script-src")) - csp.find("script-src"));
  CHECK(scripts.find("'sha256-") != std::string::npos);
  CHECK(scripts.find("unsafe-inline") == std::string::npos);
  CHECK(scripts.find("'sha256-U1BU0BfAhaBREBgsEDDctSYokOF3U7hQUIj6mrtukfw='") != std::string::npos);
}
