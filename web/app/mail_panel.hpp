#pragma once
// The Mail screen's data: the organization's messages and how their delivery stands, as
// GET /api/mail answers (the server's delivery queue, not the core's state).
#include <cstdint>
#include <string>
#include <vector>

namespace delegate::web {

struct MailRow {
  std::uint64_t id = 0;
  std::string subject, to, status, detail, created;
};

struct MailPanel {
  bool loading = false;
  bool loaded = false;
  bool configured = false;
  std::string message;  // why mail is not delivered, when it is not
  std::string error;    // the last request's failure
  std::vector<MailRow> rows;
  std::uint64_t revision = 0;  // bumps with each answer (the table rebuilds its order)
  double fetchedAtMs = 0;
  // The message opened below the list (Enter or a click), by id; 0: none. (The list's sort and
  // keyboard cursor are UiState::mailTable.)
  std::uint64_t openId = 0;
};

// Fills `panel` from the body of GET /api/mail; false when the body is not that.
bool parseMailJson(const std::string& body, MailPanel& panel);

}  // namespace delegate::web
