#include "server/credential_migration.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <vector>

#include "server/sqlite_auth_store.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

namespace {

// One table's copy: what to read from auth.db and how to insert it (each column is passed as a
// text[]; an empty string stands for NULL where the target says NULLIF).
struct TableCopy {
  const char* name;  // for messages
  const char* select;
  int columns;
  const char* insert;
  const char* count;
};

const TableCopy kTables[] = {
    {"password hashes", "SELECT user_id, hash FROM credentials", 2,
     "INSERT INTO delegate_credentials(user_id, hash) SELECT * FROM unnest($1::text[], "
     "$2::text[])",
     "SELECT count(*) FROM delegate_credentials"},
    {"sessions and tokens",
     "SELECT key_hash, kind, user_id, csrf, scope_tenant, name, token_id, created_at, "
     "expires_at, multi_factor FROM sessions",
     10,
     "INSERT INTO delegate_sessions(key_hash, kind, user_id, csrf, scope_tenant, name, token_id, "
     "created_at, expires_at, multi_factor) SELECT a, b, c, d, e, f, g, h::bigint, i::bigint, "
     "j <> '0' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], "
     "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS t(a, b, c, d, e, f, g, h, "
     "i, j)",
     "SELECT count(*) FROM delegate_sessions"},
    {"authenticators",
     "SELECT user_id, coalesce(pending, ''), coalesce(active, ''), last_step FROM "
     "second_factors",
     4,
     "INSERT INTO delegate_second_factors(user_id, pending, active, last_step) SELECT a, "
     "NULLIF(b, ''), NULLIF(c, ''), d::bigint FROM unnest($1::text[], $2::text[], $3::text[], "
     "$4::text[]) AS t(a, b, c, d)",
     "SELECT count(*) FROM delegate_second_factors"},
    {"recovery codes",
     "SELECT user_id, code_hash, coalesce(CAST(used_at AS TEXT), '') FROM recovery_codes", 3,
     "INSERT INTO delegate_recovery_codes(user_id, code_hash, used_at) SELECT a, b, "
     "NULLIF(c, '')::bigint FROM unnest($1::text[], $2::text[], $3::text[]) AS t(a, b, c)",
     "SELECT count(*) FROM delegate_recovery_codes"},
};

// Copies one table; the number of rows.
Result<std::int64_t> copyTable(SqliteDb& source, PgConnection& target, const TableCopy& t) {
  SqliteStatement rows(source, t.select);
  if (!rows.valid()) return std::int64_t{0};  // auth.db from before this table existed
  std::vector<std::vector<std::string>> columns(static_cast<std::size_t>(t.columns));
  int rc;
  while ((rc = rows.step()) == SQLITE_ROW)
    for (int c = 0; c < t.columns; ++c) columns[c].push_back(rows.columnText(c));
  if (rc != SQLITE_DONE)
    return failure("auth.db (" + std::string(t.name) + "): " + source.lastError());
  const auto n = static_cast<std::int64_t>(columns[0].size());
  if (n == 0) return n;
  std::vector<std::string> params;
  for (const auto& column : columns) params.push_back(pgTextArray(column));
  if (auto put = target.exec(t.insert, params); !put) return put.error();
  auto counted = target.exec(t.count);
  if (!counted) return counted.error();
  if (counted.value().integer(0, 0) != n)
    return failure("copying " + std::string(t.name) + " gave " +
                   std::to_string(counted.value().integer(0, 0)) + " rows for " +
                   std::to_string(n));
  return n;
}

}  // namespace

Status migrateCredentials(const std::string& dir, PgConnection& target, std::FILE* out) {
  std::error_code ec;
  if (!std::filesystem::exists(dir + "/auth.db", ec)) return Status{};
  // Brings an old auth.db's tables up to date before reading them.
  if (auto upgraded = SqliteAuthStore::open(dir); !upgraded) return upgraded.error();
  auto source = SqliteDb::open(dir + "/auth.db");
  if (!source) return source.error();
  if (auto begun = target.exec("BEGIN"); !begun) return begun.error();
  std::string copied;
  for (const TableCopy& t : kTables) {
    auto n = copyTable(*source.value(), target, t);
    if (!n) {
      (void)target.exec("ROLLBACK");
      return failure("cannot copy " + dir + "/auth.db: " + n.error().message +
                     "; drop the database and migrate again");
    }
    copied += (copied.empty() ? "" : ", ") + std::to_string(n.value()) + " " + t.name;
  }
  if (auto done = target.exec("COMMIT"); !done) return done.error();
  std::fprintf(out, "Copied %s from %s/auth.db\n", copied.c_str(), dir.c_str());
  return Status{};
}

}  // namespace delegate::server
