#pragma once
// The built-in directory roles, by their well-known template ids (DESIGN.md §4). The catalog is
// every Microsoft Entra built-in role that granular delegated administration can grant
// (core/role_catalog.cpp); the first kModelledRoleCount are the ones whose permissions this
// product models, and Role names them plus the few that matter to its rules. The others are
// carried faithfully (shown, stored, granted, returned by Graph) and grant nothing here.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace delegate {

enum class Role : std::uint8_t {
  // Modelled: what each may do is in core/permissions.cpp.
  globalAdministrator,
  privilegedAuthenticationAdministrator,
  userAdministrator,
  helpdeskAdministrator,
  passwordAdministrator,
  domainNameAdministrator,
  privilegedRoleAdministrator,
  licenseAdministrator,
  globalReader,
  directoryReaders,
  authenticationAdministrator,
  groupsAdministrator,
  // Not modelled, but named: Entra lets helpdesk-level administrators reset their holders'
  // passwords, as if they held no administrator role.
  guestInviter,
  messageCenterReader,
  reportsReader,
  usageSummaryReportsReader,
  // Every other role of the catalog follows, by its index there.
};
inline constexpr std::size_t kModelledRoleCount = 12;
inline constexpr std::size_t kRoleCount = 118;

struct RoleInfo {
  Role role;
  std::string_view templateId;  // roleDefinitionId in Microsoft Graph
  std::string_view displayName;
  // Modelled roles: what it lets its holder do here, for people. Others: Microsoft's words.
  std::string_view description;
  bool privileged = false;  // Microsoft marks it privileged (it can lead to elevation)
};

const std::array<RoleInfo, kRoleCount>& roleCatalog();
const RoleInfo& roleInfo(Role role);
std::optional<Role> roleFromTemplateId(std::string_view templateId);
// Whether the role does anything in this product (the rest are carried but grant nothing).
inline bool isModelled(Role role) {
  return static_cast<std::size_t>(role) < kModelledRoleCount;
}

// A built-in role that exists but cannot be granted through delegated administration, and why
// ("it is meant for applications, not people").
struct UngrantableRole {
  std::string_view templateId;
  std::string_view displayName;
  std::string_view reason;
};
const std::array<UngrantableRole, 5>& ungrantableRoles();
const UngrantableRole* findUngrantableRole(std::string_view templateId);
// Why a template id that roleFromTemplateId does not know is refused, for people: "is Directory
// Writers, which cannot be granted through delegated administration: it is meant for ..." or "is
// not the template id of a Microsoft Entra built-in role".
std::string whyNotGrantable(std::string_view templateId);

// A set of roles as a bit mask: cheap to copy, intersect and compare.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }
  static constexpr RoleSet all() {
    RoleSet s;
    for (std::size_t i = 0; i < kRoleCount; ++i) s.add(static_cast<Role>(i));
    return s;
  }

  constexpr bool has(Role r) const { return (words_[word(r)] & bit(r)) != 0; }
  constexpr void add(Role r) {
    if (static_cast<std::size_t>(r) < kRoleCount) words_[word(r)] |= bit(r);
  }
  constexpr void remove(Role r) { words_[word(r)] &= ~bit(r); }
  constexpr bool empty() const { return (words_[0] | words_[1]) == 0; }
  constexpr int size() const {
    return __builtin_popcountll(words_[0]) + __builtin_popcountll(words_[1]);
  }
  constexpr bool isSubsetOf(RoleSet other) const {
    return (words_[0] & ~other.words_[0]) == 0 && (words_[1] & ~other.words_[1]) == 0;
  }
  friend constexpr RoleSet operator&(RoleSet a, RoleSet b) {
    a.words_[0] &= b.words_[0];
    a.words_[1] &= b.words_[1];
    return a;
  }
  friend constexpr RoleSet operator|(RoleSet a, RoleSet b) {
    a.words_[0] |= b.words_[0];
    a.words_[1] |= b.words_[1];
    return a;
  }
  friend constexpr bool operator==(RoleSet a, RoleSet b) {
    return a.words_[0] == b.words_[0] && a.words_[1] == b.words_[1];
  }
  friend constexpr bool operator!=(RoleSet a, RoleSet b) { return !(a == b); }

  // Iterates roles in catalog order.
  template <class F>
  void forEach(F&& f) const {
    for (std::size_t w = 0; w < 2; ++w)
      for (std::uint64_t b = words_[w]; b; b &= b - 1)
        f(static_cast<Role>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(b))));
  }

  std::string describe() const;  // "Global Administrator, Password Administrator" or "no roles"

 private:
  static_assert(kRoleCount <= 128, "RoleSet holds two 64-bit words");
  static constexpr std::size_t word(Role r) { return static_cast<std::size_t>(r) / 64 % 2; }
  static constexpr std::uint64_t bit(Role r) {
    return std::uint64_t{1} << (static_cast<std::size_t>(r) % 64);
  }
  std::uint64_t words_[2] = {0, 0};
};

// Roles whose holders count as no administrator: the readers change nothing, and Entra lets
// helpdesk-level administrators reset the passwords of the others as of non-administrators.
inline constexpr RoleSet kReaderRoles{Role::globalReader,  Role::directoryReaders,
                                      Role::guestInviter,  Role::messageCenterReader,
                                      Role::reportsReader, Role::usageSummaryReportsReader};
inline bool isAdministrator(RoleSet roles) {
  return !roles.isSubsetOf(kReaderRoles);
}

}  // namespace delegate
