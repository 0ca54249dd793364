#pragma once
// Strong identifiers. Public ids are GUIDs (as in Microsoft Graph) kept as 16 bytes, wrapped in a
// distinct type per entity so a UserId can never be passed where a TenantId is expected.
// Append-only records (audit, notifications, mail) use per-kind sequence numbers instead.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace delegate {

struct Guid {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;

  // Accepts the 8-4-4-4-12 hex form, either case.
  static std::optional<Guid> parse(std::string_view text);
  std::string str() const;  // lowercase 8-4-4-4-12
  bool isNil() const { return hi == 0 && lo == 0; }

  friend bool operator==(Guid a, Guid b) { return a.hi == b.hi && a.lo == b.lo; }
  friend bool operator!=(Guid a, Guid b) { return !(a == b); }
  friend bool operator<(Guid a, Guid b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
};

inline std::size_t hashGuid(Guid g) noexcept {
  // Ids come from a CSPRNG (or a well-mixed test generator), so folding the halves is enough.
  return static_cast<std::size_t>(g.lo ^ (g.hi * 0x9E3779B97F4A7C15ull));
}

template <class Tag>
struct Id {
  Guid guid;

  Id() = default;
  explicit Id(Guid g) : guid(g) {}
  static std::optional<Id> parse(std::string_view text) {
    auto g = Guid::parse(text);
    if (!g) return std::nullopt;
    return Id(*g);
  }
  std::string str() const { return guid.str(); }
  bool isNil() const { return guid.isNil(); }

  friend bool operator==(Id a, Id b) { return a.guid == b.guid; }
  friend bool operator!=(Id a, Id b) { return a.guid != b.guid; }
  friend bool operator<(Id a, Id b) { return a.guid < b.guid; }
};

template <class Tag>
struct Seq {
  std::uint64_t value = 0;

  friend bool operator==(Seq a, Seq b) { return a.value == b.value; }
  friend bool operator!=(Seq a, Seq b) { return a.value != b.value; }
  friend bool operator<(Seq a, Seq b) { return a.value < b.value; }
};

using TenantId = Id<struct TenantTag>;
using UserId = Id<struct UserTag>;
using GroupId = Id<struct GroupTag>;
using SubscriptionId = Id<struct SubscriptionTag>;
using OfferId = Id<struct OfferTag>;
using RelationshipId = Id<struct RelationshipTag>;
using AccessAssignmentId = Id<struct AccessAssignmentTag>;

using NotificationId = Seq<struct NotificationTag>;
using EmailId = Seq<struct EmailTag>;
using AuditId = Seq<struct AuditTag>;

}  // namespace delegate

template <class Tag>
struct std::hash<delegate::Id<Tag>> {
  std::size_t operator()(delegate::Id<Tag> id) const noexcept {
    return delegate::hashGuid(id.guid);
  }
};

template <>
struct std::hash<delegate::Guid> {
  std::size_t operator()(delegate::Guid g) const noexcept { return delegate::hashGuid(g); }
};
