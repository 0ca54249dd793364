#include "server/store_check.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace delegate::server {

namespace {

struct FileContent {
  bool holdsData = false;  // any row of `dataTable` (an id alone is left by an interrupted start)
  std::string storeId;     // empty when the file has none (new, or made before ids were kept)
};

// Whether `path` holds anything, without creating or changing it.
Result<FileContent> peek(const std::string& path, const char* dataTable) {
  FileContent out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  auto fail = [&](const std::string& why) {
    sqlite3_close(db);
    return failure(path + " cannot be read as a store (" + why +
                   "). Restore the data folder from a backup, or point --data at another folder.");
  };
  if (rc != SQLITE_OK) return fail(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  auto tableExists = [&](const std::string& table) {
    sqlite3_stmt* st = nullptr;
    bool found = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1", -1,
                           &st, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
      found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
  };
  // The first read validates the header: a file that is not a database fails here.
  sqlite3_stmt* probe = nullptr;
  rc = sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sqlite_master", -1, &probe, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(probe) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db);
  sqlite3_finalize(probe);
  if (rc != SQLITE_OK) return fail(sqlite3_errmsg(db));
  if (tableExists("meta")) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='storeId'", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      out.storeId = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  if (tableExists(dataTable)) {
    sqlite3_stmt* st = nullptr;
    std::string sql = std::string("SELECT 1 FROM ") + dataTable + " LIMIT 1";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK)
      out.holdsData = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace

Status checkStoreIsWhole(const std::string& dataDir) {
  const std::string events = dataDir + "/events.db", auth = dataDir + "/auth.db";
  auto e = peek(events, "events");
  if (!e) return e.error();
  auto a = peek(auth, "credentials");
  if (!a) return a.error();
  const FileContent& log = e.value();
  const FileContent& credentials = a.value();
  const std::string restore =
      " Restore both files from the same backup, or move the data folder away to start a new, "
      "empty store.";
  if (log.holdsData && !credentials.holdsData)
    return failure("the store in " + dataDir + " is not whole: " + events +
                   " holds the event log but " + auth +
                   " is empty or missing, so nobody could sign in." + restore);
  if (credentials.holdsData && !log.holdsData)
    return failure("the store in " + dataDir + " is not whole: " + auth +
                   " holds passwords and sessions but " + events +
                   " is empty or missing; starting would create a new store beside old "
                   "credentials." +
                   restore);
  if (!log.storeId.empty() && !credentials.storeId.empty() && log.storeId != credentials.storeId)
    return failure("the store in " + dataDir + " is not whole: " + events + " belongs to store " +
                   log.storeId + " but " + auth + " to store " + credentials.storeId +
                   " (files copied from different stores)." + restore);
  return Status{};
}

}  // namespace delegate::server
