#pragma once
// What the web app's tests share: the core's seed cast (tests/core/world_fixture.hpp) seen
// through the web's projection, and the native stand-in for the browser reset per test.
#include "core/scopes.hpp"
#include "tests/core/world_fixture.hpp"
#include "web/app/projection.hpp"
#include "web/platform/native/host.hpp"

namespace delegate::testing {

// A granular relationship between the cast's partner and customer, as created (not yet sent).
inline RelationshipId createdRelationship(SeedCast& s, const std::string& name, RoleSet roles,
                                          Duration duration, Duration autoExtend = {}) {
  CreateRelationship c;
  c.displayName = name;
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = roles;
  c.duration = duration;
  c.autoExtendDuration = autoExtend;
  return World::find<RelationshipCreated>(s.w.run(s.w.as(s.partnerAdmin), c))->relationship.id;
}

// Locks it for approval; returns the approval link's token.
inline std::string lockForApproval(SeedCast& s, RelationshipId rel) {
  return s.w.secretOf(s.w.run(s.w.as(s.partnerAdmin), LockForApproval{rel}));
}

// The same, approved by the customer.
inline RelationshipId approvedRelationship(SeedCast& s, const std::string& name, RoleSet roles,
                                           Duration duration, Duration autoExtend = {}) {
  const RelationshipId rel = createdRelationship(s, name, roles, duration, autoExtend);
  const std::string token = lockForApproval(s, rel);
  s.w.run(s.w.as(s.customerAdmin), ApproveRelationship{rel, token});
  return rel;
}

// The read model `viewer` gets of the world as it stands at `now`.
inline web::Model projectAt(World& w, UserId viewer, Timestamp now) {
  w.state.clock = now;
  web::Projection p;
  p.rebuild(w.state, viewer, web::KnownSecrets{}, "http://localhost", 1,
            clientSummaries(w.state, viewer, now));
  return p.model();
}

inline const web::MRelationship* findRelationship(const web::Model& m, RelationshipId id) {
  for (const web::MRelationship& r : m.relationships)
    if (r.id == id.str()) return &r;
  return nullptr;
}

}  // namespace delegate::testing
