#pragma once
// How failed sign-ins are counted and held off, the way careful identity providers do (Entra's
// smart lockout, Okta's and Auth0's brute-force protection), as functions of the counts alone so
// that the in-memory limiter of one server and the PostgreSQL one shared by many apply the same
// policy:
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
// Every check is also the count: countAttempt either refuses with a wait or counts the attempt
// as a failure before the password is verified, so concurrent attempts can never check more
// passwords than the limits allow; takeBackAttempt undoes the count on success.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace delegate::server {

// Wall-clock time: the counts are shared by servers on several machines.
using SignInClock = std::chrono::system_clock;

struct SignInLimits {
  int freePerPair = 5;                       // failures of one pair before backoff starts
  std::chrono::seconds firstDelay{30};       // the first backoff; doubles with each failure
  std::chrono::seconds maxDelay{15 * 60};    // backoff ceiling
  int accountCeiling = 50;                   // failures per account (unfamiliar addresses)...
  std::chrono::seconds accountSlowdown{30};  // ...above which one try per this interval
  int perAddress = 50;                       // failures per address over all accounts
  std::chrono::seconds window{15 * 60};      // how long a failure counts
  std::size_t maxEntries = 100000;           // per table (the in-memory limiter)
};

struct PairCount {
  int failures = 0;
  SignInClock::time_point last{};
  SignInClock::time_point nextAllowed{};
};
using FailureTimes = std::deque<SignInClock::time_point>;  // oldest first, within the window
struct AccountCount {
  FailureTimes failures;  // from unfamiliar addresses
  SignInClock::time_point nextSlowTry{};
  std::vector<std::string> familiar;  // most recent first
};

// The counts one attempt of (account, address) reads and writes.
struct AttemptCounts {
  PairCount& pair;
  FailureTimes& byAddress;
  AccountCount& account;
};

// Zero: the attempt may go ahead and is already counted as a failure. Otherwise how long to wait
// (nothing was counted).
std::chrono::seconds countAttempt(const SignInLimits& limits, AttemptCounts counts,
                                  const std::string& address, SignInClock::time_point now);
// The attempt counted for `address` succeeded: its count is taken back, the pair's backoff ends
// and the address becomes familiar for the account.
void takeBackAttempt(AttemptCounts counts, const std::string& address);

}  // namespace delegate::server
