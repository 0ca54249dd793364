#include "server/context_factory.hpp"

#include <sodium.h>

#include <chrono>

#include "server/secrets.hpp"

namespace delegate::server {

Timestamp nowNotBefore(Timestamp floor) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  Timestamp now{static_cast<std::int64_t>(seconds)};
  return now < floor ? floor : now;
}

Guid randomGuid() {
  Guid g;
  randombytes_buf(&g.hi, sizeof g.hi);
  randombytes_buf(&g.lo, sizeof g.lo);
  // Version-4 shape, as Graph's ids are.
  g.hi = (g.hi & ~0xF000ull) | 0x4000ull;
  g.lo = (g.lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return g;
}

Context freshContext(Timestamp now, const Command& command, const std::string& offerLinkKey) {
  ContextNeeds needs = contextNeeds(command);
  Context ctx;
  ctx.now = now;
  ctx.ids.reserve(needs.ids);
  for (std::size_t i = 0; i < needs.ids; ++i) ctx.ids.push_back(randomGuid());
  ctx.secrets.reserve(needs.secrets);
  // 24 random bytes: 32 URL-safe characters, comfortably above the core's minimum length.
  for (std::size_t i = 0; i < needs.secrets; ++i) ctx.secrets.push_back(randomToken(24));
  for (std::size_t i = 0; i < needs.offerLinks; ++i) {
    const Guid id = randomGuid();
    ctx.offerLinks.push_back(OfferLink{id, offerLinkToken(offerLinkKey, id)});
  }
  if (auto id = offerLinkToReveal(command))
    ctx.offerLinks.push_back(OfferLink{id->guid, offerLinkToken(offerLinkKey, id->guid)});
  if (auto id = approvalLinkFor(command))
    ctx.approvalLink = ApprovalLink{*id, approvalLinkToken(offerLinkKey, *id)};
  return ctx;
}

}  // namespace delegate::server
