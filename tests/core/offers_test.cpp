// Trial invitations and purchase offers, sign-up, declining, notifications and the inbox.
#include <catch2/catch.hpp>

#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("trial and purchase offer terms are validated") {
  SeedCast s;
  World& w = s.w;
  auto trial = [&](std::string product, int licenses, int days) {
    return codeOf(
        w.run(w.as(s.fullAgent), CreateTrialInvitation{std::move(product), licenses, days, true}));
  };
  CHECK(trial("", 25, 30) == "invalidDisplayName");
  CHECK(trial("M365", 0, 30) == "invalidLicenseCount");
  CHECK(trial("M365", 10001, 30) == "invalidLicenseCount");
  CHECK(trial("M365", 25, 0) == "invalidTrialDays");
  CHECK(trial("M365", 25, 91) == "invalidTrialDays");
  CHECK(trial("M365", 25, 30) == "ok");
  CHECK(codeOf(w.run(w.as(s.fullAgent), CreatePurchaseOffer{"E3", 5, -1, true})) == "invalidPrice");
  // Through delegated access nobody creates offers.
  s.connect();
  CHECK(codeOf(w.run(w.as(s.partnerAdmin, s.customer), CreateOffer{})) ==
        "notAvailableThroughDelegatedAccess");
}

TEST_CASE("a trial invitation accepted by an existing customer") {
  SeedCast s;
  World& w = s.w;
  std::string token = w.secretOf(w.run(
      w.as(s.limitedAgent), CreateTrialInvitation{"Microsoft 365 Business Basic", 25, 30, true}));
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AcceptOffer{token})) == "wrongOfferKind");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AcceptPurchaseOffer{token})) == "wrongOfferKind");
  AcceptTrialInvitation withSignUp{token, SignUp{"X", "x", "admin", "X", "a password"}};
  CHECK(codeOf(w.run(w.as(s.customerAdmin), withSignUp)) == "signUpNotAllowed");
  Decision d = w.run(w.as(s.customerAdmin), AcceptTrialInvitation{token, std::nullopt});
  REQUIRE(d.ok());
  const Subscription& sub = World::find<SubscriptionCreated>(d)->subscription;
  CHECK(sub.isTrial);
  CHECK(sub.licenses == 25);
  CHECK(sub.endDateTime == w.now + Duration::ofDays(30));
  CHECK(sub.partnerId == s.partner);
  CHECK(World::count<RelationshipCreated>(d) == 1);
  CHECK(World::find<NotificationCreated>(d)->notification.kind == NotificationKind::offerAccepted);
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AcceptTrialInvitation{token, std::nullopt})) ==
        "offerAlreadyAccepted");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("signing up through a trial invitation creates the customer") {
  SeedCast s;
  World& w = s.w;
  std::string token = w.secretOf(w.run(
      w.as(s.fullAgent), CreateTrialInvitation{"Microsoft 365 Business Premium", 10, 30, true}));
  Principal anon = Principal::anonymous();
  CHECK(codeOf(w.run(anon, AcceptTrialInvitation{token, std::nullopt})) == "signUpRequired");
  CHECK(codeOf(w.run(anon, AcceptTrialInvitation{token, SignUp{"Tailspin", "contoso", "admin", "T",
                                                               "long enough"}})) ==
        "domainAlreadyExists");
  CHECK(codeOf(w.run(anon, AcceptTrialInvitation{token, SignUp{"Tailspin", "tail spin", "admin",
                                                               "T", "long enough"}})) ==
        "invalidDomainName");
  CHECK(codeOf(w.run(anon, AcceptTrialInvitation{token, SignUp{"Tailspin", "tailspin", "a b", "T",
                                                               "long enough"}})) ==
        "invalidUserPrincipalName");
  // The first administrator picks a password of at least 8 characters; nothing is created
  // otherwise.
  Decision weak = w.run(
      anon, AcceptTrialInvitation{token, SignUp{"Tailspin", "tailspin", "ada", "T", "short"}});
  CHECK(codeOf(weak) == "weakPassword");
  CHECK(weak.error->target == "password");
  CHECK(codeOf(w.run(anon, AcceptTrialInvitation{token, SignUp{"Tailspin", "tailspin", "ada", "T",
                                                               "        "}})) == "weakPassword");
  CHECK(w.state.findDomain("tailspin.onmicrosoft.com") == nullptr);
  // Anonymous principals may do nothing else.
  CHECK(codeOf(w.run(anon, AddUser{"x@contoso.onmicrosoft.com", "X"})) == "unauthenticated");
  CHECK(codeOf(w.run(anon, AcceptOffer{token})) == "unauthenticated");

  Decision d = w.run(anon, AcceptTrialInvitation{token, SignUp{"Tailspin Toys", "tailspin", "Ada",
                                                               "Ada Admin", "Tailspin 2026"}});
  REQUIRE(d.ok());
  const Tenant& t = World::find<TenantCreated>(d)->tenant;
  CHECK(t.kind == TenantKind::customer);
  const User& admin = World::find<UserCreated>(d)->user;
  CHECK(admin.userPrincipalName == "ada@tailspin.onmicrosoft.com");
  CHECK(admin.roles.has(Role::globalAdministrator));
  // The chosen password goes to the server as a secret to hash, never into an event.
  REQUIRE(d.secrets.size() == 1);
  CHECK(d.secrets[0].kind == SecretKind::chosenPassword);
  CHECK(d.secrets[0].subjectId == admin.id.str());
  CHECK(d.secrets[0].value == "Tailspin 2026");
  CHECK(World::count<SubscriptionCreated>(d) == 1);
  CHECK(World::count<RelationshipCreated>(d) == 1);
  const auto& audit = std::get<AuditRecorded>(d.events.back()).record;
  CHECK(audit.actorKind == PrincipalKind::anonymous);
  CHECK(audit.targetTenantId == t.id);
  // The partner can now act in the new customer.
  CHECK(codeOf(w.run(w.as(s.fullAgent, t.id), AddUser{"bo@tailspin.onmicrosoft.com", "Bo"})) ==
        "ok");
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("declining tells the partner and grants nothing") {
  SeedCast s;
  World& w = s.w;
  std::string token = s.createOffer();
  Decision d = w.run(w.as(s.customerAdmin), DeclineOffer{token});
  REQUIRE(d.ok());
  CHECK(World::count<RelationshipCreated>(d) == 0);
  const auto& n = World::find<NotificationCreated>(d)->notification;
  CHECK(n.kind == NotificationKind::offerDeclined);
  CHECK(n.tenantId == s.partner);
  CHECK(World::find<EmailQueued>(d)->email.text.find("declined") != std::string::npos);
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser})) ==
        "noActiveRelationship");

  // Notifications are read by members of their tenant only.
  CHECK(codeOf(w.run(w.as(s.customerAdmin), MarkNotificationRead{n.id})) == "notificationNotFound");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), MarkNotificationRead{n.id})) == "ok");
  CHECK(w.state.findNotification(n.id)->isRead);
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), MarkNotificationRead{NotificationId{999}})) ==
        "notificationNotFound");
}

TEST_CASE("the partner access setting is managed by partner admins") {
  SeedCast s;
  World& w = s.w;
  s.connect();
  CHECK(codeOf(w.run(w.as(s.fullAgent),
                     SetPartnerAdminAccess{s.noAccessAgent, PartnerAccess::full})) ==
        "insufficientRole");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin),
                     SetPartnerAdminAccess{s.customerUser, PartnerAccess::full})) ==
        "userNotFound");
  CHECK(codeOf(w.run(w.as(s.customerAdmin),
                     SetPartnerAdminAccess{s.customerUser, PartnerAccess::full})) ==
        "notAPartnerTenant");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin),
                     SetPartnerAdminAccess{s.noAccessAgent, PartnerAccess::limited})) == "ok");
  CHECK(codeOf(w.run(w.as(s.noAccessAgent, s.customer), ResetPassword{s.customerUser})) == "ok");
  CHECK(codeOf(w.run(w.as(s.noAccessAgent, s.customer),
                     AddUser{"q@contoso.onmicrosoft.com", "Q"})) == "insufficientRole");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin),
                     SetPartnerAdminAccess{s.noAccessAgent, PartnerAccess::full})) == "ok");
  CHECK(codeOf(w.run(w.as(s.noAccessAgent, s.customer),
                     AddUser{"q@contoso.onmicrosoft.com", "Q"})) == "ok");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin),
                     SetPartnerAdminAccess{s.noAccessAgent, PartnerAccess::none})) == "ok");
  CHECK(codeOf(w.run(w.as(s.noAccessAgent, s.customer), ResetPassword{s.customerUser})) ==
        "delegatedAccessNotGranted");
}

TEST_CASE("system-only commands") {
  SeedCast s;
  World& w = s.w;
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), CreateTenant{TenantKind::customer, "X", "xx"})) ==
        "systemOnly");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), CertifyPartner{s.partner, true})) == "systemOnly");
  CHECK(codeOf(w.runAsSystem(CertifyPartner{s.customer, true})) == "notAPartnerTenant");
  CHECK(codeOf(w.runAsSystem(CreateTenant{TenantKind::customer, "X", "contoso"})) ==
        "domainAlreadyExists");
  CHECK(codeOf(w.runAsSystem(
            CreateUser{s.customer, "p@contoso.onmicrosoft.com", "P", {}, PartnerAccess::full})) ==
        "notAPartnerTenant");
  // The platform cannot act as a user.
  CHECK(codeOf(w.runAsSystem(AddUser{"x@contoso.onmicrosoft.com", "X"})) == "unauthenticated");
}
