#pragma once
// Large directories in pages: when a client's workspace carries its users and when only their
// count and a first page, the rest read with usersPage() (core/scopes.hpp) as a table scrolls.
// The server, the browser and the sandbox ask these, so the threshold has one home.
#include <cstddef>
#include <vector>

#include "core/scopes.hpp"

namespace delegate {

// A directory of more users than this opens paged: a workspace of 2,000 users is about 400 KB
// of JSON, still quick to send and project; 100,000 would be 20 MB.
inline constexpr std::size_t kPagedDirectoryAbove = 2000;
// Users in a paged directory's first page, and in each page a browser asks for: a screenful or
// three of table rows.
inline constexpr std::size_t kUsersPageSize = 100;

// Whether a directory of `users` users opens paged.
inline bool pagedDirectory(std::size_t users) {
  return users > kPagedDirectoryAbove;
}

// The page a paged directory opens with: the first kUsersPageSize users by display name.
UserPageQuery firstPageQuery();

// Users of a page joined to a browser's copy of the state (a portfolio with the workspace open),
// so the rules about them (may this viewer reset that user's password?) and later events about
// them apply there. Users already held are kept: the events have kept them current.
void holdPageUsers(State& view, const std::vector<User>& users);

}  // namespace delegate
