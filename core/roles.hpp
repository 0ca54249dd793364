#pragma once
// The built-in directory roles, by their well-known template ids (DESIGN.md §4).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace delegate {

enum class Role : std::uint8_t {
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
};
inline constexpr std::size_t kRoleCount = 10;

struct RoleInfo {
  Role role;
  std::string_view templateId;  // roleDefinitionId in Microsoft Graph
  std::string_view displayName;
  std::string_view description;  // what it may do in a tenant, for people
};

const std::array<RoleInfo, kRoleCount>& roleCatalog();
const RoleInfo& roleInfo(Role role);
std::optional<Role> roleFromTemplateId(std::string_view templateId);

// A set of roles as a bit mask: cheap to copy, intersect and compare.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= bit(r);
  }
  static constexpr RoleSet fromBits(std::uint16_t bits) {
    RoleSet s;
    s.bits_ = bits & kAll;
    return s;
  }
  static constexpr RoleSet all() { return fromBits(kAll); }

  constexpr bool has(Role r) const { return (bits_ & bit(r)) != 0; }
  constexpr void add(Role r) { bits_ |= bit(r); }
  constexpr void remove(Role r) { bits_ &= static_cast<std::uint16_t>(~bit(r)); }
  constexpr bool empty() const { return bits_ == 0; }
  int size() const;
  constexpr std::uint16_t bits() const { return bits_; }
  constexpr bool isSubsetOf(RoleSet other) const { return (bits_ & ~other.bits_) == 0; }
  friend constexpr RoleSet operator&(RoleSet a, RoleSet b) { return fromBits(a.bits_ & b.bits_); }
  friend constexpr RoleSet operator|(RoleSet a, RoleSet b) { return fromBits(a.bits_ | b.bits_); }
  friend constexpr bool operator==(RoleSet a, RoleSet b) { return a.bits_ == b.bits_; }
  friend constexpr bool operator!=(RoleSet a, RoleSet b) { return a.bits_ != b.bits_; }

  // Iterates roles in catalog order.
  template <class F>
  void forEach(F&& f) const {
    for (std::size_t i = 0; i < kRoleCount; ++i)
      if (bits_ & (1u << i)) f(static_cast<Role>(i));
  }

  std::string describe() const;  // "Global Administrator, Password Administrator" or "no roles"

 private:
  static constexpr std::uint16_t kAll = (1u << kRoleCount) - 1;
  static constexpr std::uint16_t bit(Role r) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(r));
  }
  std::uint16_t bits_ = 0;
};

// Roles that make a user an administrator (the readers are not: they cannot change anything).
inline constexpr RoleSet kReaderRoles{Role::globalReader, Role::directoryReaders};
inline bool isAdministrator(RoleSet roles) {
  return !(roles & RoleSet::all()).isSubsetOf(kReaderRoles);
}

}  // namespace delegate
