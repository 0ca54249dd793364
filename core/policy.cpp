#include "core/policy.hpp"

namespace delegate::policy {

std::string durationRange() {
  return formatDuration(kMinDuration) + " to " + formatDuration(kMaxDuration);
}

std::string days(Duration d) {
  const std::int64_t n = d.days();
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

std::optional<Role> delegatedRole(PartnerAccess access) {
  switch (access) {
    case PartnerAccess::full:
      return Role::globalAdministrator;
    case PartnerAccess::limited:
      return Role::passwordAdministrator;
    case PartnerAccess::none:
      break;
  }
  return std::nullopt;
}

std::string_view accessSettingName(PartnerAccess access) {
  switch (access) {
    case PartnerAccess::full:
      return "Full administration";
    case PartnerAccess::limited:
      return "Limited administration";
    case PartnerAccess::none:
      break;
  }
  return "None";
}

}  // namespace delegate::policy
