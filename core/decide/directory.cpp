// Directory actions in the acting tenant: the organization's own administrators through their
// roles, or a partner's users through delegated access.
#include <algorithm>

#include "core/decide/decider.hpp"
#include "core/sha256.hpp"
#include "core/validation.hpp"

namespace delegate::detail {

namespace {

constexpr std::size_t kMaxDeviceId = 128;

bool contains(const std::vector<UserId>& sorted, UserId id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

}  // namespace

Status Decider::operator()(const AddUser& c) {
  auditObject_ = toLowerAscii(c.userPrincipalName);
  DELEGATE_TRY(check(Action::createUser));
  DELEGATE_TRY(validateDisplayName(c.displayName, kMaxDisplayName, "displayName"));
  DELEGATE_TRY(checkNewUserPrincipalName(c.userPrincipalName, acting()));
  auto id = freshId();
  if (!id.ok()) return id.error();
  auto password = freshSecret();
  if (!password.ok()) return password.error();
  User u;
  u.id = UserId(id.value());
  u.tenantId = acting();
  u.userPrincipalName = toLowerAscii(c.userPrincipalName);
  u.displayName = c.displayName;
  u.forceChangePasswordNextSignIn = true;
  auditObject_ = u.id.str();
  secrets_.push_back(IssuedSecret{SecretKind::temporaryPassword, u.id.str(), password.value()});
  emit(UserCreated{std::move(u)});
  return Status::success();
}

Status Decider::operator()(const UpdateUser& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::updateUser, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  const User& user = *u.value();
  if (!c.displayName && !c.userPrincipalName)
    return makeError(errc::nothingToUpdate, "Give a new display name or user principal name.");
  std::string name = c.displayName.value_or(user.displayName);
  std::string upn =
      c.userPrincipalName ? toLowerAscii(*c.userPrincipalName) : user.userPrincipalName;
  if (c.displayName) DELEGATE_TRY(validateDisplayName(name, kMaxDisplayName, "displayName"));
  if (upn != user.userPrincipalName) DELEGATE_TRY(checkNewUserPrincipalName(upn, acting()));
  emit(UserUpdated{user.id, name, upn});
  return Status::success();
}

Status Decider::operator()(const DisableUser& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::disableUser, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  DELEGATE_TRY(checkNotSelf(c.userId, "disable"));
  DELEGATE_TRY(checkNotLastGlobalAdmin(*u.value(), u.value()->roles, false));
  emit(UserEnabledChanged{c.userId, false});
  return Status::success();
}

Status Decider::operator()(const EnableUser& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::disableUser, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  emit(UserEnabledChanged{c.userId, true});
  return Status::success();
}

Status Decider::operator()(const DeleteUser& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::deleteUser, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  DELEGATE_TRY(checkNotSelf(c.userId, "delete"));
  DELEGATE_TRY(checkNotLastGlobalAdmin(*u.value(), RoleSet{}, false));
  emit(UserDeleted{c.userId});
  return Status::success();
}

Status Decider::operator()(const ResetPassword& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::resetPassword, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  auto password = freshSecret();
  if (!password.ok()) return password.error();
  secrets_.push_back(IssuedSecret{SecretKind::temporaryPassword, c.userId.str(), password.value()});
  emit(PasswordReset{c.userId, true, now_});
  return Status::success();
}

Status Decider::operator()(const ChangeOwnPassword& c) {
  DELEGATE_TRY(requireUser());
  auditObject_ = actor_->id.str();
  if (acting() != actor_->tenantId)
    return makeError(errc::notAvailableThroughDelegatedAccess,
                     "A password is changed by its owner, in their own organization.");
  DELEGATE_TRY(validateChosenPassword(c.newPassword, "newPassword"));
  secrets_.push_back(IssuedSecret{SecretKind::chosenPassword, actor_->id.str(), c.newPassword});
  emit(PasswordReset{actor_->id, false, now_});
  return Status::success();
}

Status Decider::operator()(const SetUserRoles& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::assignRoles, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  DELEGATE_TRY(checkNotLastGlobalAdmin(*u.value(), c.roles, true));
  emit(UserRolesChanged{c.userId, c.roles});
  return Status::success();
}

Status Decider::operator()(const CreateGroup& c) {
  auditObject_ = "group";
  DELEGATE_TRY(check(Action::manageGroups));
  DELEGATE_TRY(validateDisplayName(c.displayName, kMaxDisplayName, "displayName"));
  auto id = freshId();
  if (!id.ok()) return id.error();
  Group g;
  g.id = GroupId(id.value());
  g.tenantId = acting();
  g.displayName = c.displayName;
  g.createdDateTime = now_;
  auditObject_ = g.id.str();
  emit(GroupCreated{std::move(g)});
  return Status::success();
}

Status Decider::operator()(const AddGroupMember& c) {
  auditObject_ = c.groupId.str();
  DELEGATE_TRY(check(Action::manageGroups));
  auto g = groupIn(c.groupId, acting());
  if (!g.ok()) return g.error();
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  if (contains(g.value()->members, c.userId))
    return makeError(errc::alreadyMember,
                     u.value()->displayName + " is already in '" + g.value()->displayName + "'.",
                     "userId");
  emit(GroupMemberAdded{c.groupId, c.userId});
  return Status::success();
}

Status Decider::operator()(const RemoveGroupMember& c) {
  auditObject_ = c.groupId.str();
  DELEGATE_TRY(check(Action::manageGroups));
  auto g = groupIn(c.groupId, acting());
  if (!g.ok()) return g.error();
  if (!contains(g.value()->members, c.userId))
    return makeError(errc::notAMember, "That user is not in '" + g.value()->displayName + "'.",
                     "userId");
  emit(GroupMemberRemoved{c.groupId, c.userId});
  return Status::success();
}

Status Decider::operator()(const AddDomain& c) {
  const std::string name = toLowerAscii(c.name);
  auditObject_ = name;
  DELEGATE_TRY(check(Action::addDomain));
  DELEGATE_TRY(validateDomainName(name));
  const std::string suffix = kInitialDomainSuffix;
  if (name.size() >= suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    return makeError(errc::reservedDomain,
                     "Domains under onmicrosoft.com are reserved; add a domain your organization "
                     "owns.",
                     "name");
  // Only a verified domain is exclusive: an unverified claim proves nothing, so another
  // tenant's must not block the real owner (claims are per tenant until one verifies).
  if (const Domain* verified = state_.findVerifiedDomain(name))
    return makeError(errc::domainAlreadyExists,
                     verified->tenantId == acting()
                         ? "The domain '" + name + "' is already verified in your organization."
                         : "The domain '" + name + "' is verified by another organization.",
                     "name");
  if (state_.findDomain(acting(), name))
    return makeError(errc::domainAlreadyExists,
                     "The domain '" + name + "' is already added to your organization.", "name");
  Domain d;
  d.id = name;
  d.tenantId = acting();
  d.verificationCode = "MS=ms" + sha256Hex(acting().str() + "|" + name).substr(0, 8);
  emit(DomainAdded{std::move(d)});
  return Status::success();
}

Status Decider::operator()(const VerifyDomain& c) {
  const std::string name = toLowerAscii(c.name);
  auditObject_ = name;
  DELEGATE_TRY(check(Action::verifyDomain));
  auto d = domainIn(name, acting());
  if (!d.ok()) return d.error();
  if (d.value()->isVerified)
    return makeError(errc::domainAlreadyVerified, "The domain '" + name + "' is already verified.",
                     "name");
  if (state_.findVerifiedDomain(name))
    return makeError(errc::domainAlreadyExists,
                     "The domain '" + name + "' is verified by another organization.", "name");
  // Ownership is proven by the TXT record this claim was issued, found in DNS by the server.
  const std::string& expected = d.value()->verificationCode;
  bool proven = false;
  if (c.dnsTxtRecords)
    for (const std::string& record : *c.dnsTxtRecords) proven = proven || record == expected;
  if (!proven)
    return makeError(errc::domainVerificationFailed,
                     "The TXT record '" + expected + "' was not found in DNS for '" + name +
                         "'. Publish it with your DNS host, wait for it to propagate, then "
                         "verify again.",
                     "name");
  emit(DomainVerified{name, acting()});
  // The verified domain is now exclusive: other organizations' unproven claims end.
  for (TenantId t : state_.domainClaimsOf(name))
    if (t != acting()) emit(DomainRemoved{name, t});
  return Status::success();
}

Status Decider::operator()(const SetDefaultDomain& c) {
  const std::string name = toLowerAscii(c.name);
  auditObject_ = name;
  DELEGATE_TRY(check(Action::addDomain));
  auto d = domainIn(name, acting());
  if (!d.ok()) return d.error();
  if (!d.value()->isVerified)
    return makeError(errc::domainNotVerified,
                     "Verify the domain '" + name + "' before making it the default.", "name");
  emit(DefaultDomainChanged{acting(), name});
  return Status::success();
}

Status Decider::operator()(const RemoveDomain& c) {
  const std::string name = toLowerAscii(c.name);
  auditObject_ = name;
  DELEGATE_TRY(check(Action::removeDomain));
  auto d = domainIn(name, acting());
  if (!d.ok()) return d.error();
  if (d.value()->isInitial)
    return makeError(errc::cannotRemoveInitialDomain,
                     "The organization's initial onmicrosoft.com domain cannot be removed.",
                     "name");
  if (d.value()->isDefault)
    return makeError(errc::cannotRemoveDefaultDomain,
                     "'" + name + "' is the default domain; make another domain the default first.",
                     "name");
  std::size_t inUse = 0;
  for (UserId id : state_.usersOf(acting())) {
    const User* u = state_.findUser(id);
    if (u && domainOf(u->userPrincipalName) == name) ++inUse;
  }
  if (inUse > 0)
    return makeError(errc::domainInUse,
                     std::to_string(inUse) + " user(s) sign in with '" + name +
                         "'; change their user principal names first.",
                     "name");
  emit(DomainRemoved{name, acting()});
  return Status::success();
}

Status Decider::operator()(const AssignLicenses& c) {
  auditObject_ = c.userId.str();
  DELEGATE_TRY(check(Action::assignLicenses, c.userId));
  auto u = userIn(c.userId, acting());
  if (!u.ok()) return u.error();
  if (c.addLicenses.empty() && c.removeLicenses.empty())
    return makeError(errc::nothingToUpdate, "Choose licenses to add or remove.");
  std::vector<SubscriptionId> seen;
  for (SubscriptionId sid : c.addLicenses) {
    const Subscription* s = state_.findSubscription(sid);
    if (!s || s->tenantId != acting())
      return makeError(errc::subscriptionNotFound,
                       "The organization has no subscription " + sid.str() + ".", "addLicenses");
    if (std::find(seen.begin(), seen.end(), sid) != seen.end())
      return makeError(errc::invalidRequest, "A subscription is listed twice.", "addLicenses");
    seen.push_back(sid);
    if (now_ >= s->endDateTime)
      return makeError(errc::subscriptionExpired, "The " + s->product + " subscription has ended.",
                       "addLicenses");
    if (contains(s->assignedUserIds, c.userId))
      return makeError(errc::licenseAlreadyAssigned,
                       u.value()->displayName + " already has a " + s->product + " license.",
                       "addLicenses");
    if (s->assignedUserIds.size() >= static_cast<std::size_t>(s->licenses))
      return makeError(errc::insufficientLicenses,
                       "All " + std::to_string(s->licenses) + " " + s->product +
                           " licenses are assigned; free one or buy more.",
                       "addLicenses");
  }
  for (SubscriptionId sid : c.removeLicenses) {
    const Subscription* s = state_.findSubscription(sid);
    if (!s || s->tenantId != acting())
      return makeError(errc::subscriptionNotFound,
                       "The organization has no subscription " + sid.str() + ".", "removeLicenses");
    if (std::find(seen.begin(), seen.end(), sid) != seen.end())
      return makeError(errc::invalidRequest, "A subscription is listed twice.", "removeLicenses");
    seen.push_back(sid);
    if (!contains(s->assignedUserIds, c.userId))
      return makeError(errc::licenseNotAssigned,
                       u.value()->displayName + " has no " + s->product + " license.",
                       "removeLicenses");
  }
  for (SubscriptionId sid : c.addLicenses) emit(LicenseAssigned{sid, c.userId});
  for (SubscriptionId sid : c.removeLicenses) emit(LicenseRemoved{sid, c.userId});
  return Status::success();
}

Status Decider::operator()(const ListDevices&) {
  auditObject_ = "devices";
  return check(Action::manageDevices);  // a read: nothing changes, but it is audited
}

Status Decider::operator()(const WipeDevice& c) {
  auditObject_ = c.deviceId.substr(0, kMaxDeviceId);
  DELEGATE_TRY(check(Action::manageDevices));
  if (c.deviceId.empty() || c.deviceId.size() > kMaxDeviceId)
    return makeError(errc::invalidDeviceId, "Give the id of the device to wipe.", "deviceId");
  emit(DeviceWipeRequested{DeviceWipe{acting(), c.deviceId, actor_->id, now_}});
  return Status::success();
}

}  // namespace delegate::detail
