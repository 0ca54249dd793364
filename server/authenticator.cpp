#include "server/authenticator.hpp"

#include "server/password_hash.hpp"
#include "server/secrets.hpp"

namespace delegate::server {

std::string lowerAscii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

namespace {

// Whether the limiter holds the attempt off (or could not be asked); `out` then says so.
bool heldOff(const Result<std::chrono::seconds>& wait, SignInResult& out) {
  if (!wait) {
    out.outcome = SignInResult::Outcome::storeFailed;
    out.error = wait.error().message;
    return true;
  }
  if (wait.value().count() == 0) return false;
  out.outcome = SignInResult::Outcome::heldOff;
  out.retryAfter = wait.value();
  return true;
}

SignInResult storeFailed(const Error& e) {
  SignInResult out;
  out.outcome = SignInResult::Outcome::storeFailed;
  out.error = e.message;
  return out;
}

}  // namespace

SignInResult Authenticator::signIn(const std::string& userPrincipalName,
                                   const std::string& password, const std::string& clientAddress,
                                   const FindAccount& find) {
  SignInResult out;
  const std::string account = lowerAscii(userPrincipalName);
  if (heldOff(limiter_.begin(account, clientAddress), out)) return out;
  std::optional<Account> found = find(account);
  Result<std::optional<std::string>> hash = std::optional<std::string>();
  if (found) hash = store_.passwordHash(found->userId);
  if (!hash) return storeFailed(hash.error());
  bool matches = false;
  if (hash.value())
    matches = verifyPassword(*hash.value(), password);
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
    auto challenge = secondFactor_->issueChallenge(found->userId);
    if (!challenge) return storeFailed(challenge.error());
    out.challenge = std::move(challenge.value());
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
  if (heldOff(limiter_.begin(key, clientAddress), out)) return out;
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
  if (Status st = store_.putSession(s); !st) return storeFailed(st.error());
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
  auto wait = limiter_.begin(key, clientAddress);
  if (!wait) {
    out.problem = wait.error().message;
    return out;
  }
  out.retryAfter = wait.value();
  if (out.retryAfter.count() > 0) return out;
  auto hash = store_.passwordHash(userId);
  if (!hash) {
    out.problem = hash.error().message;
    return out;
  }
  out.matches = hash.value() && verifyPassword(*hash.value(), password);
  if (out.matches) limiter_.succeeded(key, clientAddress);
  return out;
}

Result<std::optional<AuthSession>> Authenticator::resolve(const PresentedCredential& presented) {
  if (presented.kind == PresentedCredential::Kind::none || presented.secret.empty() ||
      presented.secret.size() > 200)
    return std::optional<AuthSession>();
  auto s = store_.findSession(sha256Hex(presented.secret), now());
  if (!s || !s.value()) return s;
  // A cookie secret is not a bearer token and the other way round.
  bool bearer = presented.kind == PresentedCredential::Kind::bearer;
  if (bearer != (s.value()->kind == AuthSession::Kind::token)) return std::optional<AuthSession>();
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
  auto tokens = store_.tokensOf(userId, now());
  if (!tokens) return tokens.error();
  for (const AuthSession& s : tokens.value())
    if (s.tokenId == tokenId) return store_.removeSession(s.keyHash);
  return failure("no such token");
}

}  // namespace delegate::server
