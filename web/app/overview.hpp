#pragma once
// The partner overview's figures, counted from the read model: relationships by the status the
// core displays now (core/read_model.hpp displayStatus), so an auto-extending relationship near
// its end counts as active, as the core says, never as expiring.
#include <cstddef>

#include "web/app/model.hpp"

namespace delegate::web {

struct OverviewCounts {
  std::size_t active = 0;      // grant access now (expiring ones too)
  std::size_t expiring = 0;    // in their expiring window
  std::size_t pending = 0;     // created or waiting for the client's approval
  std::size_t openOffers = 0;  // not revoked
};

OverviewCounts overviewCounts(const Model& m);

}  // namespace delegate::web
