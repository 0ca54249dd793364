#include "web/app/server_backend.hpp"

#include "web/platform/browser.hpp"
#include "web/platform/fetch.hpp"

namespace delegate::web {

struct ServerBackend::Impl {
  Model model;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
  std::function<void()> onEnded;
};

ServerBackend::ServerBackend() : impl_(std::make_unique<Impl>()) {}
ServerBackend::~ServerBackend() = default;

std::string ServerBackend::begin(const std::string& meBody, std::function<void()> onEnded) {
  impl_->onEnded = std::move(onEnded);
  nlohmann::json me = nlohmann::json::parse(meBody, nullptr, false);
  if (me.is_discarded() || !me.is_object()) return "The server sent an unreadable GET /api/me.";
  if (me.contains("csrfToken") && me["csrfToken"].is_string())
    setDefaultHeader("X-CSRF-Token", me["csrfToken"].get<std::string>());
  SyncClient::Handlers h;
  h.onView = [this](const std::string& body) -> std::uint64_t {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("revision")) return 0;
    impl_->model.revision = j["revision"].get<std::uint64_t>();
    return impl_->model.revision;
  };
  h.onSignedOut = [this]() {
    if (impl_->onEnded) impl_->onEnded();
  };
  sync_.start(h, 0);
  return "";
}

const Model& ServerBackend::model() const {
  return impl_->model;
}

void ServerBackend::submit(const nlohmann::json& command, CommandDone done) {
  std::weak_ptr<bool> alive = impl_->alive;
  httpRequest("POST", apiBase() + "api/commands", command.dump(),
              [this, done, alive](const HttpResponse& r) {
                CommandResult result;
                if (alive.expired()) {
                  result.message = "Signed out before the server answered.";
                  done(result);
                  return;
                }
                result.status = r.status;
                if (r.status >= 200 && r.status < 300) {
                  result.ok = true;
                  result.body = nlohmann::json::parse(r.body, nullptr, false);
                  done(result);
                  return;
                }
                if (r.status == 401 && impl_->onEnded) impl_->onEnded();
                ApiError e = parseApiError(r);
                result.code = e.code;
                result.message = e.message;
                result.target = e.target;
                done(result);
              });
}

AccessAnswer ServerBackend::can(const std::string&, const std::string&, const std::string&) const {
  return {true, ""};
}

void ServerBackend::tick(double nowMs) {
  sync_.tick(nowMs);
}

nlohmann::json ServerBackend::markNotificationsReadCommand() const {
  return nullptr;
}

}  // namespace delegate::web

namespace delegate::web {
Explanation ServerBackend::explain(const std::string&, const std::string&,
                                   const std::string&) const {
  return {};
}
}  // namespace delegate::web
