#pragma once
// Read-side answers the screens and the API need, computed from the state.
#include <optional>
#include <string>
#include <vector>

#include "core/state.hpp"

namespace delegate {

// Customers a partner holds an effective relationship with, by name.
std::vector<TenantId> customersOf(const State& state, TenantId partner, Timestamp now);

// The seed's rule for where the delegated-admin offer lives in the partner's menus.
enum class OfferEntryPoint : std::uint8_t { buildYourBusiness, partnerOverview };
DELEGATE_ENUM_NAMES(OfferEntryPoint, "buildYourBusiness", "partnerOverview")
inline constexpr std::size_t kLargePartnerCustomers = 100;
OfferEntryPoint offerEntryPoint(const State& state, TenantId partner, Timestamp now);

// A customer's view of a partner holding rights over it.
struct PartnerRights {
  TenantId partnerTenantId;
  std::string displayName;
  std::vector<RelationshipId> relationships;  // effective ones
  RoleSet roles;                              // the most any of its users can hold
  bool delegatedAdmin = false;                // through a DAP relationship
};
std::vector<PartnerRights> partnersOf(const State& state, TenantId customer, Timestamp now);

// What a customer sees when opening an offer link, before signing in.
struct OfferPreview {
  OfferId offerId;
  OfferKind kind = OfferKind::delegatedAdmin;
  std::string partnerDisplayName;
  bool includesDelegatedAdmin = false;
  std::string product;
  std::int32_t licenses = 0;
  std::int32_t trialDays = 0;
  std::int64_t pricePerLicenseCents = 0;
  std::string whatThePartnerCanDo;  // a sentence for the consent screen
};
std::optional<OfferPreview> previewOffer(const State& state, std::string_view token);

// Effective time-bound relationships of a partner ending within `window`, soonest first.
std::vector<RelationshipId> relationshipsEndingWithin(const State& state, TenantId partner,
                                                      Timestamp now, Duration window);

}  // namespace delegate
