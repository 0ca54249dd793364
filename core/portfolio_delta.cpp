#include "core/portfolio_delta.hpp"

#include <algorithm>
#include <unordered_set>
#include <variant>

#include "core/viewer.hpp"

namespace delegate {

PortfolioSlice portfolioSliceOf(const State& s, UserId viewer, TenantId client, Timestamp now) {
  detail::Viewer v(s, viewer, now);
  PortfolioSlice out;
  out.tenantId = client;
  const Tenant* tenant = s.findTenant(client);
  if (!v.user || !tenant || client == v.home() || !v.tenant(client)) return out;
  out.visible = true;
  out.tenant = *tenant;
  for (const auto& [partner, customer] : {std::pair{v.home(), client}, {client, v.home()}})
    for (RelationshipId rid : s.relationshipsBetween(partner, customer)) {
      const Relationship* r = s.findRelationship(rid);
      if (!r || !v.relationship(*r)) continue;
      out.relationships.push_back(*r);
      for (AccessAssignmentId aid : s.assignmentsOf(rid))
        if (const AccessAssignment* a = s.findAccessAssignment(aid); a && v.assignment(*a))
          out.accessAssignments.push_back(*a);
    }
  auto byId = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(out.relationships.begin(), out.relationships.end(), byId);
  std::sort(out.accessAssignments.begin(), out.accessAssignments.end(), byId);
  out.summary = clientSummary(s, viewer, client, now);
  return out;
}

void applySlice(State& p, std::vector<ClientSummary>& rows, const PortfolioSlice& slice) {
  const TenantId client = slice.tenantId;
  // Everything the portfolio held of the client goes, then the slice's pieces come in: a slice
  // is the whole truth about its client, whatever the events before it did.
  std::unordered_set<RelationshipId> replaced;
  for (const auto& [id, r] : p.relationships)
    if (r.partnerTenantId == client || (r.customer && r.customer->tenantId == client))
      replaced.insert(id);
  for (const Relationship& r : slice.relationships) replaced.insert(r.id);
  for (RelationshipId id : replaced) p.relationships.erase(id);
  std::vector<AccessAssignmentId> assignments;
  for (const auto& [id, a] : p.accessAssignments)
    if (replaced.count(a.relationshipId)) assignments.push_back(id);
  for (AccessAssignmentId id : assignments) p.accessAssignments.erase(id);
  p.tenants.erase(client);
  auto row = std::lower_bound(rows.begin(), rows.end(), client,
                              [](const ClientSummary& x, TenantId id) { return x.tenantId < id; });
  if (row != rows.end() && row->tenantId == client) rows.erase(row);

  if (slice.visible) {
    p.tenants.insert_or_assign(client, slice.tenant);
    for (const Relationship& r : slice.relationships) p.relationships[r.id] = r;
    for (const AccessAssignment& a : slice.accessAssignments) p.accessAssignments[a.id] = a;
    upsertClient(rows, slice.summary);
  }
  // An open workspace the viewer may no longer read closes: its directory leaves with the
  // rights (releaseWorkspace() rebuilds the indexes either way).
  if (!slice.visible || !slice.summary.directoryReadable)
    releaseWorkspace(p, client);
  else
    p.rebuildIndex();
}

void applySlice(Portfolio& portfolio, const PortfolioSlice& slice) {
  applySlice(portfolio.state, portfolio.clients, slice);
}

namespace {

// The organization on the other side of a relationship from the viewer's, if it names one.
std::optional<TenantId> otherSide(const Relationship& r, TenantId home) {
  if (!r.customer) return std::nullopt;
  if (r.partnerTenantId == home) return r.customer->tenantId;
  if (r.customer->tenantId == home) return r.partnerTenantId;
  return std::nullopt;
}

struct Classify {
  const State& s;
  const User& viewer;

  PortfolioChange snapshot() const { return {true, std::nullopt}; }
  PortfolioChange about(const Relationship* r) const {
    if (!r) return snapshot();  // gone: nothing says which client it was about
    return {false, otherSide(*r, viewer.tenantId)};
  }
  PortfolioChange about(RelationshipId id) const { return about(s.findRelationship(id)); }
  // The viewer's own account changed: their rights everywhere may have.
  PortfolioChange subject(UserId id) const {
    return id == viewer.id ? snapshot() : PortfolioChange{};
  }

  PortfolioChange operator()(const RelationshipCreated& e) const {
    return {false, otherSide(e.relationship, viewer.tenantId)};
  }
  PortfolioChange operator()(const RelationshipApproved& e) const {
    const Relationship* r = s.findRelationship(e.relationshipId);
    if (r && r->customer) return about(r);
    // Approved over a relationship this state does not trace: the customer it names.
    return {false, e.customer.tenantId == viewer.tenantId ? std::nullopt
                                                          : std::optional{e.customer.tenantId}};
  }
  PortfolioChange operator()(const RelationshipUpdated& e) const { return about(e.relationshipId); }
  PortfolioChange operator()(const RelationshipDeleted& e) const { return about(e.relationshipId); }
  PortfolioChange operator()(const RelationshipLockedForApproval& e) const {
    return about(e.relationshipId);  // the customer starts seeing it
  }
  PortfolioChange operator()(const RelationshipStatusChanged& e) const {
    return about(e.relationshipId);
  }
  PortfolioChange operator()(const RelationshipDeclined& e) const {
    return about(e.relationshipId);
  }
  PortfolioChange operator()(const RelationshipExtended& e) const {
    return about(e.relationshipId);
  }
  PortfolioChange operator()(const AccessAssignmentCreated& e) const {
    return about(e.accessAssignment.relationshipId);
  }
  PortfolioChange assignment(AccessAssignmentId id) const {
    const AccessAssignment* a = s.findAccessAssignment(id);
    return a ? about(a->relationshipId) : snapshot();
  }
  PortfolioChange operator()(const AccessAssignmentUpdated& e) const {
    return assignment(e.accessAssignmentId);
  }
  PortfolioChange operator()(const AccessAssignmentDeleted& e) const {
    return assignment(e.accessAssignmentId);
  }
  // Someone else's membership, roles or account changes only their own rights.
  PortfolioChange operator()(const GroupMemberAdded& e) const { return subject(e.userId); }
  PortfolioChange operator()(const GroupMemberRemoved& e) const { return subject(e.userId); }
  PortfolioChange operator()(const PartnerAccessChanged& e) const { return subject(e.userId); }
  PortfolioChange operator()(const UserRolesChanged& e) const { return subject(e.userId); }
  PortfolioChange operator()(const UserEnabledChanged& e) const { return subject(e.userId); }
  PortfolioChange operator()(const UserDeleted& e) const { return subject(e.userId); }
  PortfolioChange operator()(const MultiFactorRegistrationChanged& e) const {
    return subject(e.userId);
  }
  PortfolioChange operator()(const MultiFactorRequirementChanged& e) const {
    if (e.tenantId == viewer.tenantId) return snapshot();  // the viewer's own organization's rule
    return {false, e.tenantId};
  }
  template <class E>
  PortfolioChange operator()(const E&) const {
    return {};
  }
};

}  // namespace

PortfolioChange portfolioChangeOf(const State& s, UserId viewer, const Event& event) {
  const User* u = s.findUser(viewer);
  if (!u) return {true, std::nullopt};
  return std::visit(Classify{s, *u}, event);
}

namespace {

// The events portfolioChangeOf() leaves alone, placed for the summary rows.
struct Reach {
  const State& s;
  const User& viewer;

  static SummaryReach none() { return {}; }
  static SummaryReach all() { return {true, std::nullopt}; }
  // A change inside one organization moves its row (its user count, its default domain); inside
  // the viewer's own, no row.
  SummaryReach in(TenantId t) const {
    return t == viewer.tenantId ? none() : SummaryReach{false, t};
  }
  // An event that may not say its organization (older logs) reaches all.
  SummaryReach in(const std::optional<TenantId>& t) const { return t ? in(*t) : all(); }

  SummaryReach operator()(const TenantCreated& e) const { return in(e.tenant.id); }
  SummaryReach operator()(const PartnerCertificationChanged& e) const { return in(e.tenantId); }
  SummaryReach operator()(const DomainAdded& e) const { return in(e.domain.tenantId); }
  SummaryReach operator()(const DomainVerified& e) const { return in(e.tenantId); }
  SummaryReach operator()(const DefaultDomainChanged& e) const { return in(e.tenantId); }
  SummaryReach operator()(const DomainRemoved& e) const { return in(e.tenantId); }
  SummaryReach operator()(const UserCreated& e) const { return in(e.user.tenantId); }
  SummaryReach operator()(const UserDeleted& e) const {
    const User* u = s.findUser(e.userId);
    return u ? in(u->tenantId) : none();  // not held: the server's rows bring its count
  }
  // A new group of the viewer's organization may already hold the viewer.
  SummaryReach operator()(const GroupCreated& e) const {
    return e.group.tenantId == viewer.tenantId ? all() : none();
  }
  // Someone else's account, membership or settings: their rights, not the viewer's (the
  // viewer's own are portfolioChangeOf()'s snapshot).
  SummaryReach operator()(const UserUpdated&) const { return none(); }
  SummaryReach operator()(const UserEnabledChanged&) const { return none(); }
  SummaryReach operator()(const UserRolesChanged&) const { return none(); }
  SummaryReach operator()(const PartnerAccessChanged&) const { return none(); }
  SummaryReach operator()(const MultiFactorRegistrationChanged&) const { return none(); }
  SummaryReach operator()(const GroupMemberAdded&) const { return none(); }
  SummaryReach operator()(const GroupMemberRemoved&) const { return none(); }
  SummaryReach operator()(const PasswordReset&) const { return none(); }
  // A relationship that names no customer yet moves no row.
  SummaryReach operator()(const RelationshipCreated&) const { return none(); }
  SummaryReach operator()(const RelationshipLockedForApproval&) const { return none(); }
  SummaryReach operator()(const RelationshipUpdated&) const { return none(); }
  SummaryReach operator()(const RelationshipStatusChanged&) const { return none(); }
  // Records, offers and licences are not in the rows.
  SummaryReach operator()(const SubscriptionCreated&) const { return none(); }
  SummaryReach operator()(const LicenseAssigned&) const { return none(); }
  SummaryReach operator()(const LicenseRemoved&) const { return none(); }
  SummaryReach operator()(const OfferCreated&) const { return none(); }
  SummaryReach operator()(const OfferRevoked&) const { return none(); }
  SummaryReach operator()(const OfferDeclined&) const { return none(); }
  SummaryReach operator()(const DeviceWipeRequested&) const { return none(); }
  SummaryReach operator()(const NotificationCreated&) const { return none(); }
  SummaryReach operator()(const NotificationRead&) const { return none(); }
  SummaryReach operator()(const EmailQueued&) const { return none(); }
  SummaryReach operator()(const AuditRecorded&) const { return none(); }
  // Time moves every relationship's shown status; anything not placed above reaches all.
  template <class E>
  SummaryReach operator()(const E&) const {
    return all();
  }
};

}  // namespace

SummaryReach summaryReachOf(const State& s, UserId viewer, const Event& event) {
  const User* u = s.findUser(viewer);
  if (!u) return Reach::all();
  const PortfolioChange change = portfolioChangeOf(s, viewer, event);
  if (change.snapshot) return Reach::all();
  if (change.client) return {false, change.client};
  return std::visit(Reach{s, *u}, event);
}

}  // namespace delegate
