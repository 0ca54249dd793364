#pragma once
// Internal to the decision step: one Decider per decide() call. Handlers validate completely
// before emitting, read only the state as it was, and return the first refusal.
#include <optional>
#include <string>
#include <vector>

#include "core/authorize.hpp"
#include "core/decide.hpp"
#include "core/errors.hpp"

namespace delegate::detail {

// Who answered a request, as the partner's people should read it: "Carla Admin (admin@contoso...)".
std::string answerer(const User& u);

class Decider {
 public:
  Decider(const State& state, const Principal& principal, const Context& context);
  Decision run(const Command& command);

  // system
  Status operator()(const CreateTenant& c);
  Status operator()(const CreateUser& c);
  Status operator()(const CertifyPartner& c);
  Status operator()(const AdvanceClock& c);
  Status operator()(const NoteWebhookEndpointDisabled& c);
  // offers and the partner access setting
  Status operator()(const CreateOffer& c);
  Status operator()(const RevokeOffer& c);
  Status operator()(const CreateTrialInvitation& c);
  Status operator()(const CreatePurchaseOffer& c);
  Status operator()(const SetPartnerAdminAccess& c);
  Status operator()(const AcceptOffer& c);
  Status operator()(const DeclineOffer& c);
  Status operator()(const AcceptTrialInvitation& c);
  Status operator()(const AcceptPurchaseOffer& c);
  Status operator()(const RemovePartner& c);
  Status operator()(const MarkNotificationRead& c);
  // granular relationships
  Status operator()(const CreateRelationship& c);
  Status operator()(const UpdateRelationship& c);
  Status operator()(const DeleteRelationship& c);
  Status operator()(const LockForApproval& c);
  Status operator()(const RevealApprovalLink& c);
  Status operator()(const ApproveRelationship& c);
  Status operator()(const DeclineRelationship& c);
  Status operator()(const TerminateRelationship& c);
  Status operator()(const RemoveGlobalAdministrator& c);
  Status operator()(const CreateAccessAssignment& c);
  Status operator()(const UpdateAccessAssignment& c);
  Status operator()(const DeleteAccessAssignment& c);
  // directory
  Status operator()(const AddUser& c);
  Status operator()(const UpdateUser& c);
  Status operator()(const DisableUser& c);
  Status operator()(const EnableUser& c);
  Status operator()(const DeleteUser& c);
  Status operator()(const ResetPassword& c);
  Status operator()(const SetUserRoles& c);
  Status operator()(const CreateGroup& c);
  Status operator()(const AddGroupMember& c);
  Status operator()(const RemoveGroupMember& c);
  Status operator()(const AddDomain& c);
  Status operator()(const VerifyDomain& c);
  Status operator()(const SetDefaultDomain& c);
  Status operator()(const RemoveDomain& c);
  Status operator()(const AssignLicenses& c);
  Status operator()(const ListDevices& c);
  Status operator()(const WipeDevice& c);
  Status operator()(const ChangeOwnPassword& c);
  Status operator()(const RevealOfferLink& c);
  // multi-factor sign-in
  Status operator()(const SetMultiFactorRequirement& c);
  Status operator()(const RegisterMultiFactor& c);
  Status operator()(const ResetMultiFactor& c);

 private:
  // ---- principal and authorization ----
  Status requireSystem();
  // A signed-in, enabled user; sets actor_.
  Status requireUser();
  // Authorizes `action` in the acting tenant (against a target user, if any).
  Status check(Action action, std::optional<UserId> targetUser = std::nullopt);
  TenantId acting() const { return principal_.actingTenant; }
  Status requirePartnerTenant(TenantId tenant);
  Status requireCustomerTenant(TenantId tenant);
  // The acting tenant's customer-side checks for responding to offers and relationships.
  Status requireCustomerAdmin();

  // ---- lookups that refuse with notFound ----
  Result<const User*> userIn(UserId id, TenantId tenant);
  Result<const Group*> groupIn(GroupId id, TenantId tenant);
  Result<const Domain*> domainIn(const std::string& name, TenantId tenant);
  Result<const Relationship*> partnerRelationship(RelationshipId id);
  Result<const Offer*> offerByToken(const std::string& token);
  // A request the acting customer may still answer (approve or decline) with this link's token.
  Result<const Relationship*> answerableRequest(RelationshipId id, const std::string& token);

  // ---- shared rules ----
  Status checkNewUserPrincipalName(const std::string& upn, TenantId tenant);
  Status checkNotSelf(UserId target, const char* verb);
  Status checkNotLastGlobalAdmin(const User& user, RoleSet newRoles, bool stillEnabled);
  Status checkRelationshipTerms(const std::string& displayName, RoleSet roles, Duration duration,
                                Duration autoExtend, std::optional<RelationshipId> self);
  // Creates the partner↔customer DAP relationship unless one is already active.
  Status establishDap(TenantId partner, const Tenant& customer);
  Status acceptCommon(const Offer& offer, const Tenant& customer, const User& by);

  // ---- fresh values ----
  Result<Guid> freshId();
  Result<std::string> freshSecret();
  // A new offer's id and link token (the token's hash is what the offer keeps).
  Result<OfferLink> freshOfferLink();

  // ---- output ----
  template <class E>
  void emit(E event) {
    events_.emplace_back(std::move(event));
  }
  // An in-app notification for the partner and, unless `mail` is false, a message to its
  // administrators (and `alsoMail`, e.g. whoever created the offer).
  void notifyPartner(TenantId partner, NotificationKind kind, std::string title, std::string text,
                     std::optional<TenantId> customer, std::optional<RelationshipId> relationship,
                     std::optional<OfferId> offer, std::optional<UserId> alsoMail = std::nullopt,
                     bool mail = true);
  // A message in the outbox for `tenant`'s people `to` (nothing when nobody is left to tell).
  void queueMail(TenantId tenant, std::vector<std::string> to, NotificationKind kind,
                 std::string subject, std::string text, std::optional<TenantId> customer,
                 std::optional<RelationshipId> relationship);
  bool auditsRefusal(AuditRecord& record) const;
  static bool isCoreObjectName(const std::string& name);

  void target(TenantId tenant, std::string object) {
    auditTenant_ = tenant;
    auditObject_ = std::move(object);
  }
  std::string tenantName(TenantId id) const;

  const State& state_;
  const Principal& principal_;
  const Context& context_;
  Timestamp now_;
  const User* actor_ = nullptr;

  std::vector<Event> events_;
  std::vector<IssuedSecret> secrets_;
  std::size_t idsUsed_ = 0;
  std::size_t secretsUsed_ = 0;
  std::size_t offerLinksUsed_ = 0;
  std::uint64_t nextNotification_;
  std::uint64_t nextEmail_;
  std::optional<TenantId> auditTenant_;
  std::string auditObject_;
};

}  // namespace delegate::detail
