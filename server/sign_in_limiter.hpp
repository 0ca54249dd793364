#pragma once
#include <chrono>
#include <string>

#include "server/failure.hpp"
#include "server/sign_in_policy.hpp"

namespace delegate::server {

// Holds off password (and code) guessing by the policy in sign_in_policy.hpp. Keys are
// (account, client address) pairs; the account part may be a name space of its own
// ("second-factor\n" + user id). MemorySignInLimiter counts in this process (one server);
// PgSignInLimiter in the shared PostgreSQL store, so failures on every server count together.
class SignInLimiter {
 public:
  using Clock = SignInClock;
  using Limits = SignInLimits;
  virtual ~SignInLimiter() = default;

  // Zero: the attempt may go ahead and is already counted as a failure. Otherwise how long to
  // wait (nothing was counted). An error: the counts could not be read (refuse the attempt;
  // the store is unavailable).
  virtual Result<std::chrono::seconds> begin(const std::string& account,
                                             const std::string& address) = 0;
  // The attempt begun for (account, address) succeeded: its count is taken back.
  virtual void succeeded(const std::string& account, const std::string& address) = 0;
};

}  // namespace delegate::server
