#include "core/roles.hpp"

#include <cstdlib>

namespace delegate {

const RoleInfo& roleInfo(Role role) {
  auto i = static_cast<std::size_t>(role);
  if (i >= kRoleCount) std::abort();
  return roleCatalog()[i];
}

namespace {

// Graph compares template ids case-insensitively; the catalog spells them in lower case.
bool sameTemplateId(std::string_view lower, std::string_view given) {
  if (lower.size() != given.size()) return false;
  for (std::size_t i = 0; i < given.size(); ++i) {
    char c = given[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<Role> roleFromTemplateId(std::string_view templateId) {
  for (const auto& info : roleCatalog())
    if (sameTemplateId(info.templateId, templateId)) return info.role;
  return std::nullopt;
}

const UngrantableRole* findUngrantableRole(std::string_view templateId) {
  for (const auto& r : ungrantableRoles())
    if (sameTemplateId(r.templateId, templateId)) return &r;
  return nullptr;
}

std::string whyNotGrantable(std::string_view templateId) {
  if (const UngrantableRole* u = findUngrantableRole(templateId))
    return "is " + std::string(u->displayName) +
           ", which cannot be granted through delegated administration: " + std::string(u->reason);
  return "is not the template id of a Microsoft Entra built-in role";
}

std::string RoleSet::describe() const {
  if (empty()) return "no roles";
  std::string out;
  forEach([&](Role r) {
    if (!out.empty()) out += ", ";
    out += roleInfo(r).displayName;
  });
  return out;
}

}  // namespace delegate
