// Mail status for an organization's administrators: GET /api/mail (each message of their
// organization and how its delivery stands) and POST /api/mail/{id}/retry.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/enums.hpp"
#include "core/errors.hpp"
#include "core/mail.hpp"
#include "server/acting_principal.hpp"
#include "server/http_errors.hpp"
#include "server/mime_message.hpp"
#include "server/own_admin.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kListLimit = 200;

std::string isoMs(std::int64_t ms) {
  return formatTimestamp(Timestamp{ms / 1000});
}

nlohmann::json messageJson(const EmailMessage& m, const std::string& publicUrl) {
  nlohmann::json j{{"id", m.id.value},
                   {"to", m.to},
                   {"subject", m.subject},
                   {"createdDateTime", formatTimestamp(m.createdDateTime)},
                   {"link", renderMail(m, publicUrl).link}};
  if (m.kind) j["kind"] = std::string(enumName(*m.kind));
  return j;
}

void addDelivery(nlohmann::json& j, const MailDelivery& d) {
  j["status"] = mailStatusName(d.status);
  j["messageId"] = "<" + d.messageId + ">";
  j["attempts"] = d.attempts;
  j["queuedDateTime"] = isoMs(d.createdMs);
  if (d.status == MailStatus::queued || d.status == MailStatus::retrying)
    j["nextAttemptDateTime"] = isoMs(d.nextAttemptMs);
  if (d.status == MailStatus::sent) j["sentDateTime"] = isoMs(d.sentMs);
  if (!d.lastError.empty())
    j[d.status == MailStatus::sent ? "serverReply" : "reason"] = d.lastError;
}

// The caller's principal when they may manage their organization's mail, else an error answer.
std::optional<Principal> mailManager(ServerApp& app, const httplib::Request& req,
                                     httplib::Response& res) {
  return requireOwnAdmin(app, req, res, mayManageMail,
                         "Only your organization's Global Administrators see its mail, in their "
                         "own organization.");
}

void listMail(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = mailManager(app, req, res);
  if (!p) return;
  const std::string tenant = p->actingTenant.str();
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json body;
  if (!app.mail()) {
    // Not configured: the outbox as the core keeps it, newest first.
    app.domain().read([&](const State& s, std::uint64_t) {
      for (auto it = s.outbox.rbegin(); it != s.outbox.rend() && list.size() < kListLimit; ++it)
        if (it->tenantId == p->actingTenant) {
          nlohmann::json j = messageJson(*it, app.publicUrl());
          j["status"] = "notSent";
          list.push_back(std::move(j));
        }
      return 0;
    });
    body = {{"configured", false},
            {"message",
             "Mail is not configured on this server: messages stay in the outbox. Start the "
             "server with --smtp-url to deliver them."},
            {"value", std::move(list)}};
    sendJson(res, 200, body);
    return;
  }
  std::vector<MailDelivery> rows = app.mailStore()->ofTenant(tenant, kListLimit);
  app.domain().read([&](const State& s, std::uint64_t) {
    for (const MailDelivery& d : rows) {
      auto it =
          std::lower_bound(s.outbox.begin(), s.outbox.end(), d.emailId,
                           [](const EmailMessage& m, std::uint64_t v) { return m.id.value < v; });
      if (it == s.outbox.end() || it->id.value != d.emailId) continue;
      nlohmann::json j = messageJson(*it, app.publicUrl());
      addDelivery(j, d);
      list.push_back(std::move(j));
    }
    return 0;
  });
  body = {{"configured", true},
          {"smtpUrl", app.options().smtpUrl},
          {"from", app.options().mailFrom},
          {"value", std::move(list)}};
  sendJson(res, 200, body);
}

void retryMail(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = mailManager(app, req, res);
  if (!p) return;
  if (!app.mail()) {
    sendError(res, errc::mailNotConfigured,
              "Mail is not configured on this server; start it with --smtp-url.");
    return;
  }
  const std::uint64_t id = std::strtoull(req.matches[1].str().c_str(), nullptr, 10);
  std::optional<MailDelivery> row = app.mailStore()->find(id);
  if (!row || row->tenantId != p->actingTenant.str()) {
    sendError(res, errc::mailNotFound, "Your organization has no message with that id.");
    return;
  }
  if (row->status == MailStatus::sent) {
    sendError(res, errc::mailAlreadySent, "That message was delivered already.");
    return;
  }
  row = app.mail()->retryNow(id);
  if (!row) {
    sendError(res, errc::serviceUnavailable, "The mail queue is busy; try again.");
    return;
  }
  nlohmann::json j{{"id", id}};
  addDelivery(j, *row);
  sendJson(res, 200, j);
}

}  // namespace

void installMailRoutes(Router& http, ServerApp& app) {
  http.Get("/api/mail",
           [&app](const httplib::Request& q, httplib::Response& r) { listMail(app, q, r); });
  http.Post(R"(/api/mail/([0-9]{1,18})/retry)",
            [&app](const httplib::Request& q, httplib::Response& r) { retryMail(app, q, r); });
}

}  // namespace delegate::server
