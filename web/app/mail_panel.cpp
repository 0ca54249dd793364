#include "web/app/mail_panel.hpp"

#include <nlohmann/json.hpp>

namespace delegate::web {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool parseMailJson(const std::string& body, MailPanel& panel) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("value") || !j["value"].is_array())
    return false;
  panel.configured = j.value("configured", false);
  panel.message = str(j, "message");
  panel.rows.clear();
  ++panel.revision;
  for (const auto& m : j["value"]) {
    if (!m.is_object()) continue;
    MailRow r;
    r.id = m.value("id", std::uint64_t(0));
    r.subject = str(m, "subject");
    if (m.contains("to") && m["to"].is_array())
      for (const auto& a : m["to"])
        if (a.is_string()) r.to += (r.to.empty() ? "" : ", ") + a.get<std::string>();
    r.status = str(m, "status");
    r.created = str(m, "createdDateTime");
    if (r.status == "sent")
      r.detail = "Sent " + str(m, "sentDateTime");
    else if (r.status == "retrying")
      r.detail = "Next try " + str(m, "nextAttemptDateTime") + ": " + str(m, "reason");
    else if (r.status == "failed")
      r.detail = str(m, "reason");
    else if (r.status == "notSent")
      r.detail = "Mail is not configured on the server";
    panel.rows.push_back(std::move(r));
  }
  return true;
}

}  // namespace delegate::web
