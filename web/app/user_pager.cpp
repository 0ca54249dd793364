#include "web/app/user_pager.hpp"

#include <algorithm>

#include "core/pages.hpp"

namespace delegate::web {

namespace {
// Pages held beyond the window on each side: a short scroll back draws at once.
constexpr std::size_t kKeepAround = 4;
}  // namespace

UserPager::UserPager(std::string customerId, std::size_t users, Fetch fetch)
    : customerId_(std::move(customerId)), users_(users), fetch_(std::move(fetch)), total_(users) {}

UserPager::~UserPager() = default;

const MUser* UserPager::row(std::size_t index) const {
  auto it = pages_.find(index / kUsersPageSize);
  if (it == pages_.end()) return nullptr;
  const std::size_t at = index % kUsersPageSize;
  return at < it->second.users.size() ? &it->second.users[at] : nullptr;
}

void UserPager::show(const UserRowsQuery& query, std::size_t first, std::size_t last,
                     double nowMs) {
  if (query != typed_) {
    typed_ = query;
    typedAt_ = nowMs;
  }
  first_ = first;
  last_ = std::max(first, last);
  tick(nowMs);
}

void UserPager::refresh() {
  ++generation_;
  asking_.clear();
  failedAt_.clear();
}

void UserPager::tick(double nowMs) {
  now_ = nowMs;
  if (typed_ != asked_) {
    const bool sortOnly = typed_.search == asked_.search;
    if (sortOnly || nowMs - typedAt_ >= kSearchPauseMs) {
      // Another question: the rows held answer the old one and go; the table starts at its top.
      asked_ = typed_;
      ++generation_;
      pages_.clear();
      asking_.clear();
      failedAt_.clear();
      totalKnown_ = false;
      first_ = last_ = 0;
      ++version_;
    }
  }
  askMissing(nowMs);
}

void UserPager::askMissing(double nowMs) {
  const std::size_t size = kUsersPageSize;
  const std::size_t firstPage = first_ / size;
  const std::size_t lastPage = last_ > first_ ? (last_ - 1) / size : firstPage;
  // Until the question's first answer its size is unknown: ask for its first page alone.
  const std::size_t pageCount = totalKnown_ ? (total_ + size - 1) / size : 1;
  // Pages far from the window are dropped: the browser never holds the whole directory.
  for (auto it = pages_.begin(); totalKnown_ && it != pages_.end();) {
    const bool far = it->first + kKeepAround < firstPage || it->first > lastPage + kKeepAround;
    if (far || it->first >= std::max<std::size_t>(pageCount, 1)) {
      it = pages_.erase(it);
      ++version_;
    } else {
      ++it;
    }
  }
  // The window and one page either side of it. Before the table has said what it shows, and
  // for a question not answered yet (the rows on screen may still be the old question's), the
  // first page alone: the one that draws first rows soonest.
  const bool windowKnown = last_ > first_;
  std::size_t from = firstPage > 0 && windowKnown ? firstPage - 1 : firstPage;
  std::size_t to =
      std::min(windowKnown ? lastPage + 1 : lastPage, pageCount > 0 ? pageCount - 1 : 0);
  if (!totalKnown_) from = to = 0;
  for (std::size_t p = from; p <= to; ++p) {
    auto held = pages_.find(p);
    if (held != pages_.end() && held->second.generation == generation_) continue;
    auto asked = asking_.find(p);
    if (asked != asking_.end() && asked->second == generation_) continue;
    auto failed = failedAt_.find(p);
    if (failed != failedAt_.end() && nowMs - failed->second < kRetryMs) continue;
    asking_[p] = generation_;
    ++requests_;
    UserPageQuery q;
    q.search = asked_.search;
    q.sort = asked_.sort;
    q.descending = asked_.descending;
    q.offset = p * size;
    q.limit = size;
    std::weak_ptr<bool> alive = alive_;
    const std::uint64_t generation = generation_;
    // The sandbox answers inside this call: nothing above holds an iterator into the maps.
    fetch_(q, [this, alive, p, generation, nowMs](std::optional<Page> result) {
      if (alive.expired()) return;
      answer(p, generation, std::move(result), nowMs);
    });
  }
}

void UserPager::answer(std::size_t page, std::uint64_t generation, std::optional<Page> result,
                       double askedAt) {
  auto asked = asking_.find(page);
  if (asked != asking_.end() && asked->second == generation) asking_.erase(asked);
  // The last question wins: an answer to an earlier one (or from before a refresh) is dropped.
  if (generation != generation_) return;
  if (!result) {
    failedAt_[page] = std::max(askedAt, now_);
    return;
  }
  failedAt_.erase(page);
  total_ = result->total;
  totalKnown_ = true;
  pages_[page] = Held{generation, std::move(result->users)};
  ++version_;
}

}  // namespace delegate::web

namespace delegate::web {

void WorkspacePages::follow(const std::string& customerId, std::size_t users,
                            std::uint64_t revision, double nowMs, const FetchFor& fetchFor) {
  if (customerId.empty() || users == 0) {
    pager_.reset();
    return;
  }
  if (!pager_ || pager_->customerId() != customerId) {
    // Whether it pages is the core's rule; once open it stays paged (a user added does not
    // turn a table of 2,001 rows into one of 2,002 held in full).
    pager_.reset();
    if (!pagedDirectory(users)) return;
    pager_ = std::make_unique<UserPager>(customerId, users, fetchFor(customerId));
    revision_ = revision;
  } else if (revision != revision_) {
    revision_ = revision;
    pager_->refresh();
  }
  pager_->tick(nowMs);
}

const UserPager* WorkspacePages::of(const std::string& customerId) const {
  return pager_ && pager_->customerId() == customerId ? pager_.get() : nullptr;
}

void WorkspacePages::show(const std::string& customerId, const UserRowsQuery& query,
                          std::size_t first, std::size_t last, double nowMs) {
  if (pager_ && pager_->customerId() == customerId) pager_->show(query, first, last, nowMs);
}

}  // namespace delegate::web
