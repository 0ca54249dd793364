#include "server/second_factor.hpp"

#include <sodium.h>

#include "server/secrets.hpp"
#include "server/totp.hpp"

namespace delegate::server {

namespace {

// Ten characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown as xxxxx-xxxxx.
std::string newRecoveryCode() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  }
  return code;
}

}  // namespace

std::string normalizeRecoveryCode(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

Result<SecondFactorSetup> SecondFactor::beginSetup(const std::string& userId,
                                                   const std::string& account) {
  std::string secret(totp::kSecretBytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  if (Status s = store_.putPending(userId, secret); !s) return s.error();
  SecondFactorSetup out;
  out.secret = totp::base32Encode(secret);
  out.uri = totp::provisioningUri(out.secret, "Delegate", account);
  return out;
}

SecondFactor::Confirmed SecondFactor::confirmSetup(const std::string& userId,
                                                   const std::string& code) {
  Confirmed out;
  std::optional<std::string> secret = store_.pending(userId);
  if (!secret) {
    out.problem = Problem::noSetup;
    return out;
  }
  std::optional<std::int64_t> step = totp::match(*secret, code, nowUnix_(), 0);
  if (!step) {
    out.problem = Problem::wrongCode;
    return out;
  }
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    out.recoveryCodes.push_back(newRecoveryCode());
    hashes.push_back(sha256Hex(normalizeRecoveryCode(out.recoveryCodes.back())));
  }
  if (!store_.activate(userId, *step, hashes)) {
    out.recoveryCodes.clear();
    out.problem = Problem::storeFailed;
  }
  return out;
}

SecondFactor::Check SecondFactor::verify(const std::string& userId, const std::string& code,
                                         const std::string& recoveryCode) {
  std::optional<ActiveSecondFactor> active = store_.active(userId);
  if (!active) return Check::notSetUp;
  if (!code.empty()) {
    std::optional<std::int64_t> step =
        totp::match(active->secret, code, nowUnix_(), active->lastStep);
    // consumeStep settles a race between two requests carrying the same code.
    return step && store_.consumeStep(userId, *step) ? Check::accepted : Check::wrong;
  }
  if (!recoveryCode.empty() &&
      store_.consumeRecoveryCode(userId, sha256Hex(normalizeRecoveryCode(recoveryCode)),
                                 nowUnix_()))
    return Check::accepted;
  return Check::wrong;
}

Result<std::string> SecondFactor::issueChallenge(const std::string& userId) {
  std::string value = randomToken();
  const std::int64_t now = nowUnix_();
  if (Status s = store_.putChallenge(sha256Hex(value), userId, now, now + kChallengeSeconds); !s)
    return s.error();
  return value;
}

std::optional<std::string> SecondFactor::challengeUser(const std::string& challenge) {
  if (challenge.empty() || challenge.size() > 200) return std::nullopt;
  return store_.challengeUser(sha256Hex(challenge), nowUnix_());
}

void SecondFactor::endChallenge(const std::string& challenge) {
  store_.endChallenge(sha256Hex(challenge));
}

}  // namespace delegate::server
