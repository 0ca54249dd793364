#pragma once
// The retry policy shared by every outbound delivery (mail, webhooks): durable, at-least-once,
// exponential backoff on temporary failures for 48 hours from the first try (or a manual retry).
#include <cstdint>
#include <optional>

namespace delegate {

struct RetryPolicy {
  std::int64_t baseMs = 60'000;  // first retry after this, doubling per try up to capMs
  std::int64_t capMs = 3'600'000;
  std::int64_t giveUpAfterMs = 48LL * 3'600'000;  // temporary failures stop being retried
};

// After the `attempts`-th try (counting it) failed temporarily: when to try again, or empty
// when the try began (`triedMs`) `giveUpAfterMs` or more after the window opened
// (`windowStartMs`) and the delivery has failed for good.
std::optional<std::int64_t> nextRetryAtMs(const RetryPolicy& policy, int attempts,
                                          std::int64_t windowStartMs, std::int64_t triedMs,
                                          std::int64_t nowMs);

}  // namespace delegate
