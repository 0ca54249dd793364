#pragma once
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/app/app_state.hpp"
#include "web/app/user_pager.hpp"
#include "web/ui/overlays.hpp"

namespace delegate::web {

// What views ask for. Views never change state themselves; the app applies these after the frame.
struct Navigate {
  Section section;
  std::string customerId;  // Workspace: which client
};
struct RetryConnection {};
struct ToggleTheme {};
struct OpenQuickSearch {};
struct Copy {
  std::string text;
  std::string what;  // "Offer link" -> toast "Offer link copied"
};
struct Notify {
  ui::ToastKind kind;
  std::string text;
};
struct DismissToast {
  int id;
};
// A core command (its JSON form), sent to the server or decided locally in the sandbox. Errors
// whose target names a field of `form` are shown next to that field; others at the form.
// How to show a value the answer brings once (temporary password, offer link).
struct ShownOnceSpec {
  std::string title, label, note, testId;
  std::string prefix;  // put before the secret (e.g. the link's origin and path)
};
struct SendCommand {
  nlohmann::json command;
  std::string form;     // e.g. "adduser"; "" for buttons
  std::string success;  // toast text on success ("" = none)
  ShownOnceSpec secret = {};
};
// Runs commands one after another with a progress bar and a result per row.
struct RunBulk {
  std::string title;
  std::vector<nlohmann::json> commands;
  std::vector<std::string> labels;  // one per command (the client's name)
};
struct CloseBulk {};
struct SwitchPersona {
  int index;
};
struct SandboxReset {};
struct SandboxExport {};
struct SandboxImport {};
struct SignIn {
  std::string userPrincipalName;
  std::string password;
};
struct SignOut {};
// The code after the password (or a recovery code), redeeming the challenge.
struct SubmitSecondFactor {
  std::string code;
  bool recoveryCode = false;
};
struct CancelSecondFactor {};
// Setting up an authenticator app from Settings: start (QR code), confirm with a code, and
// close the recovery codes once they are saved.
struct MultiFactorSetup {
  enum class Kind { begin, confirm, done };
  Kind kind = Kind::begin;
  std::string code;
};
struct ChangePassword {
  std::string current, next;
};
// Accepting a trial invitation as a new organization (no account yet).
struct SignUpAndAccept {
  std::string token, organizationName, domainPrefix, userName, displayName, password;
};
struct Download {
  std::string filename, mime, content;
};
struct MarkNotificationsRead {};
// The users table of a paged client directory shows rows [first, last) of `query`: the backend
// asks for the pages it lacks (searching and sorting on the server, or the core in the sandbox).
struct ShowUserRows {
  std::string customerId;
  UserRowsQuery query;
  std::size_t first = 0, last = 0;
};
// The Mail screen: load GET /api/mail again; retry one message.
struct MailRefresh {};
struct MailRetry {
  std::uint64_t id;
};
// The Webhooks screen (web/app/app_webhooks.cpp): load the endpoints, add one from the form
// (the secret is then shown once), delete one, show one's delivery log, rotate one's secret
// (the new one shown once), send one delivery (`webhookId`) again.
struct WebhooksAction {
  enum class Kind { refresh, create, remove, showLog, rotateSecret, retryDelivery };
  Kind kind = Kind::refresh;
  std::string endpointId;
  std::string webhookId = {};
};
struct ClearSecret {};  // closes the "shown once" box (temporary password, new link)
struct IntentList;
// What a confirmation asks to do, checked again while it is open: when a sync takes the right
// away (the customer removed the partner), the dialog closes with the reason.
struct AccessCheck {
  std::string action, customerId, targetUserId;
};
struct AskConfirm {
  ui::ConfirmSpec spec;
  std::shared_ptr<IntentList> then;
  std::optional<AccessCheck> gate;
};

using Intent = std::variant<Navigate, RetryConnection, ToggleTheme, OpenQuickSearch, Copy, Notify,
                            DismissToast, SendCommand, RunBulk, CloseBulk, SwitchPersona,
                            SandboxReset, SandboxExport, SandboxImport, SignIn, SignOut,
                            ChangePassword, SignUpAndAccept, Download, MarkNotificationsRead,
                            ClearSecret, AskConfirm, MailRefresh, MailRetry, WebhooksAction,
                            SubmitSecondFactor, CancelSecondFactor, MultiFactorSetup, ShowUserRows>;
using Intents = std::vector<Intent>;

struct IntentList {
  Intents items;
};

// A confirmation that, when confirmed, emits `then`.
inline AskConfirm confirmThen(ui::ConfirmSpec spec, Intents then) {
  auto list = std::make_shared<IntentList>();
  list->items = std::move(then);
  return AskConfirm{std::move(spec), std::move(list), std::nullopt};
}
// The same, for an action that needs `gate` to stay allowed while the dialog is open.
inline AskConfirm confirmThen(AccessCheck gate, ui::ConfirmSpec spec, Intents then) {
  AskConfirm a = confirmThen(std::move(spec), std::move(then));
  a.gate = std::move(gate);
  return a;
}

}  // namespace delegate::web
