#include "web/app/projection.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "core/enums.hpp"
#include "core/expiry.hpp"
#include "core/policy.hpp"
#include "core/read_model.hpp"

namespace delegate::web {

namespace {

MUser toUser(const State& s, const User& u, bool partner) {
  MUser m;
  m.id = u.id.str();
  m.tenantId = u.tenantId.str();
  m.upn = u.userPrincipalName;
  m.displayName = u.displayName;
  m.enabled = u.accountEnabled;
  m.mustChangePassword = u.forceChangePasswordNextSignIn;
  m.multiFactor = u.multiFactorRegistered;
  m.isAdmin = isAdministrator(u.roles);
  m.roles = u.roles.empty() ? "" : u.roles.describe();
  if (partner) {
    m.partnerAccess = u.partnerAccess;
    for (GroupId g : s.groupsWithMember(u.id))
      if (const Group* group = s.findGroup(g))
        m.groups += (m.groups.empty() ? "" : ", ") + group->displayName;
  }
  return m;
}

MDomain toDomain(const Domain& d) {
  MDomain m;
  m.tenantId = d.tenantId.str();
  m.name = d.id;
  m.verified = d.isVerified;
  m.isDefault = d.isDefault;
  m.isInitial = d.isInitial;
  m.verificationRecord = d.verificationCode.empty() ? "" : "TXT @ " + d.verificationCode;
  return m;
}

MSubscription toSubscription(const Subscription& sub) {
  MSubscription m;
  m.id = sub.id.str();
  m.tenantId = sub.tenantId.str();
  m.product = sub.product;
  m.licenses = sub.licenses;
  m.assigned = static_cast<int>(sub.assignedUserIds.size());
  m.trial = sub.isTrial;
  m.endDate = formatDate(sub.endDateTime);
  return m;
}

std::string tenantName(const State& s, const std::optional<TenantId>& id) {
  if (!id) return {};
  const Tenant* t = s.findTenant(*id);
  return t ? t->displayName : std::string();
}

std::vector<std::string> roleIds(RoleSet roles) {
  std::vector<std::string> ids;
  roles.forEach([&](Role r) { ids.emplace_back(roleInfo(r).templateId); });
  return ids;
}

MRelationship toRelationship(const State& s, const Relationship& r, Timestamp now,
                             const KnownSecrets& secrets, const std::string& linkBase) {
  MRelationship m;
  m.id = r.id.str();
  m.partnerId = r.partnerTenantId.str();
  m.partnerName = tenantName(s, r.partnerTenantId);
  if (r.customer) {
    m.customerId = r.customer->tenantId.str();
    const Tenant* t = s.findTenant(r.customer->tenantId);
    m.customerName = t ? t->displayName : r.customer->displayName;
  }
  m.granular = r.kind == RelationshipKind::granular;
  m.displayName = r.kind == RelationshipKind::dap && r.displayName.empty()
                      ? "Delegated administration"
                      : r.displayName;
  m.status = displayStatus(r, now);
  m.ops = allowedOperations(r, now);
  m.roleIds = roleIds(r.accessDetails.unifiedRoles);
  m.roles = r.kind == RelationshipKind::dap ? "Full or Limited administration, per partner user"
                                            : r.accessDetails.unifiedRoles.describe();
  m.duration = r.kind == RelationshipKind::dap ? "No end date" : durationLabel(r.duration);
  m.autoExtend = formatDuration(r.autoExtendDuration);
  m.autoExtends = r.autoExtendDuration.seconds > 0;
  m.created = formatDate(r.createdDateTime);
  if (r.activatedDateTime) m.activated = formatDate(*r.activatedDateTime);
  if (r.endDateTime) {
    m.ends = formatDate(*r.endDateTime);
    m.endsAt = r.endDateTime->seconds;
  } else {
    m.endsAt = kMaxTimestamp.seconds;
  }
  m.hasGlobalAdmin = r.accessDetails.unifiedRoles.has(Role::globalAdministrator);
  m.declineReason = r.declineReason;
  auto tok = secrets.approvalTokens.find(m.id);
  if (r.status == RelationshipStatus::approvalPending && tok != secrets.approvalTokens.end())
    m.approvalLink = linkBase + "/relationship/" + m.id + "/approve?token=" + tok->second;
  return m;
}

// By name as a person reads it (case aside), then by id. The folded names are made once: folding
// inside the comparison made this sort a tenth of a rebuild at 10,000 clients.
void sortCustomersByName(std::vector<MCustomer>& rows) {
  std::vector<std::pair<std::string, std::size_t>> keys(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    keys[i].first = rows[i].name;
    for (char& c : keys[i].first)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    keys[i].second = i;
  }
  std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return rows[a.second].tenantId < rows[b.second].tenantId;
  });
  std::vector<MCustomer> sorted;
  sorted.reserve(rows.size());
  for (const auto& k : keys) sorted.push_back(std::move(rows[k.second]));
  rows = std::move(sorted);
}

MCustomer toCustomer(const ClientSummary& row) {
  MCustomer c;
  c.tenantId = row.tenantId.str();
  c.name = row.displayName;
  c.defaultDomain = row.defaultDomain;
  c.users = static_cast<int>(row.users);
  c.standing = row.standing;
  c.endsAt = row.accessEnds ? row.accessEnds->seconds : kMaxTimestamp.seconds;
  c.myRoles = row.roles.empty() ? "" : row.roles.describe();
  c.canOpen = !row.roles.empty();
  // Access now (active or expiring) with no end date: the seed's standing grant.
  const bool access =
      c.standing == ClientStanding::active || c.standing == ClientStanding::expiring;
  c.noEndDate = !row.accessEnds && access;
  c.ends = row.accessEnds ? formatDate(*row.accessEnds) : (access ? "No end date" : "");
  return c;
}

}  // namespace

std::string formatDate(Timestamp t) {
  return formatTimestamp(t).substr(0, 10);
}
std::string formatDateTime(Timestamp t) {
  std::string s = formatTimestamp(t);
  return s.substr(0, 10) + " " + s.substr(11, 5);
}
std::string formatPrice(std::int64_t cents) {
  char price[32];
  std::snprintf(price, sizeof price, "$%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return price;
}

void Projection::rebuild(const State& s, UserId me, const KnownSecrets& secrets,
                         const std::string& linkBase, std::uint64_t revision,
                         const std::vector<ClientSummary>& clients) {
  Model m;
  m.revision = revision;
  me_ = me;
  const User* u = s.findUser(me);
  const Timestamp now = s.clock;
  if (!u) {
    model_ = std::move(m);
    return;
  }
  myTenant_ = u->tenantId;
  customerRows_.begin(model_.customers);
  relationshipRows_.begin(model_.relationships);
  assignmentRows_.begin(model_.assignments);
  const Tenant* t = s.findTenant(u->tenantId);
  m.meId = me.str();
  m.meName = u->displayName;
  m.meUpn = u->userPrincipalName;
  m.tenantId = u->tenantId.str();
  m.tenantName = t ? t->displayName : "";
  m.tenantKind = t && t->kind == delegate::TenantKind::customer ? web::TenantKind::Customer
                                                                : web::TenantKind::Partner;
  m.certified = t && t->certifiedForDelegatedAdmin;
  m.requireMultiFactor = t && t->requireMultiFactor;
  m.meMultiFactor = u->multiFactorRegistered;
  m.isAdmin = u->roles.has(Role::globalAdministrator);
  const bool partner = m.tenantKind == web::TenantKind::Partner;
  m.partnerAccess = partner ? u->partnerAccess : PartnerAccess::none;

  // Own directory.
  for (UserId id : s.usersOf(u->tenantId))
    if (const User* x = s.findUser(id)) m.users.push_back(toUser(s, *x, partner));
  std::sort(m.users.begin(), m.users.end(),
            [](const MUser& a, const MUser& b) { return a.displayName < b.displayName; });
  for (const std::string& name : s.domainsOf(u->tenantId))
    if (const Domain* d = s.findDomain(u->tenantId, name)) m.domains.push_back(toDomain(*d));
  for (SubscriptionId id : s.subscriptionsOf(u->tenantId))
    if (const Subscription* sub = s.findSubscription(id))
      m.subscriptions.push_back(toSubscription(*sub));

  if (partner) {
    // Customers: the core's summary of every client of this partner, by name.
    for (const ClientSummary& row : clients) {
      if (!row.customer) continue;
      customerRows_.add(m.customers, row.tenantId, row, [&] { return toCustomer(row); });
    }
    sortCustomersByName(m.customers);
    customerRows_.reindex(m.customers,
                          [](const MCustomer& c) { return *TenantId::parse(c.tenantId); });
    m.relationships.reserve(s.relationshipsOfPartner(u->tenantId).size());
    for (RelationshipId rid : s.relationshipsOfPartner(u->tenantId)) {
      const Relationship* r = s.findRelationship(rid);
      if (!r) continue;
      addRelationshipRow(m.relationships, s, *r, now, secrets, linkBase);
      for (AccessAssignmentId aid : s.assignmentsOf(rid)) {
        const AccessAssignment* a = s.findAccessAssignment(aid);
        if (!a) continue;
        const Group* g = s.findGroup(a->accessContainer.accessContainerId);
        const std::string* groupName = g ? &g->displayName : nullptr;
        assignmentRows_.add(
            m.assignments, aid,
            [&](const AssignmentInputs& was) {
              return was.assignment == *a &&
                     (groupName ? was.groupName == *groupName : was.groupName.empty());
            },
            [&] {
              return AssignmentInputs{*a, groupName ? *groupName : std::string()};
            },
            [&] {
              MAssignment ma;
              ma.id = a->id.str();
              ma.relationshipId = rid.str();
              ma.groupId = a->accessContainer.accessContainerId.str();
              ma.groupName = g ? g->displayName : ma.groupId;
              ma.status = a->status;
              ma.roleIds = roleIds(a->accessDetails.unifiedRoles);
              ma.roles = a->accessDetails.unifiedRoles.describe();
              return ma;
            });
      }
    }
    for (GroupId gid : s.groupsOf(u->tenantId)) {
      const Group* g = s.findGroup(gid);
      if (!g) continue;
      MGroup mg;
      mg.id = gid.str();
      mg.tenantId = g->tenantId.str();
      mg.name = g->displayName;
      for (UserId id : g->members) mg.memberIds.push_back(id.str());
      m.groups.push_back(mg);
    }
    std::sort(m.groups.begin(), m.groups.end(),
              [](const MGroup& a, const MGroup& b) { return a.name < b.name; });
    for (OfferId oid : s.offersOf(u->tenantId)) {
      const Offer* o = s.findOffer(oid);
      if (!o) continue;
      MOffer mo;
      mo.id = oid.str();
      mo.kind = o->kind;
      auto tok = secrets.offerTokens.find(mo.id);
      if (tok != secrets.offerTokens.end()) mo.link = linkBase + "/offer/" + tok->second;
      mo.product = o->product;
      mo.licenses = o->licenses;
      mo.trialDays = o->trialDays;
      mo.price = formatPrice(o->pricePerLicenseCents);
      mo.includesDelegatedAdmin = o->includesDelegatedAdmin;
      mo.revoked = o->status == OfferStatus::revoked;
      mo.created = formatDate(o->createdDateTime);
      mo.accepted = static_cast<int>(o->acceptedBy.size());
      m.offers.push_back(mo);
    }
  } else {
    // Customer: partners with rights, and requests waiting for approval.
    std::map<std::string, size_t> byPartner;
    for (RelationshipId rid : s.relationshipsOfCustomer(u->tenantId)) {
      const Relationship* r = s.findRelationship(rid);
      if (!r) continue;
      addRelationshipRow(m.relationships, s, *r, now, secrets, linkBase);
      const RelationshipStatus st = displayStatus(*r, now);
      if (!grantsAccess(st)) continue;
      const std::string pid = r->partnerTenantId.str();
      auto [it, fresh] = byPartner.emplace(pid, m.partners.size());
      if (fresh) {
        MPartner p;
        p.tenantId = pid;
        p.name = tenantName(s, r->partnerTenantId);
        m.partners.push_back(p);
      }
      MPartner& p = m.partners[it->second];
      p.relationshipIds.push_back(rid.str());
      MGrant g;
      const bool dap = r->kind == RelationshipKind::dap;
      g.standing = dap;
      g.kind = dap ? "Delegated admin" : "Granular: " + r->displayName;
      g.roles = dap ? "Full or Limited administration (per partner user)"
                    : r->accessDetails.unifiedRoles.describe();
      g.since = r->activatedDateTime ? formatDate(*r->activatedDateTime) : "";
      if (r->endDateTime) g.until = formatDate(*r->endDateTime);
      // The standing grant first, then relationships by end date.
      auto at = std::find_if(p.grants.begin(), p.grants.end(), [&](const MGrant& o) {
        return !dap && !o.standing && o.until > g.until;
      });
      p.grants.insert(dap ? p.grants.begin() : at, g);
    }
  }
  // Notifications of this tenant, newest first.
  for (auto it = s.notifications.rbegin(); it != s.notifications.rend(); ++it) {
    if (it->tenantId != u->tenantId) continue;
    MNotification n;
    n.id = std::to_string(it->id.value);
    // The text is a whole sentence that starts like the title: shown alone, it is not repeated.
    n.text = it->text.empty() ? it->title : it->text;
    n.time = formatDateTime(it->createdDateTime);
    n.read = it->isRead;
    m.notifications.push_back(n);
  }
  // Audit: what this tenant did, and what was done in it.
  for (const AuditRecord& a : s.audit) {
    const bool mine = (a.actorTenantId && *a.actorTenantId == u->tenantId) ||
                      (a.onBehalfOfTenantId && *a.onBehalfOfTenantId == u->tenantId) ||
                      (a.targetTenantId && *a.targetTenantId == u->tenantId);
    if (!mine) continue;
    MAudit ma;
    ma.seq = a.id.value;
    ma.at = a.activityDateTime.seconds;
    ma.time = formatDateTime(a.activityDateTime);
    ma.actor = a.actorKind == PrincipalKind::system ? "Delegate (system)"
               : a.actorUserPrincipalName.empty()   ? "Someone signing up"
                                                    : a.actorUserPrincipalName;
    ma.actorTenant = tenantName(s, a.actorTenantId);
    ma.onBehalfOf = tenantName(s, a.onBehalfOfTenantId);
    ma.targetTenant = tenantName(s, a.targetTenantId);
    ma.action = auditActionLabel(a.action);
    ma.target = a.targetObject;
    if (const User* tu =
            UserId::parse(a.targetObject) ? s.findUser(*UserId::parse(a.targetObject)) : nullptr)
      ma.target = tu->userPrincipalName;
    ma.outcome = a.outcome;
    ma.reason = a.reasonCode;
    m.audit.push_back(ma);
  }
  customerRows_.sweep();
  relationshipRows_.sweep();
  assignmentRows_.sweep();
  model_ = std::move(m);
}

void Projection::addRelationshipRow(std::vector<MRelationship>& out, const State& s,
                                    const Relationship& r, Timestamp now,
                                    const KnownSecrets& secrets, const std::string& linkBase) {
  if (linkBase != linkBase_) {
    relationshipRows_.clear();
    linkBase_ = linkBase;
  }
  const RelationshipOperations ops = allowedOperations(r, now);
  const std::array<bool, 6> operations{
      ops.lockForApproval,  ops.revealApprovalLink, ops.removeGlobalAdministrator,
      ops.turnOnAutoExtend, ops.terminate,          ops.assignAccess};
  const RelationshipStatus shown = displayStatus(r, now);
  const Tenant* partner = s.findTenant(r.partnerTenantId);
  const Tenant* customer = r.customer ? s.findTenant(r.customer->tenantId) : nullptr;
  // Only a request waiting for approval shows its link.
  const std::string* token = nullptr;
  if (r.status == RelationshipStatus::approvalPending) {
    auto it = secrets.approvalTokens.find(r.id.str());
    if (it != secrets.approvalTokens.end()) token = &it->second;
  }
  auto nameOf = [](const Tenant* t) { return t ? t->displayName : std::string(); };
  auto sameName = [](const std::string& was, const Tenant* t) {
    return t ? was == t->displayName : was.empty();
  };
  relationshipRows_.add(
      out, r.id,
      [&](const RelationshipInputs& was) {
        return was.relationship == r && was.shown == shown && was.operations == operations &&
               sameName(was.partnerName, partner) && sameName(was.customerName, customer) &&
               (token ? was.approvalToken == *token : was.approvalToken.empty());
      },
      [&] {
        return RelationshipInputs{r,     nameOf(partner), nameOf(customer),
                                  shown, operations,      token ? *token : std::string()};
      },
      [&] { return toRelationship(s, r, now, secrets, linkBase); });
}

AccessAnswer Projection::can(const State& s, const std::string& action,
                             const std::string& customerId, const std::string& targetUserId) const {
  auto act = actionFromName(action);
  if (!act) return {false, "Unknown action " + action + "."};
  TenantId tenant = myTenant_;
  if (!customerId.empty()) {
    auto id = TenantId::parse(customerId);
    if (!id) return {false, "Unknown client."};
    tenant = *id;
  }
  Target target = Target::inTenant(tenant);
  if (!targetUserId.empty())
    if (auto uid = UserId::parse(targetUserId)) target = Target::onUser(tenant, *uid);
  Authorization a = authorize(s, Principal::user(me_, tenant), *act, target);
  if (a.allowed) return {true, ""};
  return {false, delegate::explain(s, a)};
}

Explanation Projection::explain(const State& s, const std::string& userId,
                                const std::string& customerId, const std::string& action) const {
  Explanation e;
  auto act = actionFromName(action);
  auto uid = UserId::parse(userId);
  auto tid = TenantId::parse(customerId);
  if (!act || !uid || !tid) {
    e.summary = "Pick a user, a client and an action.";
    return e;
  }
  Authorization a = authorize(s, Principal::user(*uid, *tid), *act, Target::inTenant(*tid));
  e.allowed = a.allowed;
  e.steps = explanationSteps(s, a);
  // About someone else, the sentence names them ("None of Lena's roles"), not "your".
  const User* who = s.findUser(*uid);
  e.summary = *uid == me_ || !who ? delegate::explain(s, a) : explainAbout(s, a, who->displayName);
  return e;
}

const ClientDirectory& Projection::directory(const State& s, const std::string& customerId) const {
  if (directoriesRevision_ != model_.revision) {
    directories_.clear();
    directoriesRevision_ = model_.revision;
  }
  auto it = directories_.find(customerId);
  if (it != directories_.end()) return it->second;
  ClientDirectory d;
  if (auto tid = TenantId::parse(customerId)) {
    for (UserId id : s.usersOf(*tid))
      if (const User* x = s.findUser(id)) d.users.push_back(toUser(s, *x, false));
    std::sort(d.users.begin(), d.users.end(),
              [](const MUser& a, const MUser& b) { return a.displayName < b.displayName; });
    for (const std::string& name : s.domainsOf(*tid))
      if (const Domain* dm = s.findDomain(*tid, name)) d.domains.push_back(toDomain(*dm));
    for (SubscriptionId id : s.subscriptionsOf(*tid))
      if (const Subscription* sub = s.findSubscription(id))
        d.subscriptions.push_back(toSubscription(*sub));
    // License names per user.
    for (const MSubscription& sub : d.subscriptions) {
      const Subscription* src = s.findSubscription(*SubscriptionId::parse(sub.id));
      for (MUser& mu : d.users)
        if (src && std::binary_search(src->assignedUserIds.begin(), src->assignedUserIds.end(),
                                      *UserId::parse(mu.id))) {
          mu.licenses += (mu.licenses.empty() ? "" : ", ") + sub.product;
          mu.subscriptionIds.push_back(sub.id);
        }
    }
  }
  return directories_.emplace(customerId, std::move(d)).first->second;
}

MUser clientUserRow(const State& s, const User& u) {
  return toUser(s, u, false);
}

std::vector<ClientUserMatch> clientUserMatches(const State& s,
                                               const std::vector<ClientUserHit>& hits) {
  std::vector<ClientUserMatch> out;
  out.reserve(hits.size());
  for (const ClientUserHit& h : hits) {
    const Tenant* t = s.findTenant(h.tenantId);
    out.push_back({h.tenantId.str(), t ? t->displayName : std::string(), h.user.displayName,
                   h.user.userPrincipalName});
  }
  return out;
}

}  // namespace delegate::web
