#pragma once
// The long-polls waiting for the head revision to move, without a thread each: a sorted table of
// (revision seen, wake-up), emptied up to the new head by each commit. The transport puts the
// deadline on its own timer and asks here whether the wait was still parked (cancel), so a
// wait is woken exactly once, by whichever comes first.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace delegate::server {

class ParkedWaits {
 public:
  using Wake = std::function<void()>;
  using Ticket = std::uint64_t;

  explicit ParkedWaits(std::uint64_t head = 0) : head_(head) {}

  // Parks `wake` until the head passes `seen`. Empty (and `wake` not kept) when it already has
  // or the table is closed: the caller goes on at once.
  std::optional<Ticket> park(std::uint64_t seen, Wake wake);
  // Takes a wait out (its deadline came first); false when it was woken already.
  bool cancel(Ticket ticket);
  // The head moved: every wait that saw less is woken (on this thread, after the table's lock).
  void publish(std::uint64_t head);
  // Shutdown: wakes every wait, and later parks return empty.
  void close();
  std::size_t size() const;

 private:
  using Table = std::multimap<std::uint64_t, std::pair<Ticket, Wake>>;
  mutable std::mutex mutex_;
  std::uint64_t head_;
  bool closed_ = false;
  Ticket next_ = 1;
  Table waits_;
  std::unordered_map<Ticket, Table::iterator> byTicket_;
};

}  // namespace delegate::server
