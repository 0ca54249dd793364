#include "server/pg_schema.hpp"

namespace delegate::server {

namespace {

// Serializes first starts: two servers starting on an empty database create the tables once.
constexpr const char* kSetupLock = "SELECT pg_advisory_xact_lock(7240717312)";

constexpr const char* kCreate = R"sql(
CREATE TABLE delegate_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE delegate_events (revision bigint PRIMARY KEY, body text NOT NULL);
CREATE TABLE delegate_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision bigint NOT NULL);
INSERT INTO delegate_head(revision) VALUES (0);
)sql";

Result<std::string> prepareLocked(PgConnection& db, int version, const std::string& newStoreId) {
  const std::string where = db.describe();
  auto meta = db.exec("SELECT to_regclass('delegate_meta') IS NOT NULL");
  if (!meta) return meta.error();
  if (meta.value().text(0, 0) != "t") {
    auto tables = db.exec("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
    if (!tables) return tables.error();
    if (std::int64_t n = tables.value().integer(0, 0); n > 0)
      return failure("the database " + where + " is not a Delegate store: it holds " +
                     std::to_string(n) +
                     " other table(s). Give Delegate a database of its own (createdb "
                     "delegate) and point --store at it.");
    if (auto made = db.exec(kCreate); !made) return made.error();
    auto put = db.exec(
        "INSERT INTO delegate_meta(key, value) VALUES ('application', 'delegate'), "
        "('schema_version', $1), ('store_id', $2)",
        {std::to_string(version), newStoreId});
    if (!put) return put.error();
    return newStoreId;
  }
  auto rows = db.exec("SELECT key, value FROM delegate_meta");
  if (!rows) return rows.error();
  std::string application, schema, storeId;
  for (int i = 0; i < rows.value().rows(); ++i) {
    const std::string key = rows.value().text(i, 0);
    if (key == "application") application = rows.value().text(i, 1);
    if (key == "schema_version") schema = rows.value().text(i, 1);
    if (key == "store_id") storeId = rows.value().text(i, 1);
  }
  if (application != "delegate" || storeId.empty())
    return failure("the database " + where +
                   " is not a Delegate store (its delegate_meta table does not say "
                   "application = delegate). Point --store at Delegate's own database.");
  const long found = std::strtol(schema.c_str(), nullptr, 10);
  if (found > version)
    return failure("the store " + where + " has schema version " + schema +
                   ", written by a newer delegate-server; this one knows up to version " +
                   std::to_string(version) + ". Upgrade this server (never downgrade a store).");
  if (found < 1)
    return failure("the store " + where + " has no valid schema_version ('" + schema +
                   "'). Restore it from a backup.");
  return storeId;
}

}  // namespace

Result<std::string> preparePgSchema(PgConnection& db, int version, const std::string& newStoreId) {
  if (auto begun = db.exec("BEGIN"); !begun) return begun.error();
  if (auto locked = db.exec(kSetupLock); !locked) {
    (void)db.exec("ROLLBACK");
    return locked.error();
  }
  Result<std::string> id = prepareLocked(db, version, newStoreId);
  if (!id) {
    (void)db.exec("ROLLBACK");
    return id.error();
  }
  if (auto done = db.exec("COMMIT"); !done) return done.error();
  return id;
}

}  // namespace delegate::server
