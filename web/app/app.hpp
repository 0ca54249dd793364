#pragma once
#include <functional>
#include <memory>

#include "web/app/app_state.hpp"
#include "web/app/backend.hpp"
#include "web/app/intents.hpp"
#include "web/app/ui_state.hpp"
#include "web/views/layout.hpp"

namespace delegate::web {

class SandboxBackend;
class ServerBackend;
class SessionApi;
class HttpSession;

class App {
 public:
  App();
  ~App();
  void start();
  // Draws one frame of every view; the display is in device pixels.
  void frame(ImVec2 display, float pixelRatio);
  ThemeMode themeMode() const { return ui_.theme; }
  // How to draw a frame outside the browser's frame loop (a background tab gets none).
  void setRedraw(std::function<void()> redraw) { redraw_ = std::move(redraw); }

 private:
  void checkServer();
  void checkSession();
  void enterSandbox(const std::string& reason);
  void signedIn(const std::string& meBody);
  void signedOut(bool expired);
  void apply(const Intents& intents);
  void applyOne(const Intent& intent);
  // One small handler per intent; applyOne visits them.
  void on(const Navigate& i);
  void on(const RetryConnection& i);
  void on(const ToggleTheme& i);
  void on(const OpenQuickSearch& i);
  void on(const Copy& i);
  void on(const Notify& i);
  void on(const DismissToast& i);
  void on(const SendCommand& i);
  void on(const RunBulk& i);
  void on(const CloseBulk& i);
  void on(const SwitchPersona& i);
  void on(const SandboxReset& i);
  void on(const SandboxExport& i);
  void on(const SandboxImport& i);
  void on(const SignIn& i);
  void on(const SignOut& i);
  void on(const ChangePassword& i);
  void on(const SignUpAndAccept& i);
  void on(const Download& i);
  void on(const MarkNotificationsRead& i);
  void on(const ClearSecret& i);
  void on(const AskConfirm& i);
  void on(const MailRefresh& i);
  void on(const MailRetry& i);
  void on(const WebhooksAction& i);
  void on(const SubmitSecondFactor& i);
  void on(const CancelSecondFactor& i);
  void on(const MultiFactorSetup& i);
  void on(const ShowUserRows& i);
  // A right password of someone with an authenticator app: keeps the challenge for the code.
  bool secondFactorDue(const CommandResult& r);
  bool startSessionForm(const std::string& form);
  void showFormError(FormState& f, const CommandResult& r, const std::string& fieldPrefix);
  void send(const SendCommand& cmd);
  // Signed in to the server with a temporary password that is still to be replaced.
  bool mustChangePassword(const Model& m) const;
  void stepBulk();
  void routeFromLocation();
  void loadPreview();
  void toast(ui::ToastKind kind, std::string text);
  void refreshMail();
  void onWebhooks(const WebhooksAction& a);  // web/app/app_webhooks.cpp
  void refreshWebhookLog();
  // After each sync answer: what changed takes effect now, even in a background tab.
  void afterSync();
  // Closes a confirmation whose action is no longer allowed, saying why.
  void recheckConfirm();

  Connection connection_ = Connection::Connecting;
  std::string serverName_, serverVersion_, sandboxReason_;
  bool signedIn_ = false;
  bool sessionEnded_ = false;  // set from fetch callbacks, handled at the next frame
  Section returnTo_ = Section::Overview;
  std::unique_ptr<Backend> backend_;
  SandboxBackend* sandbox_ = nullptr;         // backend_ when in sandbox mode
  ServerBackend* server_ = nullptr;           // backend_ when connected to a server
  std::unique_ptr<HttpSession> httpSession_;  // asks the server (health, session, previews)
  SessionApi* session_ = nullptr;             // httpSession_, or the sandbox
  UiState ui_;
  Model empty_;
  double benchApplyMs_ = 0;
  std::function<void()> redraw_;
  bool inFrame_ = false;
};

}  // namespace delegate::web
