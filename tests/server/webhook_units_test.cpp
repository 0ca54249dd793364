// Webhook signing (Standard Webhooks) and the webhook store, without a server process.
#include <catch2/catch.hpp>

#include "server/webhook_signature.hpp"
#include "server/webhook_store.hpp"
#include "server_process.hpp"

using namespace delegate;
using namespace delegate::server;
using delegate::testing::TempDir;

TEST_CASE("webhook signatures reproduce the Standard Webhooks specification's example",
          "[webhooks]") {
  // The example of https://github.com/standard-webhooks/standard-webhooks (spec and libraries).
  std::optional<std::string> key = decodeWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  REQUIRE(key);
  CHECK(key->size() == 24);
  CHECK(signWebhook(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  // The prefix is optional when decoding; garbage is refused.
  CHECK(decodeWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") == key);
  CHECK_FALSE(decodeWebhookSecret("whsec_not base64!"));
  CHECK_FALSE(decodeWebhookSecret("whsec_"));
}

TEST_CASE("new webhook secrets are whsec_ and 32 random bytes", "[webhooks]") {
  const std::string a = newWebhookSecret(), b = newWebhookSecret();
  CHECK(a.rfind("whsec_", 0) == 0);
  CHECK(a != b);
  std::optional<std::string> key = decodeWebhookSecret(a);
  REQUIRE(key);
  CHECK(key->size() == 32);
}

TEST_CASE("the webhook store keeps endpoints, deliveries and tries across reopening",
          "[webhooks]") {
  TempDir dir;
  {
    auto store = WebhookStore::open(dir.path());
    REQUIRE(store);
    WebhookEndpoint e;
    e.id = "ep_1";
    e.tenantId = "t1";
    e.url = "https://hooks.example.com/";
    e.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    e.eventTypes = {"offer.accepted", "relationship.approved"};
    REQUIRE(store.value()->addEndpoint(e));
    CHECK_FALSE(store.value()->cursor());
    WebhookDelivery d;
    d.endpointId = "ep_1";
    d.tenantId = "t1";
    d.messageId = "msg_1";
    d.eventType = "offer.accepted";
    d.body = "{}";
    d.createdMs = 1000;
    REQUIRE(store.value()->enqueue({d, d}, 7));  // the same id twice is queued once
    auto due = store.value()->due(1000, 10);
    REQUIRE(due.size() == 1);
    due[0].attempts = 1;
    due[0].status = WebhookDeliveryStatus::retrying;
    due[0].nextAttemptMs = 5000;
    due[0].lastStatusCode = 500;
    REQUIRE(store.value()->recordAttempt(due[0], {due[0].id, 1, 1000, 500, "busy", "", ""}));
  }
  auto store = WebhookStore::open(dir.path());
  REQUIRE(store);
  CHECK(store.value()->cursor() == 7u);
  auto eps = store.value()->endpointsOf("t1");
  REQUIRE(eps.size() == 1);
  CHECK(eps[0].eventTypes == std::vector<std::string>{"offer.accepted", "relationship.approved"});
  CHECK(store.value()->due(4999, 10).empty());
  CHECK(store.value()->nextDueMs() == 5000);
  auto log = store.value()->log("ep_1", 10);
  REQUIRE(log.size() == 1);
  CHECK(log[0].statusCode == 500);
  CHECK(log[0].messageId == "msg_1");
  CHECK(store.value()->deleteEndpoint("ep_1"));
  CHECK(store.value()->log("ep_1", 10).empty());
  CHECK_FALSE(store.value()->deleteEndpoint("ep_1"));
}
