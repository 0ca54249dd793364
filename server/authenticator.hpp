#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "server/auth_store.hpp"
#include "server/request_credentials.hpp"
#include "server/second_factor.hpp"
#include "server/sign_in_limiter.hpp"

namespace delegate::server {

// What sign-in needs to know about a user principal name, looked up in the core's state.
struct Account {
  std::string userId;
  bool enabled = true;
  bool multiFactor = false;  // an authenticator app is set up: a code must follow the password
};
using FindAccount = std::function<std::optional<Account>(const std::string& userPrincipalName)>;

struct SignInResult {
  enum class Outcome {
    signedIn,
    wrongCredentials,
    heldOff,
    disabled,
    storeFailed,
    secondFactorRequired,     // the password is right; a code must follow (see `challenge`)
    wrongSecondFactor,        // the code or recovery code is not right (or was used already)
    challengeExpired,         // the challenge is unknown or too old: sign in again
    secondFactorUnavailable,  // the core says one is set up but this server has no secret for it
  };
  Outcome outcome = Outcome::wrongCredentials;
  std::chrono::seconds retryAfter{0};  // heldOff: when to try again
  std::string secret;                  // signedIn: the cookie value, shown once
  std::string challenge;               // secondFactorRequired: redeem it with the code
  AuthSession session;
  std::string error;  // storeFailed: why
};

// Sign-in, sessions and tokens: checks passwords, issues secrets, resolves presented ones.
class Authenticator {
 public:
  static constexpr std::int64_t kSessionSeconds = 12 * 3600;
  static constexpr int kDefaultTokenDays = 30;
  static constexpr int kMaxTokenDays = 365;

  // `accountActive` says whether a user id still names an enabled account (the core's state);
  // without it every account counts as active.
  Authenticator(AuthStore& store, SignInLimiter& limiter, std::function<std::int64_t()> nowUnix,
                std::function<bool(const std::string& userId)> accountActive = nullptr)
      : store_(store),
        limiter_(limiter),
        nowUnix_(std::move(nowUnix)),
        accountActive_(std::move(accountActive)) {}

  // Without it, an account with a second factor cannot sign in (secondFactorUnavailable).
  void useSecondFactor(SecondFactor& secondFactor) { secondFactor_ = &secondFactor; }
  SecondFactor* secondFactor() { return secondFactor_; }

  // The limit check, the password check and the count are one step (see SignInLimiter::begin).
  SignInResult signIn(const std::string& userPrincipalName, const std::string& password,
                      const std::string& clientAddress, const FindAccount& find);
  // The second step for an account with an authenticator app: the challenge from signIn and a
  // code (or a recovery code). Wrong codes are limited like wrong passwords, in their own key
  // space per user.
  SignInResult completeSignIn(const std::string& challenge, const std::string& code,
                              const std::string& recoveryCode, const std::string& clientAddress);

  // The current-password check of a password change, limited like sign-in (per user and
  // address). Zero wait and true: the password is right.
  struct PasswordCheck {
    bool matches = false;
    std::chrono::seconds retryAfter{0};  // > 0: not checked, try again then
    std::string problem;                 // not empty: the store could not be asked
  };
  PasswordCheck checkCurrentPassword(const std::string& userId, const std::string& password,
                                     const std::string& clientAddress);

  // Whether the user behind a session may still be served: checked on every request, so a
  // disabled or deleted user's sessions and tokens stop working at once.
  bool accountActive(const std::string& userId) const {
    return !accountActive_ || accountActive_(userId);
  }

  // The live session or token behind what the client presented, if any; an error when the store
  // could not be asked (answer 503, not 401: the session may well be alive).
  Result<std::optional<AuthSession>> resolve(const PresentedCredential& presented);

  // A bearer token for `userId`; the secret is returned once and only its hash is kept.
  // `multiFactor`: minted from a session that was signed in with a second factor.
  Result<std::pair<std::string, AuthSession>> issueToken(const std::string& userId,
                                                         const std::string& scopeTenant,
                                                         const std::string& name, int days,
                                                         bool multiFactor = false);
  Status signOut(const std::string& secret);
  Status revokeToken(const std::string& userId, const std::string& tokenId);
  std::int64_t now() const { return nowUnix_(); }
  AuthStore& store() { return store_; }

 private:
  AuthStore& store_;
  SignInLimiter& limiter_;
  std::function<std::int64_t()> nowUnix_;
  std::function<bool(const std::string&)> accountActive_;
  SecondFactor* secondFactor_ = nullptr;

  SignInResult startSession(const std::string& userId, bool multiFactor);
};

std::string lowerAscii(std::string text);

}  // namespace delegate::server
