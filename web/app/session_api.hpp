#pragma once
// Signing in, signing up and changing one's password: what the app asks of wherever accounts
// live, beside the commands a Backend carries. The server answers over HTTP (HttpSession); the
// sandbox has no accounts but lets someone sign up through a trial link (SandboxBackend).
// HttpSession also asks what comes before a session: whether a server is there, who this
// browser is signed in as, and what a link someone opened asks for.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "web/app/backend.hpp"

namespace delegate::web {

class SessionApi {
 public:
  virtual ~SessionApi() = default;
  // A session for this person; `done` gets ok, or the error with the field it is about.
  virtual void signIn(const std::string& userPrincipalName, const std::string& password,
                      CommandDone done) = 0;
  // Ends the session (the answer changes nothing on this side: the app forgets it at once).
  virtual void signOut() = 0;
  virtual void changePassword(const std::string& current, const std::string& next,
                              CommandDone done) = 0;
  // Accepts a trial invitation as a new organization: `command` is cmd::signUpForTrial.
  virtual void signUp(const nlohmann::json& command, CommandDone done) = 0;
  // The second step of signing in: the challenge a right password earned (signIn's error
  // multiFactorCodeRequired carries it in body.error.details) and the app's code or a recovery
  // code.
  virtual void secondFactor(const std::string& challenge, const std::string& code,
                            bool recoveryCode, CommandDone done) = 0;
  // Setting up an authenticator app: the QR code and key, then the code that confirms it (the
  // answer holds the recovery codes).
  virtual void beginMultiFactorSetup(CommandDone done) = 0;
  virtual void confirmMultiFactorSetup(const std::string& code, CommandDone done) = 0;
};

// What GET /api/health answered: a Delegate server, or why the app runs without one.
struct ServerHello {
  bool reached = false;       // a Delegate server answered
  std::string name, version;  // its product
  std::string problem;        // when not reached: "no answer: ...", "GET /api/health answered 404"
};

// What GET /api/me answered about this browser's session.
enum class SessionCheck {
  signedIn,   // `body` is the answer (who, and the CSRF token), for ServerBackend::begin
  signedOut,  // 401: the sign-in screen
  noAccounts  // anything else (a server without accounts): the app without data
};
struct MeAnswer {
  SessionCheck check = SessionCheck::noAccounts;
  std::string body;
};

using PreviewDone = std::function<void(const OfferPreview&)>;

// The server's session routes: POST/DELETE /api/session, POST /api/me/password, and the
// sign-up command through POST /api/commands (anonymous); GET /api/health, /api/me, and the
// public previews of a link.
class HttpSession : public SessionApi {
 public:
  void hello(std::function<void(const ServerHello&)> done);
  void me(std::function<void(const MeAnswer&)> done);
  // An offer link (GET /api/offers/{token}) or a relationship's approval link
  // (GET /api/approvals/{id}?token=T): who asks, and for what. A refusal is the preview's error.
  void offerPreview(const std::string& token, PreviewDone done);
  void approvalPreview(const std::string& relationshipId, const std::string& token,
                       PreviewDone done);

  void signIn(const std::string& userPrincipalName, const std::string& password,
              CommandDone done) override;
  void signOut() override;
  void changePassword(const std::string& current, const std::string& next,
                      CommandDone done) override;
  void signUp(const nlohmann::json& command, CommandDone done) override;
  void secondFactor(const std::string& challenge, const std::string& code, bool recoveryCode,
                    CommandDone done) override;
  void beginMultiFactorSetup(CommandDone done) override;
  void confirmMultiFactorSetup(const std::string& code, CommandDone done) override;
};

}  // namespace delegate::web
