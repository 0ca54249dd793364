#include "server/pg_snapshots.hpp"

#include "core/json_forms.hpp"
#include "server/json_writer.hpp"
#include "server/snapshot_writer.hpp"

namespace delegate::server {

Result<std::optional<PgStoredSnapshot>> readNewestSnapshot(PgConnection& db) {
  auto row = db.exec(
      "SELECT revision, core_schema, body FROM delegate_snapshots ORDER BY revision DESC LIMIT 1");
  if (!row) return failure("cannot read the newest snapshot: " + row.error().message);
  if (row.value().rows() == 0) return std::optional<PgStoredSnapshot>{};
  PgStoredSnapshot s;
  s.revision = static_cast<std::uint64_t>(row.value().integer(0, 0));
  s.coreSchema = static_cast<int>(row.value().integer(0, 1));
  s.body = row.value().text(0, 2);
  return std::optional<PgStoredSnapshot>(std::move(s));
}

Status writeSnapshot(PgConnection& db, std::uint64_t revision, const std::string& body) {
  const std::string rev = std::to_string(revision);
  auto put = db.exec(
      "INSERT INTO delegate_snapshots(revision, core_schema, body) VALUES ($1, $2, $3) "
      "ON CONFLICT (revision) DO NOTHING",
      {rev, std::to_string(kSchemaVersion), body});
  if (!put)
    return failure("cannot store the snapshot at revision " + rev + ": " + put.error().message);
  auto pruned = db.exec(
      "DELETE FROM delegate_snapshots WHERE revision < (SELECT min(revision) FROM (SELECT "
      "revision FROM delegate_snapshots ORDER BY revision DESC LIMIT 2) AS newest)");
  if (!pruned) return failure("cannot drop old snapshots: " + pruned.error().message);
  return Status{};
}

Result<LoadedSnapshot> decodeSnapshot(const PgStoredSnapshot& stored, std::uint64_t head) {
  const std::string at = "the snapshot at revision " + std::to_string(stored.revision);
  if (stored.coreSchema != kSchemaVersion)
    return failure(at + " was written for core schema " + std::to_string(stored.coreSchema) +
                   ", this server reads " + std::to_string(kSchemaVersion));
  if (stored.revision > head)
    return failure(at + " is ahead of the log's head " + std::to_string(head));
  Result<State> state = decodeState(stored.body);
  if (!state) return failure(at + " does not decode: " + state.error().message);
  return LoadedSnapshot{stored.revision, std::move(state.value())};
}

std::string encodeSnapshotBody(const State& state) {
  JsonWriter out;
  writeState(out, state);
  return std::move(out.text());
}

}  // namespace delegate::server
