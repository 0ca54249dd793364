#pragma once
#include <atomic>
#include <memory>

#include "server/pg_pool.hpp"
#include "server/sign_in_limiter.hpp"

namespace delegate::server {

// The counts in the shared PostgreSQL store (delegate_sign_in: one row per pair, account and
// address, its counts as JSON), so five wrong passwords spread over three servers count as
// five. An attempt locks its three rows (in key order, so attempts never deadlock), applies the
// policy and writes them back in one transaction: concurrent attempts on any servers check no
// more passwords than the limits allow. Rows idle for long are purged now and then.
class PgSignInLimiter final : public SignInLimiter {
 public:
  PgSignInLimiter(std::shared_ptr<PgPool> pool, Limits limits)
      : pool_(std::move(pool)), limits_(limits) {}

  Result<std::chrono::seconds> begin(const std::string& account,
                                     const std::string& address) override;
  void succeeded(const std::string& account, const std::string& address) override;

 private:
  // Loads the three rows of (account, address) locked, lets `change` update the counts (its
  // result is returned) and stores them, in one transaction.
  template <class F>
  Result<std::chrono::seconds> update(const std::string& account, const std::string& address,
                                      F change);
  void purgeNowAndThen(std::int64_t nowMs);

  std::shared_ptr<PgPool> pool_;
  Limits limits_;
  std::atomic<std::int64_t> lastPurgeMs_{0};
};

}  // namespace delegate::server
