#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/failure.hpp"

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

// Password hashes, sessions and tokens. SqliteAuthStore keeps them in `auth.db` beside the
// embedded event log (one server); PgAuthStore in the shared PostgreSQL store, so a session made
// on one server works on every other and a sign-out anywhere ends it everywhere. An error means
// the store could not be asked (answer 503), never "no such session".
class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // Marks the credentials as part of the store `storeId` (the event log's id), so files copied
  // from two stores are told apart at the next start. Fails if they belong to another store.
  virtual Status adoptStoreId(const std::string& storeId) = 0;

  virtual Status setPasswordHash(const std::string& userId, const std::string& hash) = 0;
  // Many at once, in one transaction (seeding hundreds of users).
  virtual Status setPasswordHashes(
      const std::vector<std::pair<std::string, std::string>>& userIdAndHash) = 0;
  virtual Result<std::optional<std::string>> passwordHash(const std::string& userId) = 0;

  virtual Status putSession(const AuthSession& session) = 0;
  // The live session for `keyHash`; expired ones are dropped on sight.
  virtual Result<std::optional<AuthSession>> findSession(const std::string& keyHash,
                                                         std::int64_t now) = 0;
  virtual Status removeSession(const std::string& keyHash) = 0;
  // Ends every session and token of a user (after a password reset or when the user goes).
  Status removeSessionsOfUser(const std::string& userId) {
    return removeSessionsOfUserExcept(userId, {});
  }
  // The same but keeps the one session or token whose key hash is `keep` (the one in use when a
  // person changes their own password).
  virtual Status removeSessionsOfUserExcept(const std::string& userId, const std::string& keep) = 0;
  virtual Result<std::vector<AuthSession>> tokensOf(const std::string& userId,
                                                    std::int64_t now) = 0;
};

}  // namespace delegate::server
