#pragma once
#include "core/entities.hpp"
#include "core/time.hpp"

namespace delegate {

// When a relationship counts as *expiring*: listed as Expiring, counted on the overview, and the
// moment the partner is told "expires soon". Partner Center's views and Graph's `expiring`
// status speak of the last 30 days, which for a relationship of 30 days or less would be its
// whole life (a fresh 30-day relationship "expiring" on the day it is approved). So: an active
// relationship is expiring in its last 30 days AND its last quarter (a 30-day one in its last
// 7.5 days, a 2-year one in its last 30 days). One that extends itself never expires, so never;
// nor does a standing delegated grant (no end). The one rule for core, server and web.
Duration expiringWindow(const Relationship& r);
bool isExpiring(const Relationship& r, Timestamp now);

}  // namespace delegate
