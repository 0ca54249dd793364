#include "server/authenticator.hpp"

#include "server/password_hash.hpp"
#include "server/secrets.hpp"

namespace delegate::server {

std::string lowerAscii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

SignInResult Authenticator::signIn(const std::string& userPrincipalName,
                                   const std::string& password, const std::string& clientAddress,
                                   const FindAccount& find) {
  SignInResult out;
  const std::string account = lowerAscii(userPrincipalName);
  if (auto wait = limiter_.begin(account, clientAddress); wait.count() > 0) {
    out.outcome = SignInResult::Outcome::heldOff;
    out.retryAfter = wait;
    return out;
  }
  std::optional<Account> found = find(account);
  std::optional<std::string> hash = found ? store_.passwordHash(found->userId) : std::nullopt;
  bool matches = false;
  if (hash)
    matches = verifyPassword(*hash, password);
  else
    verifyAgainstDummy(password);  // same time whether or not the account exists
  if (!matches) {                  // already counted by begin()
    out.outcome = SignInResult::Outcome::wrongCredentials;
    return out;
  }
  limiter_.succeeded(account, clientAddress);
  if (!found->enabled) {
    out.outcome = SignInResult::Outcome::disabled;
    return out;
  }
  if (found->multiFactor) {
    if (!secondFactor_) {
      out.outcome = SignInResult::Outcome::secondFactorUnavailable;
      return out;
    }
    out.challenge = secondFactor_->issueChallenge(found->userId);
    out.outcome = SignInResult::Outcome::secondFactorRequired;
    return out;
  }
  return startSession(found->userId, false);
}

SignInResult Authenticator::completeSignIn(const std::string& challenge, const std::string& code,
                                           const std::string& recoveryCode,
                                           const std::string& clientAddress) {
  SignInResult out;
  std::optional<std::string> userId =
      secondFactor_ ? secondFactor_->challengeUser(challenge) : std::nullopt;
  if (!userId) {
    out.outcome = SignInResult::Outcome::challengeExpired;
    return out;
  }
  const std::string key = "second-factor\n" + *userId;
  if (auto wait = limiter_.begin(key, clientAddress); wait.count() > 0) {
    out.outcome = SignInResult::Outcome::heldOff;
    out.retryAfter = wait;
    return out;
  }
  switch (secondFactor_->verify(*userId, code, recoveryCode)) {
    case SecondFactor::Check::accepted:
      break;
    case SecondFactor::Check::wrong:
      out.outcome = SignInResult::Outcome::wrongSecondFactor;
      return out;
    case SecondFactor::Check::notSetUp:
      out.outcome = SignInResult::Outcome::secondFactorUnavailable;
      return out;
  }
  limiter_.succeeded(key, clientAddress);
  secondFactor_->endChallenge(challenge);
  if (!accountActive(*userId)) {  // disabled between the password and the code
    out.outcome = SignInResult::Outcome::disabled;
    return out;
  }
  return startSession(*userId, true);
}

SignInResult Authenticator::startSession(const std::string& userId, bool multiFactor) {
  SignInResult out;
  out.secret = randomToken();
  AuthSession& s = out.session;
  s.kind = AuthSession::Kind::cookie;
  s.keyHash = sha256Hex(out.secret);
  s.userId = userId;
  s.csrf = randomToken(24);
  s.multiFactor = multiFactor;
  s.createdAt = now();
  s.expiresAt = s.createdAt + kSessionSeconds;
  if (Status st = store_.putSession(s); !st) {
    out.outcome = SignInResult::Outcome::storeFailed;
    out.error = st.error().message;
    return out;
  }
  out.outcome = SignInResult::Outcome::signedIn;
  return out;
}

Authenticator::PasswordCheck Authenticator::checkCurrentPassword(const std::string& userId,
                                                                 const std::string& password,
                                                                 const std::string& clientAddress) {
  PasswordCheck out;
  // Its own key space: a stolen session guessing the password is held off without touching the
  // owner's sign-in.
  const std::string key = "password-change\n" + userId;
  out.retryAfter = limiter_.begin(key, clientAddress);
  if (out.retryAfter.count() > 0) return out;
  std::optional<std::string> hash = store_.passwordHash(userId);
  out.matches = hash && verifyPassword(*hash, password);
  if (out.matches) limiter_.succeeded(key, clientAddress);
  return out;
}

std::optional<AuthSession> Authenticator::resolve(const PresentedCredential& presented) {
  if (presented.kind == PresentedCredential::Kind::none || presented.secret.empty() ||
      presented.secret.size() > 200)
    return std::nullopt;
  auto s = store_.findSession(sha256Hex(presented.secret), now());
  if (!s) return std::nullopt;
  // A cookie secret is not a bearer token and the other way round.
  bool bearer = presented.kind == PresentedCredential::Kind::bearer;
  if (bearer != (s->kind == AuthSession::Kind::token)) return std::nullopt;
  return s;
}

Result<std::pair<std::string, AuthSession>> Authenticator::issueToken(
    const std::string& userId, const std::string& scopeTenant, const std::string& name, int days,
    bool multiFactor) {
  std::string secret = randomToken();
  AuthSession s;
  s.kind = AuthSession::Kind::token;
  s.multiFactor = multiFactor;
  s.keyHash = sha256Hex(secret);
  s.userId = userId;
  s.scopeTenant = scopeTenant;
  s.name = name;
  s.tokenId = randomUuid();
  s.createdAt = now();
  s.expiresAt = s.createdAt + std::int64_t{days} * 86400;
  if (Status st = store_.putSession(s); !st) return st.error();
  return std::make_pair(secret, s);
}

Status Authenticator::signOut(const std::string& secret) {
  return store_.removeSession(sha256Hex(secret));
}

Status Authenticator::revokeToken(const std::string& userId, const std::string& tokenId) {
  for (const AuthSession& s : store_.tokensOf(userId, now()))
    if (s.tokenId == tokenId) return store_.removeSession(s.keyHash);
  return failure("no such token");
}

}  // namespace delegate::server
