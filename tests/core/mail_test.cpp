// Who hears about what by mail, and what the message says (core/mail.hpp and the outbox).
#include <catch2/catch.hpp>

#include "core/mail.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

// Copies: the decision is usually a temporary.
std::vector<EmailMessage> mailsIn(const Decision& d) {
  std::vector<EmailMessage> out;
  for (const Event& e : d.events)
    if (const auto* q = std::get_if<EmailQueued>(&e)) out.push_back(q->email);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A granular relationship between the seed's partner and customer, approved, `days` long.
RelationshipId approvedRelationship(SeedCast& s, int days, Duration autoExtend = {}) {
  CreateRelationship c;
  c.displayName = "Contoso support";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
  c.duration = Duration::ofDays(days);
  c.autoExtendDuration = autoExtend;
  RelationshipId rel =
      World::find<RelationshipCreated>(s.w.run(s.w.as(s.partnerAdmin), c))->relationship.id;
  std::string token = s.w.secretOf(s.w.run(s.w.as(s.partnerAdmin), LockForApproval{rel}));
  s.w.run(s.w.as(s.customerAdmin), ApproveRelationship{rel, token});
  return rel;
}

}  // namespace

TEST_CASE("an accepted offer is mailed to the partner's administrators and its creator") {
  SeedCast s;
  World& w = s.w;
  // A Full agent (not an administrator) creates the offer (a trial invitation); a disabled admin
  // hears nothing.
  UserId off = w.user(s.partner, "off@fabrikampartners.onmicrosoft.com", "Otto Off",
                      {Role::globalAdministrator});
  REQUIRE(!w.run(w.as(s.partnerAdmin), DisableUser{off}).error);
  std::string token = w.secretOf(w.run(
      w.as(s.fullAgent), CreateTrialInvitation{"Microsoft 365 Business Basic", 25, 30, true}));
  Decision d = w.run(w.as(s.customerAdmin), AcceptTrialInvitation{token, std::nullopt});
  REQUIRE(!d.error);
  auto mails = mailsIn(d);
  REQUIRE(mails.size() == 1);
  const EmailMessage& m = mails[0];
  CHECK(m.tenantId == s.partner);
  CHECK(m.to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com",
                                         "full@fabrikampartners.onmicrosoft.com"});
  CHECK(m.kind == NotificationKind::offerAccepted);
  // It names the client and the person who answered.
  CHECK(contains(m.subject, "Contoso accepted"));
  CHECK(contains(m.text, "Carla Admin (admin@contoso.onmicrosoft.com)"));
  CHECK(m.linkPath == "/customers/" + s.customer.str());
}

TEST_CASE("a declined offer is mailed the same way, naming who declined") {
  SeedCast s;
  World& w = s.w;
  std::string token = w.secretOf(
      w.run(w.as(s.limitedAgent), CreatePurchaseOffer{"Microsoft 365 E3", 5, 3600, false}));
  auto mails = mailsIn(w.run(w.as(s.customerAdmin), DeclineOffer{token}));
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com",
                                                "limited@fabrikampartners.onmicrosoft.com"});
  CHECK(mails[0].kind == NotificationKind::offerDeclined);
  CHECK(contains(mails[0].text, "declined"));
  CHECK(contains(mails[0].text, "Carla Admin"));
}

TEST_CASE("approval, termination and removal are mailed to the partner's administrators") {
  SeedCast s;
  World& w = s.w;
  CreateRelationship c;
  c.displayName = "Contoso support";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = RoleSet{Role::userAdministrator};
  c.duration = Duration::ofDays(365);
  RelationshipId rel =
      World::find<RelationshipCreated>(w.run(w.as(s.partnerAdmin), c))->relationship.id;
  std::string token = w.secretOf(w.run(w.as(s.partnerAdmin), LockForApproval{rel}));
  auto approved = mailsIn(w.run(w.as(s.customerAdmin), ApproveRelationship{rel, token}));
  REQUIRE(approved.size() == 1);
  CHECK(approved[0].kind == NotificationKind::relationshipApproved);
  CHECK(approved[0].to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com"});
  CHECK(approved[0].linkPath == "/relationships/" + rel.str());

  auto ended = mailsIn(w.run(w.as(s.customerAdmin), TerminateRelationship{rel}));
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].kind == NotificationKind::relationshipTerminated);

  s.connect();
  auto removed = mailsIn(w.run(w.as(s.customerAdmin), RemovePartner{s.partner}));
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].kind == NotificationKind::partnerRemoved);
  CHECK(removed[0].tenantId == s.partner);
}

TEST_CASE("expiry reminders 30, 7 and 1 day before, to both sides, unless it auto-extends") {
  SeedCast s;
  World& w = s.w;
  RelationshipId rel = approvedRelationship(s, 365);
  const Timestamp end = *w.state.findRelationship(rel)->endDateTime;
  auto tick = [&](Timestamp t) {
    w.now = t;
    return mailsIn(w.runAsSystem(AdvanceClock{t}));
  };
  CHECK(tick(end - Duration::ofDays(31)).empty());
  for (int days : {30, 7, 1}) {
    auto mails = tick(end - Duration::ofDays(days));
    REQUIRE(mails.size() == 2);
    // One message per organization: nobody is told about another tenant's people.
    CHECK(mails[0].tenantId == s.partner);
    CHECK(mails[0].to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com"});
    CHECK(mails[1].tenantId == s.customer);
    CHECK(mails[1].to == std::vector<std::string>{"admin@contoso.onmicrosoft.com"});
    CHECK(mails[1].linkPath == "/partners");
    const std::string left = days == 1 ? "1 day" : std::to_string(days) + " days";
    CHECK(contains(mails[0].subject, "expires in " + left));
    CHECK(contains(mails[1].subject, "Fabrikam Partners"));
    // The next minute sends nothing more.
    CHECK(tick(end - Duration::ofDays(days) + Duration::ofSeconds(60)).empty());
  }
  auto expired = tick(end);
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].kind == NotificationKind::relationshipExpired);

  // Auto-extending relationships get no reminders.
  SeedCast s2;
  RelationshipId ext = approvedRelationship(s2, 365, Duration::ofDays(180));
  const Timestamp end2 = *s2.w.state.findRelationship(ext)->endDateTime;
  CHECK(mailsIn(s2.w.runAsSystem(AdvanceClock{end2 - Duration::ofDays(7)})).empty());
}

TEST_CASE("a clock that jumps sends only the most urgent reminder; short relationships skip") {
  const Timestamp end = timestampFromCivil(2027, 1, 31, 0, 0, 0);
  CHECK(expiryReminderDue(end - Duration::ofDays(40), end - Duration::ofSeconds(3600), end) == 1);
  CHECK(expiryReminderDue(end - Duration::ofDays(40), end - Duration::ofDays(8), end) == 30);
  CHECK(!expiryReminderDue(end - Duration::ofDays(40), end - Duration::ofDays(31), end));
  // Started 7 days before its end: the 7-day reminder's moment is not after the start.
  CHECK(!expiryReminderDue(end - Duration::ofDays(7), end - Duration::ofDays(6), end));
  CHECK(expiryReminderDue(end - Duration::ofDays(7), end - Duration::ofSeconds(20 * 3600), end) ==
        1);
}

TEST_CASE("a rendered message has a plain and an HTML part with the link, escaped") {
  EmailMessage m;
  m.subject = "Contoso <Ltd> accepted";
  m.text = "Contoso <Ltd> & co accepted your offer.";
  m.linkPath = "/customers/abc";
  RenderedMail r = renderMail(m, "https://delegate.example.com");
  CHECK(r.subject == m.subject);
  CHECK(r.link == "https://delegate.example.com/customers/abc");
  CHECK(contains(r.text, m.text));
  CHECK(contains(r.text, r.link));
  CHECK(contains(r.html, "Contoso &lt;Ltd&gt; &amp; co"));
  CHECK(!contains(r.html, "<Ltd>"));
  CHECK(contains(r.html, "href=\"https://delegate.example.com/customers/abc\""));
  // Messages queued before links existed point at the start page.
  m.linkPath.reset();
  CHECK(renderMail(m, "http://x").link == "http://x/");
}
