#include "core/scopes.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "core/apply.hpp"
#include "core/errors.hpp"
#include "core/pages.hpp"
#include "core/viewer.hpp"

namespace delegate {

namespace {

std::string defaultDomainOf(const State& s, TenantId t) {
  std::string any;
  for (const std::string& name : s.domainsOf(t)) {
    const Domain* d = s.findDomain(t, name);
    if (!d) continue;
    if (d->isDefault) return d->id;
    if (any.empty()) any = d->id;
  }
  return any;
}

ClientSummary summarize(const State& s, UserId viewer, TenantId home, TenantId client,
                        Timestamp now) {
  ClientSummary row;
  row.tenantId = client;
  if (const Tenant* t = s.findTenant(client)) row.displayName = t->displayName;
  for (RelationshipId rid : s.relationshipsBetween(home, client)) {
    const Relationship* r = s.findRelationship(rid);
    if (!r || !r->customer) continue;
    row.customer = true;
    if (row.displayName.empty()) row.displayName = r->customer->displayName;
    const RelationshipStatus shown = displayStatus(*r, now);
    row.standing = betterStanding(row.standing, standingOf(shown));
    if (grantsAccess(shown) && r->endDateTime &&
        (!row.accessEnds || *r->endDateTime < *row.accessEnds))
      row.accessEnds = r->endDateTime;
  }
  row.roles = delegatedRoles(s, viewer, client, now);
  row.directoryReadable = canReadDirectory(s, viewer, client, now);
  if (row.directoryReadable) {
    row.users = static_cast<std::uint32_t>(s.usersOf(client).size());
    row.defaultDomain = defaultDomainOf(s, client);
  }
  return row;
}

bool byTenant(const ClientSummary& a, const ClientSummary& b) {
  return a.tenantId < b.tenantId;
}

}  // namespace

namespace {

Portfolio portfolioWith(const State& s, UserId viewerId, Timestamp now,
                        std::optional<TenantId> workspace, detail::OtherOrganizations others) {
  detail::Viewer v(s, viewerId, now);
  Portfolio out;
  if (!v.user) {
    out.state = detail::viewWith(s, v, {});
    return out;
  }
  const TenantId home = v.home();
  std::vector<TenantId> directories{home};
  if (workspace && *workspace != home && canReadDirectory(s, viewerId, *workspace, now))
    directories.push_back(*workspace);
  out.state = detail::viewWith(s, v, directories, others);
  for (const auto& [id, tenant] : s.tenants)
    if (id != home && v.tenant(id)) out.clients.push_back(summarize(s, viewerId, home, id, now));
  std::sort(out.clients.begin(), out.clients.end(), byTenant);
  return out;
}

}  // namespace

Portfolio portfolioOf(const State& s, UserId viewerId, Timestamp now,
                      std::optional<TenantId> workspace) {
  return portfolioWith(s, viewerId, now, workspace, detail::OtherOrganizations::included);
}

Portfolio portfolioHeadOf(const State& s, UserId viewerId, Timestamp now) {
  return portfolioWith(s, viewerId, now, std::nullopt, detail::OtherOrganizations::leftOut);
}

ClientSummary clientSummary(const State& s, UserId viewer, TenantId client, Timestamp now) {
  const User* u = s.findUser(viewer);
  if (!u) {
    ClientSummary row;
    row.tenantId = client;
    return row;
  }
  return summarize(s, viewer, u->tenantId, client, now);
}

namespace {

// One row of clientSummaries(): none when the viewer does not see `id`.
std::optional<ClientSummary> summaryOver(const State& s, const detail::Viewer& v, TenantId id,
                                         const std::vector<ClientSummary>* counted) {
  const TenantId home = v.home();
  if (id == home || !s.findTenant(id) || !v.tenant(id)) return std::nullopt;
  ClientSummary row = summarize(s, v.user->id, home, id, v.now);
  if (counted && row.directoryReadable)
    if (const ClientSummary* c = findClient(*counted, id)) {
      row.users = c->users;
      row.defaultDomain = c->defaultDomain;
    }
  return row;
}

}  // namespace

std::vector<ClientSummary> clientSummaries(const State& s, UserId viewer, Timestamp now,
                                           const std::vector<ClientSummary>* counted) {
  detail::Viewer v(s, viewer, now);
  std::vector<ClientSummary> rows;
  if (!v.user) return rows;
  for (const auto& [id, tenant] : s.tenants)
    if (auto row = summaryOver(s, v, id, counted)) rows.push_back(std::move(*row));
  std::sort(rows.begin(), rows.end(), byTenant);
  return rows;
}

void refreshSummaries(const State& s, UserId viewer, Timestamp now,
                      const std::set<TenantId>& clients, std::vector<ClientSummary>& rows,
                      const std::vector<ClientSummary>* counted) {
  detail::Viewer v(s, viewer, now);
  for (TenantId id : clients) {
    std::optional<ClientSummary> row = v.user ? summaryOver(s, v, id, counted) : std::nullopt;
    if (row) {
      upsertClient(rows, *row);
      continue;
    }
    auto at = std::lower_bound(rows.begin(), rows.end(), id,
                               [](const ClientSummary& x, TenantId t) { return x.tenantId < t; });
    if (at != rows.end() && at->tenantId == id) rows.erase(at);
  }
}

const ClientSummary* findClient(const std::vector<ClientSummary>& rows, TenantId client) {
  auto at = std::lower_bound(rows.begin(), rows.end(), client,
                             [](const ClientSummary& x, TenantId id) { return x.tenantId < id; });
  return at != rows.end() && at->tenantId == client ? &*at : nullptr;
}

void upsertClient(std::vector<ClientSummary>& rows, const ClientSummary& row) {
  auto at = std::lower_bound(rows.begin(), rows.end(), row, byTenant);
  if (at != rows.end() && at->tenantId == row.tenantId)
    *at = row;
  else
    rows.insert(at, row);
}

namespace {

void sortDetails(PortfolioDetails& d) {
  auto byId = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(d.tenants.begin(), d.tenants.end(), byId);
  std::sort(d.relationships.begin(), d.relationships.end(), byId);
  std::sort(d.accessAssignments.begin(), d.accessAssignments.end(), byId);
}

}  // namespace

PortfolioDetails portfolioDetailsOf(const State& s, UserId viewer, Timestamp now) {
  return portfolioDetailsOf(s, viewer, now, DetailsPart{});
}

bool inDetailsPart(TenantId client, DetailsPart part) {
  return part.count <= 1 || hashGuid(client.guid) % part.count == part.index;
}

PortfolioDetails portfolioDetailsOf(const State& s, UserId viewer, Timestamp now,
                                    DetailsPart part) {
  detail::Viewer v(s, viewer, now);
  PortfolioDetails d;
  if (!v.user) return d;
  // A relationship goes with the organization on its other side.
  auto inPart = [&](const Relationship& r) {
    if (r.partnerTenantId != v.home()) return inDetailsPart(r.partnerTenantId, part);
    return r.customer ? inDetailsPart(r.customer->tenantId, part) : part.index == 0;
  };
  for (const auto& [id, t] : s.tenants)
    if (id != v.home() && inDetailsPart(id, part) && v.tenant(id)) d.tenants.push_back(t);
  for (const auto& [id, r] : s.relationships)
    if (inPart(r) && v.relationship(r)) d.relationships.push_back(r);
  for (const auto& [id, a] : s.accessAssignments) {
    const Relationship* r = s.findRelationship(a.relationshipId);
    if (r && inPart(*r) && v.assignment(a)) d.accessAssignments.push_back(a);
  }
  sortDetails(d);
  return d;
}

PortfolioDetails takeDetails(State& s, TenantId home) {
  PortfolioDetails d;
  for (auto it = s.tenants.begin(); it != s.tenants.end();) {
    if (it->first == home) {
      ++it;
      continue;
    }
    d.tenants.push_back(std::move(it->second));
    it = s.tenants.erase(it);
  }
  for (auto& [id, r] : s.relationships) d.relationships.push_back(std::move(r));
  for (auto& [id, a] : s.accessAssignments) d.accessAssignments.push_back(std::move(a));
  s.relationships = decltype(s.relationships){};
  s.accessAssignments = decltype(s.accessAssignments){};
  sortDetails(d);
  s.rebuildIndex();
  return d;
}

namespace {

template <class Map, class Key>
void sortListOf(Map& lists, const Key& key) {
  auto it = lists.find(key);
  if (it != lists.end()) std::sort(it->second.begin(), it->second.end());
}

}  // namespace

void attachDetails(State& s, const PortfolioDetails& d) {
  for (const Tenant& t : d.tenants) s.tenants.insert_or_assign(t.id, t);
  // What the state already holds (an event between the head and this part brought it) is
  // replaced and the whole index rebuilt. Otherwise the new entities are indexed as apply()
  // indexes them, and only the lists they joined sorted as rebuildIndex() sorts them: a part of
  // a few hundred clients costs its own size, not the portfolio's, the 25th as the first.
  const bool held =
      std::any_of(d.relationships.begin(), d.relationships.end(),
                  [&](const Relationship& r) { return s.findRelationship(r.id) != nullptr; }) ||
      std::any_of(d.accessAssignments.begin(), d.accessAssignments.end(),
                  [&](const AccessAssignment& a) { return s.findAccessAssignment(a.id); });
  if (held) {
    for (const Relationship& r : d.relationships) s.relationships[r.id] = r;
    for (const AccessAssignment& a : d.accessAssignments) s.accessAssignments[a.id] = a;
    s.rebuildIndex();
    return;
  }
  std::unordered_set<TenantId> partners, customers;
  std::unordered_set<RelationshipId> assigned;
  for (const Relationship& r : d.relationships) {
    apply(s, RelationshipCreated{r});
    partners.insert(r.partnerTenantId);
    if (!r.customer) continue;
    customers.insert(r.customer->tenantId);
    sortListOf(s.index.relationshipsByPair, TenantPair{r.partnerTenantId, r.customer->tenantId});
  }
  for (const AccessAssignment& a : d.accessAssignments) {
    apply(s, AccessAssignmentCreated{a});
    assigned.insert(a.relationshipId);
  }
  for (TenantId t : partners) sortListOf(s.index.relationshipsByPartner, t);
  for (TenantId t : customers) sortListOf(s.index.relationshipsByCustomer, t);
  for (RelationshipId r : assigned) sortListOf(s.index.assignmentsByRelationship, r);
}

Portfolio portfolioOf(const State& s, UserId viewer) {
  return portfolioOf(s, viewer, s.clock, std::nullopt);
}

bool canSeeInPortfolio(const State& s, UserId viewer, const Event& event, Timestamp now,
                       std::optional<TenantId> workspace) {
  detail::Viewer v(s, viewer, now);
  v.ownDirectoryOnly = true;
  v.workspace = workspace;
  return std::visit(v, event);
}

WorkspaceDirectory workspaceOf(const State& s, UserId viewerId, TenantId client, Timestamp now) {
  WorkspaceDirectory out;
  out.tenantId = client;
  const User* viewer = s.findUser(viewerId);
  if (!viewer || viewer->tenantId == client || !canReadDirectory(s, viewerId, client, now))
    return out;
  out.readable = true;
  const std::vector<UserId>& users = s.usersOf(client);
  out.userTotal = static_cast<std::uint32_t>(users.size());
  out.paged = pagedDirectory(users.size());
  if (out.paged) {
    auto first = usersPage(s, viewerId, client, firstPageQuery(), now);
    if (first.ok()) out.users = std::move(first.value().users);
  } else {
    for (UserId id : users) out.users.push_back(*s.findUser(id));
  }
  for (GroupId id : s.groupsOf(client)) out.groups.push_back(*s.findGroup(id));
  for (const std::string& d : s.domainsOf(client)) out.domains.push_back(*s.findDomain(client, d));
  for (SubscriptionId id : s.subscriptionsOf(client))
    out.subscriptions.push_back(*s.findSubscription(id));
  return out;
}

namespace {

template <class Map>
void eraseOfTenant(Map& map, TenantId client) {
  for (auto it = map.begin(); it != map.end();)
    it = it->second.tenantId == client ? map.erase(it) : std::next(it);
}

// Takes `value` out of the list at `key`, and the list when it empties (as rebuildIndex() would
// leave no list for it).
template <class Map, class Key, class T>
void eraseFromListOf(Map& lists, const Key& key, const T& value) {
  auto it = lists.find(key);
  if (it == lists.end()) return;
  auto& list = it->second;
  list.erase(std::remove(list.begin(), list.end(), value), list.end());
  if (list.empty()) lists.erase(key);
}

// Drops a client's directory and its entries in the index, leaving the rest of the index as it
// was: rebuilding it whole cost a partner of 10,000 clients tens of milliseconds per workspace.
void dropDirectory(State& s, TenantId client) {
  // Each user leaves as its deletion takes it out (memberships, licences, the index).
  const std::vector<UserId> users(s.usersOf(client).begin(), s.usersOf(client).end());
  for (UserId id : users) apply(s, UserDeleted{id});
  // A paged directory's groups name members the view never held.
  for (GroupId g : s.groupsOf(client))
    if (const Group* group = s.findGroup(g))
      for (UserId m : group->members) eraseFromListOf(s.index.groupsByMember, m, g);
  for (const std::string& name : s.domainsOf(client))
    eraseFromListOf(s.index.domainClaims, name, client);
  s.index.groupsByTenant.erase(client);
  s.index.domainsByTenant.erase(client);
  s.index.subscriptionsByTenant.erase(client);
  eraseOfTenant(s.groups, client);
  eraseOfTenant(s.domains, client);
  eraseOfTenant(s.subscriptions, client);
}

}  // namespace

void attachWorkspace(State& s, const WorkspaceDirectory& w) {
  dropDirectory(s, w.tenantId);
  // Created as their events create them, then the client's lists sorted as rebuildIndex() sorts.
  for (const User& u : w.users) apply(s, UserCreated{u});
  for (const Group& g : w.groups) apply(s, GroupCreated{g});
  for (const Domain& d : w.domains) apply(s, DomainAdded{d});
  for (const Subscription& sub : w.subscriptions) apply(s, SubscriptionCreated{sub});
  sortListOf(s.index.usersByTenant, w.tenantId);
  sortListOf(s.index.groupsByTenant, w.tenantId);
  sortListOf(s.index.domainsByTenant, w.tenantId);
  sortListOf(s.index.subscriptionsByTenant, w.tenantId);
}

void releaseWorkspace(State& s, TenantId client) {
  dropDirectory(s, client);
}

namespace {

// ASCII case folding is enough: names are compared for finding, not for collation. Inline
// arithmetic, not std::tolower (a call through the locale per character): a page of 100,000
// users compares names a few million times.
char foldAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool containsFolded(std::string_view haystack, std::string_view foldedNeedle) {
  return std::search(haystack.begin(), haystack.end(), foldedNeedle.begin(), foldedNeedle.end(),
                     [](char a, char b) { return foldAscii(a) == b; }) != haystack.end();
}

int compareFolded(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = foldAscii(a[i]);
    const char y = foldAscii(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace

Result<UserPage> usersPage(const State& s, UserId viewer, TenantId client,
                           const UserPageQuery& query, Timestamp now) {
  if (query.limit < 1 || query.limit > kMaxPageSize)
    return makeError(errc::invalidRequest,
                     "A page holds 1 to " + std::to_string(kMaxPageSize) + " users; ask for " +
                         "a limit in that range.",
                     "limit");
  const Tenant* tenant = s.findTenant(client);
  if (!tenant || !canReadDirectory(s, viewer, client, now))
    return makeError(errc::tenantNotFound,
                     "There is no organization with that id whose directory you may read.",
                     "tenantId");
  const std::string needle = toLowerAscii(query.search);
  std::vector<const User*> matches;
  for (UserId id : s.usersOf(client)) {
    const User* u = s.findUser(id);
    if (u &&
        (containsFolded(u->displayName, needle) || containsFolded(u->userPrincipalName, needle)))
      matches.push_back(u);
  }
  auto before = [&](const User* a, const User* b) {
    int c = query.sort == UserSort::displayName ? compareFolded(a->displayName, b->displayName) : 0;
    if (c == 0) c = a->userPrincipalName.compare(b->userPrincipalName);
    return query.descending ? c > 0 : c < 0;
  };
  UserPage page;
  page.total = matches.size();
  page.offset = query.offset;
  if (query.offset >= matches.size()) return page;
  const std::size_t end = std::min(matches.size(), query.offset + query.limit);
  // Only the page's own rows need ordering: the rows before it and those after it are set
  // apart in linear time (nth_element), then the page alone is sorted. Any page of 100,000
  // users, the middle or the last one, costs about two passes over them, not a full sort.
  const auto from = matches.begin() + static_cast<std::ptrdiff_t>(query.offset);
  const auto to = matches.begin() + static_cast<std::ptrdiff_t>(end);
  if (from != matches.begin()) std::nth_element(matches.begin(), from, matches.end(), before);
  if (to != matches.end()) std::nth_element(from, to, matches.end(), before);
  std::sort(from, to, before);
  page.users.reserve(end - query.offset);
  for (std::size_t i = query.offset; i < end; ++i) page.users.push_back(*matches[i]);
  return page;
}

}  // namespace delegate

namespace delegate {

Result<std::vector<ClientUserHit>> searchClientUsers(const State& s, UserId viewerId,
                                                     const std::string& search, std::size_t limit,
                                                     Timestamp now) {
  if (limit < 1 || limit > kMaxUserHits)
    return makeError(errc::invalidRequest,
                     "A search returns 1 to " + std::to_string(kMaxUserHits) + " users; ask for " +
                         "a limit in that range.",
                     "limit");
  if (search.size() < 2 || search.size() > 256)
    return makeError(errc::invalidRequest,
                     "Search for 2 to 256 characters of a name or sign-in name.", "search");
  detail::Viewer v(s, viewerId, now);
  std::vector<ClientUserHit> hits;
  if (!v.user) return hits;
  const std::string needle = toLowerAscii(search);
  struct Found {
    int rank;
    const User* user;
  };
  std::vector<Found> found;
  auto rankOf = [&](const std::string& text) {
    if (text.size() == needle.size() && compareFolded(text, needle) == 0) return 0;
    if (text.size() >= needle.size() &&
        compareFolded(std::string_view(text).substr(0, needle.size()), needle) == 0)
      return 1;
    return containsFolded(text, needle) ? 2 : -1;
  };
  for (TenantId t : detail::readableTenants(s, v)) {
    if (t == v.home()) continue;
    for (UserId id : s.usersOf(t)) {
      const User* u = s.findUser(id);
      if (!u) continue;
      int a = rankOf(u->displayName), b = rankOf(u->userPrincipalName);
      const int rank = a < 0 ? b : (b < 0 ? a : std::min(a, b));
      if (rank >= 0) found.push_back({rank, u});
    }
  }
  auto before = [](const Found& x, const Found& y) {
    if (x.rank != y.rank) return x.rank < y.rank;
    const int c = compareFolded(x.user->displayName, y.user->displayName);
    return c != 0 ? c < 0 : x.user->userPrincipalName < y.user->userPrincipalName;
  };
  const std::size_t n = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(),
                    before);
  for (std::size_t i = 0; i < n; ++i) hits.push_back({found[i].user->tenantId, *found[i].user});
  return hits;
}

}  // namespace delegate
