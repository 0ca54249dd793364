#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/failure.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

// A sign-in that lasts: a browser session (cookie + CSRF token) or a bearer token for scripts.
// Who the user is and what they may do always comes from the core's state at request time; this
// only says which user presented the secret.
struct AuthSession {
  enum class Kind { cookie, token };
  Kind kind = Kind::cookie;
  std::string keyHash;  // SHA-256 of the secret the client presents; the secret is not kept
  std::string userId;
  std::string csrf;            // cookie sessions: echoed by the client in X-CSRF-Token
  std::string scopeTenant;     // tokens: the one customer tenant it acts in; empty for none
  std::string name;            // tokens: a label the user chose
  std::string tokenId;         // tokens: a public id to list and revoke it by
  bool multiFactor = false;    // signed in with a second factor (tokens: minted from such a one)
  std::int64_t createdAt = 0;  // unix seconds
  std::int64_t expiresAt = 0;  // unix seconds
};

// Password hashes and sessions, in `auth.db` beside the event log (a separate file so sign-ins
// never wait behind the event log's writer). Sessions are cached in memory for fast lookups.
class AuthStore {
 public:
  static Result<std::unique_ptr<AuthStore>> open(const std::string& dataDir);

  // Marks auth.db as part of the store `storeId` (the event log's id), so files copied from two
  // stores are told apart at the next start (see checkStoreIsWhole). Fails if it already
  // belongs to another store that has credentials.
  Status adoptStoreId(const std::string& storeId);

  Status setPasswordHash(const std::string& userId, const std::string& hash);
  // Many at once, in one transaction (seeding hundreds of users).
  Status setPasswordHashes(const std::vector<std::pair<std::string, std::string>>& userIdAndHash);
  std::optional<std::string> passwordHash(const std::string& userId);

  Status putSession(const AuthSession& session);
  // The live session for `keyHash`; expired ones are dropped on sight.
  std::optional<AuthSession> findSession(const std::string& keyHash, std::int64_t now);
  Status removeSession(const std::string& keyHash);
  // Ends every session and token of a user (after a password reset or when the user goes).
  Status removeSessionsOfUser(const std::string& userId);
  // The same but keeps the one session or token whose key hash is `keep` (the one in use when a
  // person changes their own password).
  Status removeSessionsOfUserExcept(const std::string& userId, const std::string& keep);
  std::vector<AuthSession> tokensOf(const std::string& userId, std::int64_t now);
  std::size_t sessionCount();

 private:
  explicit AuthStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status loadSessions();
  Status upgradeSchema();

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
  std::unordered_map<std::string, AuthSession> sessions_;
};

}  // namespace delegate::server
