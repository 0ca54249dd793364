#pragma once
// The SMTP sink of the mail tests (tests/server/smtp_sink.py, Debian's python3-aiosmtpd) as a
// child process on a free loopback port; stopped when destroyed.
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server_process.hpp"

namespace delegate::testing {

class SmtpSink {
 public:
  // `answers`: "451,250" answers the first DATA with 451, then 250; `holdFirstSeconds` holds the
  // first answer that long.
  explicit SmtpSink(const std::string& answers = "", int holdFirstSeconds = 0);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received so far (answered or not), in order.
  std::vector<nlohmann::json> messages() const;
  // Waits (at most `ms`) until at least `count` messages arrived.
  bool waitFor(std::size_t count, int ms = 15000) const;

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  TempDir dir_;
};

}  // namespace delegate::testing
