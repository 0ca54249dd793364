#pragma once
#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace delegate::server {

// Slows password guessing without letting a guesser lock the owner out, the way careful identity
// providers do (Entra's smart lockout, Okta's and Auth0's brute-force protection):
//
// - Per (account, client address) pair: a few free failures, then exponential backoff (30 s,
//   1 min, 2 min ... at most 15 min between tries). Someone guessing from their address waits
//   longer and longer; the owner at another address is not affected. A success clears the pair.
// - Per account, over all addresses where it has not signed in successfully lately: a much looser
//   ceiling. Above it the account is slowed (one try per interval from such addresses), never
//   locked; addresses it signed in from recently (up to a few, remembered per account) are exempt,
//   so a distributed guesser cannot keep the owner out of their usual place.
// - Per address: a ceiling on failures over all accounts (password spraying).
//
// Every check is also the count: begin() either refuses with a wait or counts the attempt as a
// failure before the password is verified, so concurrent attempts can never check more passwords
// than the limits allow; succeeded() takes the count back. Memory is bounded: each table keeps at
// most `maxEntries` keys and drops the least recently used one (and a key idle for a window is
// forgotten), so a spray of made-up names cannot grow it, nor reset everyone's counts at once.
// Kept in memory: a restart forgets the counts, which only helps the legitimate user.
class SignInLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int freePerPair = 5;                       // failures of one pair before backoff starts
    std::chrono::seconds firstDelay{30};       // the first backoff; doubles with each failure
    std::chrono::seconds maxDelay{15 * 60};    // backoff ceiling
    int accountCeiling = 50;                   // failures per account (unfamiliar addresses)...
    std::chrono::seconds accountSlowdown{30};  // ...above which one try per this interval
    int perAddress = 50;                       // failures per address over all accounts
    std::chrono::seconds window{15 * 60};      // how long a failure counts
    std::size_t maxEntries = 100000;           // per table
  };

  explicit SignInLimiter(Limits limits) : limits_(limits) {}
  SignInLimiter() : SignInLimiter(Limits{}) {}

  // Zero: the attempt may go ahead and is already counted as a failure. Otherwise how long to
  // wait (nothing was counted).
  std::chrono::seconds begin(const std::string& account, const std::string& address,
                             Clock::time_point now = Clock::now());
  // The attempt begun for (account, address) succeeded: its count is taken back, the pair's
  // backoff ends and the address becomes familiar for the account.
  void succeeded(const std::string& account, const std::string& address);

  std::size_t trackedKeys();  // for tests: the size of the largest table

 private:
  struct Pair {
    int failures = 0;
    Clock::time_point last{};
    Clock::time_point nextAllowed{};
  };
  struct AccountState {
    std::deque<Clock::time_point> failures;  // from unfamiliar addresses, within the window
    Clock::time_point nextSlowTry{};
    std::vector<std::string> familiar;  // most recent first
  };
  using Times = std::deque<Clock::time_point>;

  // A map that keeps at most `capacity` keys, dropping the least recently used.
  template <class V>
  class Lru {
   public:
    V* find(const std::string& key);
    V& touch(const std::string& key, std::size_t capacity);  // found or created, now most recent
    void erase(const std::string& key);
    std::size_t size() const { return index_.size(); }

   private:
    std::list<std::pair<std::string, V>> order_;  // most recent first
    std::unordered_map<std::string, typename std::list<std::pair<std::string, V>>::iterator> index_;
  };

  void prune(Times& times, Clock::time_point now) const;
  bool isFamiliar(const AccountState& a, const std::string& address) const;

  Limits limits_;
  std::mutex mutex_;
  Lru<Pair> pairs_;
  Lru<AccountState> accounts_;
  Lru<Times> addresses_;
};

}  // namespace delegate::server
