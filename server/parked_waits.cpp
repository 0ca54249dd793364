#include "server/parked_waits.hpp"

#include <vector>

namespace delegate::server {

std::optional<ParkedWaits::Ticket> ParkedWaits::park(std::uint64_t seen, Wake wake) {
  std::lock_guard lock(mutex_);
  if (closed_ || head_ > seen) return std::nullopt;
  const Ticket ticket = next_++;
  byTicket_.emplace(ticket, waits_.emplace(seen, std::make_pair(ticket, std::move(wake))));
  return ticket;
}

bool ParkedWaits::cancel(Ticket ticket) {
  std::lock_guard lock(mutex_);
  auto found = byTicket_.find(ticket);
  if (found == byTicket_.end()) return false;
  waits_.erase(found->second);
  byTicket_.erase(found);
  return true;
}

void ParkedWaits::publish(std::uint64_t head) {
  std::vector<Wake> woken;
  {
    std::lock_guard lock(mutex_);
    if (head > head_) head_ = head;
    // Every wait that saw a revision below the head (closed: all of them).
    auto end = closed_ ? waits_.end() : waits_.lower_bound(head_);
    for (auto it = waits_.begin(); it != end; ++it) {
      byTicket_.erase(it->second.first);
      woken.push_back(std::move(it->second.second));
    }
    waits_.erase(waits_.begin(), end);
  }
  for (Wake& wake : woken) wake();
}

void ParkedWaits::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  publish(0);
}

std::size_t ParkedWaits::size() const {
  std::lock_guard lock(mutex_);
  return waits_.size();
}

}  // namespace delegate::server
