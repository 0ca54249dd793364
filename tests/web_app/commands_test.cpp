// The web builds every command in web/app/commands.cpp; the core's strict codec must read each
// one as the command meant, and the values of policy (auto-extend) are the core's.
#include <catch2/catch.hpp>

#include "tests/web_app/web_fixture.hpp"
#include "web/app/commands.hpp"
#include "web/app/core_adapter.hpp"

using namespace delegate;
using namespace delegate::testing;
namespace cmd = delegate::web::cmd;

namespace {

// What the backend does before sending: the acting tenant travels beside the command.
Command decoded(nlohmann::json j) {
  j.erase(cmd::kActingTenant);
  auto c = web::commandFromJson(j);
  INFO(j.dump());
  REQUIRE(c.ok());
  return c.value();
}

}  // namespace

TEST_CASE("every command the web builds is one the core's codec reads", "[web][commands]") {
  const std::string t = std::string("11111111-1111-4111-8111-111111111111");
  const std::string u = std::string("22222222-2222-4222-8222-222222222222");
  const std::string r = std::string("33333333-3333-4333-8333-333333333333");
  const std::string g = std::string("44444444-4444-4444-8444-444444444444");
  const std::string o = std::string("55555555-5555-4555-8555-555555555555");
  const std::string sub = std::string("66666666-6666-4666-8666-666666666666");
  const std::string role(roleInfo(Role::userAdministrator).templateId);
  const std::vector<nlohmann::json> all = {
      cmd::createDelegatedAdminOffer(),
      cmd::revokeOffer(o),
      cmd::revealOfferLink(o),
      cmd::revealApprovalLink(r),
      cmd::createTrialInvitation("Microsoft 365 Business Basic", 25, 30, true),
      cmd::createPurchaseOffer("Microsoft 365 Business Basic", 10, "12.50", false),
      cmd::acceptOffer(OfferKind::delegatedAdmin, "tok"),
      cmd::acceptOffer(OfferKind::trialInvitation, "tok"),
      cmd::acceptOffer(OfferKind::purchaseOffer, "tok"),
      cmd::declineOffer("tok"),
      cmd::signUpForTrial("tok", "Contoso", "contoso", "admin", "Carla Admin", "Secret-123456"),
      cmd::setPartnerAdminAccess(u, PartnerAccess::limited),
      cmd::addUser(t, "a@contoso.onmicrosoft.com", "A"),
      cmd::updateUser(t, u, "B"),
      cmd::setUserEnabled(t, u, false),
      cmd::setUserEnabled(t, u, true),
      cmd::deleteUser(t, u),
      cmd::resetPassword(t, u),
      cmd::addDomain(t, "contoso.com"),
      cmd::verifyDomain(t, "contoso.com"),
      cmd::removeDomain(t, "contoso.com"),
      cmd::assignLicense(t, sub, u),
      cmd::removeLicense(t, sub, u),
      cmd::manageDevice(t, "wipe"),
      cmd::manageDevice(t, "list"),
      cmd::removePartner(t),
      cmd::createRelationship(t, "Helpdesk", {role}, 90, true),
      cmd::lockForApproval(r),
      cmd::approveRelationship(r, "tok"),
      cmd::terminateRelationship(r),
      cmd::extendRelationship(r, true),
      cmd::removeGlobalAdministrator(r),
      cmd::createAccessAssignment(r, g, {role}),
      cmd::createGroup("Helpdesk agents"),
      cmd::addGroupMember(g, u),
      cmd::removeGroupMember(g, u),
      cmd::markNotificationRead(7),
  };
  for (const nlohmann::json& j : all) decoded(j);
}

TEST_CASE(
    "the web asks for the core's auto-extend value, and the core keeps the Global "
    "Administrator rule",
    "[web][commands]") {
  SeedCast s;
  const std::string customer = s.customer.str();
  const std::string ga(roleInfo(Role::globalAdministrator).templateId);
  const std::string ua(roleInfo(Role::userAdministrator).templateId);

  Command extending = decoded(cmd::createRelationship(customer, "Extends", {ua}, 90, true));
  const auto& create = std::get<CreateRelationship>(extending);
  CHECK(create.duration == Duration::ofDays(90));
  CHECK(create.autoExtendDuration == Duration::ofDays(180));
  CHECK(s.w.run(s.w.as(s.partnerAdmin), extending).ok());

  Command plain = decoded(cmd::createRelationship(customer, "Fixed", {ua}, 90, false));
  CHECK(std::get<CreateRelationship>(plain).autoExtendDuration == Duration{});

  // With Global Administrator the core refuses auto-extend: the web only offers what it allows.
  Command withGa = decoded(cmd::createRelationship(customer, "Everything", {ga}, 90, true));
  Decision refused = s.w.run(s.w.as(s.partnerAdmin), withGa);
  CHECK_FALSE(refused.ok());

  const std::string rel = std::string("33333333-3333-4333-8333-333333333333");
  Command extend = decoded(cmd::extendRelationship(rel, true));
  CHECK(std::get<UpdateRelationship>(extend).autoExtendDuration == Duration::ofDays(180));
}

TEST_CASE("the access setting the web sends is the one picked", "[web][commands]") {
  const std::string u = std::string("22222222-2222-4222-8222-222222222222");
  for (PartnerAccess access : {PartnerAccess::none, PartnerAccess::full, PartnerAccess::limited})
    CHECK(std::get<SetPartnerAdminAccess>(decoded(cmd::setPartnerAdminAccess(u, access))).access ==
          access);
}

TEST_CASE("each offer kind is accepted with its own command", "[web][commands]") {
  CHECK(std::holds_alternative<AcceptOffer>(
      decoded(cmd::acceptOffer(OfferKind::delegatedAdmin, "t"))));
  CHECK(std::holds_alternative<AcceptTrialInvitation>(
      decoded(cmd::acceptOffer(OfferKind::trialInvitation, "t"))));
  CHECK(std::holds_alternative<AcceptPurchaseOffer>(
      decoded(cmd::acceptOffer(OfferKind::purchaseOffer, "t"))));
}
