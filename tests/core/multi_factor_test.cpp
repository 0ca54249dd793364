// Multi-factor sign-in as the core sees it: a partner's requirement, who has set it up, and the
// refusal (with its missing link) for a partner user who acts in a client without it.
#include <catch2/catch.hpp>

#include "core/json_forms.hpp"
#include "core/read_model.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE(
    "a partner that requires multi-factor sign-in: agents act in clients only after setting it "
    "up") {
  SeedCast s;
  World& w = s.w;
  s.connect();
  // Before the requirement, the Full agent acts in the client as always.
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser})) == "ok");

  CHECK(codeOf(w.run(w.as(s.fullAgent), SetMultiFactorRequirement{true})) == "insufficientRole");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), SetMultiFactorRequirement{true})) ==
        "notAPartnerTenant");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), SetMultiFactorRequirement{true})) == "ok");
  CHECK(w.state.findTenant(s.partner)->requireMultiFactor);
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), SetMultiFactorRequirement{true})) == "nothingToUpdate");

  Decision refused = w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser});
  REQUIRE(refused.error);
  CHECK(refused.error->code == "multiFactorRequired");
  CHECK(refused.error->message.find("set it up") != std::string::npos);
  CHECK(refused.error->message.find("Settings") != std::string::npos);
  // Explain-access names the missing link; the client's roles are not offered while it is missing.
  Authorization a = authorize(w.state, Principal::user(s.fullAgent, s.customer),
                              Action::resetPassword, Target::onUser(s.customer, s.customerUser));
  REQUIRE(a.missing);
  CHECK(a.missing->kind == LinkKind::multiFactor);
  // Its JSON form (explain-access over the API) names the organization that requires it.
  CHECK(toJson(w.state, a)["missing"]["id"] == s.partner.str());
  auto steps = explanationSteps(w.state, a);
  REQUIRE(!steps.empty());
  CHECK(steps.back().kind == LinkKind::multiFactor);
  CHECK_FALSE(steps.back().ok);
  CHECK(delegatedRoles(w.state, s.fullAgent, s.customer, w.state.clock).empty());
  // In its own organization nothing changes.
  CHECK(codeOf(w.run(w.as(s.fullAgent), CreateTrialInvitation{"M365", 5, 30, true})) == "ok");

  // Setting it up is done by its owner, in their own organization, once.
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), RegisterMultiFactor{})) ==
        "notAvailableThroughDelegatedAccess");
  CHECK(codeOf(w.run(w.as(s.fullAgent), RegisterMultiFactor{})) == "ok");
  CHECK(codeOf(w.run(w.as(s.fullAgent), RegisterMultiFactor{})) == "multiFactorAlreadyRegistered");
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser})) == "ok");
  CHECK_FALSE(delegatedRoles(w.state, s.fullAgent, s.customer, w.state.clock).empty());

  // An administrator who may reset passwords resets it (a lost phone); the rights go with it.
  CHECK(codeOf(w.run(w.as(s.limitedAgent), ResetMultiFactor{s.fullAgent})) != "ok");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), ResetMultiFactor{s.fullAgent})) == "ok");
  CHECK_FALSE(w.state.findUser(s.fullAgent)->multiFactorRegistered);
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), ResetMultiFactor{s.fullAgent})) ==
        "multiFactorNotRegistered");
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser})) ==
        "multiFactorRequired");

  // Lifting the requirement gives the access back.
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), SetMultiFactorRequirement{false})) == "ok");
  CHECK(codeOf(w.run(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser})) == "ok");
}

TEST_CASE("commands that carry a proof the core cannot see come only through their own routes") {
  CHECK(isProvenOutsideTheCore(Command{RegisterMultiFactor{}}));
  CHECK(isProvenOutsideTheCore(Command{ChangeOwnPassword{"a new password 123"}}));
  CHECK_FALSE(isProvenOutsideTheCore(Command{SetMultiFactorRequirement{true}}));
  CHECK_FALSE(isProvenOutsideTheCore(Command{ResetMultiFactor{}}));
}
