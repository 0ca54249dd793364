#include "multi_factor_support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <ctime>

#include "seeded_world.hpp"

namespace delegate::testing {

std::string oathtool(const std::string& base32Secret, int offsetSeconds) {
  const std::string cmd = "oathtool --totp -b --now '@" +
                          std::to_string(std::time(nullptr) + offsetSeconds) + "' '" +
                          base32Secret + "' 2>&1";
  std::FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 64> buf{};
  std::string out;
  while (std::fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  REQUIRE(pclose(pipe) == 0);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  REQUIRE(out.size() == 6);
  return out;
}

nlohmann::json signInBody(const std::string& upn) {
  return {{"userPrincipalName", upn}, {"password", kPassword}};
}

Enrolled enrol(Api& browser) {
  Reply setup = browser.post("/api/me/multiFactor/setup", nlohmann::json::object());
  INFO(setup.text);
  REQUIRE(setup.status == 200);
  Enrolled e;
  e.secret = setup.body["secret"].get<std::string>();
  Reply done = browser.post("/api/me/multiFactor/confirm", {{"code", oathtool(e.secret)}});
  INFO(done.text);
  REQUIRE(done.status == 200);
  for (const auto& c : done.body["recoveryCodes"]) e.recoveryCodes.push_back(c.get<std::string>());
  return e;
}

std::string passwordStep(const ServerProcess& server, const std::string& upn) {
  Reply r = Api(server).post("/api/session", signInBody(upn));
  INFO(r.text);
  REQUIRE(r.status == 401);
  REQUIRE(r.body["error"]["code"] == "multiFactorCodeRequired");
  CHECK(r.header("Set-Cookie").empty());
  return r.body["error"]["details"]["challenge"].get<std::string>();
}

}  // namespace delegate::testing
