#pragma once
#include <string>

#include "web/app/model.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"

namespace delegate::web {

inline ui::Gate gateOf(const AccessAnswer& a) {
  return ui::Gate{a.allowed, a.reason};
}
// A gate that also requires the viewer to be an admin of their own tenant.
ui::Gate adminGate(const Model& m, const char* what);

// How a tone of the core's read model looks.
ImVec4 toneColor(StatusTone tone);
// A status of the core (a relationship's, a client's standing, an assignment's, an audit
// outcome) in the core's tone; its words are the core's too (statusLabel, standingLabel, ...).
template <class Status>
ImVec4 statusColor(Status status) {
  return toneColor(statusTone(status));
}

// One notification: a dot while unread, its text wrapped, its time small beneath.
void notificationLine(const MNotification& n);

// Tab bar item with a test id; returns true when this tab is showing.
bool tab(const char* label, const std::string& testId, int index, int& current);

// A whole-window page holding one centered card under a title (sign-in, choosing a password);
// returns the card's content width. endCardPage() closes both, with an optional small line under
// the card.
float beginCardPage(const char* windowId, const char* cardId, const char* title, float topFraction);
void endCardPage(const std::string& footer = "");

// Whether a user's name or user name contains `needle` (any case): every user search box.
bool userMatches(const MUser& u, const std::string& needle);

// The customer with this tenant id, or null.
const MCustomer* findCustomer(const Model& m, const std::string& tenantId);

// "1 client", "3 clients".
std::string plural(long long n, const char* one, const char* many);

// A toolbar row: search box at the left, count at the right.
void countLabel(size_t shown, size_t total, const char* noun);

}  // namespace delegate::web
