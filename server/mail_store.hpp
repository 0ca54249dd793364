#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/failure.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

// Where one outbox message stands in delivery.
enum class MailStatus { queued, retrying, sent, failed };
const char* mailStatusName(MailStatus s);

struct MailDelivery {
  std::uint64_t emailId = 0;  // the core's outbox id
  std::string tenantId;       // whose message it is (who may see its status)
  std::string messageId;      // the Message-ID header, the same on every try
  MailStatus status = MailStatus::queued;
  int attempts = 0;
  std::int64_t createdMs = 0;      // server clock when queued: the Date header
  std::int64_t windowStartMs = 0;  // temporary failures are retried until 48 h after this
  std::int64_t nextAttemptMs = 0;
  std::int64_t sentMs = 0;
  std::string lastError;  // the SMTP server's answer (or why it could not be reached)
};

// The delivery queue, in `mail.db` beside the event log (like auth.db: a separate file, so
// delivery bookkeeping never waits behind the event log's writer). The outbox itself stays in the
// core's state; a row here only says how far its delivery got. A row is marked sent only after
// the SMTP server accepted the message, so a crash in between sends it again (at-least-once).
class MailStore {
 public:
  static Result<std::unique_ptr<MailStore>> open(const std::string& dataDir);

  // The highest outbox id already considered; empty on a store that never delivered mail.
  std::optional<std::uint64_t> cursor();
  // Queues `rows` and moves the cursor to `through`, in one transaction.
  Status enqueue(const std::vector<MailDelivery>& rows, std::uint64_t through);

  // Queued or retrying rows whose next attempt is due at `nowMs`, oldest due first.
  std::vector<MailDelivery> due(std::int64_t nowMs, std::size_t limit);
  // When the next row falls due, if any row waits.
  std::optional<std::int64_t> nextDueMs();
  Status update(const MailDelivery& row);
  std::optional<MailDelivery> find(std::uint64_t emailId);
  // The rows of one tenant, newest first (at most `limit`).
  std::vector<MailDelivery> ofTenant(const std::string& tenantId, std::size_t limit);

 private:
  explicit MailStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  static MailDelivery rowFrom(SqliteStatement& st);

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
};

}  // namespace delegate::server
