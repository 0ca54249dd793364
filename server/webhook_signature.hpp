#pragma once
// Standard Webhooks signing (https://www.standardwebhooks.com): secrets are "whsec_" + base64 of
// random bytes; a delivery carries `webhook-signature: v1,<base64 HMAC-SHA256>` over
// "<webhook-id>.<webhook-timestamp>.<body>" keyed with the secret's decoded bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace delegate::server {

inline constexpr std::string_view kWebhookSecretPrefix = "whsec_";

// A fresh secret: "whsec_" + base64 (standard alphabet, padded) of 32 random bytes.
std::string newWebhookSecret();

// The key bytes of a secret (with or without its "whsec_" prefix); empty when it is not base64.
std::optional<std::string> decodeWebhookSecret(std::string_view secret);

// The `webhook-signature` header value: "v1," + base64 of the HMAC.
std::string signWebhook(std::string_view key, std::string_view messageId,
                        std::int64_t timestampSeconds, std::string_view body);

}  // namespace delegate::server
