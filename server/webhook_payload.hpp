#pragma once
// The JSON a webhook delivers: Standard Webhooks' {"type", "timestamp", "data"} with the objects
// in Microsoft Graph's field names (the same shapes as the /v1.0 API).
#include <string>

#include "core/webhooks.hpp"

namespace delegate::server {

std::string webhookBody(const State& state, const WebhookNotice& notice);

}  // namespace delegate::server
