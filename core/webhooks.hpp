#pragma once
// Webhooks: which partner hears of which event, who may manage a partner's endpoints, what an
// endpoint's URL may be, and when a failing endpoint is switched off. Pure functions; the server
// keeps the endpoints (their secrets never enter the event log), signs and delivers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/events.hpp"
#include "core/result.hpp"
#include "core/state.hpp"

namespace delegate {

// The event types an endpoint can subscribe to (the partner-side mail notices plus access
// assignment changes), by their Standard Webhooks `type` names.
enum class WebhookEventType : std::uint8_t {
  offerAccepted,
  offerDeclined,
  relationshipApproved,
  relationshipExpiring,
  relationshipExpired,
  relationshipTerminated,
  partnerRemoved,
  accessAssignmentChanged,
};
inline constexpr std::size_t kWebhookEventTypeCount = 8;

std::string_view webhookEventTypeName(WebhookEventType t);  // "relationship.approved"
std::optional<WebhookEventType> webhookEventTypeFromName(std::string_view name);
std::vector<WebhookEventType> allWebhookEventTypes();
// A short description for people choosing what to subscribe to.
std::string_view webhookEventTypeLabel(WebhookEventType t);

// The names a request asked for: at least one, each known, no repeats; sorted by the enum.
Result<std::vector<WebhookEventType>> parseWebhookEventTypes(const std::vector<std::string>& names);

inline constexpr std::size_t kMaxWebhookUrl = 2048;
inline constexpr std::size_t kMaxWebhookEndpointsPerPartner = 20;

// https:// anywhere, or http:// only to the loopback host (localhost, 127.0.0.1, [::1]): a
// signed payload never crosses a network in the clear. No user/password in the URL, no
// fragment, no whitespace or control characters.
Status validateWebhookUrl(std::string_view url);

// Who may list, register, delete and rotate a tenant's endpoints and see their delivery log:
// the partner's enabled Global Administrators, in their own tenant (customers have none).
bool mayManageWebhooks(const State& state, UserId user, TenantId tenant);

// What one event means to webhooks: the partner whose endpoints hear of it, the type, and the
// objects it is about. Empty for events no webhook carries.
struct WebhookNotice {
  TenantId partnerTenantId;
  WebhookEventType type = WebhookEventType::offerAccepted;
  Timestamp at;
  std::optional<TenantId> customerTenantId;
  std::optional<RelationshipId> relationshipId;
  std::optional<OfferId> offerId;
  std::optional<AccessAssignmentId> accessAssignmentId;
  std::string changeType;  // accessAssignment.changed: "created", "updated" or "deleted"
};
// `state` is the state after the event (so the objects it names can be looked up).
std::optional<WebhookNotice> webhookNoticeFor(const State& state, const Event& event);

// Whether an endpoint of `endpointTenant` subscribed to `types` receives `notice`: only its own
// partner's events, only the types it chose.
bool webhookEndpointReceives(TenantId endpointTenant, const std::vector<WebhookEventType>& types,
                             const WebhookNotice& notice);

// An endpoint whose deliveries have all failed since `failingSinceMs` is disabled once that
// lasted this long (the partner's administrators are told).
inline constexpr std::int64_t kWebhookDisableAfterMs = 5LL * 24 * 3'600'000;
bool webhookEndpointShouldBeDisabled(std::optional<std::int64_t> failingSinceMs,
                                     std::int64_t nowMs);

// How an HTTP answer to a delivery counts: 2xx delivered; 410 Gone permanent (the receiver
// says the endpoint is gone for good); anything else, and no answer at all, temporary.
enum class WebhookOutcome : std::uint8_t { delivered, permanent, temporary };
WebhookOutcome classifyWebhookResponse(int httpStatus);

// Where one delivery (one event to one endpoint) stands.
enum class WebhookDeliveryStatus : std::uint8_t { queued, retrying, delivered, failed };
const char* webhookDeliveryStatusName(WebhookDeliveryStatus s);  // "retrying"
std::optional<WebhookDeliveryStatus> webhookDeliveryStatusFromName(std::string_view name);

// Whether a partner's administrator may send a delivery again now (a fresh 48-hour window):
// one that failed for good or waits for its next try, to an endpoint still enabled. Never one
// that arrived (the receiver has it) or is queued (it goes out in a moment), and never to a
// disabled endpoint (nothing is sent there; register it again once the receiver is fixed).
Status mayRetryWebhookDelivery(WebhookDeliveryStatus status, bool endpointEnabled);

}  // namespace delegate
