#include "web/app/app.hpp"

#include <cstdlib>

#include "web/app/commands.hpp"
#include "web/app/preview.hpp"
#include "web/app/sandbox.hpp"
#include "web/app/server_backend.hpp"
#include "web/app/session_api.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/fetch.hpp"
#include "web/platform/page_life.hpp"
#include "web/platform/test_hook.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

App::App() = default;
App::~App() = default;

void App::start() {
  if (auto t = storageGet("delegate.theme"); t && *t == "dark") ui_.theme = ThemeMode::Dark;
  routeFromLocation();
  // A tab coming to the foreground asks at once if no long poll is on its way (a back-off timer
  // may have been held back in the background); with one, the view is already current.
  onVisibilityChange([this](bool hidden) {
    if (!hidden && server_) server_->sync().catchUp();
  });
  checkServer();
}

void App::afterSync() {
  recheckConfirm();
  // The browser draws no frame in a background tab: draw one here so that everything the view
  // derives (an open workspace, a dialog, the test hook) follows the data now, not on return.
  if (pageHidden() && redraw_ && !inFrame_) redraw_();
}

void App::recheckConfirm() {
  if (!ui_.confirm || !ui_.confirmGate || !backend_) return;
  const AccessCheck& g = *ui_.confirmGate;
  AccessAnswer a = backend_->can(g.action, g.customerId, g.targetUserId);
  if (a.allowed) return;
  std::string title = ui_.confirm->title;
  if (!title.empty() && title.back() == '?') title.pop_back();
  ui_.confirm.reset();
  ui_.confirmThen.reset();
  ui_.confirmGate.reset();
  toast(ui::ToastKind::Error, title + ": no longer allowed. " + a.reason);
}

// Links into the app: /offer/{token}, /relationship/{id}/approve (and the same under any prefix).
void App::routeFromLocation() {
  const std::string path = locationPath() + locationHash();
  auto after = [&](const std::string& marker) -> std::string {
    auto at = path.find(marker);
    if (at == std::string::npos) return {};
    std::string rest = path.substr(at + marker.size());
    auto end = rest.find_first_of("/?&");
    return end == std::string::npos ? rest : rest.substr(0, end);
  };
  std::string token = after("/offer/");
  ui_.f.acceptApprovalToken = queryParam("token");
  if (auto q = path.find("token="); q != std::string::npos && ui_.f.acceptApprovalToken.empty())
    ui_.f.acceptApprovalToken = path.substr(q + 6);
  std::string rel = after("/relationship/");
  if (!token.empty()) {
    ui_.f.acceptToken = token;
    ui_.section = Section::Accept;
  } else if (!rel.empty() && path.find("/approve") != std::string::npos) {
    ui_.f.acceptRelationshipId = rel;
    ui_.section = Section::Accept;
  } else if (std::string r = after("/relationships/"); !r.empty()) {
    // Links in mail (core/mail.hpp): the screen the message is about.
    ui_.selectedRelationshipId = r;
    ui_.section = Section::Relationships;
  } else if (!after("/customers/").empty()) {
    ui_.section = Section::Customers;
  } else if (path.size() >= 9 && path.compare(path.size() - 9, 9, "/partners") == 0) {
    ui_.section = Section::Partners;
  } else if (path.size() >= 5 && path.compare(path.size() - 5, 5, "/mail") == 0) {
    ui_.section = Section::Mail;
  } else if (path.size() >= 9 && path.compare(path.size() - 9, 9, "/webhooks") == 0) {
    ui_.section = Section::Webhooks;
  }
}

void App::toast(ui::ToastKind kind, std::string text) {
  ui_.toasts.push(kind, std::move(text), monotonicMs());
}

// The Mail screen's list: the server's delivery queue (the sandbox has no mail server).
void App::refreshMail() {
  MailPanel& mail = ui_.mail;
  mail.fetchedAtMs = monotonicMs();
  if (sandbox_ || !server_) {
    mail.loaded = true;
    mail.configured = false;
    mail.message = "The sandbox has no mail server: messages stay in the outbox.";
    return;
  }
  mail.loading = true;
  httpRequest("GET", apiBase() + "api/mail", "", [this](const HttpResponse& r) {
    MailPanel& m = ui_.mail;
    m.loading = false;
    m.loaded = true;
    m.fetchedAtMs = monotonicMs();
    if (r.status == 200 && parseMailJson(r.body, m)) {
      m.error.clear();
    } else {
      m.error = r.status == 0 ? "The server did not answer." : parseApiError(r).message;
    }
  });
}

void App::checkServer() {
  connection_ = Connection::Connecting;
  if (!httpSession_) httpSession_ = std::make_unique<HttpSession>();
  httpSession_->hello([this](const ServerHello& hello) {
    if (!hello.reached) return enterSandbox(hello.problem);
    connection_ = Connection::Connected;
    session_ = httpSession_.get();
    serverName_ = hello.name;
    serverVersion_ = hello.version;
    checkSession();
  });
}

void App::checkSession() {
  httpSession_->me([this](const MeAnswer& me) {
    switch (me.check) {
      case SessionCheck::signedIn:
        return signedIn(me.body);
      case SessionCheck::signedOut:
        return signedOut(false);
      case SessionCheck::noAccounts:
        // A server without accounts (older build): show the app without data.
        signedIn_ = false;
        if (ui_.section == Section::SignIn) ui_.section = Section::Overview;
        return;
    }
  });
}

void App::enterSandbox(const std::string& reason) {
  connection_ = Connection::Sandbox;
  sandboxReason_ = reason;
  auto sb = std::make_unique<SandboxBackend>();
  sandbox_ = sb.get();
  session_ = sandbox_;
  server_ = nullptr;
  const int bench = std::atoi(queryParam("bench").c_str());
  std::string problem;
  if (bench > 0) {
    double applyMs = 0;
    problem = sb->loadBench(bench, &applyMs);
    benchApplyMs_ = applyMs;
  } else {
    problem = sb->load();
  }
  if (!problem.empty()) toast(ui::ToastKind::Error, problem);
  backend_ = std::move(sb);
  signedIn_ = true;
  if (ui_.section == Section::SignIn) ui_.section = Section::Overview;
  if (ui_.section == Section::Accept) sandbox_->selectPersonaForAccept();
  if (backend_->model().tenantKind == TenantKind::Customer && ui_.section == Section::Overview)
    ui_.section = Section::CustomerHome;
}

void App::signedIn(const std::string& meBody) {
  auto sb = std::make_unique<ServerBackend>();
  std::string problem = sb->begin(
      meBody, [this]() { sessionEnded_ = true; }, [this]() { afterSync(); });
  if (!problem.empty()) {
    toast(ui::ToastKind::Error, problem);
    return;
  }
  server_ = sb.get();
  sandbox_ = nullptr;
  backend_ = std::move(sb);
  signedIn_ = true;
  if (ui_.section == Section::SignIn) ui_.section = returnTo_;
  const bool customer = backend_->model().tenantKind == TenantKind::Customer;
  if (customer && ui_.section == Section::Overview) ui_.section = Section::CustomerHome;
  if (!customer && ui_.section == Section::CustomerHome) ui_.section = Section::Overview;
}

void App::signedOut(bool expired) {
  if (signedIn_ && ui_.section != Section::SignIn) returnTo_ = ui_.section;
  signedIn_ = false;
  backend_.reset();
  server_ = nullptr;
  setDefaultHeader("X-CSRF-Token", "");
  if (ui_.section != Section::Accept || expired) ui_.section = Section::SignIn;
  if (expired)
    toast(ui::ToastKind::Info, "Your session ended. Sign in again to continue where you were.");
}

void App::frame(ImVec2 display, float pixelRatio) {
  const double now = monotonicMs();
  inFrame_ = true;
  struct Leave {
    bool& flag;
    ~Leave() { flag = false; }
  } leave{inFrame_};
  if (sessionEnded_) {
    sessionEnded_ = false;
    if (signedIn_) signedOut(true);
  }
  ui_.toasts.expire(now);
  if (backend_) {
    backend_->focus(ui_.section == Section::Workspace ? ui_.customerId : std::string());
    backend_->tick(now);
  }
  recheckConfirm();  // the sandbox's persona or data may have changed too
  if (sandbox_)
    if (std::string problem = sandbox_->takeSaveProblem(); !problem.empty())
      toast(ui::ToastKind::Error, problem);
  stepBulk();

  const Model& m = backend_ ? backend_->model() : empty_;
  ViewCtx ctx(m);
  ctx.backend = backend_.get();
  ctx.layout = computeLayout(display, pixelRatio);
  ctx.connection = connection_;
  ctx.serverName = serverName_;
  ctx.serverVersion = serverVersion_;
  ctx.sandboxReason = sandboxReason_;
  ctx.signedIn = signedIn_;
  ctx.sandbox = sandbox_ != nullptr;
  ctx.origin = locationOrigin();
  ctx.nowMs = now;
  if (server_) {
    ctx.sync = server_->sync().status();
    ctx.syncError = server_->sync().lastError();
    ctx.detailsPending = server_->detailsPending();
    ctx.retryInMs = server_->sync().nextAttemptMs() - now;
  }
  if (sandbox_) {
    ctx.personas = sandbox_->personaLabels();
    ctx.persona = sandbox_->persona();
  }

  if (ui_.section == Section::Accept) loadPreview();

  Intents intents;
  if (ui_.section == Section::SignIn) {
    drawSignIn(ctx, ui_, intents);
  } else if (mustChangePassword(m)) {
    drawChooseNewPassword(ctx, ui_, intents);
  } else {
    if (!m.meId.empty()) ui_.f.temporaryPassword.clear();
    drawTopBar(ctx, ui_, intents);
    drawNavigation(ctx, ui_, intents);
    drawMainArea(ctx, ui_, intents);
  }
  drawOverlays(ctx, ui_, intents);
  testHook().state("signedIn", signedIn_ ? "true" : "false");
  if (benchApplyMs_ > 0) {
    testHook().state("bench.applyMs", std::to_string(benchApplyMs_));
    if (sandbox_) testHook().state("bench.applyDetail", sandbox_->benchDetail());
  }
  if (server_)
    testHook().state("portfolio.details", server_->detailsPending() ? "pending" : "held");
  if (server_ && server_->lastApplyMs() > 0) {
    testHook().state("sync.applyMs", std::to_string(server_->lastApplyMs()));
    testHook().state("sync.snapshotTimes", server_->applyTimes(false));
    testHook().state("sync.detailsTimes", server_->applyTimes(true));
  }
  testHook().state("revision", std::to_string(m.revision));
  testHook().state("me", m.meUpn);  // empty until the first view arrived
  apply(intents);
}

// The Accept screen shows who asks and what for: from the public offer endpoint, the sandbox, or
// (for a relationship approval link) the signed-in customer's own view.
void App::loadPreview() {
  if (ui_.previewLoading) return;
  const bool offer = !ui_.f.acceptToken.empty();
  const bool viaApi = !sandbox_ && (offer || !ui_.f.acceptApprovalToken.empty());
  // From the signed-in view (or the sandbox), the preview follows the data: key by revision.
  std::string key = offer ? "offer:" + ui_.f.acceptToken : "rel:" + ui_.f.acceptRelationshipId;
  if (!viaApi) key += "@" + std::to_string(backend_ ? backend_->model().revision : 0);
  if (ui_.previewFor == key) return;
  if (viaApi && connection_ != Connection::Connected) return;
  ui_.previewFor = key;
  if (sandbox_) {
    ui_.preview = sandbox_->preview(ui_.f.acceptToken, ui_.f.acceptRelationshipId);
    return;
  }
  if (viaApi) {
    ui_.previewLoading = true;
    auto show = [this](const OfferPreview& p) {
      ui_.previewLoading = false;
      ui_.preview = p;
    };
    if (offer)
      httpSession_->offerPreview(ui_.f.acceptToken, show);
    else
      httpSession_->approvalPreview(ui_.f.acceptRelationshipId, ui_.f.acceptApprovalToken, show);
    return;
  }
  ui_.preview = OfferPreview{};
  if (!backend_) {
    ui_.preview.error =
        "Sign in with a global administrator of your organization to see this request.";
    return;
  }
  for (const MRelationship& r : backend_->model().relationships)
    if (r.id == ui_.f.acceptRelationshipId && r.status == RelationshipStatus::approvalPending)
      ui_.preview = relationshipPreview(r);
  if (!ui_.preview.found)
    ui_.preview.error =
        "This approval link is not valid for your organization, or it was already used.";
}

void App::apply(const Intents& intents) {
  for (const Intent& intent : intents) applyOne(intent);
}

void App::applyOne(const Intent& intent) {
  std::visit([this](const auto& i) { on(i); }, intent);
}

void App::on(const Navigate& i) {
  ui_.section = i.section;
  if (!i.customerId.empty()) ui_.customerId = i.customerId;
  ui_.notificationsOpen = false;
}

void App::on(const WebhooksAction& i) {
  onWebhooks(i);
}

void App::on(const RetryConnection&) {
  if (server_)
    server_->sync().retryNow();
  else
    checkServer();
}

void App::on(const ToggleTheme&) {
  ui_.theme = ui_.theme == ThemeMode::Dark ? ThemeMode::Light : ThemeMode::Dark;
  storageSet("delegate.theme", ui_.theme == ThemeMode::Dark ? "dark" : "light");
}

void App::on(const OpenQuickSearch&) {
  ui_.quick.open = true;
  ui_.quick.focusInput = true;
  ui_.quick.query.clear();
  ui_.quick.cursor = 0;
}

void App::on(const Copy& i) {
  copyToClipboard(i.text);
  toast(ui::ToastKind::Success, (i.what.empty() ? std::string("Text") : i.what) + " copied.");
}

void App::on(const Notify& i) {
  toast(i.kind, i.text);
}

void App::on(const DismissToast& i) {
  auto& items = ui_.toasts.items;
  for (size_t k = 0; k < items.size(); ++k)
    if (items[k].id == i.id) {
      items.erase(items.begin() + static_cast<long>(k));
      break;
    }
}

void App::on(const SendCommand& i) {
  send(i);
}

void App::on(const RunBulk& i) {
  BulkState& b = ui_.bulk;
  b = BulkState{};
  b.open = true;
  b.running = !i.commands.empty();
  b.title = i.title;
  b.commands = i.commands;
  b.labels = i.labels;
  b.results.assign(i.commands.size(), "");
  b.outcome.assign(i.commands.size(), 0);
}

void App::on(const CloseBulk&) {
  ui_.bulk = BulkState{};
  ui_.relationshipsTable.selected.clear();
}

void App::on(const SwitchPersona& i) {
  if (!sandbox_) return;
  sandbox_->setPersona(i.index);
  const bool customer = sandbox_->model().tenantKind == TenantKind::Customer;
  if (ui_.section != Section::Accept)
    ui_.section = customer ? Section::CustomerHome : Section::Overview;
  toast(ui::ToastKind::Info,
        "You are now " + sandbox_->personaLabels()[static_cast<size_t>(i.index)] + ".");
}

void App::on(const SandboxReset&) {
  if (!sandbox_) return;
  sandbox_->reset();
  ui_.section = Section::Overview;
  toast(ui::ToastKind::Success, "The sandbox starts over from the demo world.");
}

void App::on(const SandboxExport&) {
  if (!sandbox_) return;
  downloadFile("delegate-sandbox.json", "application/json", sandbox_->exportJson());
  toast(ui::ToastKind::Success, "The sandbox world was saved as delegate-sandbox.json.");
}

void App::on(const SandboxImport&) {
  pickTextFile(".json,application/json", [this](std::optional<std::string> text) {
    if (!text || !sandbox_) return;
    std::string problem = sandbox_->importJson(*text);
    if (problem.empty())
      toast(ui::ToastKind::Success, "The sandbox world was loaded from the file.");
    else
      toast(ui::ToastKind::Error, problem);
  });
}

// A form's error from a session answer: on its field when the server names one.
void App::showFormError(FormState& f, const CommandResult& r, const std::string& fieldPrefix) {
  std::string field = r.target;
  if (!fieldPrefix.empty() && field.rfind(fieldPrefix, 0) == 0)
    field = field.substr(fieldPrefix.size());
  if (!field.empty())
    f.fieldErrors[field] = r.message;
  else
    f.error = r.message;
}

// A session form starts over and waits for its answer; false when there is nowhere to ask.
bool App::startSessionForm(const std::string& form) {
  FormState& f = ui_.forms[form];
  f = FormState{};
  if (!session_) {
    f.error = "The server cannot be reached yet; try again in a moment.";
    return false;
  }
  f.busy = true;
  return true;
}

void App::on(const SignIn& i) {
  if (!startSessionForm("signin")) return;
  const std::string typed = i.password;
  session_->signIn(i.userPrincipalName, i.password, [this, typed](const CommandResult& r) {
    FormState& f = ui_.forms["signin"];
    f.busy = false;
    if (!r.ok && secondFactorDue(r)) {
      ui_.f.signInPassword.clear();
      ui_.f.temporaryPassword = typed;
      return;
    }
    if (!r.ok) {
      showFormError(f, r, "");
      return;
    }
    ui_.f.signInPassword.clear();
    // A temporary password is replaced right away: not asked twice.
    ui_.f.temporaryPassword = typed;
    checkSession();
  });
}

void App::on(const SignUpAndAccept& i) {
  if (!startSessionForm("signup")) return;
  const std::string upn = i.userName + "@" + i.domainPrefix + ".onmicrosoft.com";
  const std::string password = i.password;
  session_->signUp(cmd::signUpForTrial(i.token, i.organizationName, i.domainPrefix, i.userName,
                                       i.displayName, i.password),
                   [this, upn, password](const CommandResult& r) {
                     FormState& f = ui_.forms["signup"];
                     f.busy = false;
                     if (!r.ok) {
                       showFormError(f, r, "signUp.");
                       return;
                     }
                     ui_.acceptOutcome = "accepted";
                     ui_.f.signInUpn = upn;
                     ui_.f.signUpPassword.clear();
                     toast(ui::ToastKind::Success,
                           "Your organization is ready. You are signed in as " + upn + ".");
                     // The person just chose the password: sign them in rather than asking
                     // again (the sandbox made them the persona in use already).
                     if (!sandbox_) on(SignIn{upn, password});
                   });
}

void App::on(const ChangePassword& c) {
  if (!startSessionForm("password")) return;
  session_->changePassword(c.current, c.next, [this](const CommandResult& r) {
    FormState& f = ui_.forms["password"];
    f.busy = false;
    if (r.ok) {
      ++f.succeeded;
      ui_.f.passwordCurrent.clear();
      ui_.f.temporaryPassword.clear();
      ui_.f.passwordNew.clear();
      ui_.f.passwordConfirm.clear();
      toast(ui::ToastKind::Success, "Your password was changed.");
      return;
    }
    // A wrong current password must be typed, even when it came from sign-in.
    if (r.target == "currentPassword") ui_.f.temporaryPassword.clear();
    showFormError(f, r, "");
  });
}

void App::on(const SignOut&) {
  if (session_) session_->signOut();
  ui_.f = Forms{};
  returnTo_ = Section::Overview;
  signedOut(false);
}

void App::on(const Download& i) {
  downloadFile(i.filename, i.mime, i.content);
  toast(ui::ToastKind::Success, "Downloaded " + i.filename + ".");
}

void App::on(const MarkNotificationsRead&) {
  if (!backend_) return;
  for (const MNotification& n : backend_->model().notifications)
    if (!n.read)
      send(SendCommand{cmd::markNotificationRead(std::strtoull(n.id.c_str(), nullptr, 10)),
                       "notifications", ""});
}

void App::on(const ShowUserRows& i) {
  if (backend_) backend_->showUserRows(i.customerId, i.query, i.first, i.last, monotonicMs());
}

void App::on(const MailRefresh&) {
  refreshMail();
}

void App::on(const MailRetry& i) {
  httpRequest("POST", apiBase() + "api/mail/" + std::to_string(i.id) + "/retry", "",
              [this](const HttpResponse& r) {
                if (r.status != 200) {
                  toast(ui::ToastKind::Error, parseApiError(r).message);
                  return;
                }
                toast(ui::ToastKind::Success, "The message will be sent again now.");
                refreshMail();
              });
}

void App::on(const ClearSecret&) {
  ui_.shownOnce.reset();
}

void App::on(const AskConfirm& i) {
  ui_.confirm = i.spec;
  ui_.confirmThen = i.then;
  ui_.confirmGate = i.gate;
}

bool App::mustChangePassword(const Model& m) const {
  if (!server_ || !signedIn_) return false;
  for (const MUser& u : m.users)
    if (u.id == m.meId) return u.mustChangePassword;
  return false;
}

void App::send(const SendCommand& cmd) {
  if (!backend_) {
    toast(ui::ToastKind::Error, "Not connected: sign in first.");
    return;
  }
  FormState& f = ui_.forms[cmd.form];
  f.fieldErrors.clear();
  f.error.clear();
  f.busy = true;
  const std::string form = cmd.form;
  const std::string success = cmd.success;
  const ShownOnceSpec secret = cmd.secret;
  nlohmann::json command = cmd.command;
  std::string acting;
  if (command.is_object() && command.contains(cmd::kActingTenant)) {
    acting = command[cmd::kActingTenant].get<std::string>();
    command.erase(cmd::kActingTenant);
  }
  backend_->submit(command, acting, [this, form, success, secret](const CommandResult& r) {
    FormState& f = ui_.forms[form];
    f.busy = false;
    if (r.ok) {
      ++f.succeeded;
      if (form == "accept") ui_.acceptOutcome = "accepted";
      if (form == "accept.decline") ui_.acceptOutcome = "declined";
      if (!success.empty()) {
        // The sandbox says when it simulated something the server would really do (DNS).
        const bool noted = r.body.is_object() && r.body.contains("note");
        toast(ui::ToastKind::Success,
              noted ? success + " " + r.body["note"].get<std::string>() : success);
      }
      if (!secret.title.empty() && !r.secret.empty()) {
        ShownOnce s{secret.title, secret.label, secret.prefix + r.secret, secret.note,
                    secret.testId};
        ui_.shownOnce = s;
      }
      return;
    }
    // The session ended: the sign-in screen says so, and the form keeps its text for a retry.
    if (r.status == 401) return;
    if (!r.target.empty() && !form.empty())
      f.fieldErrors[r.target] = r.message;
    else
      f.error = r.message;
    toast(ui::ToastKind::Error, r.message);
  });
}

void App::stepBulk() {
  BulkState& b = ui_.bulk;
  if (!b.running || b.waiting || !backend_) return;
  if (b.next >= b.commands.size()) {
    b.running = false;
    return;
  }
  const size_t k = b.next++;
  b.waiting = true;
  nlohmann::json command = b.commands[k];
  std::string acting;
  if (command.is_object() && command.contains(cmd::kActingTenant)) {
    acting = command[cmd::kActingTenant].get<std::string>();
    command.erase(cmd::kActingTenant);
  }
  backend_->submit(command, acting, [this, k](const CommandResult& r) {
    BulkState& b = ui_.bulk;
    if (k >= b.outcome.size()) return;
    b.waiting = false;
    b.outcome[k] = r.ok ? 1 : 2;
    b.results[k] = r.ok ? "Done" : r.message;
    if (b.next >= b.commands.size()) b.running = false;
  });
}

}  // namespace delegate::web
