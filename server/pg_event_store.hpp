#pragma once
#include <atomic>
#include <memory>
#include <mutex>

#include "server/event_store.hpp"
#include "server/pg_connection.hpp"
#include "server/pg_snapshots.hpp"

namespace delegate::server {

// The shared store: one ordered event log in PostgreSQL that several delegate-servers append to
// (see EventStore::lockHead). Tables:
//   delegate_meta(key, value)            application=delegate, schema_version, store_id
//   delegate_events(revision PK, body)   the log, revisions 1..head without gaps
//   delegate_head(revision)              one row: the head, locked by the appending server
// Every commit sends NOTIFY delegate_log with the new head (see PgChangeFeed).
class PgEventStore final : public EventStore {
 public:
  static constexpr const char* kChannel = "delegate_log";

  // Connects, and on an empty database creates the schema (`newStoreId` is used then). Refuses
  // a database written by a newer schema or one that is not Delegate's.
  static Result<std::unique_ptr<PgEventStore>> open(const std::string& uri,
                                                    const std::string& newStoreId);

  Result<std::uint64_t> append(const std::vector<std::string>& bodies) override;
  Status readSince(std::uint64_t after, const Visitor& visit) override;
  std::uint64_t head() const override { return head_.load(); }
  const std::string& storeId() const override { return storeId_; }
  Result<std::uint64_t> lockHead() override;
  void unlockHead() override;
  Result<std::uint64_t> latestHead() override;

  // The newest stored snapshot of the state (delegate_snapshots), if any, not yet checked.
  Result<std::optional<PgStoredSnapshot>> newestSnapshot();

  // user@host:port/db (never the password).
  const std::string& description() const { return description_; }

 private:
  PgEventStore() = default;
  void noteHead(std::uint64_t h);

  std::mutex writeMutex_;  // the committer's connection (holds the lock between calls)
  std::unique_ptr<PgConnection> writer_;
  std::uint64_t lockedHead_ = 0;
  bool locked_ = false;
  std::mutex readMutex_;  // reads from any thread, never waiting behind a held lock
  std::unique_ptr<PgConnection> reader_;
  std::atomic<std::uint64_t> head_{0};
  std::string storeId_;
  std::string description_;
};

}  // namespace delegate::server
