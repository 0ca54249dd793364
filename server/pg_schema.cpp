#include "server/pg_schema.hpp"

namespace delegate::server {

namespace {

// Serializes first starts: two servers starting on an empty database create the tables once.
constexpr const char* kSetupLock = "SELECT pg_advisory_xact_lock(7240717312)";

// kSteps[i] makes schema version i + 1 from version i.
constexpr const char* kSteps[kPgSchemaVersion] = {
    R"sql(
CREATE TABLE delegate_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE delegate_events (revision bigint PRIMARY KEY, body text NOT NULL);
CREATE TABLE delegate_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  revision bigint NOT NULL);
INSERT INTO delegate_head(revision) VALUES (0);
)sql",
    // Secrets are kept as SHA-256 hashes (sessions, tokens, challenges, recovery codes) or
    // sealed with each server's mfa.key (authenticator secrets), as in auth.db.
    R"sql(
CREATE TABLE delegate_credentials (user_id text PRIMARY KEY, hash text NOT NULL);
CREATE TABLE delegate_sessions (
  key_hash text PRIMARY KEY, kind text NOT NULL, user_id text NOT NULL, csrf text NOT NULL,
  scope_tenant text NOT NULL, name text NOT NULL, token_id text NOT NULL,
  created_at bigint NOT NULL, expires_at bigint NOT NULL, multi_factor boolean NOT NULL);
CREATE INDEX delegate_sessions_user ON delegate_sessions(user_id);
CREATE INDEX delegate_sessions_expiry ON delegate_sessions(expires_at);
CREATE TABLE delegate_second_factors (
  user_id text PRIMARY KEY, pending text, active text, last_step bigint NOT NULL DEFAULT 0);
CREATE TABLE delegate_recovery_codes (
  user_id text NOT NULL, code_hash text NOT NULL, used_at bigint,
  PRIMARY KEY (user_id, code_hash));
CREATE TABLE delegate_challenges (
  key_hash text PRIMARY KEY, user_id text NOT NULL, expires_at bigint NOT NULL);
CREATE INDEX delegate_challenges_expiry ON delegate_challenges(expires_at);
CREATE TABLE delegate_sign_in (key text PRIMARY KEY, state text NOT NULL,
                               touched_at bigint NOT NULL);
CREATE INDEX delegate_sign_in_touched ON delegate_sign_in(touched_at);
)sql",
    // The core state folded up to `revision`, so a starting server folds only the events after
    // it (see PgSnapshotKeeper). `core_schema` is the core's kSchemaVersion when it was written.
    R"sql(
CREATE TABLE delegate_snapshots (
  revision bigint PRIMARY KEY, core_schema integer NOT NULL, body text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now());
-- Stored out of line but not compressed: pglz on hundreds of megabytes costs more than the disk.
ALTER TABLE delegate_snapshots ALTER COLUMN body SET STORAGE EXTERNAL;
)sql"};

// Runs the steps from version `from` up to kPgSchemaVersion and records the new version.
Status upgrade(PgConnection& db, int from) {
  for (int v = from; v < kPgSchemaVersion; ++v)
    if (auto made = db.exec(kSteps[v]); !made)
      return failure("cannot upgrade the store to schema version " + std::to_string(v + 1) + ": " +
                     made.error().message);
  if (from == 0) return Status{};
  auto put = db.exec("UPDATE delegate_meta SET value = $1 WHERE key = 'schema_version'",
                     {std::to_string(kPgSchemaVersion)});
  if (!put) return put.error();
  return Status{};
}

Result<std::string> prepareLocked(PgConnection& db, const std::string& newStoreId) {
  const int version = kPgSchemaVersion;
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
    if (Status made = upgrade(db, 0); !made) return made.error();
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
  if (found < version)
    if (Status upgraded = upgrade(db, static_cast<int>(found)); !upgraded) return upgraded.error();
  return storeId;
}

}  // namespace

Result<std::string> preparePgSchema(PgConnection& db, const std::string& newStoreId) {
  if (auto begun = db.exec("BEGIN"); !begun) return begun.error();
  if (auto locked = db.exec(kSetupLock); !locked) {
    (void)db.exec("ROLLBACK");
    return locked.error();
  }
  Result<std::string> id = prepareLocked(db, newStoreId);
  if (!id) {
    (void)db.exec("ROLLBACK");
    return id.error();
  }
  if (auto done = db.exec("COMMIT"); !done) return done.error();
  return id;
}

}  // namespace delegate::server
