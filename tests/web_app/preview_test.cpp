// What the Accept screen tells a client before they say yes: read from the server's public
// answers or the signed-in view, in the core's words for roles.
#include <catch2/catch.hpp>

#include "core/policy.hpp"
#include "tests/web_app/web_fixture.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/preview.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("an offer link's preview: who asks, what for, and a revoked offer refused",
          "[web][preview]") {
  web::OfferPreview trial = web::parseOfferPreview(
      R"({"offer": {"kind": "trialInvitation", "status": "active", "product": "Business Basic",
          "licenses": 25, "trialDays": 30, "includesDelegatedAdmin": true},
          "partner": {"id": "p1", "displayName": "Fabrikam Partners"}})");
  CHECK(trial.found);
  CHECK(trial.offerKind == OfferKind::trialInvitation);
  CHECK(trial.partnerName == "Fabrikam Partners");
  CHECK(trial.terms == "25 licenses, free for 30 days");
  CHECK(trial.includesDelegatedAdmin);
  // Full and Limited are the core's Global and Password Administrator, named as the core does.
  CHECK(mentions(trial.roleLines, roleInfo(Role::globalAdministrator).displayName));
  CHECK(mentions(trial.roleLines, roleInfo(Role::passwordAdministrator).displayName));

  web::OfferPreview purchase = web::parseOfferPreview(
      R"({"offer": {"kind": "purchaseOffer", "licenses": 10, "pricePerLicenseCents": 1250},
          "partner": {"displayName": "Fabrikam"}})");
  CHECK(purchase.offerKind == OfferKind::purchaseOffer);
  CHECK(purchase.terms == "10 licenses at $12.50 per license per month");
  CHECK_FALSE(purchase.includesDelegatedAdmin);

  web::OfferPreview revoked =
      web::parseOfferPreview(R"({"offer": {"kind": "delegatedAdmin", "status": "revoked"}})");
  CHECK_FALSE(revoked.found);
  CHECK_FALSE(revoked.error.empty());
  CHECK_FALSE(web::parseOfferPreview("not json").error.empty());

  // A kind the core does not know is not guessed at (it once passed through as a string).
  web::OfferPreview unknown =
      web::parseOfferPreview(R"({"offer": {"kind": "trial"}, "partner": {"displayName": "F"}})");
  CHECK_FALSE(unknown.found);
  CHECK_FALSE(unknown.offerKind);
  CHECK_FALSE(unknown.error.empty());
}

TEST_CASE("an offer previews alike from the server's answer and from the sandbox's core",
          "[web][preview]") {
  SeedCast s;
  CreateTrialInvitation c;
  c.product = "Microsoft 365 Business Basic";
  c.licenses = 25;
  c.trialDays = 30;
  c.includesDelegatedAdmin = false;
  const std::string token = s.w.secretOf(s.w.run(s.w.as(s.partnerAdmin), c));
  const Offer* o = s.w.state.findOfferByToken(token);
  REQUIRE(o);
  web::OfferPreview local = web::offerPreview(s.w.state, *o);
  web::OfferPreview remote = web::parseOfferPreview(
      R"({"offer": {"kind": "trialInvitation", "status": "active", "product": "Microsoft 365 Business Basic",
          "licenses": 25, "trialDays": 30, "includesDelegatedAdmin": false},
          "partner": {"displayName": "Fabrikam Partners"}})");
  CHECK(local.offerKind == OfferKind::trialInvitation);
  CHECK(local.offerKind == remote.offerKind);
  CHECK(local.terms == remote.terms);
  CHECK(local.includesDelegatedAdmin == remote.includesDelegatedAdmin);
}

TEST_CASE("an approval link's preview lists the roles in the core's words", "[web][preview]") {
  const std::string ua(roleInfo(Role::userAdministrator).templateId);
  web::OfferPreview p = web::parseApprovalPreview(
      R"({"relationship": {"status": "approvalPending", "duration": "P90D"},
          "partner": {"displayName": "Fabrikam"}, "roles": [{"roleDefinitionId": ")" +
      ua + R"("}]})");
  CHECK(p.found);
  CHECK_FALSE(p.offerKind);  // a relationship's approval, not an offer
  CHECK(p.duration == "90 days");
  REQUIRE(p.roleLines.size() == 1);
  CHECK(p.roleLines[0] == std::string(roleInfo(Role::userAdministrator).displayName) + ": " +
                              std::string(roleInfo(Role::userAdministrator).description));

  web::OfferPreview used = web::parseApprovalPreview(
      R"({"relationship": {"status": "approvalPending", "approvalLinkUsed": true}})");
  CHECK_FALSE(used.found);
}

TEST_CASE("a pending relationship seen by the customer previews as the server's answer would",
          "[web][preview]") {
  SeedCast s;
  const RelationshipId rel = createdRelationship(
      s, "Helpdesk", RoleSet{Role::helpdeskAdministrator}, Duration::ofDays(90));
  lockForApproval(s, rel);
  web::Model m = projectAt(s.w, s.customerAdmin, s.w.now);
  const web::MRelationship* r = findRelationship(m, rel);
  REQUIRE(r);
  web::OfferPreview p = web::relationshipPreview(*r);
  CHECK(p.found);
  CHECK(p.partnerName == "Fabrikam Partners");
  CHECK(p.duration == "90 days");
  CHECK(mentions(p.roleLines, roleInfo(Role::helpdeskAdministrator).displayName));
}

TEST_CASE("a relationship's length reads the same from the approval link and the signed-in view",
          "[web][preview]") {
  SeedCast s;
  const RelationshipId rel = createdRelationship(
      s, "Two years", RoleSet{Role::helpdeskAdministrator}, policy::kMaxDuration);
  lockForApproval(s, rel);
  web::Model m = projectAt(s.w, s.customerAdmin, s.w.now);
  const web::MRelationship* r = findRelationship(m, rel);
  REQUIRE(r);
  web::OfferPreview signedIn = web::relationshipPreview(*r);
  web::OfferPreview link = web::parseApprovalPreview(
      R"({"relationship": {"status": "approvalPending", "duration": ")" +
      formatDuration(policy::kMaxDuration) + R"("}, "partner": {"displayName": "Fabrikam"}})");
  // The link once said "730 days" where the signed-in view said "2 years (730 days)".
  CHECK(link.duration == signedIn.duration);
  CHECK(link.duration == durationLabel(policy::kMaxDuration));
}
