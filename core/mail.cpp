#include "core/mail.hpp"

#include <algorithm>
#include <array>

namespace delegate {

std::vector<std::string> globalAdminAddresses(const State& state, TenantId tenant) {
  std::vector<std::string> out;
  for (UserId admin : state.globalAdministratorsOf(tenant)) {
    const User* u = state.findUser(admin);
    if (u && u->accountEnabled) out.push_back(u->userPrincipalName);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> partnerMailRecipients(const State& state, TenantId partner,
                                               std::optional<UserId> alsoUser) {
  std::vector<std::string> out = globalAdminAddresses(state, partner);
  if (alsoUser) {
    // The creator hears back while they are still one of the partner's people.
    const User* u = state.findUser(*alsoUser);
    if (u && u->accountEnabled && u->tenantId == partner) out.push_back(u->userPrincipalName);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string mailLinkPath(const State& state, TenantId recipientTenant, NotificationKind kind,
                         std::optional<TenantId> customer,
                         std::optional<RelationshipId> relationship) {
  if (kind == NotificationKind::webhookEndpointDisabled) return "/webhooks";
  const bool customerSide = customer && *customer == recipientTenant;
  if (customerSide) return "/partners";
  if (relationship && state.findRelationship(*relationship))
    return "/relationships/" + relationship->str();
  if (customer) return "/customers/" + customer->str();
  return "/";
}

std::optional<int> expiryReminderDue(Timestamp since, Timestamp now, Timestamp end) {
  // Most urgent first: a clock that jumped over several sends only the latest one.
  for (int days : std::array<int, 3>{1, 7, 30}) {
    const Timestamp at = end - Duration::ofDays(days);
    if (since < at && at <= now) return days;
  }
  return std::nullopt;
}

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

RenderedMail renderMail(const EmailMessage& message, std::string_view publicUrl) {
  RenderedMail m;
  m.subject = message.subject;
  m.link = std::string(publicUrl) + message.linkPath.value_or("/");
  m.text = message.text + "\n\nOpen it in Delegate: " + m.link +
           "\n\n-- \nDelegate sent this because you administer your organization in it.\n";
  m.html = "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n<p>" +
           escapeHtml(message.text) + "</p>\n<p><a href=\"" + escapeHtml(m.link) +
           "\">Open it in Delegate</a></p>\n<p style=\"color:#666;font-size:small\">Delegate sent "
           "this because you administer your organization in it.</p>\n</body></html>\n";
  return m;
}

}  // namespace delegate

namespace delegate {

bool mayManageMail(const State& state, UserId user, TenantId tenant) {
  const User* u = state.findUser(user);
  return u && u->accountEnabled && u->tenantId == tenant && u->roles.has(Role::globalAdministrator);
}

}  // namespace delegate
