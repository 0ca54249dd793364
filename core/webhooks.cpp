#include "core/webhooks.hpp"

#include <algorithm>
#include <array>

#include "core/errors.hpp"
#include "core/mail.hpp"

namespace delegate {

namespace {

struct TypeInfo {
  WebhookEventType type;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<TypeInfo, kWebhookEventTypeCount> kTypes{{
    {WebhookEventType::offerAccepted, "offer.accepted", "A customer accepted an offer"},
    {WebhookEventType::offerDeclined, "offer.declined", "A customer declined an offer"},
    {WebhookEventType::relationshipApproved, "relationship.approved",
     "A customer approved a relationship"},
    {WebhookEventType::relationshipExpiring, "relationship.expiring",
     "A relationship ends soon (30, 7, 1 days)"},
    {WebhookEventType::relationshipExpired, "relationship.expired", "A relationship expired"},
    {WebhookEventType::relationshipTerminated, "relationship.terminated",
     "A relationship was terminated"},
    {WebhookEventType::partnerRemoved, "partner.removed", "A customer removed your organization"},
    {WebhookEventType::accessAssignmentChanged, "accessAssignment.changed",
     "An access assignment was created, changed or deleted"},
}};

std::optional<WebhookEventType> typeOfNotification(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::offerAccepted:
      return WebhookEventType::offerAccepted;
    case NotificationKind::offerDeclined:
      return WebhookEventType::offerDeclined;
    case NotificationKind::relationshipApproved:
      return WebhookEventType::relationshipApproved;
    case NotificationKind::relationshipExpiringSoon:
      return WebhookEventType::relationshipExpiring;
    case NotificationKind::relationshipExpired:
      return WebhookEventType::relationshipExpired;
    case NotificationKind::relationshipTerminated:
      return WebhookEventType::relationshipTerminated;
    case NotificationKind::partnerRemoved:
      return WebhookEventType::partnerRemoved;
    default:
      return std::nullopt;  // extensions and lapsed requests: in the app and mail only
  }
}

bool isLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

std::optional<WebhookNotice> assignmentNotice(const State& state, AccessAssignmentId id,
                                              Timestamp at, const char* change) {
  const AccessAssignment* a = state.findAccessAssignment(id);
  if (!a) return std::nullopt;
  const Relationship* r = state.findRelationship(a->relationshipId);
  if (!r) return std::nullopt;
  WebhookNotice n;
  n.partnerTenantId = r->partnerTenantId;
  n.type = WebhookEventType::accessAssignmentChanged;
  n.at = at;
  if (r->customer) n.customerTenantId = r->customer->tenantId;
  n.relationshipId = r->id;
  n.accessAssignmentId = a->id;
  n.changeType = change;
  return n;
}

}  // namespace

std::string_view webhookEventTypeName(WebhookEventType t) {
  return kTypes[static_cast<std::size_t>(t)].name;
}

std::string_view webhookEventTypeLabel(WebhookEventType t) {
  return kTypes[static_cast<std::size_t>(t)].label;
}

std::optional<WebhookEventType> webhookEventTypeFromName(std::string_view name) {
  for (const TypeInfo& i : kTypes)
    if (i.name == name) return i.type;
  return std::nullopt;
}

std::vector<WebhookEventType> allWebhookEventTypes() {
  std::vector<WebhookEventType> out;
  for (const TypeInfo& i : kTypes) out.push_back(i.type);
  return out;
}

Result<std::vector<WebhookEventType>> parseWebhookEventTypes(
    const std::vector<std::string>& names) {
  if (names.empty())
    return makeError(errc::invalidWebhookEventTypes,
                     "Choose at least one event type for the endpoint to receive.", "eventTypes");
  std::vector<WebhookEventType> out;
  for (const std::string& n : names) {
    std::optional<WebhookEventType> t = webhookEventTypeFromName(n);
    if (!t) {
      std::string known;
      for (const TypeInfo& i : kTypes) known += (known.empty() ? "" : ", ") + std::string(i.name);
      return makeError(errc::invalidWebhookEventTypes,
                       "'" + n + "' is not an event type; choose from " + known + ".",
                       "eventTypes");
    }
    if (std::find(out.begin(), out.end(), *t) != out.end())
      return makeError(errc::invalidWebhookEventTypes, "'" + n + "' is listed twice.",
                       "eventTypes");
    out.push_back(*t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status validateWebhookUrl(std::string_view url) {
  auto bad = [](std::string message) {
    return makeError(errc::invalidWebhookUrl, std::move(message), "url");
  };
  if (url.empty()) return bad("Enter the endpoint's URL, like https://hooks.example.com/delegate.");
  if (url.size() > kMaxWebhookUrl)
    return bad("The URL is longer than " + std::to_string(kMaxWebhookUrl) + " characters.");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return bad("The URL contains a space or a control character.");
  std::string_view rest;
  bool https = false;
  if (url.substr(0, 8) == "https://") {
    https = true;
    rest = url.substr(8);
  } else if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else {
    return bad("The URL must start with https:// (http:// only for localhost).");
  }
  if (url.find('#') != std::string_view::npos) return bad("The URL must not have a #fragment.");
  const std::size_t end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos)
    return bad("Put no user name or password in the URL; check the signature instead.");
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return bad("The URL's IPv6 host has no closing ']'.");
    std::string_view after = host.substr(close + 1);
    host = host.substr(0, close + 1);
    if (!after.empty() && after.front() != ':') return bad("The URL's host is malformed.");
  } else if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host.empty() || host == "[]") return bad("The URL has no host name.");
  const std::size_t portAt = authority.find(':', host.size());
  if (portAt != std::string_view::npos) {
    const std::string_view port = authority.substr(portAt + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) == 0 || std::stoi(std::string(port)) > 65535)
      return bad("The URL's port must be a number from 1 to 65535.");
  }
  std::string lowerHost(host);
  for (char& c : lowerHost)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (!https && !isLoopbackHost(lowerHost))
    return bad("Use https:// for '" + lowerHost +
               "': payloads go over plain http:// only to this machine (localhost).");
  return Status::success();
}

const char* webhookDeliveryStatusName(WebhookDeliveryStatus s) {
  switch (s) {
    case WebhookDeliveryStatus::queued:
      return "queued";
    case WebhookDeliveryStatus::retrying:
      return "retrying";
    case WebhookDeliveryStatus::delivered:
      return "delivered";
    case WebhookDeliveryStatus::failed:
      return "failed";
  }
  return "queued";
}

std::optional<WebhookDeliveryStatus> webhookDeliveryStatusFromName(std::string_view name) {
  for (WebhookDeliveryStatus s : {WebhookDeliveryStatus::queued, WebhookDeliveryStatus::retrying,
                                  WebhookDeliveryStatus::delivered, WebhookDeliveryStatus::failed})
    if (name == webhookDeliveryStatusName(s)) return s;
  return std::nullopt;
}

Status mayRetryWebhookDelivery(WebhookDeliveryStatus status, bool endpointEnabled) {
  if (status == WebhookDeliveryStatus::delivered)
    return makeError(errc::webhookDeliveryNotRetryable,
                     "That delivery reached the endpoint already; it is not sent twice.");
  if (status == WebhookDeliveryStatus::queued)
    return makeError(errc::webhookDeliveryNotRetryable,
                     "That delivery is queued: it is sent in a moment.");
  if (!endpointEnabled)
    return makeError(errc::webhookDeliveryNotRetryable,
                     "The endpoint is disabled, so nothing is sent to it. Fix the receiver, then "
                     "register the endpoint again.");
  return Status::success();
}

bool mayManageWebhooks(const State& state, UserId user, TenantId tenant) {
  const Tenant* t = state.findTenant(tenant);
  return t && t->kind == TenantKind::partner && mayManageMail(state, user, tenant);
}

std::optional<WebhookNotice> webhookNoticeFor(const State& state, const Event& event) {
  if (const auto* e = std::get_if<NotificationCreated>(&event)) {
    const Notification& n = e->notification;
    const Tenant* t = state.findTenant(n.tenantId);
    std::optional<WebhookEventType> type = typeOfNotification(n.kind);
    if (!t || t->kind != TenantKind::partner || !type) return std::nullopt;
    WebhookNotice out;
    out.partnerTenantId = n.tenantId;
    out.type = *type;
    out.at = n.createdDateTime;
    out.customerTenantId = n.customerTenantId;
    out.relationshipId = n.relationshipId;
    out.offerId = n.offerId;
    return out;
  }
  if (const auto* e = std::get_if<AccessAssignmentCreated>(&event))
    return assignmentNotice(state, e->accessAssignment.id, e->accessAssignment.createdDateTime,
                            "created");
  if (const auto* e = std::get_if<AccessAssignmentUpdated>(&event))
    return assignmentNotice(state, e->accessAssignmentId, e->at, "updated");
  if (const auto* e = std::get_if<AccessAssignmentDeleted>(&event))
    return assignmentNotice(state, e->accessAssignmentId, e->at, "deleted");
  return std::nullopt;
}

bool webhookEndpointReceives(TenantId endpointTenant, const std::vector<WebhookEventType>& types,
                             const WebhookNotice& notice) {
  return endpointTenant == notice.partnerTenantId &&
         std::find(types.begin(), types.end(), notice.type) != types.end();
}

bool webhookEndpointShouldBeDisabled(std::optional<std::int64_t> failingSinceMs,
                                     std::int64_t nowMs) {
  return failingSinceMs && nowMs - *failingSinceMs >= kWebhookDisableAfterMs;
}

WebhookOutcome classifyWebhookResponse(int httpStatus) {
  if (httpStatus >= 200 && httpStatus < 300) return WebhookOutcome::delivered;
  if (httpStatus == 410) return WebhookOutcome::permanent;
  return WebhookOutcome::temporary;
}

}  // namespace delegate
