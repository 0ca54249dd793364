#include "server/mail_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/mail.hpp"
#include "server/mime_message.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kEnqueueBatch = 1000;  // outbox messages taken into the queue per pass
constexpr std::size_t kSendBatch = 8;        // sends per pass, so new messages are seen between

const EmailMessage* findEmail(const State& s, std::uint64_t id) {
  auto it = std::lower_bound(s.outbox.begin(), s.outbox.end(), id,
                             [](const EmailMessage& m, std::uint64_t v) { return m.id.value < v; });
  return it != s.outbox.end() && it->id.value == id ? &*it : nullptr;
}

std::string domainOf(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

void afterTemporaryFailure(MailDelivery& row, const MailConfig& config, std::int64_t triedMs,
                           std::int64_t nowMs, const std::string& reason) {
  row.lastError = reason;
  std::optional<std::int64_t> next =
      nextRetryAtMs(config.retry, row.attempts, row.windowStartMs, triedMs, nowMs);
  if (!next) {
    row.status = MailStatus::failed;
    row.lastError = "Gave up after 48 hours of temporary failures; the last: " + reason;
    return;
  }
  row.status = MailStatus::retrying;
  row.nextAttemptMs = *next;
}

MailService::MailService(MailConfig config, MailStore& store, LiveDomain& domain,
                         RevisionSignal& durable, std::string storeId)
    : config_(std::move(config)),
      store_(store),
      domain_(domain),
      durable_(durable),
      storeId_(std::move(storeId)) {}

MailService::~MailService() {
  stop();
}

void MailService::start() {
  loop_.start(
      config_.pollMs, [this] { pass(); }, [this] { return store_.nextDueMs(); });
}

void MailService::stop() {
  loop_.stop();
}

std::string MailService::messageIdFor(std::uint64_t emailId) const {
  // Unique per store and message, and derived from them: every try carries the same one.
  return "delegate." + std::to_string(emailId) + "." + storeId_.substr(0, 8) + "@" +
         domainOf(config_.smtp.from);
}

std::optional<MailDelivery> MailService::retryNow(std::uint64_t emailId) {
  std::optional<MailDelivery> row = store_.find(emailId);
  if (!row || row->status == MailStatus::sent) return std::nullopt;
  row->status = row->status == MailStatus::failed ? MailStatus::queued : row->status;
  row->nextAttemptMs = nowMs();
  row->windowStartMs = row->nextAttemptMs;
  if (!store_.update(*row)) return std::nullopt;
  loop_.kick();
  return row;
}

void MailService::enqueueNew() {
  struct Pending {
    std::uint64_t id;
    std::string tenant;
  };
  std::optional<std::uint64_t> cursor = store_.cursor();
  std::uint64_t through = 0, applied = 0;
  std::vector<Pending> pending;
  domain_.read([&](const State& s, std::uint64_t rev) {
    applied = rev;
    if (!cursor) {
      // The first start with mail: what the outbox held before stays undelivered (no flood of
      // old news); everything after is sent.
      through = s.nextEmailId - 1;
      return 0;
    }
    through = *cursor;
    auto it =
        std::upper_bound(s.outbox.begin(), s.outbox.end(), *cursor,
                         [](std::uint64_t v, const EmailMessage& m) { return v < m.id.value; });
    for (; it != s.outbox.end() && pending.size() < kEnqueueBatch; ++it) {
      pending.push_back({it->id.value, it->tenantId.str()});
      through = it->id.value;
    }
    return 0;
  });
  if (cursor && pending.empty()) return;
  // Only messages whose events are on disk: a batch that failed to commit sends nothing.
  if (!durable_.waitDurable(applied, std::chrono::steady_clock::now() + std::chrono::seconds(1)))
    return;
  const std::int64_t now = nowMs();
  std::vector<MailDelivery> rows;
  for (const Pending& p : pending) {
    MailDelivery d;
    d.emailId = p.id;
    d.tenantId = p.tenant;
    d.messageId = messageIdFor(p.id);
    d.createdMs = d.windowStartMs = d.nextAttemptMs = now;
    rows.push_back(std::move(d));
  }
  if (Status s = store_.enqueue(rows, through); !s)
    std::fprintf(stderr, "delegate-server: mail queue: %s\n", s.error().message.c_str());
}

void MailService::deliver(MailDelivery row) {
  std::optional<EmailMessage> email = domain_.read([&](const State& s, std::uint64_t) {
    const EmailMessage* m = findEmail(s, row.emailId);
    return m ? std::optional<EmailMessage>(*m) : std::nullopt;
  });
  const std::int64_t now = nowMs();
  row.attempts += 1;
  if (!email) {
    row.status = MailStatus::failed;
    row.lastError = "The message is no longer in the outbox.";
    if (Status s = store_.update(row); !s.ok())
      std::fprintf(stderr, "delegate-server: mail queue: %s\n", s.error().message.c_str());
    return;
  }
  MimeEnvelope env{config_.smtp.from, email->to, row.messageId, row.createdMs / 1000};
  const std::string mime = composeMime(env, renderMail(*email, config_.publicUrl));
  SmtpOutcome out = sendSmtp(config_.smtp, email->to, mime, loop_.stopping());
  if (loop_.stopping() && out.kind != SmtpOutcome::Kind::sent)
    return;  // not a failure: tried again
  const std::int64_t done = nowMs();
  row.lastError = out.reason;
  switch (out.kind) {
    case SmtpOutcome::Kind::sent:
      row.status = MailStatus::sent;
      row.sentMs = done;
      break;
    case SmtpOutcome::Kind::permanent:
      row.status = MailStatus::failed;
      break;
    case SmtpOutcome::Kind::temporary:
      afterTemporaryFailure(row, config_, now, done, out.reason);
      break;
  }
  if (Status s = store_.update(row); !s)
    std::fprintf(stderr, "delegate-server: mail queue: %s\n", s.error().message.c_str());
}

void MailService::pass() {
  enqueueNew();
  for (MailDelivery& row : store_.due(nowMs(), kSendBatch)) {
    if (loop_.stopping()) return;
    deliver(std::move(row));
  }
}

}  // namespace delegate::server
