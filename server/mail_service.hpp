#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/retry.hpp"
#include "server/delivery_loop.hpp"
#include "server/live_domain.hpp"
#include "server/mail_store.hpp"
#include "server/revision_signal.hpp"
#include "server/smtp_sender.hpp"

namespace delegate::server {

struct MailConfig {
  SmtpSettings smtp;
  std::string publicUrl;      // links in messages start with it
  RetryPolicy retry;          // core/retry.hpp: shared with webhooks
  std::int64_t pollMs = 250;  // how often new outbox messages are looked for
};

// After a temporary failure at `nowMs` (the try began at `triedMs`): retrying when the core's
// retry policy says, or failed once it gives up. `row.attempts` already counts this try.
void afterTemporaryFailure(MailDelivery& row, const MailConfig& config, std::int64_t triedMs,
                           std::int64_t nowMs, const std::string& reason);

// Delivers the core's outbox over SMTP from one background thread: request workers never wait
// for a mail server. Each message gets a row in the MailStore (durably, before its first try)
// and keeps its Message-ID across tries and restarts.
class MailService {
 public:
  MailService(MailConfig config, MailStore& store, LiveDomain& domain, RevisionSignal& durable,
              std::string storeId);
  ~MailService();

  void start();
  void stop();

  // Makes a failed (or waiting) message due now, with a fresh 48 h window. Empty when there is
  // no such row; the row otherwise.
  std::optional<MailDelivery> retryNow(std::uint64_t emailId);
  const MailConfig& config() const { return config_; }

  static std::int64_t nowMs() { return DeliveryLoop::nowMs(); }

 private:
  void pass();
  void enqueueNew();
  void deliver(MailDelivery row);
  std::string messageIdFor(std::uint64_t emailId) const;

  MailConfig config_;
  MailStore& store_;
  LiveDomain& domain_;
  RevisionSignal& durable_;
  std::string storeId_;

  DeliveryLoop loop_;
};

}  // namespace delegate::server
