#include "web/app/overview.hpp"

namespace delegate::web {

OverviewCounts overviewCounts(const Model& m) {
  OverviewCounts c;
  for (const MRelationship& r : m.relationships) {
    if (grantsAccess(r.status)) ++c.active;
    if (r.status == RelationshipStatus::expiring) ++c.expiring;
    if (standingOf(r.status) == ClientStanding::pending) ++c.pending;
  }
  for (const MOffer& o : m.offers) c.openOffers += o.revoked ? 0 : 1;
  return c;
}

}  // namespace delegate::web
