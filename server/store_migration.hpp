#pragma once
#include <cstdio>
#include <memory>
#include <string>

#include "server/failure.hpp"
#include "server/pg_event_store.hpp"

namespace delegate::server {

// --migrate-from DIR --store postgresql://...: copies the embedded store's event log
// (DIR/events.db) into an empty PostgreSQL store under the same store id (so DIR's keys and the
// browsers' synced revisions stay valid), then reads both back and checks that they hold the
// same events in the same order (so they fold to the same state); then copies DIR/auth.db's
// passwords, sessions, tokens and authenticators (see migrateCredentials). Returns the store.
Result<std::unique_ptr<PgEventStore>> migrateToPostgres(const std::string& dir,
                                                        const std::string& uri, std::FILE* out);

}  // namespace delegate::server
