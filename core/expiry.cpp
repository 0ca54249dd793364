#include "core/expiry.hpp"

#include <algorithm>

namespace delegate {

namespace {
constexpr Duration kAtMost = Duration::ofDays(30);
}

Duration expiringWindow(const Relationship& r) {
  // The relationship's whole length: as asked, or (if unset) from activation to its end.
  Duration total = r.duration;
  if (total.seconds <= 0 && r.activatedDateTime && r.endDateTime)
    total = *r.endDateTime - *r.activatedDateTime;
  return Duration::ofSeconds(
      std::min(kAtMost.seconds, std::max<std::int64_t>(0, total.seconds / 4)));
}

bool isExpiring(const Relationship& r, Timestamp now) {
  if (!r.endDateTime || r.autoExtendDuration.seconds > 0) return false;
  if (r.status != RelationshipStatus::active && r.status != RelationshipStatus::expiring)
    return false;
  return now < *r.endDateTime && *r.endDateTime - now <= expiringWindow(r);
}

}  // namespace delegate
