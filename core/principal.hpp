#pragma once
// Who acts: the platform itself (seeding, the clock), a person with no tenant yet (signing up
// through a trial invitation), or a user acting in a tenant — their own, or a customer's on
// behalf of their partner organization.
#include "core/entities.hpp"
#include "core/ids.hpp"

namespace delegate {

struct Principal {
  PrincipalKind kind = PrincipalKind::anonymous;
  UserId userId;          // kind == user
  TenantId actingTenant;  // kind == user: the tenant acted in

  static Principal system() { return Principal{PrincipalKind::system, {}, {}}; }
  static Principal anonymous() { return Principal{PrincipalKind::anonymous, {}, {}}; }
  // Acting in `tenant`: the user's own, or a customer of the user's partner organization.
  static Principal user(UserId user, TenantId tenant) {
    return Principal{PrincipalKind::user, user, tenant};
  }

  bool isSystem() const { return kind == PrincipalKind::system; }
  bool isUser() const { return kind == PrincipalKind::user; }
  bool isAnonymous() const { return kind == PrincipalKind::anonymous; }

  DELEGATE_FIELDS(kind, userId, actingTenant)
};

}  // namespace delegate
