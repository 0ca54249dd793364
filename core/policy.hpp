#pragma once
// The relationship policy in one place: how long a relationship may last, the one auto-extend
// length, when an unanswered request lapses, how early "expiring" starts, and what the seed's
// Full and Limited settings stand for. Decisions, messages, the server and the web all read
// these; a restated number is a rule that can drift.
#include <optional>
#include <string>
#include <string_view>

#include "core/entities.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"

namespace delegate::policy {

// Graph's delegatedAdminRelationship: P1D..P730D in whole days.
inline constexpr Duration kMinDuration = Duration::ofDays(1);
inline constexpr Duration kMaxDuration = Duration::ofDays(730);
// Auto-extend is off (PT0S) or this; never with Global Administrator.
inline constexpr Duration kAutoExtend = Duration::ofDays(180);
// An approval request nobody answered ends this long after it was locked for approval.
inline constexpr Duration kApprovalLapse = Duration::ofDays(90);
// "Expiring" covers the last quarter of a relationship, and at most this much (core/expiry.hpp).
inline constexpr Duration kExpiringAtMost = Duration::ofDays(30);
inline constexpr int kExpiringFraction = 4;

// "P1D to P730D", for messages that state the range.
std::string durationRange();
// "180 days", for people.
std::string days(Duration d);

// The seed's per-user setting in a standing delegated grant: Full acts as the client's Global
// Administrator, Limited as its Password Administrator.
std::optional<Role> delegatedRole(PartnerAccess access);
// What a standing delegated grant can give at most (both settings together).
inline constexpr RoleSet kDelegatedAdminRoles{Role::globalAdministrator,
                                              Role::passwordAdministrator};
// "Full administration", "Limited administration", "None".
std::string_view accessSettingName(PartnerAccess access);

}  // namespace delegate::policy
