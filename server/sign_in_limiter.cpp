#include "server/sign_in_limiter.hpp"

namespace delegate::server {

std::chrono::seconds SignInLimiter::waitFor(Times& times, int limit, Clock::time_point now) {
  while (!times.empty() && now - times.front() >= limits_.window) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return std::chrono::seconds(0);
  // Held off until the oldest counted failure leaves the window.
  auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + limits_.window - now);
  return wait.count() < 1 ? std::chrono::seconds(1) : wait;
}

std::chrono::seconds SignInLimiter::retryAfter(const std::string& account,
                                               const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  std::chrono::seconds wait(0);
  if (auto it = accounts_.find(account); it != accounts_.end())
    wait = std::max(wait, waitFor(it->second, limits_.perAccount, now));
  if (auto it = addresses_.find(address); it != addresses_.end())
    wait = std::max(wait, waitFor(it->second, limits_.perAddress, now));
  return wait;
}

void SignInLimiter::recordFailure(const std::string& account, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  accounts_[account].push_back(now);
  addresses_[address].push_back(now);
  // Bound memory under a spray of made-up account names: forget the stalest entries.
  if (accounts_.size() > 100000) accounts_.clear();
  if (addresses_.size() > 100000) addresses_.clear();
}

void SignInLimiter::recordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

}  // namespace delegate::server
