#pragma once
#include <memory>
#include <mutex>

#include "server/event_store.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

// The embedded store: `events.db` (SQLite, WAL, synchronous=FULL) in a data folder.
class SqliteEventStore final : public EventStore {
 public:
  // Opens or creates the store in `dataDir` (created if missing). `newStoreId` is used only when
  // the store is created.
  static Result<std::unique_ptr<SqliteEventStore>> open(const std::string& dataDir,
                                                        const std::string& newStoreId);

  Result<std::uint64_t> append(const std::vector<std::string>& bodies) override;
  Status readSince(std::uint64_t after, const Visitor& visit) override;
  std::uint64_t head() const override;
  const std::string& storeId() const override { return storeId_; }

  // SQLite's own consistency check, plus the log's: revisions 1..head without gaps.
  Status checkIntegrity();
  // Folds the WAL into the main file (done on a clean shutdown so the next start is quick).
  Status checkpoint();

 private:
  explicit SqliteEventStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  mutable std::mutex mutex_;  // one connection, used by the committer and by startup reads
  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteStatement> insert_;
  std::uint64_t head_ = 0;
  std::string storeId_;
};

}  // namespace delegate::server
