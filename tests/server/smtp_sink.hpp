#pragma once
// The SMTP sink of the mail tests (tests/server/smtp_sink.py, Debian's python3-aiosmtpd) as a
// child process on a free loopback port, optionally over TLS with a test certificate and with
// AUTH; stopped when destroyed. Each message records "tls" and "login" besides its content.
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server_process.hpp"

namespace delegate::testing {

struct SmtpSinkOptions {
  // "451,250" answers the first DATA with 451, then 250.
  std::string answers;
  int holdFirstSeconds = 0;  // holds the first answer that long
  // TLS with the certificate and key in these PEM files: smtps:// (TLS from the first byte),
  // STARTTLS required before MAIL, or STARTTLS offered while mail in the clear is taken too.
  enum class Tls { none, smtps, starttls, starttlsOptional };
  Tls tls = Tls::none;
  std::string certFile, keyFile;
  // When set, AUTH with these is required (offered only over TLS).
  std::string user, password;
};

class SmtpSink {
 public:
  explicit SmtpSink(const std::string& answers = "", int holdFirstSeconds = 0);
  explicit SmtpSink(const SmtpSinkOptions& options);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  // smtps://127.0.0.1:PORT for implicit TLS, else smtp://127.0.0.1:PORT.
  std::string url() const {
    return std::string(smtps_ ? "smtps" : "smtp") + "://127.0.0.1:" + std::to_string(port_);
  }
  // Every message received so far (answered or not), in order.
  std::vector<nlohmann::json> messages() const;
  // Waits (at most `ms`) until at least `count` messages arrived.
  bool waitFor(std::size_t count, int ms = 15000) const;

 private:
  int port_ = 0;
  bool smtps_ = false;
  pid_t pid_ = -1;
  TempDir dir_;
};

}  // namespace delegate::testing
