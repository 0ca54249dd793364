#include "core/roles.hpp"

#include <cstdlib>

namespace delegate {

const std::array<RoleInfo, kRoleCount>& roleCatalog() {
  static const std::array<RoleInfo, kRoleCount> kCatalog = {{
      {Role::globalAdministrator, "62e90394-69f5-4237-9190-012177145e10", "Global Administrator",
       "Everything in the tenant."},
      {Role::privilegedAuthenticationAdministrator, "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
       "Privileged Authentication Administrator", "Reset any user's password, admins included."},
      {Role::userAdministrator, "fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator",
       "Add, edit and delete users and groups; reset passwords of non-admins and of helpdesk, "
       "password and user administrators."},
      {Role::helpdeskAdministrator, "729827e3-9c14-49f7-bb1b-9608f156bbb8",
       "Helpdesk Administrator",
       "Reset passwords of non-admins and of helpdesk and password administrators."},
      {Role::passwordAdministrator, "966707d0-3269-4727-9be2-8c3a10f19b9d",
       "Password Administrator", "Reset passwords of non-admins and of password administrators."},
      {Role::domainNameAdministrator, "8329153b-31d0-4727-b945-745eb3bc5f31",
       "Domain Name Administrator", "Add, verify and remove domains."},
      {Role::privilegedRoleAdministrator, "e8611ab8-c189-46e8-94e1-60213ab1f814",
       "Privileged Role Administrator", "Assign and remove roles."},
      {Role::licenseAdministrator, "4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator",
       "Assign licenses of the tenant's subscriptions."},
      {Role::globalReader, "f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader",
       "Read everything."},
      {Role::directoryReaders, "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers",
       "Read users, groups and domains."},
  }};
  return kCatalog;
}

const RoleInfo& roleInfo(Role role) {
  auto i = static_cast<std::size_t>(role);
  if (i >= kRoleCount) std::abort();
  return roleCatalog()[i];
}

std::optional<Role> roleFromTemplateId(std::string_view templateId) {
  for (const auto& info : roleCatalog()) {
    if (info.templateId.size() != templateId.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < templateId.size() && same; ++i) {
      char c = templateId[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == info.templateId[i];
    }
    if (same) return info.role;
  }
  return std::nullopt;
}

int RoleSet::size() const {
  int n = 0;
  for (std::uint16_t b = bits_; b; b &= static_cast<std::uint16_t>(b - 1)) ++n;
  return n;
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
