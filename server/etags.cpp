#include "server/etags.hpp"

#include <type_traits>

#include "server/graph_json.hpp"

namespace delegate::server {

namespace {

// Whether a command names its target by a member of that id type (e.g. relationshipId).
template <class T, class = void>
struct HasRelationshipId : std::false_type {};
template <class T>
struct HasRelationshipId<T, std::void_t<decltype(T::relationshipId)>>
    : std::is_same<decltype(T::relationshipId), RelationshipId> {};
template <class T, class = void>
struct HasAssignmentId : std::false_type {};
template <class T>
struct HasAssignmentId<T, std::void_t<decltype(T::accessAssignmentId)>>
    : std::is_same<decltype(T::accessAssignmentId), AccessAssignmentId> {};
template <class T, class = void>
struct HasUserId : std::false_type {};
template <class T>
struct HasUserId<T, std::void_t<decltype(T::userId)>> : std::is_same<decltype(T::userId), UserId> {
};

}  // namespace

std::optional<std::string> etagOfTarget(const State& state, const Command& command,
                                        TenantId actingTenant) {
  return std::visit(
      [&](const auto& c) -> std::optional<std::string> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (HasAssignmentId<T>::value) {
          if (const AccessAssignment* a = state.findAccessAssignment(c.accessAssignmentId))
            return etagOf(graphAccessAssignment(*a));
        } else if constexpr (HasRelationshipId<T>::value) {
          if (const Relationship* r = state.findRelationship(c.relationshipId))
            return etagOf(graphRelationship(*r));
        } else if constexpr (HasUserId<T>::value) {
          if (const User* u = state.findUser(c.userId)) return etagOf(graphUser(*u));
        } else if constexpr (std::is_same_v<T, VerifyDomain> || std::is_same_v<T, RemoveDomain> ||
                             std::is_same_v<T, SetDefaultDomain>) {
          if (const Domain* d = state.findDomain(actingTenant, c.name))
            return etagOf(graphDomain(*d));
        }
        return std::nullopt;
      },
      command);
}

}  // namespace delegate::server
