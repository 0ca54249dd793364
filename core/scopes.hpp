#pragma once
// What a browser subscribes to, so it is sent what it shows rather than everything its viewer
// may read. The server answers its scope requests with these and the sandbox calls the same
// functions, so both ship the same rows.
//
// - The portfolio: the viewer's own tenant in full (users, groups, offers, notifications, its
//   relationships and access assignments) and one summary per client it can see. A Full agent
//   over 10,000 clients of 100 users each gets 10,000 summaries, not 1,000,000 users.
// - A client's workspace: scopedViewOf() (core/visibility.hpp), that one client's directory.
// - Pages of a client's users: searched, sorted and cut on the server, so a table of 100,000
//   rows scrolls without the browser holding them all. When a workspace pages its users is
//   core/pages.hpp's rule.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/events.hpp"
#include "core/read_model.hpp"
#include "core/result.hpp"
#include "core/state.hpp"

namespace delegate {

// One other organization in the portfolio, as the viewer's Customers list shows it: computed
// here so the list is drawn from these rows before (or without) the relationships behind them.
struct ClientSummary {
  TenantId tenantId;
  std::string displayName;
  // A client of the viewer's organization: some relationship names it as the customer. (A
  // customer's own portfolio lists its partners, which are not.)
  bool customer = false;
  ClientStanding standing = ClientStanding::none;  // the best of its relationships'
  // The earliest end of a relationship that grants access now; none: no end, or no access.
  std::optional<Timestamp> accessEnds;
  RoleSet roles;                   // the viewer's delegated roles there now
  bool directoryReadable = false;  // the viewer may open its workspace now
  // Directory facts, empty unless readable (a count or a domain name leaks too).
  std::uint32_t users = 0;
  std::string defaultDomain;
  DELEGATE_FIELDS(tenantId, displayName, customer, standing, accessEnds, roles, directoryReadable,
                  users, defaultDomain)
};

struct Portfolio {
  State state;                         // viewOf() with only the viewer's own directory
  std::vector<ClientSummary> clients;  // one per other tenant in state.tenants, by tenant id
};

// Judged at `now` like viewOf(); the overload without it judges at the state's clock. With a
// `workspace` (a client open on screen), its directory is in Portfolio::state too while the
// viewer may read it; a workspace the viewer may not read adds nothing.
Portfolio portfolioOf(const State& state, UserId viewer, Timestamp now,
                      std::optional<TenantId> workspace = std::nullopt);
Portfolio portfolioOf(const State& state, UserId viewer);

// One client's summary row as portfolioOf() would give it: after an event the portfolio leaves
// out (a user added in a client), the row that keeps its count current.
ClientSummary clientSummary(const State& state, UserId viewer, TenantId client, Timestamp now);

// The summaries recomputed over a portfolio's state in hand (or the whole world, in the sandbox),
// one per other tenant the viewer sees, by tenant id. The portfolio holds no client directory
// but the open workspace's (and of a large one only a page), so a client's directory facts
// (users, default domain) come from `counted` (the server's rows) when given. Over a fresh
// portfolio with its own rows this gives back those rows.
std::vector<ClientSummary> clientSummaries(const State& state, UserId viewer, Timestamp now,
                                           const std::vector<ClientSummary>* counted = nullptr);

// clientSummaries() for `clients` only, over rows it gave before: each is recomputed, added, or
// dropped when the viewer no longer sees it. After events, with `clients` every row they may
// change (summaryReachOf(), core/portfolio_delta.hpp), the rows equal clientSummaries().
void refreshSummaries(const State& state, UserId viewer, Timestamp now,
                      const std::set<TenantId>& clients, std::vector<ClientSummary>& rows,
                      const std::vector<ClientSummary>* counted = nullptr);

// The row for `client` among rows sorted by tenant id, or null.
const ClientSummary* findClient(const std::vector<ClientSummary>& rows, TenantId client);
// Puts `row` in its place among rows sorted by tenant id, replacing the one it updates.
void upsertClient(std::vector<ClientSummary>& rows, const ClientSummary& row);

// The portfolio's first answer is its head: the state without the other organizations' tenants,
// relationships and access assignments, which follow in a second answer as these details. The
// summaries list the customers meanwhile; a partner of 10,000 clients draws its Customers screen
// from a fifth of the bytes.
struct PortfolioDetails {
  std::vector<Tenant> tenants;
  std::vector<Relationship> relationships;
  std::vector<AccessAssignment> accessAssignments;
  DELEGATE_FIELDS(tenants, relationships, accessAssignments)
};

// The details of `viewer`'s portfolio at `now`, without building the rest of it.
PortfolioDetails portfolioDetailsOf(const State& state, UserId viewer, Timestamp now);

// One of `count` parts of the details, split by organization (a relationship goes with the one on
// its other side, a request not yet naming its customer with part 0; an assignment with its
// relationship). Decoding 30 MB
// of details at once froze a browser for seconds; in parts of a few hundred clients, it keeps
// drawing between them. Attaching every part, each at its own revision with the events between
// applied, holds what the whole details at the last revision hold.
struct DetailsPart {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
};
bool inDetailsPart(TenantId client, DetailsPart part);
PortfolioDetails portfolioDetailsOf(const State& state, UserId viewer, Timestamp now,
                                    DetailsPart part);
// portfolioOf() with its details taken out (takeDetails() of the viewer's own tenant), without
// copying them first: the first answer a partner of 10,000 clients waits for.
Portfolio portfolioHeadOf(const State& state, UserId viewer, Timestamp now);
// Moves the details out of a portfolio's state (the tenants but `home`), leaving its head.
PortfolioDetails takeDetails(State& portfolio, TenantId home);
// Puts details back (replacing what the head held of them): takeDetails() then this is identity.
void attachDetails(State& portfolio, const PortfolioDetails& details);

// Whether an event belongs in the portfolio of `viewer`: what canSee() allows, less the
// directories of clients (their users, groups, domains, subscriptions). A browser following the
// portfolio applies exactly these events to Portfolio::state.
bool canSeeInPortfolio(const State& state, UserId viewer, const Event& event, Timestamp now,
                       std::optional<TenantId> workspace = std::nullopt);

// A client's directory as one viewer may read it: what a workspace adds to the portfolio. A
// browser that holds the portfolio opens a workspace with this instead of a new snapshot.
// A directory of more than kPagedDirectoryAbove users (core/pages.hpp) is paged: `users` holds
// only the first page (usersPage's first, by display name) and the rest is read a page at a
// time, so a workspace of 100,000 users opens as fast as one of 100.
struct WorkspaceDirectory {
  TenantId tenantId;
  bool readable = false;        // false: the viewer may not read it now, and the lists are empty
  bool paged = false;           // `users` is the first page of userTotal
  std::uint32_t userTotal = 0;  // all its users, listed here or not
  std::vector<User> users;
  std::vector<Group> groups;
  std::vector<Domain> domains;
  std::vector<Subscription> subscriptions;
  DELEGATE_FIELDS(tenantId, readable, paged, userTotal, users, groups, domains, subscriptions)
};

// `client`'s directory for `viewer` at `now`; unreadable (or the viewer's own tenant, which the
// portfolio always holds) gives an empty one. Paged above kPagedDirectoryAbove users.
WorkspaceDirectory workspaceOf(const State& state, UserId viewer, TenantId client, Timestamp now);

// A portfolio's state with `workspace`'s directory in it (what it held of that client before is
// replaced): portfolioOf(s, v, now) followed by this equals portfolioOf(s, v, now, client) for a
// directory that is not paged (a paged one brings its first page of users).
void attachWorkspace(State& portfolio, const WorkspaceDirectory& workspace);

// Drops a client's directory from a portfolio's state, when its workspace closes.
void releaseWorkspace(State& portfolio, TenantId client);

enum class UserSort : std::uint8_t { displayName, userPrincipalName };
DELEGATE_ENUM_NAMES(UserSort, "displayName", "userPrincipalName")

inline constexpr std::size_t kMaxPageSize = 1000;

struct UserPageQuery {
  std::string search;  // a part of the display name or sign-in name, any case; "" matches all
  UserSort sort = UserSort::displayName;
  bool descending = false;
  std::size_t offset = 0;
  std::size_t limit = 100;  // 1 to kMaxPageSize
};

struct UserPage {
  std::size_t total = 0;  // users matching the search, in all pages
  std::size_t offset = 0;
  std::vector<User> users;  // at most `limit`, from `offset` in the sort order
};

// A user of a client, found by a search across every client whose directory the viewer may read
// (quick search finds a client's user without opening its workspace first).
struct ClientUserHit {
  TenantId tenantId;
  User user;
  DELEGATE_FIELDS(tenantId, user)
};

inline constexpr std::size_t kMaxUserHits = 100;

// Up to `limit` (1 to kMaxUserHits) users of the viewer's readable clients whose display name or
// sign-in name holds `search` (any case, at least 2 characters), the closest first: the whole
// name, then its start, then anywhere; ties by display name. The viewer's own organization is
// not searched (its directory is in the portfolio).
Result<std::vector<ClientUserHit>> searchClientUsers(const State& state, UserId viewer,
                                                     const std::string& search, std::size_t limit,
                                                     Timestamp now);

// A page of `client`'s users as `viewer` may read them at `now`. A client whose directory the
// viewer may not read is refused exactly like one that does not exist (tenantNotFound), so
// neither its existence, its size nor its names leak; an out-of-range limit is invalidRequest.
// Ties in the sort key fall back to the sign-in name, which is unique, so pages never overlap.
Result<UserPage> usersPage(const State& state, UserId viewer, TenantId client,
                           const UserPageQuery& query, Timestamp now);

}  // namespace delegate
