#include "web/app/listings.hpp"

#include <iterator>

#include "core/read_model.hpp"
#include "web/app/text_match.hpp"

namespace delegate::web {

namespace {

// Each customer filter keeps one standing (the first keeps all).
constexpr ClientStanding kCustomerFilter[] = {ClientStanding::none,     ClientStanding::active,
                                              ClientStanding::expiring, ClientStanding::pending,
                                              ClientStanding::none,     ClientStanding::ended};

// Each relationship filter keeps one status; the last keeps every ended one (expired,
// terminated, declined: the core's standing "ended").
constexpr RelationshipStatus kRelationshipFilter[] = {
    RelationshipStatus::created, RelationshipStatus::active, RelationshipStatus::expiring,
    RelationshipStatus::approvalPending, RelationshipStatus::created};

}  // namespace

const std::vector<std::string>& customerFilterLabels() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> f = {"All relationships"};
    for (std::size_t k = 1; k < std::size(kCustomerFilter); ++k)
      f.emplace_back(kCustomerFilter[k] == ClientStanding::none
                         ? "No relationship"
                         : std::string(standingLabel(kCustomerFilter[k])));
    return f;
  }();
  return labels;
}

const std::vector<std::string>& relationshipFilterLabels() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> f = {"All statuses"};
    for (std::size_t k = 1; k < std::size(kRelationshipFilter); ++k)
      f.emplace_back(statusLabel(kRelationshipFilter[k]));
    f.emplace_back(standingLabel(ClientStanding::ended));
    return f;
  }();
  return labels;
}

bool customerListed(const MCustomer& c, const std::string& lowerNeedle, int filter) {
  if (filter > 0 && static_cast<std::size_t>(filter) < std::size(kCustomerFilter) &&
      c.standing != kCustomerFilter[filter])
    return false;
  return containsLower(c.name, lowerNeedle) || containsLower(c.defaultDomain, lowerNeedle);
}

bool relationshipListed(const MRelationship& r, const std::string& lowerNeedle, int filter) {
  if (filter > 0 && static_cast<std::size_t>(filter) < std::size(kRelationshipFilter) &&
      r.status != kRelationshipFilter[filter])
    return false;
  if (static_cast<std::size_t>(filter) == std::size(kRelationshipFilter) &&
      standingOf(r.status) != ClientStanding::ended)
    return false;
  return containsLower(r.displayName, lowerNeedle) || containsLower(r.customerName, lowerNeedle);
}

}  // namespace delegate::web
