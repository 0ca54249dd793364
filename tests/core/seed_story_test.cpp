// The seed's story end to end: offer, acceptance, Full/Limited access, delegated actions, the
// MDM refusal, notifications, removal, and audit of every decision.
#include <catch2/catch.hpp>

#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

void requireRefused(const Decision& d, std::string_view code) {
  INFO("expected " << code << ", got "
                   << (d.error ? d.error->code + ": " + d.error->message : "success"));
  REQUIRE(d.error.has_value());
  CHECK(d.error->code == code);
  REQUIRE(d.events.size() == 1);
  const auto* audit = std::get_if<AuditRecorded>(&d.events[0]);
  REQUIRE(audit);
  CHECK(audit->record.outcome == AuditOutcome::refused);
  CHECK(audit->record.reasonCode == code);
  CHECK(d.secrets.empty());
}

// A refusal where the actor's organization has no relationship is nobody's audit: it writes
// nothing (the server counts it).
void requireRefusedUnaudited(const Decision& d, std::string_view code) {
  INFO("expected " << code << ", got "
                   << (d.error ? d.error->code + ": " + d.error->message : "success"));
  REQUIRE(d.error.has_value());
  CHECK(d.error->code == code);
  CHECK(d.events.empty());
  CHECK(d.secrets.empty());
}

void requireAllowed(const Decision& d) {
  INFO((d.error ? d.error->code + ": " + d.error->message : "success"));
  REQUIRE(d.ok());
  REQUIRE_FALSE(d.events.empty());
  const auto* audit = std::get_if<AuditRecorded>(&d.events.back());
  REQUIRE(audit);
  CHECK(audit->record.outcome == AuditOutcome::allowed);
}

}  // namespace

TEST_CASE("seed story: offer, accept, administer, refuse MDM, remove") {
  SeedCast s;
  World& w = s.w;

  // Before the customer says yes, nobody at the partner can touch it (nor write into its audit).
  requireRefusedUnaudited(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser}),
                          "noActiveRelationship");
  requireRefusedUnaudited(
      w.run(w.as(s.fullAgent, s.customer), AddUser{"new@contoso.onmicrosoft.com", "New"}),
      "noActiveRelationship");

  // The partner admin creates a reusable offer; only the token's hash is kept.
  Decision offer = w.run(w.as(s.partnerAdmin), CreateOffer{});
  requireAllowed(offer);
  REQUIRE(offer.secrets.size() == 1);
  CHECK(offer.secrets[0].kind == SecretKind::offerToken);
  const std::string token = offer.secrets[0].value;
  const Offer& stored = World::find<OfferCreated>(offer)->offer;
  CHECK(stored.tokenHash == sha256Hex(token));
  CHECK(stored.tokenHash.find(token) == std::string::npos);

  // A non-admin of the customer cannot accept; the customer's GA can.
  requireRefused(w.run(w.as(s.customerUser), AcceptOffer{token}), "insufficientRole");
  requireRefused(w.run(w.as(s.customerAdmin), AcceptOffer{"not-the-token-at-all"}),
                 "offerNotFound");
  Decision accepted = w.run(w.as(s.customerAdmin), AcceptOffer{token});
  requireAllowed(accepted);
  const auto* rel = World::find<RelationshipCreated>(accepted);
  REQUIRE(rel);
  CHECK(rel->relationship.kind == RelationshipKind::dap);
  CHECK(rel->relationship.status == RelationshipStatus::active);
  CHECK_FALSE(rel->relationship.endDateTime.has_value());

  // The partner hears about it: in-app and by email to its admins.
  const auto* note = World::find<NotificationCreated>(accepted);
  REQUIRE(note);
  CHECK(note->notification.tenantId == s.partner);
  CHECK(note->notification.kind == NotificationKind::offerAccepted);
  const auto* mail = World::find<EmailQueued>(accepted);
  REQUIRE(mail);
  CHECK(mail->email.to == std::vector<std::string>{"admin@fabrikampartners.onmicrosoft.com"});
  CHECK(mail->email.subject.find("Contoso") != std::string::npos);

  // Accepting again keeps the one relationship.
  Decision again = w.run(w.as(s.customerAdmin), AcceptOffer{token});
  requireAllowed(again);
  CHECK(World::count<RelationshipCreated>(again) == 0);

  // Full administration: adds users (temporary password from the context, must change it).
  Decision added =
      w.run(w.as(s.fullAgent, s.customer), AddUser{"Alex@Contoso.onmicrosoft.com", "Alex Wilber"});
  requireAllowed(added);
  const User& alex = World::find<UserCreated>(added)->user;
  CHECK(alex.userPrincipalName == "alex@contoso.onmicrosoft.com");
  CHECK(alex.forceChangePasswordNextSignIn);
  REQUIRE(added.secrets.size() == 1);
  CHECK(added.secrets[0].kind == SecretKind::temporaryPassword);
  const auto& audit = std::get<AuditRecorded>(added.events.back()).record;
  CHECK(audit.actorUserId == s.fullAgent);
  CHECK(audit.actorTenantId == s.partner);
  CHECK(audit.onBehalfOfTenantId == s.partner);
  CHECK(audit.targetTenantId == s.customer);
  CHECK(audit.action == "addUser");

  // Full resets anyone's password, including the customer's Global Administrator.
  requireAllowed(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerAdmin}));
  // Full adds domains.
  requireAllowed(w.run(w.as(s.fullAgent, s.customer), AddDomain{"contoso.com"}));

  // Limited administration = Password Administrator.
  requireRefused(w.run(w.as(s.limitedAgent, s.customer), AddUser{"x@contoso.onmicrosoft.com", "X"}),
                 "insufficientRole");
  requireAllowed(w.run(w.as(s.limitedAgent, s.customer), ResetPassword{s.customerUser}));
  requireAllowed(w.run(w.as(s.limitedAgent, s.customer), ResetPassword{s.customerPasswordAdmin}));
  requireRefused(w.run(w.as(s.limitedAgent, s.customer), ResetPassword{s.customerAdmin}),
                 "targetTooPrivileged");
  requireRefused(w.run(w.as(s.limitedAgent, s.customer), AddDomain{"fabrikam.net"}),
                 "insufficientRole");

  // No access setting: nothing.
  requireRefused(w.run(w.as(s.noAccessAgent, s.customer), ResetPassword{s.customerUser}),
                 "delegatedAccessNotGranted");

  // Mobile device management is never delegated, whatever the role.
  requireRefused(w.run(w.as(s.fullAgent, s.customer), WipeDevice{"device-1"}),
                 "mdmNotSupportedForDelegatedAccess");
  requireRefused(w.run(w.as(s.fullAgent, s.customer), ListDevices{}),
                 "mdmNotSupportedForDelegatedAccess");
  // ... while the customer's own Global Administrator may.
  requireAllowed(w.run(w.as(s.customerAdmin), WipeDevice{"device-1"}));

  // The customer removes the partner: rights end at once.
  Decision removed = w.run(w.as(s.customerAdmin), RemovePartner{s.partner});
  requireAllowed(removed);
  CHECK(World::find<RelationshipStatusChanged>(removed)->status == RelationshipStatus::terminated);
  CHECK(World::find<NotificationCreated>(removed)->notification.kind ==
        NotificationKind::partnerRemoved);
  Decision refused = w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser});
  requireRefused(refused, "noActiveRelationship");
  // The refusal says what happened, to whom and when, not only which link is missing.
  const std::string why = refused.error->message;
  CAPTURE(why);
  const std::string customerName = w.state.findTenant(s.customer)->displayName;
  CHECK(why.rfind(customerName + "'s delegated administration relationship with your "
                                 "organization",
                  0) == 0);
  CHECK(why.find("was ended on " + formatTimestamp(w.state.clock).substr(0, 10)) !=
        std::string::npos);
  requireRefused(w.run(w.as(s.customerAdmin), RemovePartner{s.partner}), "partnerNotFound");

  // Accepting the (still valid) offer again creates a new relationship.
  Decision back = w.run(w.as(s.customerAdmin), AcceptOffer{token});
  requireAllowed(back);
  CHECK(World::count<RelationshipCreated>(back) == 1);

  // A revoked offer cannot be accepted.
  requireAllowed(w.run(w.as(s.partnerAdmin), RevokeOffer{stored.id}));
  requireRefused(w.run(w.as(s.customerAdmin), AcceptOffer{token}), "offerRevoked");

  // State is a fold of the log.
  CHECK(replay(w.log) == w.state);
}

TEST_CASE("only certified partners offer delegated administration") {
  World w;
  TenantId p = w.tenant(TenantKind::partner, "Uncertified", "uncertified");
  UserId admin =
      w.user(p, "admin@uncertified.onmicrosoft.com", "Admin", {Role::globalAdministrator});
  Decision d = w.run(w.as(admin), CreateOffer{});
  REQUIRE(d.error);
  CHECK(d.error->code == "partnerNotCertified");
  w.certify(p);
  CHECK(w.run(w.as(admin), CreateOffer{}).ok());
  // A partner user without the Global Administrator role cannot create the offer.
  UserId agent = w.user(p, "agent@uncertified.onmicrosoft.com", "Agent", {}, PartnerAccess::full);
  CHECK(w.run(w.as(agent), CreateOffer{}).error->code == "insufficientRole");
  // But Full/Limited users may create trial invitations and purchase offers.
  CHECK(
      w.run(w.as(agent), CreateTrialInvitation{"Microsoft 365 Business Basic", 25, 30, true}).ok());
  CHECK(w.run(w.as(agent), CreatePurchaseOffer{"Microsoft 365 E3", 10, 3600, false}).ok());
  UserId plain = w.user(p, "plain@uncertified.onmicrosoft.com", "Plain");
  CHECK(w.run(w.as(plain), CreateTrialInvitation{"M365", 25, 30, true}).error->code ==
        "insufficientRole");
}
