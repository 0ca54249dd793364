#include "server/pg_event_store.hpp"

#include "server/pg_schema.hpp"

namespace delegate::server {

namespace {

// A lock wait longer than this means another server is stuck: the batch is refused (503) and
// the clients retry, instead of piling up behind it.
constexpr const char* kLock =
    "BEGIN; SET LOCAL lock_timeout = '3s'; SELECT revision FROM delegate_head FOR UPDATE";
// Compare-and-append: the head moves only from the revision the batch was decided at.
constexpr const char* kInsert =
    "INSERT INTO delegate_events(revision, body) SELECT $1::bigint + t.i, t.b "
    "FROM unnest($2::text[]) WITH ORDINALITY AS t(b, i)";
constexpr const char* kMoveHead =
    "WITH moved AS (UPDATE delegate_head SET revision = $2 WHERE revision = $1 RETURNING "
    "revision) SELECT pg_notify('delegate_log', revision::text) FROM moved";

}  // namespace

Result<std::unique_ptr<PgEventStore>> PgEventStore::open(const std::string& uri,
                                                         const std::string& newStoreId) {
  std::unique_ptr<PgEventStore> store(new PgEventStore());
  auto writer = PgConnection::connect(uri);
  if (!writer) return writer.error();
  store->writer_ = std::move(writer.value());
  auto reader = PgConnection::connect(uri);
  if (!reader) return reader.error();
  store->reader_ = std::move(reader.value());
  store->description_ = store->writer_->describe();
  auto id = preparePgSchema(*store->writer_, newStoreId);
  if (!id) return id.error();
  store->storeId_ = id.value();
  auto head = store->latestHead();
  if (!head) return head.error();
  return store;
}

void PgEventStore::noteHead(std::uint64_t h) {
  std::uint64_t seen = head_.load();
  while (h > seen && !head_.compare_exchange_weak(seen, h)) {
  }
}

Result<std::uint64_t> PgEventStore::lockHead() {
  std::lock_guard lock(writeMutex_);
  if (locked_) return lockedHead_;
  // A connection lost since the last batch is made again here; the batch before it was
  // refused or failed, so nothing half-done is pending on it.
  if (!writer_->ensureConnected())
    return failure("PostgreSQL at " + description_ + " is unreachable: " + writer_->lastError());
  if (writer_->inTransaction()) (void)writer_->exec("ROLLBACK");
  auto row = writer_->exec(kLock);
  if (!row || row.value().rows() != 1) {
    std::string why = row ? "delegate_head has no row" : row.error().message;
    (void)writer_->exec("ROLLBACK");
    return failure("cannot lock the log's head: " + why);
  }
  lockedHead_ = static_cast<std::uint64_t>(row.value().integer(0, 0));
  locked_ = true;
  noteHead(lockedHead_);
  return lockedHead_;
}

void PgEventStore::unlockHead() {
  std::lock_guard lock(writeMutex_);
  if (!locked_) return;
  locked_ = false;
  (void)writer_->exec("ROLLBACK");
}

Result<std::uint64_t> PgEventStore::append(const std::vector<std::string>& bodies) {
  auto from = lockHead();
  if (!from) return from.error();
  std::lock_guard lock(writeMutex_);
  locked_ = false;
  auto abandon = [&](const std::string& why) -> Error {
    (void)writer_->exec("ROLLBACK");
    return failure("cannot append to the log at " + description_ + ": " + why);
  };
  const std::uint64_t expected = from.value();
  const std::uint64_t next = expected + bodies.size();
  if (!bodies.empty()) {
    auto put = writer_->exec(kInsert, {std::to_string(expected), pgTextArray(bodies)});
    if (!put) return abandon(put.error().message);
    auto moved = writer_->exec(kMoveHead, {std::to_string(expected), std::to_string(next)});
    if (!moved) return abandon(moved.error().message);
    if (moved.value().rows() != 1)
      return abandon("the head is no longer " + std::to_string(expected) +
                     " (another writer bypassed the lock)");
  }
  // COMMIT returns once the WAL is flushed (synchronous_commit on): the batch is durable, and
  // the NOTIFY reaches the other servers only now.
  if (auto done = writer_->exec("COMMIT"); !done)
    return failure("cannot commit to the log at " + description_ + ": " + done.error().message);
  noteHead(next);
  return next;
}

Status PgEventStore::readSince(std::uint64_t after, const Visitor& visit) {
  std::lock_guard lock(readMutex_);
  if (!reader_->ensureConnected())
    return failure("PostgreSQL at " + description_ + " is unreachable: " + reader_->lastError());
  // In pages, so a long log never sits in memory whole.
  constexpr int kPage = 10000;
  for (;;) {
    auto rows = reader_->exec(
        "SELECT revision, body FROM delegate_events WHERE revision > $1 ORDER BY revision "
        "LIMIT " +
            std::to_string(kPage),
        {std::to_string(after)});
    if (!rows)
      return failure("cannot read the log at " + description_ + ": " + rows.error().message);
    const PgResult& r = rows.value();
    for (int i = 0; i < r.rows(); ++i) {
      auto revision = static_cast<std::uint64_t>(r.integer(i, 0));
      if (revision != after + 1)
        return failure("the log at " + description_ + " has a gap after revision " +
                       std::to_string(after));
      after = revision;
      noteHead(revision);
      std::string body = r.text(i, 1);
      if (!visit(revision, body)) return Status{};
    }
    if (r.rows() < kPage) return Status{};
  }
}

Result<std::optional<PgStoredSnapshot>> PgEventStore::newestSnapshot() {
  std::lock_guard lock(readMutex_);
  if (!reader_->ensureConnected())
    return failure("PostgreSQL at " + description_ + " is unreachable: " + reader_->lastError());
  return readNewestSnapshot(*reader_);
}

Result<std::uint64_t> PgEventStore::latestHead() {
  std::lock_guard lock(readMutex_);
  if (!reader_->ensureConnected())
    return failure("PostgreSQL at " + description_ + " is unreachable: " + reader_->lastError());
  auto row = reader_->exec("SELECT revision FROM delegate_head");
  if (!row || row.value().rows() != 1)
    return failure("cannot read the log's head at " + description_ +
                   (row ? std::string(": no head row") : ": " + row.error().message));
  auto h = static_cast<std::uint64_t>(row.value().integer(0, 0));
  noteHead(h);
  return h;
}

}  // namespace delegate::server
