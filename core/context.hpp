#pragma once
// Everything non-deterministic a command may need, decided outside the core: the current time
// and fresh values. The server fills it from a clock and a CSPRNG; tests and world generators
// fill it deterministically. A command that runs out gets an internalError, never UB.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace delegate {

// An offer's id with the token of its link. A server derives the token from the id with a key
// only it holds (offerLinkToken below), so it can give the same link again at any time
// (RevealOfferLink) while its store keeps nothing but the token's SHA-256.
struct OfferLink {
  Guid offerId;
  std::string token;
};

// A relationship's id with the token of its approval link, derived the same way
// (approvalLinkToken), so the partner can be given the link again while it is waiting.
struct ApprovalLink {
  RelationshipId relationshipId;
  std::string token;
};

struct Context {
  Timestamp now;
  std::vector<Guid> ids;             // public ids, consumed in order
  std::vector<std::string> secrets;  // approval tokens and temporary passwords, in order
  // New offers (their ids and link tokens), consumed in order; for RevealOfferLink, the link of
  // the offer it names, as the caller derives it now.
  std::vector<OfferLink> offerLinks;
  // For LockForApproval and RevealApprovalLink: the link of the relationship it names, as the
  // caller derives it now. Without it LockForApproval uses a fresh secret (not shown again).
  std::optional<ApprovalLink> approvalLink;
};

// Upper bounds of what a command consumes, so a caller can generate exactly enough.
struct ContextNeeds {
  std::size_t ids = 0;
  std::size_t secrets = 0;
  std::size_t offerLinks = 0;  // new offers
};
ContextNeeds contextNeeds(const Command& command);
// The offer whose current link a RevealOfferLink asks for (the caller puts that offer's
// OfferLink in the context); nothing for any other command.
std::optional<OfferId> offerLinkToReveal(const Command& command);

// The relationship whose approval link a LockForApproval or RevealApprovalLink derives.
std::optional<RelationshipId> approvalLinkFor(const Command& command);
std::string approvalLinkToken(std::string_view key, const RelationshipId& relationshipId);

// The token of an offer's link: HMAC-SHA256 of its id under `key`, base64url (43 characters).
// Whoever holds the key can give the link again; without the key it cannot be guessed.
std::string offerLinkToken(std::string_view key, const Guid& offerId);

// Secrets shorter than this are refused (internalError): a token must be unguessable.
inline constexpr std::size_t kMinSecretLength = 16;

// A reproducible source of fresh values for tests, the demo world and benchmarks. Never use it
// for a real deployment: its values are predictable by design.
class DeterministicSource {
 public:
  explicit DeterministicSource(std::uint64_t seed) : state_(seed) {}
  // With a key, new offers' and approval links are derived from their ids (offerLinkToken,
  // approvalLinkToken), as a server's are; without one they are random values of this source,
  // and cannot be revealed again.
  void setOfferLinkKey(std::string key) { offerLinkKey_ = std::move(key); }
  Guid nextGuid();
  std::string nextSecret();  // 32 characters
  std::uint64_t nextU64();
  Context context(Timestamp now, ContextNeeds needs);
  Context contextFor(Timestamp now, const Command& command);

 private:
  std::uint64_t state_;
  std::string offerLinkKey_;
};

}  // namespace delegate
