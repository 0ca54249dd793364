#pragma once
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace delegate::server {

// Counts failed sign-ins per account and per client address over a sliding window, so password
// guessing is slowed down whichever of the two an attacker varies. Kept in memory: a restart
// forgets the counts, which only helps the legitimate user.
class SignInLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int perAccount = 5;   // failures within the window before the account is held off
    int perAddress = 20;  // failures within the window before the address is held off
    std::chrono::seconds window{15 * 60};
  };

  explicit SignInLimiter(Limits limits) : limits_(limits) {}
  SignInLimiter() : SignInLimiter(Limits{}) {}

  // Zero when a sign-in for (account, address) may be tried now; otherwise how long to wait.
  std::chrono::seconds retryAfter(const std::string& account, const std::string& address,
                                  Clock::time_point now = Clock::now());
  void recordFailure(const std::string& account, const std::string& address,
                     Clock::time_point now = Clock::now());
  // A successful sign-in clears the account's count (not the address's).
  void recordSuccess(const std::string& account);

 private:
  using Times = std::deque<Clock::time_point>;
  std::chrono::seconds waitFor(Times& times, int limit, Clock::time_point now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Times> accounts_;
  std::unordered_map<std::string, Times> addresses_;
};

}  // namespace delegate::server
