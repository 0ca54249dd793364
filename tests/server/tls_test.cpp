// --tls-cert/--tls-key serve HTTPS directly: a client that checks the certificate connects, the
// session cookie is Secure, Strict-Transport-Security is sent and every link is https. Without
// them the server says it needs a TLS proxy and marks nothing Secure. Bad files stop the start
// with the reason.
#include <catch2/catch.hpp>
#include <fstream>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "test_certificate.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";

}  // namespace

TEST_CASE("HTTPS served directly: verified certificate, Secure cookie, HSTS, https links",
          "[tls]") {
  TempDir data;
  Cast cast;
  cast.w.writeTo(data.path());
  TempDir certs;
  TestCertificate cert = makeTestCertificate(certs.path());
  ServerProcess server(
      {"--data", data.path(), "--tls-cert", cert.certFile, "--tls-key", cert.keyFile});

  // A client that trusts only this certificate, and checks it, as the Graph SDKs do.
  httplib::Client strict("https://127.0.0.1:" + std::to_string(server.port()));
  strict.set_ca_cert_path(cert.certFile.c_str());
  strict.enable_server_certificate_verification(true);
  auto health = strict.Get("/api/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(health->get_header_value("Strict-Transport-Security") == "max-age=31536000");

  // A client that trusts nothing extra refuses the self-signed certificate: TLS is really on.
  httplib::Client untrusting("https://127.0.0.1:" + std::to_string(server.port()));
  untrusting.set_ca_cert_path("/nonexistent");
  CHECK_FALSE(untrusting.Get("/api/health"));
  // Plain HTTP on the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_read_timeout(5);
  auto clear = plain.Get("/api/health");
  CHECK((!clear || clear->status == 400));

  Reply signedIn = Api(server).post(
      "/api/session",
      {{"userPrincipalName", "admin@alphapartners.onmicrosoft.com"}, {"password", kPassword}});
  REQUIRE(signedIn.status == 200);
  CHECK(signedIn.header("Set-Cookie").find("; Secure") != std::string::npos);

  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply created = partner.post(
      kRelationships,
      {{"displayName", "tls"},
       {"duration", "P730D"},
       {"customer", {{"tenantId", cast.northwind.str()}}},
       {"accessDetails",
        {{"unifiedRoles", {{{"roleDefinitionId", "fe930be7-5e62-47db-91af-98c3a49a38b1"}}}}}}});
  REQUIRE(created.status == 201);
  CHECK(created.header("Location").rfind(server.baseUrl() + kRelationships + "/", 0) == 0);
  CHECK(server.log().find("listening on https://") != std::string::npos);
}

TEST_CASE("plain HTTP: no Secure cookie, no HSTS, and the server says to put TLS in front",
          "[tls]") {
  TempDir data;
  Cast cast;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Reply signedIn = Api(server).post(
      "/api/session",
      {{"userPrincipalName", "admin@alphapartners.onmicrosoft.com"}, {"password", kPassword}});
  REQUIRE(signedIn.status == 200);
  CHECK(signedIn.header("Set-Cookie").find("Secure") == std::string::npos);
  CHECK(signedIn.header("Strict-Transport-Security").empty());
  CHECK(server.log().find("put a TLS proxy in front") != std::string::npos);
}

TEST_CASE("a public URL on https marks the cookie Secure behind a TLS proxy", "[tls]") {
  TempDir data;
  Cast cast;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path(), "--public-url", "https://delegate.example.com"});
  Reply signedIn = Api(server).post(
      "/api/session",
      {{"userPrincipalName", "admin@alphapartners.onmicrosoft.com"}, {"password", kPassword}});
  REQUIRE(signedIn.status == 200);
  CHECK(signedIn.header("Set-Cookie").find("; Secure") != std::string::npos);
  CHECK(signedIn.header("Strict-Transport-Security") == "max-age=31536000");
}

TEST_CASE("unusable TLS files stop the start and say why", "[tls]") {
  TempDir dir;
  TestCertificate one = makeTestCertificate(dir.path(), "one");
  TestCertificate two = makeTestCertificate(dir.path(), "two");
  {
    auto [code, out] = runUntilExit({"--tls-cert", one.certFile}, dir);
    CHECK(code == 2);
    CHECK(out.find("--tls-cert and --tls-key go together") != std::string::npos);
  }
  {
    auto [code, out] =
        runUntilExit({"--tls-cert", one.certFile, "--tls-key", dir.path() + "/missing.key"}, dir);
    CHECK(code == 2);
    CHECK(out.find("missing.key: no such file") != std::string::npos);
  }
  {
    auto [code, out] = runUntilExit({"--tls-cert", one.certFile, "--tls-key", two.keyFile}, dir);
    CHECK(code == 2);
    CHECK(out.find("does not belong to the certificate") != std::string::npos);
  }
  {
    std::ofstream(dir.path() + "/garbage.crt") << "not a certificate\n";
    auto [code, out] =
        runUntilExit({"--tls-cert", dir.path() + "/garbage.crt", "--tls-key", one.keyFile}, dir);
    CHECK(code == 2);
    CHECK(out.find("is not a PEM certificate") != std::string::npos);
  }
}
