// Large JSON answers are gzipped when the request accepts gzip (and only then), say they vary
// by Accept-Encoding, and decompress to exactly the plain answer; small ones stay plain.
#include <zlib.h>
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "raw_http.hpp"
#include "server/bootstrap.hpp"
#include "server/gzip.hpp"

using namespace delegate::testing;
using nlohmann::json;

namespace {

std::string gunzip(const std::string& data) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  CHECK(rc == Z_STREAM_END);
  return out;
}

// The body of a reply as sent: de-chunked when the transfer was chunked.
std::string bodyOf(const RawReply& r) {
  if (r.header("Transfer-Encoding") != "chunked") {
    CHECK(r.header("Content-Length") == std::to_string(r.body.size()));
    return r.body;
  }
  std::string out;
  std::size_t at = 0;
  for (;;) {
    std::size_t line = r.body.find("\r\n", at);
    REQUIRE(line != std::string::npos);
    const std::size_t size = std::stoul(r.body.substr(at, line - at), nullptr, 16);
    if (size == 0) break;
    out += r.body.substr(line + 2, size);
    at = line + 2 + size + 2;
  }
  return out;
}

struct Fetched {
  RawReply reply;
  std::string text;  // decompressed when it came gzipped
};

Fetched fetch(const ServerProcess& server, const std::string& path, const std::string& bearer,
              const std::string& acceptEncoding) {
  std::string headers = "Host: 127.0.0.1\r\nAuthorization: Bearer " + bearer + "\r\n";
  if (!acceptEncoding.empty()) headers += "Accept-Encoding: " + acceptEncoding + "\r\n";
  Fetched f;
  f.reply = rawRequest(server.port(), "127.0.0.1", "GET", path, headers);
  REQUIRE(f.reply.status == 200);
  const std::string body = bodyOf(f.reply);
  f.text = f.reply.header("Content-Encoding") == "gzip" ? gunzip(body) : body;
  CHECK(f.reply.header("Vary") == "Accept-Encoding");
  return f;
}

}  // namespace

TEST_CASE("Accept-Encoding is read as RFC 9110 says", "[gzip]") {
  using delegate::server::acceptsGzip;
  CHECK(acceptsGzip("gzip"));
  CHECK(acceptsGzip("gzip, deflate, br"));
  CHECK(acceptsGzip("br;q=1.0, GZIP;q=0.5"));
  CHECK(acceptsGzip("*"));
  CHECK(acceptsGzip("x-gzip"));
  CHECK_FALSE(acceptsGzip(""));
  CHECK_FALSE(acceptsGzip("br, deflate"));
  CHECK_FALSE(acceptsGzip("gzip;q=0"));
  CHECK_FALSE(acceptsGzip("gzip; q=0.000, br"));
  CHECK_FALSE(acceptsGzip("*, gzip;q=0"));
  CHECK_FALSE(acceptsGzip("identity"));
  CHECK_FALSE(acceptsGzip("gzipped"));
  const std::string text(100000, 'a');
  CHECK(gunzip(delegate::server::gzipText(text)) == text);
}

TEST_CASE("large JSON answers are gzipped when accepted, small ones stay plain", "[gzip]") {
  ServerProcess server({"--demo"});
  const std::string token = Api::signIn(server, "amy.admin@northwindpartners.onmicrosoft.com",
                                        delegate::server::kDemoPassword)
                                .bearer;
  for (const char* path :
       {"/api/view", "/v1.0/tenantRelationships/delegatedAdminCustomers?$top=300"}) {
    INFO(path);
    Fetched plain = fetch(server, path, token, "");
    CHECK(plain.reply.header("Content-Encoding").empty());
    CHECK(plain.reply.header("Content-Type") == "application/json; charset=utf-8");
    const json expected = json::parse(plain.text);
    for (const char* accepted : {"gzip", "gzip, deflate, br", "br;q=1, gzip;q=0.8"}) {
      INFO(accepted);
      Fetched zipped = fetch(server, path, token, accepted);
      CHECK(zipped.reply.header("Content-Encoding") == "gzip");
      CHECK(bodyOf(zipped.reply).size() * 3 < zipped.text.size());
      json got = json::parse(zipped.text);
      // The revision may have moved on between the two requests (the clock ticks); the rest not.
      if (got.contains("revision")) got["revision"] = expected["revision"];
      CHECK(got == expected);
    }
    for (const char* refused : {"br", "gzip;q=0", "identity"}) {
      INFO(refused);
      CHECK(fetch(server, path, token, refused).reply.header("Content-Encoding").empty());
    }
  }
  // A small body goes plain even to a client that accepts gzip.
  Fetched health = fetch(server, "/api/health", token, "gzip, deflate, br");
  CHECK(health.reply.header("Content-Encoding").empty());
  CHECK(json::parse(health.text).contains("revision"));
}
