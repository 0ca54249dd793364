#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "server/auth_store.hpp"
#include "server/request_credentials.hpp"
#include "server/sign_in_limiter.hpp"

namespace delegate::server {

// What sign-in needs to know about a user principal name, looked up in the core's state.
struct Account {
  std::string userId;
  bool enabled = true;
};
using FindAccount = std::function<std::optional<Account>(const std::string& userPrincipalName)>;

struct SignInResult {
  enum class Outcome { signedIn, wrongCredentials, heldOff, disabled, storeFailed };
  Outcome outcome = Outcome::wrongCredentials;
  std::chrono::seconds retryAfter{0};  // heldOff: when to try again
  std::string secret;                  // signedIn: the cookie value, shown once
  AuthSession session;
  std::string error;  // storeFailed: why
};

// Sign-in, sessions and tokens: checks passwords, issues secrets, resolves presented ones.
class Authenticator {
 public:
  static constexpr std::int64_t kSessionSeconds = 12 * 3600;
  static constexpr int kDefaultTokenDays = 30;
  static constexpr int kMaxTokenDays = 365;

  Authenticator(AuthStore& store, SignInLimiter& limiter, std::function<std::int64_t()> nowUnix)
      : store_(store), limiter_(limiter), nowUnix_(std::move(nowUnix)) {}

  SignInResult signIn(const std::string& userPrincipalName, const std::string& password,
                      const std::string& clientAddress, const FindAccount& find);

  // The live session or token behind what the client presented, if any.
  std::optional<AuthSession> resolve(const PresentedCredential& presented);

  // A bearer token for `userId`; the secret is returned once and only its hash is kept.
  Result<std::pair<std::string, AuthSession>> issueToken(const std::string& userId,
                                                         const std::string& scopeTenant,
                                                         const std::string& name, int days);
  Status signOut(const std::string& secret);
  Status revokeToken(const std::string& userId, const std::string& tokenId);
  std::int64_t now() const { return nowUnix_(); }
  AuthStore& store() { return store_; }

 private:
  AuthStore& store_;
  SignInLimiter& limiter_;
  std::function<std::int64_t()> nowUnix_;
};

std::string lowerAscii(std::string text);

}  // namespace delegate::server
