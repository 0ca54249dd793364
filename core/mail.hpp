#pragma once
// Mail: who hears about what, and what the message says. Pure functions over the state; the
// server delivers what the core put in the outbox and adds only transport headers (Date,
// Message-ID) from its own clock and store.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/state.hpp"

namespace delegate {

// The addresses of a tenant's enabled Global Administrators, sorted.
std::vector<std::string> globalAdminAddresses(const State& state, TenantId tenant);

// The partner's enabled Global Administrators plus `alsoUser` (whoever created the offer), when
// that user is enabled and in the partner; sorted, without duplicates.
std::vector<std::string> partnerMailRecipients(const State& state, TenantId partner,
                                               std::optional<UserId> alsoUser);

// Where in the app a message points: the Webhooks screen for a disabled endpoint, else the
// relationship, else the customer (partner side) or the partners page (customer side), else the
// start page. Always starts with '/' and is a path the web app opens (web/app/app.cpp).
std::string mailLinkPath(const State& state, TenantId recipientTenant, NotificationKind kind,
                         std::optional<TenantId> customer,
                         std::optional<RelationshipId> relationship);

// Expiry reminders go out 30, 7 and 1 day before a relationship ends (as Partner Center does).
// Returns the reminder (in days) whose moment lies in (since, now], the most urgent one when the
// clock jumped over several; `since` is the later of the previous clock and the relationship's
// start, so a relationship shorter than a threshold never gets that reminder.
std::optional<int> expiryReminderDue(Timestamp since, Timestamp now, Timestamp end);

// The message as it is sent: subject, a plain text part and an HTML part, both with the link.
struct RenderedMail {
  std::string subject;
  std::string text;
  std::string html;
  std::string link;  // absolute
};
// `publicUrl` is where people reach the app (no trailing slash).
RenderedMail renderMail(const EmailMessage& message, std::string_view publicUrl);

std::string escapeHtml(std::string_view text);

}  // namespace delegate

namespace delegate {

// Who may see the delivery status of a tenant's messages and retry them: its enabled Global
// Administrators, in their own tenant.
bool mayManageMail(const State& state, UserId user, TenantId tenant);

}  // namespace delegate
