#include "mail_support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "seeded_world.hpp"

namespace delegate::testing {

namespace {

std::string offerToken(const Reply& r) {
  for (const auto& s : r.body["secrets"])
    if (s["kind"] == "offerToken") return s["value"];
  return {};
}

}  // namespace

std::vector<std::string> mailArgs(const SmtpSink& sink, const std::string& data) {
  return {"--data",       data,           "--smtp-url",
          sink.url(),     "--mail-from",  "mail@delegate.test",
          "--public-url", kMailPublicUrl, "--mail-retry-base-ms",
          "300"};
}

void acceptAnOffer(const ServerProcess& server) {
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply offer = alpha.command("createOffer");
  REQUIRE(offer.status == 200);
  Api northwind = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);
  REQUIRE(northwind.command("acceptOffer", {{"token", offerToken(offer)}}).status == 200);
}

nlohmann::json mailWhen(const Api& api, const std::function<bool(const nlohmann::json&)>& ready) {
  nlohmann::json last;
  for (int i = 0; i < 300; ++i) {
    Reply r = api.get("/api/mail");
    if (r.status == 200) {
      last = r.body;
      if (!last["value"].empty() && ready(last["value"][0])) return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return last;
}

}  // namespace delegate::testing
