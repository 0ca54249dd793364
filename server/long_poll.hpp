#pragma once
// How a handler waits without holding a thread. A long-poll that has nothing to say yet parks
// its request: the transport keeps the connection (a socket and a timer, no thread) and runs the
// handler again, with the same request, once the durable head moves beyond what the handler saw
// or its deadline passes (or at shutdown). The handler's rules stay where they were; it learns
// when its wait began, so a request run again keeps its first deadline, and it may carry what it
// already worked out to its next run (so a wake-up scans only what is new).
#include <any>
#include <chrono>
#include <cstdint>
#include <optional>
#include <utility>

namespace delegate::server {

class LongPoll {
 public:
  using Clock = std::chrono::steady_clock;
  struct Park {
    std::uint64_t seen;       // run again once the head is beyond this revision
    Clock::time_point until;  // or at this time
  };

  explicit LongPoll(Clock::time_point firstRun) : firstRun_(firstRun) {}

  // When the handler first ran for this request (before any park).
  Clock::time_point firstRun() const { return firstRun_; }
  // Asks the transport to hold the request; whatever the handler put in the response is
  // discarded.
  void park(std::uint64_t seen, Clock::time_point until) { park_ = Park{seen, until}; }
  // The transport takes the request to park (once per run).
  std::optional<Park> takePark() { return std::exchange(park_, std::nullopt); }
  // What the handler keeps from one run to the next (empty on the first run).
  std::any& carried() { return carried_; }

  // The long-poll of the request the calling thread is handling; null outside a transport that
  // parks (a handler then waits on its own thread, as before).
  static LongPoll* current();
  // Installs `poll` as current() for the calling thread while the scope lives.
  class Scope {
   public:
    explicit Scope(LongPoll& poll);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    LongPoll* previous_;
  };

 private:
  Clock::time_point firstRun_;
  std::optional<Park> park_;
  std::any carried_;
};

}  // namespace delegate::server
