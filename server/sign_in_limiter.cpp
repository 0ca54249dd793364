#include "server/sign_in_limiter.hpp"

#include <algorithm>

namespace delegate::server {

namespace {

constexpr std::size_t kFamiliarPerAccount = 8;

std::chrono::seconds waitUntil(SignInLimiter::Clock::time_point when,
                               SignInLimiter::Clock::time_point now) {
  auto wait = std::chrono::ceil<std::chrono::seconds>(when - now);
  return wait.count() < 1 ? std::chrono::seconds(1) : wait;
}

}  // namespace

template <class V>
V* SignInLimiter::Lru<V>::find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->second;
}

template <class V>
V& SignInLimiter::Lru<V>::touch(const std::string& key, std::size_t capacity) {
  if (V* found = find(key)) return *found;
  order_.emplace_front(key, V{});
  index_.emplace(key, order_.begin());
  if (index_.size() > std::max<std::size_t>(1, capacity)) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
  return order_.front().second;
}

template <class V>
void SignInLimiter::Lru<V>::erase(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  order_.erase(it->second);
  index_.erase(it);
}

void SignInLimiter::prune(Times& times, Clock::time_point now) const {
  while (!times.empty() && now - times.front() >= limits_.window) times.pop_front();
}

bool SignInLimiter::isFamiliar(const AccountState& a, const std::string& address) const {
  return std::find(a.familiar.begin(), a.familiar.end(), address) != a.familiar.end();
}

std::chrono::seconds SignInLimiter::begin(const std::string& account, const std::string& address,
                                          Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const std::string pairKey = account + '\n' + address;
  if (Pair* p = pairs_.find(pairKey)) {
    if (now < p->nextAllowed) return waitUntil(p->nextAllowed, now);
    if (now - p->last >= limits_.window) pairs_.erase(pairKey);  // quiet for a window: forgiven
  }
  if (Times* t = addresses_.find(address)) {
    prune(*t, now);
    if (static_cast<int>(t->size()) >= limits_.perAddress)
      return waitUntil(t->front() + limits_.window, now);
  }
  bool familiar = false;
  if (AccountState* a = accounts_.find(account)) {
    familiar = isFamiliar(*a, address);
    prune(a->failures, now);
    if (!familiar && static_cast<int>(a->failures.size()) >= limits_.accountCeiling &&
        now < a->nextSlowTry)
      return waitUntil(a->nextSlowTry, now);
  }

  // Allowed: count it now, before the password is checked.
  Pair& pair = pairs_.touch(pairKey, limits_.maxEntries);
  pair.failures += 1;
  pair.last = now;
  if (pair.failures >= limits_.freePerPair) {
    int doublings = std::min(pair.failures - limits_.freePerPair, 20);
    auto delay =
        std::min<std::chrono::seconds>(limits_.firstDelay * (1LL << doublings), limits_.maxDelay);
    pair.nextAllowed = now + delay;
  }
  Times& byAddress = addresses_.touch(address, limits_.maxEntries);
  byAddress.push_back(now);
  while (static_cast<int>(byAddress.size()) > std::max(1, limits_.perAddress))
    byAddress.pop_front();
  AccountState& acc = accounts_.touch(account, limits_.maxEntries);
  if (!familiar) {
    acc.failures.push_back(now);
    while (static_cast<int>(acc.failures.size()) > std::max(1, limits_.accountCeiling))
      acc.failures.pop_front();
    if (static_cast<int>(acc.failures.size()) >= limits_.accountCeiling)
      acc.nextSlowTry = now + limits_.accountSlowdown;
  }
  return std::chrono::seconds(0);
}

void SignInLimiter::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  pairs_.erase(account + '\n' + address);
  if (Times* t = addresses_.find(address); t && !t->empty()) t->pop_back();
  AccountState& acc = accounts_.touch(account, limits_.maxEntries);
  auto known = std::find(acc.familiar.begin(), acc.familiar.end(), address);
  if (known == acc.familiar.end()) {
    if (!acc.failures.empty()) acc.failures.pop_back();  // counted as unfamiliar in begin()
  } else {
    acc.familiar.erase(known);
  }
  acc.familiar.insert(acc.familiar.begin(), address);
  if (acc.familiar.size() > kFamiliarPerAccount) acc.familiar.pop_back();
}

std::size_t SignInLimiter::trackedKeys() {
  std::lock_guard lock(mutex_);
  return std::max({pairs_.size(), accounts_.size(), addresses_.size()});
}

}  // namespace delegate::server
