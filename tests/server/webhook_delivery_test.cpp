// Webhooks through the real process to a real HTTP receiver on 127.0.0.1 (cpp-httplib in the
// test): registration, Standard Webhooks headers and signature, 500 then 200 with the same
// webhook-id, the delivery log, isolation between partners, bad input, SIGKILL, an endpoint
// switched off after 5 days of failures with its administrators told (by mail linking to the
// Webhooks screen), and a failed delivery sent again by hand.
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/webhook_signature.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

struct Received {
  std::string path, id, timestamp, signature, body;
};

// An HTTP receiver: answers each path with the codes it was given in turn (200 once used up).
class Receiver {
 public:
  explicit Receiver(std::map<std::string, std::vector<int>> answers)
      : answers_(std::move(answers)) {
    server_.Post(R"(/(\w+))", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      got_.push_back({req.path, req.get_header_value("webhook-id"),
                      req.get_header_value("webhook-timestamp"),
                      req.get_header_value("webhook-signature"), req.body});
      std::vector<int>& codes = answers_[req.path];
      res.status = codes.empty() ? 200 : codes.front();
      if (!codes.empty()) codes.erase(codes.begin());
      res.set_content(res.status == 200 ? "ok" : "try later", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<Received> got() {
    std::lock_guard lock(mutex_);
    return got_;
  }
  std::vector<Received> at(const std::string& path) {
    std::vector<Received> out;
    for (const Received& r : got())
      if (r.path == path) out.push_back(r);
    return out;
  }
  // Waits (at most 15 s) until `path` got `count` requests.
  bool waitFor(const std::string& path, std::size_t count) {
    for (int i = 0; i < 300; ++i) {
      if (at(path).size() >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  httplib::Server server_;
  std::mutex mutex_;
  std::map<std::string, std::vector<int>> answers_;
  std::vector<Received> got_;
  int port_ = 0;
  std::thread thread_;
};

std::vector<std::string> args(const std::string& data) {
  return {"--data", data, "--webhook-retry-base-ms", "200"};
}

std::string offerToken(const Reply& r) {
  for (const auto& s : r.body["secrets"])
    if (s["kind"] == "offerToken") return s["value"];
  return {};
}

void accept(const ServerProcess& server, const std::string& partnerAdmin,
            const std::string& customerAdmin) {
  Api partner = Api::signIn(server, partnerAdmin, kPassword);
  Reply offer = partner.command("createOffer");
  REQUIRE(offer.status == 200);
  Api customer = Api::signIn(server, customerAdmin, kPassword);
  REQUIRE(customer.command("acceptOffer", {{"token", offerToken(offer)}}).status == 200);
}

bool verifies(const Received& r, const std::string& secret) {
  std::optional<std::string> key = server::decodeWebhookSecret(secret);
  return key && r.signature == server::signWebhook(*key, r.id, std::stoll(r.timestamp), r.body);
}

// The endpoint's delivery log once `ready` holds (at most 15 s).
template <class F>
nlohmann::json logWhen(const Api& api, const std::string& id, F ready) {
  nlohmann::json last;
  for (int i = 0; i < 300; ++i) {
    Reply r = api.get("/api/webhooks/" + id + "/deliveries");
    if (r.status == 200) {
      last = r.body;
      if (ready(last)) return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return last;
}

}  // namespace

TEST_CASE("a partner's webhook is signed, retried with the same id, and logged", "[webhooks]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  Receiver receiver({{"/alpha", {500}}});
  ServerProcess server(args(data.path()));
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);

  Reply a = alpha.post("/api/webhooks",
                       {{"url", receiver.url("/alpha")}, {"eventTypes", {"offer.accepted"}}});
  REQUIRE(a.status == 201);
  const std::string alphaSecret = a.body["secret"], alphaId = a.body["id"];
  CHECK(alphaSecret.rfind("whsec_", 0) == 0);
  CHECK(a.body["status"] == "enabled");
  Reply b =
      beta.post("/api/webhooks", {{"url", receiver.url("/beta")},
                                  {"eventTypes", {"offer.accepted", "relationship.approved"}}});
  REQUIRE(b.status == 201);
  const std::string betaSecret = b.body["secret"];

  // The secret is shown once: the list never has it.
  Reply list = alpha.get("/api/webhooks");
  REQUIRE(list.status == 200);
  REQUIRE(list.body["value"].size() == 1);
  CHECK(!list.body["value"][0].contains("secret"));
  CHECK(list.body["value"][0]["url"] == receiver.url("/alpha"));
  CHECK(list.body["eventTypes"].size() == 8);

  // Northwind accepts Alpha's offer: Alpha's endpoint hears it (500, then 200), Beta's does not.
  accept(server, "admin@alphapartners.onmicrosoft.com", "admin@northwind.onmicrosoft.com");
  REQUIRE(receiver.waitFor("/alpha", 2));
  auto tries = receiver.at("/alpha");
  CHECK(tries[0].id == tries[1].id);
  CHECK(tries[0].id.rfind("msg_", 0) == 0);
  CHECK(tries[0].body == tries[1].body);
  for (const Received& r : tries) {
    CHECK(verifies(r, alphaSecret));
    CHECK_FALSE(verifies(r, betaSecret));
  }
  nlohmann::json body = nlohmann::json::parse(tries[0].body);
  CHECK(body["type"] == "offer.accepted");
  CHECK(body["data"]["tenantId"] == c.alpha.str());
  CHECK(body["data"]["customer"]["tenantId"] == c.northwind.str());
  CHECK(body["data"]["customer"]["displayName"] == "Northwind");
  CHECK(body.contains("timestamp"));

  // The log shows both tries with their codes, newest first; the delivery is done.
  nlohmann::json log = logWhen(alpha, alphaId, [](const nlohmann::json& l) {
    return !l["deliveries"].empty() && l["deliveries"][0]["status"] == "delivered";
  });
  REQUIRE(log["value"].size() == 2);
  CHECK(log["value"][0]["responseStatus"] == 200);
  CHECK(log["value"][1]["responseStatus"] == 500);
  CHECK(log["value"][1]["error"] == "try later");
  CHECK(log["value"][0]["webhookId"] == tries[0].id);
  CHECK(log["deliveries"][0]["attempts"] == 2);

  // Now Beta's own event reaches only Beta.
  accept(server, "admin@betapartners.onmicrosoft.com", "admin@contoso.onmicrosoft.com");
  REQUIRE(receiver.waitFor("/beta", 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto betaGot = receiver.at("/beta");
  REQUIRE(betaGot.size() == 1);
  CHECK(verifies(betaGot[0], betaSecret));
  CHECK(nlohmann::json::parse(betaGot[0].body)["data"]["tenantId"] == c.beta.str());
  CHECK(receiver.at("/alpha").size() == 2);

  // Nobody else manages Alpha's endpoints: Beta gets 404, an agent 403, a customer 403.
  CHECK(beta.get("/api/webhooks/" + alphaId + "/deliveries").code() == "webhookNotFound");
  CHECK(beta.del("/api/webhooks/" + alphaId).status == 404);
  CHECK(Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword)
            .get("/api/webhooks")
            .status == 403);
  CHECK(
      Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword)
          .post("/api/webhooks", {{"url", receiver.url("/x")}, {"eventTypes", {"offer.accepted"}}})
          .status == 403);

  // Rotating gives a new secret; deleting removes the endpoint and its log.
  Reply rotated =
      alpha.post("/api/webhooks/" + alphaId + "/rotateSecret", nlohmann::json::object());
  REQUIRE(rotated.status == 200);
  CHECK(rotated.body["secret"] != alphaSecret);
  CHECK(alpha.del("/api/webhooks/" + alphaId).status == 204);
  CHECK(alpha.get("/api/webhooks").body["value"].empty());
  CHECK(alpha.get("/api/webhooks/" + alphaId + "/deliveries").status == 404);
}

TEST_CASE("a bad webhook registration says why and registers nothing", "[webhooks]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server(args(data.path()));
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply plain = alpha.post(
      "/api/webhooks", {{"url", "http://hooks.example.com/x"}, {"eventTypes", {"offer.accepted"}}});
  CHECK(plain.status == 400);
  CHECK(plain.code() == "invalidWebhookUrl");
  CHECK(plain.body["error"]["message"].get<std::string>().find("https://") != std::string::npos);
  Reply unknown = alpha.post(
      "/api/webhooks", {{"url", "https://hooks.example.com/x"}, {"eventTypes", {"offer.eaten"}}});
  CHECK(unknown.status == 400);
  CHECK(unknown.code() == "invalidWebhookEventTypes");
  CHECK(alpha.post("/api/webhooks", {{"url", "https://hooks.example.com/x"}}).code() ==
        "invalidWebhookEventTypes");
  CHECK(alpha
            .post("/api/webhooks", {{"url", "https://hooks.example.com/x"},
                                    {"eventTypes", {"offer.accepted"}},
                                    {"secret", "mine"}})
            .status == 400);
  CHECK(alpha.get("/api/webhooks").body["value"].empty());
}

TEST_CASE("an endpoint failing for 5 days is disabled and its administrators told", "[webhooks]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  Receiver receiver({{"/down", {503, 503, 503, 503, 503, 503, 503, 503}}});
  std::string id;
  {
    ServerProcess server(args(data.path()));
    Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
    Reply a = alpha.post("/api/webhooks",
                         {{"url", receiver.url("/down")}, {"eventTypes", {"offer.accepted"}}});
    REQUIRE(a.status == 201);
    id = a.body["id"];
    // Killed, not stopped: the endpoint must have been on disk when the answer came.
    server.kill9();
  }
  {
    // Its deliveries have been failing for six days (as if the server had run that long).
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((data.path() + "/webhooks.db").c_str(), &db) == SQLITE_OK);
    const std::int64_t sixDaysAgo = std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count() -
                                    6LL * 24 * 3'600'000;
    const std::string sql = "UPDATE endpoints SET failing_since_ms=" + std::to_string(sixDaysAgo) +
                            " WHERE id='" + id + "'";
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  ServerProcess server(args(data.path()));
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  accept(server, "admin@alphapartners.onmicrosoft.com", "admin@northwind.onmicrosoft.com");
  REQUIRE(receiver.waitFor("/down", 1));
  nlohmann::json endpoint;
  for (int i = 0; i < 300; ++i) {
    endpoint = alpha.get("/api/webhooks").body["value"][0];
    if (endpoint["status"] == "disabled") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(endpoint["status"] == "disabled");
  CHECK(endpoint["disabledReason"].get<std::string>().find("HTTP 503") != std::string::npos);
  // A disabled endpoint gets nothing more.
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  CHECK(receiver.at("/down").size() == 1);
  // The administrators are told: a message in the outbox (and a notification in the app).
  nlohmann::json mail;
  for (int i = 0; i < 100; ++i) {
    mail = alpha.get("/api/mail").body;
    bool found = false;
    for (const auto& m : mail["value"])
      found = found || m["subject"] == "Webhook endpoint disabled";
    if (found) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  bool told = false;
  for (const auto& m : mail["value"])
    if (m["subject"] == "Webhook endpoint disabled") {
      told = true;
      CHECK(m["to"] == nlohmann::json::array({"admin@alphapartners.onmicrosoft.com"}));
      // Its link opens the Webhooks screen (a path the web app routes), not the start page.
      CHECK(m["link"] == server.baseUrl() + "/webhooks");
    }
  CHECK(told);
  // Nothing is sent to a disabled endpoint, not even by hand.
  nlohmann::json log = alpha.get("/api/webhooks/" + id + "/deliveries").body;
  REQUIRE(!log["deliveries"].empty());
  const std::string webhookId = log["deliveries"][0]["webhookId"];
  Reply refused = alpha.postRaw("/api/webhooks/" + id + "/deliveries/" + webhookId + "/retry", "");
  CHECK(refused.status == 409);
  CHECK(refused.code() == "webhookDeliveryNotRetryable");
  CHECK(refused.body["error"]["message"].get<std::string>().find("disabled") != std::string::npos);
}

TEST_CASE("a failed delivery is sent again by hand, with the same webhook-id, once", "[webhooks]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  Receiver receiver({{"/gone", {410}}});  // 410 Gone: failed at once, no automatic retry
  ServerProcess server(args(data.path()));
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply a = alpha.post("/api/webhooks",
                       {{"url", receiver.url("/gone")}, {"eventTypes", {"offer.accepted"}}});
  REQUIRE(a.status == 201);
  const std::string id = a.body["id"];
  accept(server, "admin@alphapartners.onmicrosoft.com", "admin@northwind.onmicrosoft.com");
  nlohmann::json log = logWhen(alpha, id, [](const nlohmann::json& l) {
    return !l["deliveries"].empty() && l["deliveries"][0]["status"] == "failed";
  });
  REQUIRE(!log["deliveries"].empty());
  REQUIRE(log["deliveries"][0]["status"] == "failed");
  const std::string webhookId = log["deliveries"][0]["webhookId"];
  const std::string retry = "/api/webhooks/" + id + "/deliveries/" + webhookId + "/retry";

  // Only its own partner's administrators, only a delivery the endpoint has.
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  CHECK(beta.postRaw(retry, "").code() == "webhookNotFound");
  CHECK(Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword)
            .postRaw(retry, "")
            .status == 403);
  CHECK(alpha.postRaw("/api/webhooks/" + id + "/deliveries/msg_nope/retry", "").status == 404);
  CHECK(receiver.at("/gone").size() == 1);

  Reply retried = alpha.postRaw(retry, "");
  REQUIRE(retried.status == 200);
  CHECK(retried.body["status"] == "queued");
  REQUIRE(receiver.waitFor("/gone", 2));
  auto tries = receiver.at("/gone");
  CHECK(tries[1].id == webhookId);
  CHECK(tries[1].body == tries[0].body);
  log = logWhen(alpha, id, [](const nlohmann::json& l) {
    return l["deliveries"][0]["status"] == "delivered";
  });
  CHECK(log["deliveries"][0]["status"] == "delivered");
  CHECK(log["deliveries"][0]["attempts"] == 2);
  CHECK(log["value"][0]["responseStatus"] == 200);
  CHECK(log["value"][1]["responseStatus"] == 410);
  // Delivered: not sent twice.
  Reply again = alpha.postRaw(retry, "");
  CHECK(again.status == 409);
  CHECK(again.code() == "webhookDeliveryNotRetryable");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(receiver.at("/gone").size() == 2);
}
