#include "core/expiry.hpp"

#include <algorithm>

#include "core/policy.hpp"

namespace delegate {

Duration expiringWindow(const Relationship& r) {
  // The relationship's whole length: as asked, or (if unset) from activation to its end.
  Duration total = r.duration;
  if (total.seconds <= 0 && r.activatedDateTime && r.endDateTime)
    total = *r.endDateTime - *r.activatedDateTime;
  return Duration::ofSeconds(
      std::min(policy::kExpiringAtMost.seconds,
               std::max<std::int64_t>(0, total.seconds / policy::kExpiringFraction)));
}

bool isExpiring(const Relationship& r, Timestamp now) {
  if (!r.endDateTime || r.autoExtendDuration.seconds > 0) return false;
  if (r.status != RelationshipStatus::active && r.status != RelationshipStatus::expiring)
    return false;
  return now < *r.endDateTime && *r.endDateTime - now <= expiringWindow(r);
}

}  // namespace delegate
