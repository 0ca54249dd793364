#pragma once
#include <cstdio>
#include <string>

#include "server/failure.hpp"
#include "server/pg_connection.hpp"

namespace delegate::server {

// Part of --migrate-from DIR: copies DIR/auth.db (password hashes, sessions and tokens,
// authenticators and recovery codes) into the shared store's tables in one transaction, then
// counts both sides. Sessions and tokens keep working (their secrets' hashes move as they are);
// authenticator secrets move sealed, so every server needs DIR's mfa.key. Challenges and
// sign-in counts are short-lived and not copied. Nothing to copy when DIR has no auth.db.
Status migrateCredentials(const std::string& dir, PgConnection& target, std::FILE* out);

}  // namespace delegate::server
