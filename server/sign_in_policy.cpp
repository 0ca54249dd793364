#include "server/sign_in_policy.hpp"

#include <algorithm>

namespace delegate::server {

namespace {

constexpr std::size_t kFamiliarPerAccount = 8;

std::chrono::seconds waitUntil(SignInClock::time_point when, SignInClock::time_point now) {
  auto wait = std::chrono::ceil<std::chrono::seconds>(when - now);
  return wait.count() < 1 ? std::chrono::seconds(1) : wait;
}

void prune(const SignInLimits& limits, FailureTimes& times, SignInClock::time_point now) {
  while (!times.empty() && now - times.front() >= limits.window) times.pop_front();
}

bool isFamiliar(const AccountCount& a, const std::string& address) {
  return std::find(a.familiar.begin(), a.familiar.end(), address) != a.familiar.end();
}

}  // namespace

std::chrono::seconds countAttempt(const SignInLimits& limits, AttemptCounts c,
                                  const std::string& address, SignInClock::time_point now) {
  PairCount& pair = c.pair;
  if (now < pair.nextAllowed) return waitUntil(pair.nextAllowed, now);
  if (now - pair.last >= limits.window) pair = PairCount{};  // quiet for a window: forgiven
  prune(limits, c.byAddress, now);
  if (static_cast<int>(c.byAddress.size()) >= limits.perAddress)
    return waitUntil(c.byAddress.front() + limits.window, now);
  AccountCount& acc = c.account;
  const bool familiar = isFamiliar(acc, address);
  prune(limits, acc.failures, now);
  if (!familiar && static_cast<int>(acc.failures.size()) >= limits.accountCeiling &&
      now < acc.nextSlowTry)
    return waitUntil(acc.nextSlowTry, now);

  // Allowed: count it now, before the password is checked.
  pair.failures += 1;
  pair.last = now;
  if (pair.failures >= limits.freePerPair) {
    int doublings = std::min(pair.failures - limits.freePerPair, 20);
    auto delay =
        std::min<std::chrono::seconds>(limits.firstDelay * (1LL << doublings), limits.maxDelay);
    pair.nextAllowed = now + delay;
  }
  c.byAddress.push_back(now);
  while (static_cast<int>(c.byAddress.size()) > std::max(1, limits.perAddress))
    c.byAddress.pop_front();
  if (!familiar) {
    acc.failures.push_back(now);
    while (static_cast<int>(acc.failures.size()) > std::max(1, limits.accountCeiling))
      acc.failures.pop_front();
    if (static_cast<int>(acc.failures.size()) >= limits.accountCeiling)
      acc.nextSlowTry = now + limits.accountSlowdown;
  }
  return std::chrono::seconds(0);
}

void takeBackAttempt(AttemptCounts c, const std::string& address) {
  c.pair = PairCount{};
  if (!c.byAddress.empty()) c.byAddress.pop_back();
  AccountCount& acc = c.account;
  auto known = std::find(acc.familiar.begin(), acc.familiar.end(), address);
  if (known == acc.familiar.end()) {
    if (!acc.failures.empty()) acc.failures.pop_back();  // counted as unfamiliar in countAttempt
  } else {
    acc.familiar.erase(known);
  }
  acc.familiar.insert(acc.familiar.begin(), address);
  if (acc.familiar.size() > kFamiliarPerAccount) acc.familiar.pop_back();
}

}  // namespace delegate::server
