#pragma once
// Signing in, signing up and changing one's password: what the app asks of wherever accounts
// live, beside the commands a Backend carries. The server answers over HTTP (HttpSession); the
// sandbox has no accounts but lets someone sign up through a trial link (SandboxBackend).
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

// The server's session routes: POST/DELETE /api/session, POST /api/me/password, and the
// sign-up command through POST /api/commands (anonymous).
class HttpSession : public SessionApi {
 public:
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
