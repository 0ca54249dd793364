#pragma once
#include <string>

#include "web/views/views.hpp"

namespace delegate::web {

// A client's Licenses tab: its subscriptions with their counts and, for the one picked, its users
// with a button each to assign or remove that subscription's license.
void drawLicenses(const ViewCtx& ctx, UiState& ui, Intents& out, const ClientDirectory& dir,
                  const std::string& customerId);

}  // namespace delegate::web
