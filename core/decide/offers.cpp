// Offers (delegated administration, trial invitations, purchase offers), accepting and declining
// them, the partner's Full/Limited access setting, removing a partner, and the inbox.
#include <algorithm>

#include "core/decide/decider.hpp"
#include "core/policy.hpp"
#include "core/sha256.hpp"
#include "core/validation.hpp"

namespace delegate::detail {

namespace {

constexpr std::int32_t kMaxLicenses = 10000;
constexpr std::int32_t kMaxTrialDays = 90;
constexpr std::int64_t kMaxPriceCents = 100'000'000;
constexpr Duration kPurchaseTerm = Duration::ofDays(365);

std::string offerNoun(OfferKind k) {
  switch (k) {
    case OfferKind::delegatedAdmin:
      return "delegated administration offer";
    case OfferKind::trialInvitation:
      return "trial invitation";
    case OfferKind::purchaseOffer:
      return "purchase offer";
  }
  return "offer";
}

}  // namespace

Status Decider::operator()(const CreateOffer&) {
  auditObject_ = "offer";
  DELEGATE_TRY(check(Action::manageOffers));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  if (!state_.findTenant(acting())->certifiedForDelegatedAdmin)
    return makeError(errc::partnerNotCertified,
                     "Your organization is not certified for delegated administration, so it "
                     "cannot offer it.");
  auto link = freshOfferLink();
  if (!link.ok()) return link.error();
  Offer o;
  o.id = OfferId(link.value().offerId);
  o.partnerId = acting();
  o.kind = OfferKind::delegatedAdmin;
  o.includesDelegatedAdmin = true;
  o.tokenHash = sha256Hex(link.value().token);
  o.createdBy = actor_->id;
  o.createdDateTime = now_;
  auditObject_ = o.id.str();
  secrets_.push_back(IssuedSecret{SecretKind::offerToken, o.id.str(), link.value().token});
  emit(OfferCreated{std::move(o)});
  return Status::success();
}

Status Decider::operator()(const RevokeOffer& c) {
  auditObject_ = c.offerId.str();
  DELEGATE_TRY(check(Action::manageOffers));
  const Offer* o = state_.findOffer(c.offerId);
  if (!o || o->partnerId != acting())
    return makeError(errc::offerNotFound, "Your organization has no such offer.", "offerId");
  if (o->status == OfferStatus::revoked)
    return makeError(errc::offerRevoked, "This offer is already withdrawn.", "offerId");
  emit(OfferRevoked{c.offerId, now_});
  return Status::success();
}

Status Decider::operator()(const RevealOfferLink& c) {
  auditObject_ = c.offerId.str();
  DELEGATE_TRY(requireUser());
  const Offer* o = state_.findOffer(c.offerId);
  if (!o || o->partnerId != acting())
    return makeError(errc::offerNotFound, "Your organization has no such offer.", "offerId");
  // Whoever may make an offer of this kind may give its link again.
  DELEGATE_TRY(check(o->kind == OfferKind::delegatedAdmin ? Action::manageOffers
                                                          : Action::createTrialsAndPurchaseOffers));
  if (o->status == OfferStatus::revoked)
    return makeError(errc::offerRevoked,
                     "This offer was withdrawn; its link no longer works. Create a new one.",
                     "offerId");
  // The caller derived the link from the offer's id; it is the offer's only if its hash is the
  // one kept when the offer was made (links made before they could be derived are not).
  const OfferLink* link = nullptr;
  for (const OfferLink& l : context_.offerLinks)
    if (l.offerId == c.offerId.guid) link = &l;
  if (!link || link->token.empty() || sha256Hex(link->token) != o->tokenHash)
    return makeError(errc::offerLinkNotAvailable,
                     "This " + offerNoun(o->kind) +
                         "'s link cannot be shown again (it was made before links could be "
                         "copied again). Regenerate it to get a link you can copy at any time.",
                     "offerId");
  secrets_.push_back(IssuedSecret{SecretKind::offerToken, o->id.str(), link->token});
  return Status::success();
}

Status Decider::operator()(const CreateTrialInvitation& c) {
  auditObject_ = "offer";
  DELEGATE_TRY(check(Action::createTrialsAndPurchaseOffers));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  DELEGATE_TRY(validateDisplayName(c.product, kMaxProductName, "product"));
  if (c.licenses < 1 || c.licenses > kMaxLicenses)
    return makeError(errc::invalidLicenseCount, "Offer between 1 and 10000 licenses.", "licenses");
  if (c.trialDays < 1 || c.trialDays > kMaxTrialDays)
    return makeError(errc::invalidTrialDays, "A trial lasts between 1 and 90 days.", "trialDays");
  if (c.includesDelegatedAdmin && !state_.findTenant(acting())->certifiedForDelegatedAdmin)
    return makeError(errc::partnerNotCertified,
                     "Your organization is not certified for delegated administration; send the "
                     "invitation without it.",
                     "includesDelegatedAdmin");
  auto link = freshOfferLink();
  if (!link.ok()) return link.error();
  Offer o;
  o.id = OfferId(link.value().offerId);
  o.partnerId = acting();
  o.kind = OfferKind::trialInvitation;
  o.includesDelegatedAdmin = c.includesDelegatedAdmin;
  o.product = c.product;
  o.licenses = c.licenses;
  o.trialDays = c.trialDays;
  o.tokenHash = sha256Hex(link.value().token);
  o.createdBy = actor_->id;
  o.createdDateTime = now_;
  auditObject_ = o.id.str();
  secrets_.push_back(IssuedSecret{SecretKind::offerToken, o.id.str(), link.value().token});
  emit(OfferCreated{std::move(o)});
  return Status::success();
}

Status Decider::operator()(const CreatePurchaseOffer& c) {
  auditObject_ = "offer";
  DELEGATE_TRY(check(Action::createTrialsAndPurchaseOffers));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  DELEGATE_TRY(validateDisplayName(c.product, kMaxProductName, "product"));
  if (c.licenses < 1 || c.licenses > kMaxLicenses)
    return makeError(errc::invalidLicenseCount, "Offer between 1 and 10000 licenses.", "licenses");
  if (c.pricePerLicenseCents < 0 || c.pricePerLicenseCents > kMaxPriceCents)
    return makeError(errc::invalidPrice, "The price per license must be between 0 and 1000000.",
                     "pricePerLicenseCents");
  if (c.includesDelegatedAdmin && !state_.findTenant(acting())->certifiedForDelegatedAdmin)
    return makeError(errc::partnerNotCertified,
                     "Your organization is not certified for delegated administration; send the "
                     "offer without it.",
                     "includesDelegatedAdmin");
  auto link = freshOfferLink();
  if (!link.ok()) return link.error();
  Offer o;
  o.id = OfferId(link.value().offerId);
  o.partnerId = acting();
  o.kind = OfferKind::purchaseOffer;
  o.includesDelegatedAdmin = c.includesDelegatedAdmin;
  o.product = c.product;
  o.licenses = c.licenses;
  o.pricePerLicenseCents = c.pricePerLicenseCents;
  o.tokenHash = sha256Hex(link.value().token);
  o.createdBy = actor_->id;
  o.createdDateTime = now_;
  auditObject_ = o.id.str();
  secrets_.push_back(IssuedSecret{SecretKind::offerToken, o.id.str(), link.value().token});
  emit(OfferCreated{std::move(o)});
  return Status::success();
}

Status Decider::operator()(const SetPartnerAdminAccess& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::managePartnerAccess));
  DELEGATE_TRY(requirePartnerTenant(acting()));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  emit(PartnerAccessChanged{c.userId, c.access});
  return Status::success();
}

Status Decider::establishDap(TenantId partner, const Tenant& customer) {
  for (RelationshipId rid : state_.relationshipsBetween(partner, customer.id)) {
    const Relationship* r = state_.findRelationship(rid);
    if (r && r->kind == RelationshipKind::dap && grantsAccess(r->status))
      return Status::success();  // accepting again keeps the one that exists
  }
  auto id = freshId();
  if (!id.ok()) return id.error();
  Relationship r;
  r.id = RelationshipId(id.value());
  r.kind = RelationshipKind::dap;
  r.displayName = "Delegated administration";
  r.partnerTenantId = partner;
  r.customer = CustomerRef{customer.id, customer.displayName};
  // What a partner user may hold through it, by their Full or Limited setting.
  r.accessDetails.unifiedRoles = policy::kDelegatedAdminRoles;
  r.status = RelationshipStatus::active;
  r.createdDateTime = now_;
  r.lastModifiedDateTime = now_;
  r.activatedDateTime = now_;
  emit(RelationshipCreated{std::move(r)});
  return Status::success();
}

Status Decider::acceptCommon(const Offer& offer, const Tenant& customer, const User& by) {
  const Tenant* partner = state_.findTenant(offer.partnerId);
  if (!partner)
    return makeError(errc::offerNotFound, "The partner of this offer no longer exists.");
  if (offer.includesDelegatedAdmin && !partner->certifiedForDelegatedAdmin)
    return makeError(errc::partnerNotCertified,
                     partner->displayName +
                         " is no longer certified for delegated administration; ask them for an "
                         "offer without it.");
  if (offer.kind == OfferKind::trialInvitation || offer.kind == OfferKind::purchaseOffer) {
    auto sid = freshId();
    if (!sid.ok()) return sid.error();
    Subscription sub;
    sub.id = SubscriptionId(sid.value());
    sub.tenantId = customer.id;
    sub.partnerId = offer.partnerId;
    sub.product = offer.product;
    sub.licenses = offer.licenses;
    sub.isTrial = offer.kind == OfferKind::trialInvitation;
    sub.createdDateTime = now_;
    sub.endDateTime = now_ + (sub.isTrial ? Duration::ofDays(offer.trialDays) : kPurchaseTerm);
    emit(SubscriptionCreated{std::move(sub)});
  }
  if (offer.includesDelegatedAdmin) DELEGATE_TRY(establishDap(offer.partnerId, customer));
  emit(OfferAccepted{offer.id, customer.id, by.id, now_});
  const std::string noun = offerNoun(offer.kind);
  std::string text = customer.displayName + " accepted your " + noun;
  if (offer.kind != OfferKind::delegatedAdmin) text += " for " + offer.product;
  text += " (answered by " + answerer(by) + ")";
  text += offer.includesDelegatedAdmin
              ? ". You can now administer it through delegated administration."
              : ".";
  notifyPartner(offer.partnerId, NotificationKind::offerAccepted,
                customer.displayName + " accepted your " + noun, text, customer.id, std::nullopt,
                offer.id, offer.createdBy);
  return Status::success();
}

Status Decider::operator()(const AcceptOffer& c) {
  auditObject_ = "offer";
  DELEGATE_TRY(requireCustomerAdmin());
  auto o = offerByToken(c.token);
  if (!o.ok()) return o.error();
  auditObject_ = o.value()->id.str();
  if (o.value()->kind != OfferKind::delegatedAdmin)
    return makeError(errc::wrongOfferKind,
                     "This link is a " + offerNoun(o.value()->kind) + "; open it to accept it.",
                     "token");
  return acceptCommon(*o.value(), *state_.findTenant(acting()), *actor_);
}

Status Decider::operator()(const DeclineOffer& c) {
  auditObject_ = "offer";
  DELEGATE_TRY(requireCustomerAdmin());
  auto o = offerByToken(c.token);
  if (!o.ok()) return o.error();
  const Offer& offer = *o.value();
  auditObject_ = offer.id.str();
  const Tenant& customer = *state_.findTenant(acting());
  emit(OfferDeclined{offer.id, customer.id, actor_->id, now_});
  const std::string noun = offerNoun(offer.kind);
  notifyPartner(
      offer.partnerId, NotificationKind::offerDeclined,
      customer.displayName + " declined your " + noun,
      customer.displayName + " declined your " + noun + " (answered by " + answerer(*actor_) + ").",
      customer.id, std::nullopt, offer.id, offer.createdBy);
  return Status::success();
}

Status Decider::operator()(const AcceptTrialInvitation& c) {
  auditObject_ = "offer";
  if (principal_.isAnonymous()) {
    auto o = offerByToken(c.token);
    if (!o.ok()) return o.error();
    const Offer& offer = *o.value();
    auditObject_ = offer.id.str();
    if (offer.kind != OfferKind::trialInvitation)
      return makeError(errc::wrongOfferKind,
                       "This link is a " + offerNoun(offer.kind) + ", not a trial invitation.",
                       "token");
    if (!c.signUp)
      return makeError(errc::signUpRequired,
                       "Sign in to your organization, or sign up with a new one, to accept.",
                       "signUp");
    const SignUp& su = *c.signUp;
    DELEGATE_TRY(validateDisplayName(su.organizationName, kMaxDisplayName, "organizationName"));
    DELEGATE_TRY(validateDomainPrefix(su.domainPrefix));
    DELEGATE_TRY(validateDisplayName(su.displayName, kMaxDisplayName, "displayName"));
    DELEGATE_TRY(validateChosenPassword(su.password, "password"));
    const std::string domain = toLowerAscii(su.domainPrefix) + kInitialDomainSuffix;
    const std::string upn = toLowerAscii(su.userName) + "@" + domain;
    auto upnOk = validateUserPrincipalName(upn);
    if (!upnOk.ok())
      return makeError(errc::invalidUserPrincipalName,
                       "'" + su.userName + "' cannot be a user name: use letters, digits and . - _",
                       "userName");
    if (state_.findDomain(domain))
      return makeError(errc::domainAlreadyExists,
                       "The domain '" + domain + "' is taken; choose another prefix.",
                       "domainPrefix");
    auto tid = freshId();
    if (!tid.ok()) return tid.error();
    auto uid = freshId();
    if (!uid.ok()) return uid.error();
    Tenant t;
    t.id = TenantId(tid.value());
    t.kind = TenantKind::customer;
    t.displayName = su.organizationName;
    t.createdDateTime = now_;
    auditTenant_ = t.id;
    emit(TenantCreated{t});
    Domain d;
    d.id = domain;
    d.tenantId = t.id;
    d.isVerified = d.isDefault = d.isInitial = true;
    emit(DomainAdded{std::move(d)});
    User u;
    u.id = UserId(uid.value());
    u.tenantId = t.id;
    u.userPrincipalName = upn;
    u.displayName = su.displayName;
    u.roles = RoleSet{Role::globalAdministrator};
    secrets_.push_back(IssuedSecret{SecretKind::chosenPassword, u.id.str(), su.password});
    emit(UserCreated{u});
    return acceptCommon(offer, t, u);
  }

  DELEGATE_TRY(requireCustomerAdmin());
  auto o = offerByToken(c.token);
  if (!o.ok()) return o.error();
  const Offer& offer = *o.value();
  auditObject_ = offer.id.str();
  if (offer.kind != OfferKind::trialInvitation)
    return makeError(errc::wrongOfferKind,
                     "This link is a " + offerNoun(offer.kind) + ", not a trial invitation.",
                     "token");
  if (c.signUp)
    return makeError(errc::signUpNotAllowed,
                     "You are signed in to an organization already; accept without signing up.",
                     "signUp");
  if (std::find(offer.acceptedBy.begin(), offer.acceptedBy.end(), acting()) !=
      offer.acceptedBy.end())
    return makeError(errc::offerAlreadyAccepted,
                     "Your organization has already accepted this trial invitation.", "token");
  return acceptCommon(offer, *state_.findTenant(acting()), *actor_);
}

Status Decider::operator()(const AcceptPurchaseOffer& c) {
  auditObject_ = "offer";
  DELEGATE_TRY(requireCustomerAdmin());
  auto o = offerByToken(c.token);
  if (!o.ok()) return o.error();
  auditObject_ = o.value()->id.str();
  if (o.value()->kind != OfferKind::purchaseOffer)
    return makeError(errc::wrongOfferKind,
                     "This link is a " + offerNoun(o.value()->kind) + ", not a purchase offer.",
                     "token");
  return acceptCommon(*o.value(), *state_.findTenant(acting()), *actor_);
}

Status Decider::operator()(const RemovePartner& c) {
  auditObject_ = c.partnerTenantId.str();
  DELEGATE_TRY(check(Action::managePartners));
  DELEGATE_TRY(requireCustomerTenant(acting()));
  std::vector<RelationshipId> ids;
  for (RelationshipId rid : state_.relationshipsBetween(c.partnerTenantId, acting())) {
    const Relationship* r = state_.findRelationship(rid);
    if (r && (grantsAccess(r->status) || r->status == RelationshipStatus::approvalPending))
      ids.push_back(rid);
  }
  if (ids.empty())
    return makeError(errc::partnerNotFound, "That partner holds no rights over your organization.",
                     "partnerTenantId");
  std::sort(ids.begin(), ids.end());
  for (RelationshipId rid : ids)
    emit(RelationshipStatusChanged{rid, RelationshipStatus::terminated, now_});
  const std::string customer = tenantName(acting());
  notifyPartner(c.partnerTenantId, NotificationKind::partnerRemoved,
                customer + " removed your organization as a partner",
                customer +
                    " removed your delegated administration rights. Every relationship with it "
                    "has ended; you can no longer administer it.",
                acting(), std::nullopt, std::nullopt);
  return Status::success();
}

Status Decider::operator()(const MarkNotificationRead& c) {
  auditObject_ = std::to_string(c.notificationId.value);
  DELEGATE_TRY(requireUser());
  const Notification* n = state_.findNotification(c.notificationId);
  if (!n || n->tenantId != actor_->tenantId || acting() != actor_->tenantId)
    return makeError(errc::notificationNotFound, "There is no such notification.",
                     "notificationId");
  emit(NotificationRead{c.notificationId});
  return Status::success();
}

}  // namespace delegate::detail
