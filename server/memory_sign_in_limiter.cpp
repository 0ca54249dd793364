#include "server/memory_sign_in_limiter.hpp"

#include <algorithm>

namespace delegate::server {

template <class V>
V& MemorySignInLimiter::Lru<V>::touch(const std::string& key, std::size_t capacity) {
  if (auto it = index_.find(key); it != index_.end()) {
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }
  order_.emplace_front(key, V{});
  index_.emplace(key, order_.begin());
  if (index_.size() > std::max<std::size_t>(1, capacity)) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
  return order_.front().second;
}

AttemptCounts MemorySignInLimiter::countsOf(const std::string& account,
                                            const std::string& address) {
  return AttemptCounts{pairs_.touch(account + '\n' + address, limits_.maxEntries),
                       addresses_.touch(address, limits_.maxEntries),
                       accounts_.touch(account, limits_.maxEntries)};
}

std::chrono::seconds MemorySignInLimiter::beginAt(const std::string& account,
                                                  const std::string& address,
                                                  Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return countAttempt(limits_, countsOf(account, address), address, now);
}

void MemorySignInLimiter::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  takeBackAttempt(countsOf(account, address), address);
}

std::size_t MemorySignInLimiter::trackedKeys() {
  std::lock_guard lock(mutex_);
  return std::max({pairs_.size(), accounts_.size(), addresses_.size()});
}

}  // namespace delegate::server
