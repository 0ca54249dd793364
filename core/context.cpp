#include "core/context.hpp"

#include <type_traits>

#include "core/sha256.hpp"

namespace delegate {

namespace {

template <class T>
ContextNeeds needsOf(const T&) {
  if constexpr (std::is_same_v<T, CreateTenant> || std::is_same_v<T, CreateUser> ||
                std::is_same_v<T, CreateRelationship> ||
                std::is_same_v<T, CreateAccessAssignment> || std::is_same_v<T, CreateGroup> ||
                std::is_same_v<T, AcceptOffer>)
    return {1, 0};
  else if constexpr (std::is_same_v<T, CreateOffer> || std::is_same_v<T, CreateTrialInvitation> ||
                     std::is_same_v<T, CreatePurchaseOffer>)
    return {0, 0, 1};
  else if constexpr (std::is_same_v<T, AddUser>)
    return {1, 1};
  else if constexpr (std::is_same_v<T, LockForApproval> || std::is_same_v<T, ResetPassword>)
    return {0, 1};
  else if constexpr (std::is_same_v<T, AcceptTrialInvitation>)
    return {4, 0};  // tenant, first user (on sign-up), subscription, relationship
  else if constexpr (std::is_same_v<T, AcceptPurchaseOffer>)
    return {2, 0};  // subscription, relationship
  else
    return {0, 0};
}

}  // namespace

ContextNeeds contextNeeds(const Command& command) {
  return std::visit([](const auto& c) { return needsOf(c); }, command);
}

std::optional<OfferId> offerLinkToReveal(const Command& command) {
  if (const auto* r = std::get_if<RevealOfferLink>(&command)) return r->offerId;
  return std::nullopt;
}

std::optional<RelationshipId> approvalLinkFor(const Command& command) {
  if (const auto* l = std::get_if<LockForApproval>(&command)) return l->relationshipId;
  if (const auto* r = std::get_if<RevealApprovalLink>(&command)) return r->relationshipId;
  return std::nullopt;
}

std::string approvalLinkToken(std::string_view key, const RelationshipId& relationshipId) {
  const auto mac = hmacSha256(key, "delegate approval link v1 " + relationshipId.str());
  return base64Url(mac.data(), mac.size());
}

std::string offerLinkToken(std::string_view key, const Guid& offerId) {
  // The purpose is part of the message: the same key could never yield another kind of token.
  const auto mac = hmacSha256(key, "delegate offer link v1 " + OfferId(offerId).str());
  return base64Url(mac.data(), mac.size());
}

std::uint64_t DeterministicSource::nextU64() {
  // splitmix64
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Guid DeterministicSource::nextGuid() {
  Guid g{nextU64(), nextU64()};
  // Shape it as a version-4 GUID so it looks like what a server generates.
  g.hi = (g.hi & ~0xF000ull) | 0x4000ull;
  g.lo = (g.lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  return g;
}

std::string DeterministicSource::nextSecret() {
  static const char kAlphabet[] =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";  // no look-alikes
  std::string out;
  out.reserve(32);
  for (int i = 0; i < 32; ++i) out.push_back(kAlphabet[nextU64() % (sizeof kAlphabet - 1)]);
  return out;
}

Context DeterministicSource::context(Timestamp now, ContextNeeds needs) {
  Context c;
  c.now = now;
  for (std::size_t i = 0; i < needs.ids; ++i) c.ids.push_back(nextGuid());
  for (std::size_t i = 0; i < needs.secrets; ++i) c.secrets.push_back(nextSecret());
  for (std::size_t i = 0; i < needs.offerLinks; ++i) {
    OfferLink link;
    link.offerId = nextGuid();
    link.token = offerLinkKey_.empty() ? nextSecret() : offerLinkToken(offerLinkKey_, link.offerId);
    c.offerLinks.push_back(std::move(link));
  }
  return c;
}

Context DeterministicSource::contextFor(Timestamp now, const Command& command) {
  Context c = context(now, contextNeeds(command));
  if (auto id = offerLinkToReveal(command); id && !offerLinkKey_.empty())
    c.offerLinks.push_back(OfferLink{id->guid, offerLinkToken(offerLinkKey_, id->guid)});
  if (auto id = approvalLinkFor(command); id && !offerLinkKey_.empty())
    c.approvalLink = ApprovalLink{*id, approvalLinkToken(offerLinkKey_, *id)};
  return c;
}

}  // namespace delegate
