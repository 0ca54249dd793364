#pragma once
#include <string>
#include <vector>

#include "web/app/app_state.hpp"
#include "web/app/backend.hpp"
#include "web/app/intents.hpp"
#include "web/app/model.hpp"
#include "web/app/sync.hpp"
#include "web/app/ui_state.hpp"
#include "web/views/layout.hpp"

namespace delegate::web {

// Everything a view may read this frame. Views draw from it and emit intents; the only thing they
// write is their own UI state (inputs, table sort, selection).
struct ViewCtx {
  explicit ViewCtx(const Model& model) : m(model) {}
  const Model& m;
  const Backend* backend = nullptr;  // null before data arrived
  Layout layout;
  Connection connection = Connection::Connecting;
  std::string serverName, serverVersion, sandboxReason;
  SyncStatus sync = SyncStatus::Idle;
  std::string syncError;
  // The customers are listed; their relationships and access assignments are still on their way.
  bool detailsPending = false;
  double retryInMs = 0;
  bool signedIn = false;
  bool sandbox = false;
  std::vector<std::string> personas;  // sandbox persona labels
  int persona = 0;
  std::string origin;  // for links: "http://host:port"
  double nowMs = 0;
  // The core's authorize() for the viewer, as a gate for a button.
  AccessAnswer can(const std::string& action, const std::string& customerId,
                   const std::string& targetUserId = "") const {
    if (!backend) return {false, "Not connected yet."};
    return backend->can(action, customerId, targetUserId);
  }
};

void drawTopBar(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawNavigation(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawMainArea(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawOverlays(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawSignIn(const ViewCtx& ctx, UiState& ui, Intents& out);
// After signing in with a temporary password: nothing else until a new one is chosen.
void drawChooseNewPassword(const ViewCtx& ctx, UiState& ui, Intents& out);
// Current (when not known), new, and again; emits ChangePassword.
void drawPasswordForm(const ViewCtx& ctx, UiState& ui, Intents& out, float width, bool askCurrent);

// Screens (main area content).
void drawOverview(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawOffers(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawCustomers(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawWorkspace(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawRelationships(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawPartnerUsers(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawActivity(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawExplain(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawCustomerHome(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawPartners(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawMyUsers(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawMyDomains(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawAccept(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawSettings(const ViewCtx& ctx, UiState& ui, Intents& out);
// Settings: setting up an authenticator app (QR code, key, code) and its recovery codes.
void drawMultiFactorCard(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawMail(const ViewCtx& ctx, UiState& ui, Intents& out);
void drawWebhooks(const ViewCtx& ctx, UiState& ui, Intents& out);

// Whether the signed-in person's organization is known yet (the first view arrived). Until then
// nothing is drawn that depends on being a partner or a client (navigation, warnings).
inline bool tenantKnown(const ViewCtx& ctx) {
  return ctx.signedIn && !ctx.m.meId.empty();
}
// The navigation column is there for anyone signed in; a visitor on an offer or approval link
// (signed out) sees only the request, across the whole width.
inline bool showsNavigation(const ViewCtx& ctx) {
  return ctx.signedIn;
}
// The frame's layout with the main area over the navigation's column when there is none.
Layout screenLayout(const ViewCtx& ctx);
// The screen a person of this organization's kind may be on: a client's administrator never
// lands on a partner screen (nor a partner on a client's), whatever was asked for.
Section sectionFor(const ViewCtx& ctx, Section wanted);

// "resetPassword" -> "Reset passwords".
std::string actionLabel(const std::string& actionName);
// Whether the partner is "large" (>= 100 clients): the offer lives under Partner overview then.
bool largePartner(const Model& m);
// The page header of a screen: title, one-line summary.
void screenHeader(const char* title, const std::string& summary);

}  // namespace delegate::web
