#pragma once
// The authenticator-app factor: setting it up, checking a code or a recovery code, and the
// short-lived challenge that links a correct password to the code that must follow it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/multi_factor_store.hpp"

namespace delegate::server {

struct SecondFactorSetup {
  std::string secret;  // base32, as typed into an app by hand
  std::string uri;     // otpauth://, as scanned
};

class SecondFactor {
 public:
  static constexpr int kRecoveryCodes = 10;
  static constexpr std::int64_t kChallengeSeconds = 300;

  SecondFactor(MultiFactorStore& store, std::function<std::int64_t()> nowUnix)
      : store_(store), nowUnix_(std::move(nowUnix)) {}

  // A new secret for `userId` (replacing one being set up); `account` names it in the app.
  Result<SecondFactorSetup> beginSetup(const std::string& userId, const std::string& account);
  // The code shown for the secret being set up: it becomes the active one, and the recovery
  // codes (shown once) are returned. Nothing when the code is wrong or nothing is being set up.
  enum class Problem { noSetup, wrongCode, storeFailed };
  struct Confirmed {
    std::optional<Problem> problem;
    std::vector<std::string> recoveryCodes;
  };
  Confirmed confirmSetup(const std::string& userId, const std::string& code);

  // A code from the app (never one already accepted), or else an unused recovery code.
  enum class Check { accepted, wrong, notSetUp };
  Check verify(const std::string& userId, const std::string& code, const std::string& recoveryCode);
  int recoveryCodesLeft(const std::string& userId) { return store_.recoveryCodesLeft(userId); }

  // Challenges: issued after a correct password, redeemed with a code (on any server sharing
  // the store). The value is returned once; only its hash is kept.
  Result<std::string> issueChallenge(const std::string& userId);
  std::optional<std::string> challengeUser(const std::string& challenge);
  void endChallenge(const std::string& challenge);

 private:
  MultiFactorStore& store_;
  std::function<std::int64_t()> nowUnix_;
};

// Recovery codes are typed from paper: case, spaces and dashes do not matter.
std::string normalizeRecoveryCode(const std::string& code);

}  // namespace delegate::server
