// Offer links through the real process: copied again at any time (the same link, also after a
// restart), Regenerate kills the old one, and neither the key nor a link is in the event log.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <fstream>
#include <sstream>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/bootstrap.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::string fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string linkOf(const Reply& r) {
  for (const auto& s : r.body["secrets"])
    if (s["kind"] == "offerToken") return s["value"];
  return {};
}

}  // namespace

TEST_CASE(
    "an offer link is the same every time it is copied, across a restart, until regenerated") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  std::string offerId, link, key;
  {
    ServerProcess server({"--data", data.path()});
    Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
    Reply created = partner.command("createOffer");
    REQUIRE(created.status == 200);
    link = linkOf(created);
    REQUIRE(link.size() >= 32);
    for (const auto& e : created.body["events"])
      if (e["event"]["type"] == "offerCreated") offerId = e["event"]["offer"]["id"];
    REQUIRE(!offerId.empty());
    // Copy twice: the same link, which is the offer's.
    Reply first = partner.command("revealOfferLink", {{"offerId", offerId}});
    REQUIRE(first.status == 200);
    CHECK(linkOf(first) == link);
    CHECK(linkOf(partner.command("revealOfferLink", {{"offerId", offerId}})) == link);
    CHECK(Api(server).get("/api/offers/" + link).status == 200);
    // Nobody else gets it: a customer's administrator, a partner user without access.
    Api customer = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
    CHECK(customer.command("revealOfferLink", {{"offerId", offerId}}).status == 404);
    Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
    CHECK(beta.command("revealOfferLink", {{"offerId", offerId}}).status == 404);
    CHECK(server.stop() == 0);
  }
  // The key lives in its own file, readable by the owner only; the log has neither it nor a link.
  key = fileText(data.path() + "/offer-link.key");
  while (!key.empty() && key.back() == '\n') key.pop_back();
  REQUIRE(key.size() == 64);
  struct stat st {};
  REQUIRE(::stat((data.path() + "/offer-link.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0077) == 0);
  for (const char* file : {"/events.db", "/events.db-wal"}) {
    const std::string stored = fileText(data.path() + file);
    CHECK(stored.find(key) == std::string::npos);
    CHECK(stored.find(link) == std::string::npos);
  }

  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply after = partner.command("revealOfferLink", {{"offerId", offerId}});
  REQUIRE(after.status == 200);
  CHECK(linkOf(after) == link);  // the link survived the restart
  CHECK(Api(server).get("/api/offers/" + link).status == 200);

  // Regenerate (revoke, then a new offer): the old link stops working, the new one works.
  REQUIRE(partner.command("revokeOffer", {{"offerId", offerId}}).status == 200);
  Reply fresh = partner.command("createOffer");
  REQUIRE(fresh.status == 200);
  const std::string next = linkOf(fresh);
  CHECK(next != link);
  Reply old = Api(server).get("/api/offers/" + link);
  CHECK(old.body["offer"]["status"] == "revoked");
  CHECK(partner.command("revealOfferLink", {{"offerId", offerId}}).code() == "offerRevoked");
  Api customer = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);
  CHECK(customer.command("acceptOffer", {{"token", link}}).code() == "offerRevoked");
  CHECK(customer.command("acceptOffer", {{"token", next}}).status == 200);
}

TEST_CASE("--demo: the demo offers' links can be copied again") {
  ServerProcess server({"--demo"});
  Api amy = Api::signIn(server, "amy.admin@northwindpartners.onmicrosoft.com",
                        delegate::server::kDemoPassword);
  Reply view = amy.get("/api/view");
  REQUIRE(view.status == 200);
  int revealed = 0;
  for (const auto& o : view.body["snapshot"]["offers"]) {
    if (o["status"] == "revoked") continue;
    Reply r = amy.command("revealOfferLink", {{"offerId", o["id"]}});
    CHECK(r.status == 200);
    const std::string link = linkOf(r);
    CHECK(Api(server).get("/api/offers/" + link).status == 200);
    ++revealed;
  }
  CHECK(revealed >= 1);
}
