// The seed story end to end through the HTTP API, against the real server process: offer,
// acceptance, notification, the Full/Limited setting, delegated actions, the MDM refusal,
// removal by the customer, and the audit of every decision (the steps: seed_story.cpp; the same
// walk runs through nginx in front of two servers in nginx_balancer_test.cpp).
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seed_story.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("seed story through the API: offer, accept, administer, refuse MDM, remove") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  walkSeedStory(c, Api(server));
}
