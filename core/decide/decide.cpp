// The decision step's frame: principal checks, fresh values, notifications and the audit record
// that every decision carries, allowed or refused.
#include <algorithm>

#include "core/decide/decider.hpp"
#include "core/mail.hpp"
#include "core/sha256.hpp"
#include "core/validation.hpp"

namespace delegate {

namespace detail {

Decider::Decider(const State& state, const Principal& principal, const Context& context)
    : state_(state),
      principal_(principal),
      context_(context),
      now_(std::max(context.now, state.clock)),
      nextNotification_(state.nextNotificationId),
      nextEmail_(state.nextEmailId) {}

Decision Decider::run(const Command& command) {
  Status status = std::visit(*this, command);

  AuditRecord record;
  record.id = AuditId{state_.nextAuditId};
  record.activityDateTime = now_;
  record.actorKind = principal_.kind;
  record.action = std::string(commandType(command));
  if (principal_.isUser()) {
    record.actorUserId = principal_.userId;
    if (const User* u = state_.findUser(principal_.userId)) {
      record.actorUserPrincipalName = u->userPrincipalName;
      record.actorTenantId = u->tenantId;
      if (u->tenantId != principal_.actingTenant) record.onBehalfOfTenantId = u->tenantId;
    }
    record.targetTenantId = principal_.actingTenant;
  }
  if (auditTenant_) record.targetTenantId = auditTenant_;
  record.targetObject = auditObject_;

  Decision d;
  if (status.ok()) {
    record.outcome = AuditOutcome::allowed;
    d.events = std::move(events_);
    d.secrets = std::move(secrets_);
  } else {
    record.outcome = AuditOutcome::refused;
    record.reasonCode = status.error().code;
    d.error = std::move(status).error();
    // What a refusal may write into the durable log. Every allowed action is audited. A refusal
    // is audited when a signed-in user acted in a tenant they belong to or have a relationship
    // with (either direction, any status): that tenant's admins have a reason to see the
    // attempt. Anything else — anonymous requests with made-up tokens, a user poking at a
    // tenant they have nothing to do with — is not the target's business and would let anyone
    // grow the log without bound; the server counts those instead. The record carries the
    // core's reason code and only object names the core produced (ids and fixed words), never
    // free text from the refused request.
    if (!auditsRefusal(record)) return d;
    if (!isCoreObjectName(record.targetObject)) record.targetObject.clear();
  }
  d.events.emplace_back(AuditRecorded{std::move(record)});
  return d;
}

bool Decider::auditsRefusal(AuditRecord& record) const {
  if (principal_.isSystem()) return true;
  if (!principal_.isUser() || !record.actorTenantId) return false;
  const TenantId home = *record.actorTenantId;
  auto related = [&](TenantId t) {
    return t == home || !state_.relationshipsBetween(home, t).empty() ||
           !state_.relationshipsBetween(t, home).empty();
  };
  if (!related(principal_.actingTenant)) return false;
  // A refused request names whatever tenant it liked; the record stays with the tenant acted in.
  if (record.targetTenantId && !related(*record.targetTenantId))
    record.targetTenantId = principal_.actingTenant;
  return true;
}

// Object names a refused request may leave in the audit log: an id in its canonical form or
// one of the fixed words the decision step uses for "a new one of these".
bool Decider::isCoreObjectName(const std::string& name) {
  if (name.empty()) return true;
  if (auto g = Guid::parse(name)) return g->str() == name;
  for (const char* word : {"offer", "group", "relationship", "devices", "clock"})
    if (name == word) return true;
  return !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
}

std::string answerer(const User& u) {
  return u.displayName.empty() ? u.userPrincipalName
                               : u.displayName + " (" + u.userPrincipalName + ")";
}

Status Decider::requireSystem() {
  if (principal_.isSystem()) return Status::success();
  return makeError(errc::systemOnly, "Only the platform itself may do this.");
}

Status Decider::requireUser() {
  if (!principal_.isUser())
    return makeError(errc::unauthenticated, "Sign in with a user account to do this.");
  actor_ = state_.findUser(principal_.userId);
  if (!actor_)
    return makeError(errc::unauthenticated, "Your session's user no longer exists; sign in again.");
  if (!actor_->accountEnabled)
    return makeError(errc::accountDisabled,
                     "Your account is disabled; ask an administrator of your organization to "
                     "enable it.");
  if (!state_.findTenant(principal_.actingTenant))
    return makeError(errc::tenantNotFound, "The organization you are acting in does not exist.");
  return Status::success();
}

Status Decider::check(Action action, std::optional<UserId> targetUser) {
  DELEGATE_TRY(requireUser());
  Authorization a = authorizeAt(state_, principal_, action, Target{acting(), targetUser}, now_);
  if (a.allowed) return Status::success();
  return toError(state_, a);
}

Status Decider::requirePartnerTenant(TenantId tenant) {
  const Tenant* t = state_.findTenant(tenant);
  if (t && t->kind == TenantKind::partner) return Status::success();
  return makeError(errc::notAPartnerTenant, "Only a partner organization can do this; " +
                                                tenantName(tenant) +
                                                " is a customer organization.");
}

Status Decider::requireCustomerTenant(TenantId tenant) {
  const Tenant* t = state_.findTenant(tenant);
  if (t && t->kind == TenantKind::customer) return Status::success();
  return makeError(errc::notACustomerTenant, "Only a customer organization can do this; " +
                                                 tenantName(tenant) +
                                                 " is a partner organization.");
}

Status Decider::requireCustomerAdmin() {
  DELEGATE_TRY(check(Action::respondToOffers));
  return requireCustomerTenant(acting());
}

Result<const User*> Decider::userIn(UserId id, TenantId tenant) {
  const User* u = state_.findUser(id);
  if (!u || u->tenantId != tenant)
    return makeError(errc::userNotFound,
                     "There is no user " + id.str() + " in " + tenantName(tenant) + ".", "userId");
  return u;
}

Result<const Group*> Decider::groupIn(GroupId id, TenantId tenant) {
  const Group* g = state_.findGroup(id);
  if (!g || g->tenantId != tenant)
    return makeError(errc::groupNotFound,
                     "There is no group " + id.str() + " in " + tenantName(tenant) + ".",
                     "groupId");
  return g;
}

Result<const Domain*> Decider::domainIn(const std::string& name, TenantId tenant) {
  const Domain* d = state_.findDomain(tenant, name);
  if (!d)
    return makeError(errc::domainNotFound,
                     "The domain '" + name + "' is not in " + tenantName(tenant) + ".", "name");
  return d;
}

Result<const Offer*> Decider::offerByToken(const std::string& token) {
  const Offer* o = token.empty() ? nullptr : state_.findOfferByToken(token);
  if (!o)
    return makeError(errc::offerNotFound,
                     "This offer link is not valid; ask the partner for a new one.", "token");
  if (o->status == OfferStatus::revoked)
    return makeError(errc::offerRevoked,
                     "The partner has withdrawn this offer; ask them for a new one.", "token");
  return o;
}

Status Decider::checkNewUserPrincipalName(const std::string& upn, TenantId tenant) {
  DELEGATE_TRY(validateUserPrincipalName(upn));
  const std::string domain = domainOf(upn);
  const Domain* d = state_.findDomain(tenant, domain);
  if (!d)
    return makeError(errc::domainNotFound,
                     "The domain '" + domain + "' does not belong to " + tenantName(tenant) +
                         "; add and verify it first.",
                     "userPrincipalName");
  if (!d->isVerified)
    return makeError(errc::domainNotVerified,
                     "The domain '" + domain + "' is not verified yet; verify it first.",
                     "userPrincipalName");
  if (state_.findUserByPrincipalName(upn))
    return makeError(errc::userAlreadyExists,
                     "Another user already signs in as '" + toLowerAscii(upn) + "'.",
                     "userPrincipalName");
  return Status::success();
}

// Locking oneself out is never what was meant, and nobody would be left to undo it for them.
Status Decider::checkNotSelf(UserId target, const char* verb) {
  if (principal_.userId != target) return Status::success();
  return makeError(errc::cannotActOnOwnAccount,
                   std::string("You cannot ") + verb +
                       " your own account; ask another administrator of your organization.",
                   "userId");
}

Status Decider::checkNotLastGlobalAdmin(const User& user, RoleSet newRoles, bool stillEnabled) {
  if (!user.roles.has(Role::globalAdministrator) || !user.accountEnabled) return Status::success();
  if (newRoles.has(Role::globalAdministrator) && stillEnabled) return Status::success();
  for (UserId id : state_.usersOf(user.tenantId)) {
    if (id == user.id) continue;
    const User* other = state_.findUser(id);
    if (other && other->accountEnabled && other->roles.has(Role::globalAdministrator))
      return Status::success();
  }
  return makeError(errc::lastGlobalAdministrator,
                   user.displayName +
                       " is the organization's last enabled Global Administrator; make someone "
                       "else Global Administrator first.",
                   "userId");
}

Result<Guid> Decider::freshId() {
  if (idsUsed_ >= context_.ids.size())
    return makeError(errc::internalError, "The request ran out of fresh identifiers; try again.");
  Guid g = context_.ids[idsUsed_++];
  if (g.isNil()) return makeError(errc::internalError, "A fresh identifier was empty; try again.");
  return g;
}

Result<std::string> Decider::freshSecret() {
  if (secretsUsed_ >= context_.secrets.size())
    return makeError(errc::internalError, "The request ran out of fresh secrets; try again.");
  const std::string& s = context_.secrets[secretsUsed_++];
  if (s.size() < kMinSecretLength)
    return makeError(errc::internalError, "A fresh secret was too short; try again.");
  return s;
}

Result<OfferLink> Decider::freshOfferLink() {
  if (offerLinksUsed_ >= context_.offerLinks.size())
    return makeError(errc::internalError, "The request ran out of fresh offer links; try again.");
  const OfferLink& l = context_.offerLinks[offerLinksUsed_++];
  if (l.offerId.isNil())
    return makeError(errc::internalError, "A fresh identifier was empty; try again.");
  if (l.token.size() < kMinSecretLength)
    return makeError(errc::internalError, "A fresh secret was too short; try again.");
  return l;
}

std::string Decider::tenantName(TenantId id) const {
  const Tenant* t = state_.findTenant(id);
  return t ? t->displayName : std::string("that organization");
}

void Decider::notifyPartner(TenantId partner, NotificationKind kind, std::string title,
                            std::string text, std::optional<TenantId> customer,
                            std::optional<RelationshipId> relationship,
                            std::optional<OfferId> offer, std::optional<UserId> alsoMail,
                            bool mail) {
  Notification n;
  n.id = NotificationId{nextNotification_++};
  n.tenantId = partner;
  n.kind = kind;
  n.title = title;
  n.text = text;
  n.customerTenantId = customer;
  n.relationshipId = relationship;
  n.offerId = offer;
  n.createdDateTime = now_;
  emit(NotificationCreated{std::move(n)});
  if (!mail) return;
  queueMail(partner, partnerMailRecipients(state_, partner, alsoMail), kind, std::move(title),
            std::move(text), customer, relationship);
}

void Decider::queueMail(TenantId tenant, std::vector<std::string> to, NotificationKind kind,
                        std::string subject, std::string text, std::optional<TenantId> customer,
                        std::optional<RelationshipId> relationship) {
  if (to.empty()) return;
  EmailMessage m;
  m.id = EmailId{nextEmail_++};
  m.tenantId = tenant;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.text = std::move(text);
  m.createdDateTime = now_;
  m.kind = kind;
  m.linkPath = mailLinkPath(state_, tenant, kind, customer, relationship);
  emit(EmailQueued{std::move(m)});
}

}  // namespace detail

Decision decide(const State& state, const Principal& principal, const Command& command,
                const Context& context) {
  return detail::Decider(state, principal, context).run(command);
}

std::string_view commandType(const Command& command) {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::kType; }, command);
}

bool isProvenOutsideTheCore(const Command& command) {
  return std::holds_alternative<ChangeOwnPassword>(command) ||
         std::holds_alternative<RegisterMultiFactor>(command);
}

}  // namespace delegate
