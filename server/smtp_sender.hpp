#pragma once
#include <atomic>
#include <string>
#include <vector>

namespace delegate::server {

// How to reach the mail server. User and password come from a file or the environment, never a
// flag (a flag shows in `ps`).
struct SmtpSettings {
  std::string url;  // smtp://HOST:PORT or smtps://HOST:PORT
  bool requireStartTls = false;
  // PEM bundle of the CAs trusted to sign the mail server's certificate; empty: the system's
  // store. The certificate and the host name are always checked.
  std::string caFile;
  std::string user;
  std::string password;
  std::string from;
  long connectTimeoutSeconds = 10;
  long timeoutSeconds = 60;
};

struct SmtpOutcome {
  enum class Kind { sent, temporary, permanent };
  Kind kind = Kind::temporary;
  int code = 0;        // the SMTP reply code, 0 when the server was not reached
  std::string reason;  // the server's reply line, or what went wrong before it answered
};

// Sends one message with libcurl. Temporary: a 4xx reply, or no answer at all (connection
// refused, timeout); permanent: a 5xx reply. `cancel` aborts a transfer in flight (shutdown).
SmtpOutcome sendSmtp(const SmtpSettings& settings, const std::vector<std::string>& to,
                     const std::string& message, const std::atomic<bool>& cancel);

// Once per process, before any thread sends.
void initSmtp();

// Whether `caFile` (--smtp-ca-file) is a readable PEM file with at least one certificate; the
// problem in words an operator can act on, or empty.
std::string checkSmtpCaFile(const std::string& caFile);

}  // namespace delegate::server
