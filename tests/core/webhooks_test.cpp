// Webhook rules (core/webhooks.hpp): URLs, event types, who manages endpoints, which partner
// hears of which event, the shared retry policy and when a failing endpoint is switched off.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/retry.hpp"
#include "core/webhooks.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::vector<WebhookNotice> noticesIn(const World& w, const Decision& d) {
  std::vector<WebhookNotice> out;
  for (const Event& e : d.events)
    if (auto n = webhookNoticeFor(w.state, e)) out.push_back(*n);
  return out;
}

std::string urlError(const std::string& url) {
  Status s = validateWebhookUrl(url);
  return s.ok() ? std::string() : s.error().message;
}

}  // namespace

TEST_CASE("webhook URLs: https anywhere, plain http only to this machine", "[webhooks]") {
  CHECK(urlError("https://hooks.example.com/delegate").empty());
  CHECK(urlError("https://hooks.example.com:8443/a?b=c").empty());
  CHECK(urlError("http://127.0.0.1:9000/hook").empty());
  CHECK(urlError("http://localhost/hook").empty());
  CHECK(urlError("http://LOCALHOST:1/").empty());
  CHECK(urlError("http://[::1]:8080/x").empty());
  CHECK(urlError("http://hooks.example.com/x").find("https://") != std::string::npos);
  CHECK(urlError("http://127.0.0.1.example.com/x").find("https://") != std::string::npos);
  CHECK(urlError("ftp://hooks.example.com/").find("https://") != std::string::npos);
  CHECK(urlError("").find("Enter") != std::string::npos);
  CHECK(urlError("https://user:pw@hooks.example.com/").find("password") != std::string::npos);
  CHECK(urlError("https://hooks.example.com/a b").find("space") != std::string::npos);
  CHECK(urlError("https://hooks.example.com/#x").find("fragment") != std::string::npos);
  CHECK(urlError("https:///path").find("host") != std::string::npos);
  CHECK(urlError("https://h.example.com:0/").find("port") != std::string::npos);
  CHECK(urlError("https://h.example.com:70000/").find("port") != std::string::npos);
  CHECK(urlError("https://h.example.com:80a/").find("port") != std::string::npos);
  CHECK(urlError("https://" + std::string(kMaxWebhookUrl, 'a')).find("longer") !=
        std::string::npos);
  CHECK(validateWebhookUrl("http://example.com").error().code == errc::invalidWebhookUrl);
}

TEST_CASE("webhook event types: at least one, known, once each", "[webhooks]") {
  auto ok = parseWebhookEventTypes({"relationship.approved", "offer.accepted"});
  REQUIRE(ok.ok());
  CHECK(ok.value() == std::vector<WebhookEventType>{WebhookEventType::offerAccepted,
                                                    WebhookEventType::relationshipApproved});
  CHECK(parseWebhookEventTypes({}).error().message.find("at least one") != std::string::npos);
  auto unknown = parseWebhookEventTypes({"offer.eaten"});
  CHECK(unknown.error().code == errc::invalidWebhookEventTypes);
  CHECK(unknown.error().message.find("accessAssignment.changed") != std::string::npos);
  CHECK(!parseWebhookEventTypes({"offer.accepted", "offer.accepted"}).ok());
  for (WebhookEventType t : allWebhookEventTypes())
    CHECK(webhookEventTypeFromName(webhookEventTypeName(t)) == t);
}

TEST_CASE("only a partner's enabled Global Administrators manage its webhooks", "[webhooks]") {
  SeedCast s;
  CHECK(mayManageWebhooks(s.w.state, s.partnerAdmin, s.partner));
  CHECK_FALSE(mayManageWebhooks(s.w.state, s.fullAgent, s.partner));
  CHECK_FALSE(mayManageWebhooks(s.w.state, s.partnerAdmin, s.customer));
  // A customer's administrator has no webhooks (they hear no partner events).
  CHECK_FALSE(mayManageWebhooks(s.w.state, s.customerAdmin, s.customer));
}

TEST_CASE("partner events become notices for that partner only", "[webhooks]") {
  SeedCast s;
  World& w = s.w;
  TenantId other = w.tenant(TenantKind::partner, "Northwind Partners", "northwindpartners");
  w.certify(other);
  UserId otherAdmin = w.user(other, "admin@northwindpartners.onmicrosoft.com", "Nora Admin",
                             {Role::globalAdministrator});

  // An accepted offer: one notice, for the partner that made it, naming the customer.
  std::string token = s.createOffer();
  auto accepted = noticesIn(w, w.run(w.as(s.customerAdmin), AcceptOffer{token}));
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].type == WebhookEventType::offerAccepted);
  CHECK(accepted[0].partnerTenantId == s.partner);
  CHECK(accepted[0].customerTenantId == s.customer);
  CHECK(accepted[0].offerId.has_value());
  CHECK(webhookEndpointReceives(s.partner, {WebhookEventType::offerAccepted}, accepted[0]));
  CHECK_FALSE(webhookEndpointReceives(other, allWebhookEventTypes(), accepted[0]));
  CHECK_FALSE(webhookEndpointReceives(s.partner, {WebhookEventType::offerDeclined}, accepted[0]));

  // A granular relationship approved, then an access assignment created and deleted.
  CreateRelationship c;
  c.displayName = "Contoso support";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
  c.duration = Duration::ofDays(30);
  RelationshipId rel =
      World::find<RelationshipCreated>(w.run(w.as(s.partnerAdmin), c))->relationship.id;
  // Another partner's administrator cannot act on it (and nothing is noticed).
  CHECK(w.run(w.as(otherAdmin), LockForApproval{rel}).error);
  std::string approval = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  auto approved = noticesIn(w, w.run(w.as(s.customerAdmin), ApproveRelationship{rel, approval}));
  REQUIRE(approved.size() == 1);
  CHECK(approved[0].type == WebhookEventType::relationshipApproved);
  CHECK(approved[0].relationshipId == rel);
  CHECK(approved[0].partnerTenantId == s.partner);

  GroupId group =
      World::find<GroupCreated>(w.run(w.as(s.partnerAdmin), CreateGroup{"Helpdesk agents"}))
          ->group.id;
  CreateAccessAssignment a;
  a.relationshipId = rel;
  a.accessContainer.accessContainerId = group;
  a.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
  auto created = noticesIn(w, w.run(w.as(s.partnerAdmin), a));
  REQUIRE(created.size() == 1);
  CHECK(created[0].type == WebhookEventType::accessAssignmentChanged);
  CHECK(created[0].changeType == "created");
  CHECK(created[0].partnerTenantId == s.partner);
  CHECK(created[0].customerTenantId == s.customer);
  REQUIRE(created[0].accessAssignmentId.has_value());
  auto deleted = noticesIn(
      w, w.run(w.as(s.partnerAdmin), DeleteAccessAssignment{*created[0].accessAssignmentId}));
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].changeType == "deleted");

  // The customer removes the partner: the partner hears it, the customer has no notice.
  auto removed = noticesIn(w, w.run(w.as(s.customerAdmin), RemovePartner{s.partner}));
  REQUIRE(!removed.empty());
  for (const WebhookNotice& n : removed) CHECK(n.partnerTenantId == s.partner);
  CHECK(std::any_of(removed.begin(), removed.end(), [](const WebhookNotice& n) {
    return n.type == WebhookEventType::partnerRemoved;
  }));
}

TEST_CASE("webhook answers: 2xx delivered, 410 permanent, anything else temporary", "[webhooks]") {
  CHECK(classifyWebhookResponse(200) == WebhookOutcome::delivered);
  CHECK(classifyWebhookResponse(204) == WebhookOutcome::delivered);
  CHECK(classifyWebhookResponse(410) == WebhookOutcome::permanent);
  for (int code : {0, 301, 400, 401, 404, 429, 500, 503})
    CHECK(classifyWebhookResponse(code) == WebhookOutcome::temporary);
}

TEST_CASE("an endpoint failing for 5 days straight is disabled", "[webhooks]") {
  const std::int64_t day = 24LL * 3'600'000;
  CHECK_FALSE(webhookEndpointShouldBeDisabled(std::nullopt, 100 * day));
  CHECK_FALSE(webhookEndpointShouldBeDisabled(1000, 1000 + 5 * day - 1));
  CHECK(webhookEndpointShouldBeDisabled(1000, 1000 + 5 * day));
}

TEST_CASE("the shared retry policy doubles to a cap and gives up after 48 hours",
          "[webhooks][mail]") {
  RetryPolicy p;  // 60 s doubling to an hour, 48 h
  std::vector<std::int64_t> waits;
  std::int64_t now = 0;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    std::optional<std::int64_t> next = nextRetryAtMs(p, attempt, 0, now, now);
    REQUIRE(next);
    waits.push_back(*next - now);
    now = *next;
  }
  CHECK(waits == std::vector<std::int64_t>{60'000, 120'000, 240'000, 480'000, 960'000, 1'920'000,
                                           3'600'000, 3'600'000});
  CHECK_FALSE(nextRetryAtMs(p, 50, 0, 48LL * 3'600'000, 48LL * 3'600'000 + 5));
  CHECK(nextRetryAtMs(p, 50, 0, 48LL * 3'600'000 - 1, 48LL * 3'600'000));
}

TEST_CASE("a disabled endpoint is told to the partner's administrators, by the system only",
          "[webhooks]") {
  SeedCast s;
  World& w = s.w;
  NoteWebhookEndpointDisabled note{s.partner, "https://hooks.example.com/delegate"};
  CHECK(w.run(w.as(s.partnerAdmin), note).error);  // people cannot claim it
  CHECK(w.runAsSystem(NoteWebhookEndpointDisabled{s.customer, "https://x.example.com/"}).error);
  Decision d = w.runAsSystem(note);
  REQUIRE(!d.error);
  const NotificationCreated* n = World::find<NotificationCreated>(d);
  REQUIRE(n);
  CHECK(n->notification.tenantId == s.partner);
  CHECK(n->notification.kind == NotificationKind::webhookEndpointDisabled);
  CHECK(n->notification.text.find("https://hooks.example.com/delegate") != std::string::npos);
  const EmailQueued* m = World::find<EmailQueued>(d);
  REQUIRE(m);
  CHECK(m->email.to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com"});
  // The message links to the Webhooks screen, where the endpoint can be registered again.
  CHECK(m->email.linkPath == std::optional<std::string>("/webhooks"));
  // Not itself a webhook event (the endpoint that would carry it is the one that failed).
  for (const Event& e : d.events) CHECK_FALSE(webhookNoticeFor(w.state, e));
}

TEST_CASE("a delivery may be sent again by hand unless it arrived or its endpoint is off",
          "[webhooks]") {
  for (WebhookDeliveryStatus s : {WebhookDeliveryStatus::retrying, WebhookDeliveryStatus::failed}) {
    CHECK(mayRetryWebhookDelivery(s, true).ok());
    Status off = mayRetryWebhookDelivery(s, false);
    REQUIRE_FALSE(off.ok());
    CHECK(off.error().code == errc::webhookDeliveryNotRetryable);
    CHECK(off.error().message.find("disabled") != std::string::npos);
  }
  for (WebhookDeliveryStatus s :
       {WebhookDeliveryStatus::delivered, WebhookDeliveryStatus::queued}) {
    Status refused = mayRetryWebhookDelivery(s, true);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == errc::webhookDeliveryNotRetryable);
  }
  CHECK(webhookDeliveryStatusFromName("retrying") == WebhookDeliveryStatus::retrying);
  CHECK_FALSE(webhookDeliveryStatusFromName("lost"));
}
