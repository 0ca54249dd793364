#include "core/retry.hpp"

#include <algorithm>

namespace delegate {

std::optional<std::int64_t> nextRetryAtMs(const RetryPolicy& policy, int attempts,
                                          std::int64_t windowStartMs, std::int64_t triedMs,
                                          std::int64_t nowMs) {
  if (triedMs - windowStartMs >= policy.giveUpAfterMs) return std::nullopt;
  std::int64_t wait = policy.baseMs;
  for (int i = 1; i < attempts && wait < policy.capMs; ++i) wait *= 2;
  return nowMs + std::min(wait, policy.capMs);
}

}  // namespace delegate
