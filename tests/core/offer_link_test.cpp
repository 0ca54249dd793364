// Offer links that can be copied again: derived from the offer's id under a key the caller holds,
// revealed only to whoever may make such offers, never stored (only the token's hash is).
#include <catch2/catch.hpp>

#include "core/json_forms.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& b) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t x : b) {
    out.push_back(digits[x >> 4]);
    out.push_back(digits[x & 15]);
  }
  return out;
}

constexpr const char* kKey = "a server's offer-link key, 32+ characters long";

}  // namespace

TEST_CASE("HMAC-SHA256 and base64url match their RFC test vectors") {
  // RFC 4231, test cases 2 and 6 (a key longer than the block).
  CHECK(hex(hmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hex(hmacSha256(std::string(131, '\xaa'),
                       "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // RFC 4648 section 10, in the URL-safe alphabet without padding.
  auto b64 = [](std::string s) {
    return base64Url(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  };
  CHECK(b64("") == "");
  CHECK(b64("f") == "Zg");
  CHECK(b64("fo") == "Zm8");
  CHECK(b64("foo") == "Zm9v");
  CHECK(b64("foob") == "Zm9vYg");
  CHECK(b64("\xfb\xff") == "-_8");
}

TEST_CASE("an offer's link is derived from its id: the same link again, never stored") {
  SeedCast s;
  World& w = s.w;
  w.source.setOfferLinkKey(kKey);
  Decision created = w.run(w.as(s.partnerAdmin), CreateOffer{});
  REQUIRE(created.ok());
  const Offer& offer = World::find<OfferCreated>(created)->offer;
  const std::string token = w.secretOf(created);
  CHECK(token == offerLinkToken(kKey, offer.id.guid));
  CHECK(token.size() == 43);
  CHECK(offerLinkToken("another key entirely, also long enough", offer.id.guid) != token);

  // Copy it twice: the same link each time, and it is the one that works.
  Decision again = w.run(w.as(s.partnerAdmin), RevealOfferLink{offer.id});
  REQUIRE(again.ok());
  CHECK(w.secretOf(again) == token);
  CHECK(w.secretOf(w.run(w.as(s.partnerAdmin), RevealOfferLink{offer.id})) == token);
  CHECK(w.state.findOfferByToken(token) == w.state.findOffer(offer.id));

  // Neither the events nor the state hold the token (only its hash) or the key.
  for (const Event& e : w.log) {
    const std::string text = encodeEvent(e);
    CHECK(text.find(token) == std::string::npos);
    CHECK(text.find(kKey) == std::string::npos);
  }
  // Revealing is audited like any action.
  const AuditRecorded* audit = World::find<AuditRecorded>(again);
  REQUIRE(audit);
  CHECK(audit->record.action == "revealOfferLink");
  CHECK(audit->record.outcome == AuditOutcome::allowed);
}

TEST_CASE("only whoever may make the offer sees its link; a wrong or old link is refused") {
  SeedCast s;
  World& w = s.w;
  w.source.setOfferLinkKey(kKey);
  Decision created = w.run(w.as(s.partnerAdmin), CreateOffer{});
  const OfferId id = World::find<OfferCreated>(created)->offer.id;
  // A partner user without the right, and a customer, are refused.
  CHECK(codeOf(w.run(w.as(s.noAccessAgent), RevealOfferLink{id})) != "ok");
  CHECK(codeOf(w.run(w.as(s.customerAdmin), RevealOfferLink{id})) == "offerNotFound");
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), RevealOfferLink{OfferId(Guid{1, 2})})) ==
        "offerNotFound");

  // A caller that derives with another key (or has none) cannot reveal it.
  Context wrong;
  wrong.now = w.now;
  wrong.offerLinks.push_back(
      OfferLink{id.guid, offerLinkToken("not the key it was made with", id.guid)});
  CHECK(codeOf(decide(w.state, w.as(s.partnerAdmin), RevealOfferLink{id}, wrong)) ==
        "offerLinkNotAvailable");
  Context none;
  none.now = w.now;
  CHECK(codeOf(decide(w.state, w.as(s.partnerAdmin), RevealOfferLink{id}, none)) ==
        "offerLinkNotAvailable");

  // Regenerate = revoke, then a new offer: the old link stops working and cannot be revealed.
  const std::string old = w.secretOf(w.run(w.as(s.partnerAdmin), RevealOfferLink{id}));
  REQUIRE(w.run(w.as(s.partnerAdmin), RevokeOffer{id}).ok());
  CHECK(codeOf(w.run(w.as(s.partnerAdmin), RevealOfferLink{id})) == "offerRevoked");
  const std::string fresh = w.secretOf(w.run(w.as(s.partnerAdmin), CreateOffer{}));
  CHECK(fresh != old);
  CHECK(codeOf(w.run(w.as(s.customerAdmin), AcceptOffer{old})) == "offerRevoked");
  CHECK(w.run(w.as(s.customerAdmin), AcceptOffer{fresh}).ok());

  // An offer made without a key (a random link, as before links were derived) says what to do.
  w.source.setOfferLinkKey("");
  const OfferId random = World::find<OfferCreated>(
                             w.run(w.as(s.fullAgent), CreateTrialInvitation{"M365", 5, 30, false}))
                             ->offer.id;
  w.source.setOfferLinkKey(kKey);
  Decision refused = w.run(w.as(s.fullAgent), RevealOfferLink{random});
  CHECK(codeOf(refused) == "offerLinkNotAvailable");
  CHECK(refused.error->message.find("Regenerate") != std::string::npos);
  CHECK(replay(w.log) == w.state);
}
