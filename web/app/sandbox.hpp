#pragma once
#include <memory>
#include <string>
#include <vector>

#include "web/app/backend.hpp"
#include "web/app/session_api.hpp"

namespace delegate::web {

// Sandbox mode: the core runs in the browser on a seeded demo world kept in localStorage, seen
// through one of a few personas.
class SandboxBackend : public Backend, public SessionApi {
 public:
  SandboxBackend();
  ~SandboxBackend() override;
  // Loads the saved world, or seeds the demo world; returns a problem to show ("" when fine).
  std::string load();
  // A benchmark world of `clients` customers (not saved); reports the time to apply it as an
  // initial sync would (JSON text -> state -> read model).
  std::string loadBench(int clients, double* applyMs);
  std::string benchDetail() const;
  const Model& model() const override;
  void submit(const nlohmann::json& command, const std::string& actingTenant,
              CommandDone done) override;
  AccessAnswer can(const std::string& action, const std::string& customerId,
                   const std::string& targetUserId) const override;
  Explanation explain(const std::string& userId, const std::string& customerId,
                      const std::string& action) const override;

  const ClientDirectory& directory(const std::string& customerId) const override;
  const std::vector<ClientUserMatch>& findClientUsers(const std::string& query) const override;
  void focus(const std::string& customerId) override;
  void tick(double nowMs) override;
  const UserPager* pagedUsers(const std::string& customerId) const override;
  void showUserRows(const std::string& customerId, const UserRowsQuery& query, std::size_t first,
                    std::size_t last, double nowMs) override;
  std::vector<std::string> personaLabels() const;
  int persona() const;
  void setPersona(int index);
  // When opened on an offer link: look as the customer admin who would accept it.
  void selectPersonaForAccept();
  void reset();
  // Once, after the world could not be saved (storage full): what to tell the person.
  std::string takeSaveProblem();
  // Someone without an account accepts a trial invitation; the new admin becomes a persona.
  void signUp(const nlohmann::json& command, CommandDone done) override;
  // The sandbox has no accounts: people switch personas instead.
  void signIn(const std::string& userPrincipalName, const std::string& password,
              CommandDone done) override;
  void signOut() override {}
  void changePassword(const std::string& current, const std::string& next,
                      CommandDone done) override;
  void secondFactor(const std::string& challenge, const std::string& code, bool recoveryCode,
                    CommandDone done) override;
  void beginMultiFactorSetup(CommandDone done) override;
  void confirmMultiFactorSetup(const std::string& code, CommandDone done) override;
  // What an offer token or relationship approval link asks for.
  OfferPreview preview(const std::string& token, const std::string& relationshipId) const;
  std::string exportJson() const;
  std::string importJson(const std::string& text);  // "" when loaded

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace delegate::web
