#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "core/product.hpp"
#include "server_process.hpp"

using namespace delegate::testing;

namespace {

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

TEST_CASE("the server answers health, serves the web build and 404s missing paths") {
  TempDir web;
  writeFile(web.path() + "/index.html", "<!doctype html><title>Delegate</title>");
  const std::string wasmMagic("\0asm\1\0\0\0", 8);
  writeFile(web.path() + "/delegate.wasm", wasmMagic);

  ServerProcess server({"--web", web.path()});
  auto client = server.client();

  SECTION("GET /api/health names the product, its version and the data revision") {
    auto res = client.Get("/api/health");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    delegate::Health health;
    REQUIRE(delegate::parseHealthJson(res->body, health));
    CHECK(health.product.name == "Delegate");
    CHECK(health.product.version == DELEGATE_VERSION);
    // First start created the operator's tenant and administrator: the log is not empty.
    CHECK(health.revision > 0);
  }
  SECTION("the index page is served at /") {
    auto res = client.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("<title>Delegate</title>") != std::string::npos);
    CHECK(res->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  }
  SECTION("the module is served as application/wasm, byte for byte") {
    auto res = client.Get("/delegate.wasm");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/wasm");
    CHECK(res->body == wasmMagic);
  }
  SECTION("a missing file is a 404 with a body that says what was missing") {
    auto res = client.Get("/no-such-file.js");
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("/no-such-file.js") != std::string::npos);
  }
  SECTION("a missing API endpoint is a 404 with a JSON error") {
    auto res = client.Get("/api/no-such-endpoint");
    REQUIRE(res);
    CHECK(res->status == 404);
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["error"]["code"] == "notFound");
  }
  SECTION("paths that climb out of the web root are refused") {
    auto res = client.Get("/../../etc/passwd");
    REQUIRE(res);
    CHECK(res->status != 200);
  }
}

TEST_CASE("SIGTERM stops the server cleanly") {
  ServerProcess server;
  CHECK(server.stop() == 0);
}

TEST_CASE("a taken port is reported in words and the server exits non-zero") {
  ServerProcess first;
  TempDir dir;
  std::string log = dir.path() + "/out.txt";
  std::string cmd = std::string(DELEGATE_SERVER_BINARY) + " --port " +
                    std::to_string(first.port()) + " >" + log + " 2>&1";
  int rc = std::system(cmd.c_str());
  CHECK(rc != 0);
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("already in use") != std::string::npos);
}

TEST_CASE("a restart takes the same port at once, over the last run's closed connections") {
  TempDir data;
  int port = 0;
  {
    ServerProcess first({"--data", data.path()});
    port = first.port();
    // Connections the server closed stay in TIME_WAIT on its port for a minute.
    for (int i = 0; i < 5; ++i) {
      httplib::Client c = first.client();
      auto res = c.Get("/api/health");
      REQUIRE(res);
    }
    REQUIRE(first.stop() == 0);
  }
  ServerProcess second({"--data", data.path(), "--port", std::to_string(port)});
  REQUIRE(second.running());
  REQUIRE(second.port() == port);
  auto res = second.client().Get("/api/health");
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("bad command-line options are refused with the reason") {
  TempDir dir;
  std::string log = dir.path() + "/out.txt";
  std::string cmd = std::string(DELEGATE_SERVER_BINARY) + " --port 99999 >" + log + " 2>&1";
  CHECK(std::system(cmd.c_str()) != 0);
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("--port must be a number from 1 to 65535") != std::string::npos);
}
