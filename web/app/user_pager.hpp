#pragma once
// The users of a paged client directory (more than the core's kPagedDirectoryAbove), as a table
// shows them: only the pages near the rows on screen are held, asked for as the table scrolls;
// a search or sort goes to whoever answers pages (the server, or the core in the sandbox) and
// drops the pages of the one before. A search is sent once typing pauses, and only the answers
// to the last question asked are kept. The backends own a pager; the view reads it and says
// which rows it shows (an intent), so drawing never fetches.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/scopes.hpp"
#include "web/app/model.hpp"

namespace delegate::web {

// What the table asks: its search box and sort.
struct UserRowsQuery {
  std::string search;
  UserSort sort = UserSort::displayName;
  bool descending = false;
  bool operator==(const UserRowsQuery& o) const {
    return search == o.search && sort == o.sort && descending == o.descending;
  }
  bool operator!=(const UserRowsQuery& o) const { return !(*this == o); }
};

class UserPager {
 public:
  // A search is sent once typing has paused this long (a sort change at once).
  static constexpr double kSearchPauseMs = 250;
  // A page that could not be read is asked for again after this long, while still wanted.
  static constexpr double kRetryMs = 2000;

  struct Page {
    std::size_t total = 0;  // users matching the search, in all pages
    std::vector<MUser> users;
  };
  // One page's answer: nothing when it failed.
  using Answer = std::function<void(std::optional<Page>)>;
  // Asks for one page; answers now (the sandbox) or later (the server).
  using Fetch = std::function<void(const UserPageQuery& query, Answer answer)>;

  // `users`: the directory's size, all its users (the portfolio's count).
  UserPager(std::string customerId, std::size_t users, Fetch fetch);
  ~UserPager();
  UserPager(const UserPager&) = delete;
  UserPager& operator=(const UserPager&) = delete;

  const std::string& customerId() const { return customerId_; }
  // The table shows rows [first, last) of `query` (as the rows on screen were last frame).
  void show(const UserRowsQuery& query, std::size_t first, std::size_t last, double nowMs);
  // Sends a search whose typing has paused, and asks for missing pages.
  void tick(double nowMs);
  // The directory changed (an event, a command): the pages on screen are read again; until the
  // answers come, the rows held are still drawn.
  void refresh();

  std::size_t total() const { return total_; }  // rows of the query answered
  std::size_t users() const { return users_; }  // all users of the directory
  const MUser* row(std::size_t index) const;    // null: not loaded (drawn as a placeholder)
  const UserRowsQuery& answering() const { return asked_; }
  bool settled() const { return typed_ == asked_ && totalKnown_; }  // answers what was typed
  std::size_t pagesHeld() const { return pages_.size(); }
  std::size_t requests() const { return requests_; }
  std::uint64_t version() const { return version_; }  // bumps when the rows change

 private:
  struct Held {
    std::uint64_t generation = 0;
    std::vector<MUser> users;
  };
  void askMissing(double nowMs);
  void answer(std::size_t page, std::uint64_t generation, std::optional<Page> result,
              double askedAt);

  std::string customerId_;
  std::size_t users_ = 0;
  Fetch fetch_;
  UserRowsQuery typed_, asked_;
  double typedAt_ = 0;
  std::size_t first_ = 0, last_ = 0;  // the rows on screen
  std::size_t total_ = 0;
  bool totalKnown_ = true;  // false from a new question until its first answer
  // Bumps with each new question and each refresh; answers of an older one are dropped.
  std::uint64_t generation_ = 0;
  std::map<std::size_t, Held> pages_;
  std::map<std::size_t, std::uint64_t> asking_;  // page -> generation asked
  std::map<std::size_t, double> failedAt_;
  std::size_t requests_ = 0;
  std::uint64_t version_ = 0;
  double now_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace delegate::web

namespace delegate::web {

// The pager of the workspace on screen, kept by a backend: made when a client whose directory is
// paged opens, dropped when it closes, read again when the backend's model changes.
class WorkspacePages {
 public:
  using FetchFor = std::function<UserPager::Fetch(const std::string& customerId)>;
  // Each frame: the client on screen ("" none), its users when the viewer may read them (0
  // otherwise), and the model's revision.
  void follow(const std::string& customerId, std::size_t users, std::uint64_t revision,
              double nowMs, const FetchFor& fetchFor);
  const UserPager* of(const std::string& customerId) const;
  void show(const std::string& customerId, const UserRowsQuery& query, std::size_t first,
            std::size_t last, double nowMs);

 private:
  std::unique_ptr<UserPager> pager_;
  std::uint64_t revision_ = 0;
};

}  // namespace delegate::web
