#pragma once
// What the mail tests share: the server's mail flags, an offer accepted through the API, and
// waiting on /api/mail.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_client.hpp"
#include "smtp_sink.hpp"

namespace delegate::testing {

inline constexpr const char* kMailPublicUrl = "https://delegate.test";

// --data, --smtp-url (the sink's), --mail-from, --public-url and a short retry base.
std::vector<std::string> mailArgs(const SmtpSink& sink, const std::string& data);

// Alpha's administrator sends an offer; Northwind's administrator accepts it.
void acceptAnOffer(const ServerProcess& server);

// The caller's messages as /api/mail lists them, once `ready` holds for the newest (at most
// 15 s); the last answer otherwise.
nlohmann::json mailWhen(const Api& api, const std::function<bool(const nlohmann::json&)>& ready);

}  // namespace delegate::testing
