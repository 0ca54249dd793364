#pragma once
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "server/sign_in_limiter.hpp"

namespace delegate::server {

// The counts of one server, in memory. Memory is bounded: each table keeps at most `maxEntries`
// keys and drops the least recently used one (and a pair idle for a window is forgiven), so a
// spray of made-up names cannot grow it, nor reset everyone's counts at once. A restart forgets
// the counts, which only helps the legitimate user.
class MemorySignInLimiter final : public SignInLimiter {
 public:
  explicit MemorySignInLimiter(Limits limits) : limits_(limits) {}
  MemorySignInLimiter() : MemorySignInLimiter(Limits{}) {}

  Result<std::chrono::seconds> begin(const std::string& account,
                                     const std::string& address) override {
    return beginAt(account, address, Clock::now());
  }
  void succeeded(const std::string& account, const std::string& address) override;
  // begin() at a given time (tests).
  std::chrono::seconds beginAt(const std::string& account, const std::string& address,
                               Clock::time_point now);

  std::size_t trackedKeys();  // for tests: the size of the largest table

 private:
  // A map that keeps at most `capacity` keys, dropping the least recently used.
  template <class V>
  class Lru {
   public:
    V& touch(const std::string& key, std::size_t capacity);  // found or created, now most recent
    std::size_t size() const { return index_.size(); }

   private:
    std::list<std::pair<std::string, V>> order_;  // most recent first
    std::unordered_map<std::string, typename std::list<std::pair<std::string, V>>::iterator> index_;
  };
  AttemptCounts countsOf(const std::string& account, const std::string& address);

  Limits limits_;
  std::mutex mutex_;
  Lru<PairCount> pairs_;
  Lru<AccountCount> accounts_;
  Lru<FailureTimes> addresses_;
};

}  // namespace delegate::server
