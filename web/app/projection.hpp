#pragma once
// Turns the core's state (the whole world in the sandbox, the principal's view from the server)
// into the read model of one viewer, and answers the views' questions through the core's
// authorize(). Never decides anything itself.
#include <array>
#include <map>
#include <string>

#include "core/authorize.hpp"
#include "core/scopes.hpp"
#include "core/state.hpp"
#include "web/app/model.hpp"
#include "web/app/row_memo.hpp"

namespace delegate::web {

// Secrets this browser saw when they were issued (links are shown from them; the core keeps only
// hashes).
struct KnownSecrets {
  std::map<std::string, std::string> offerTokens;     // offer id -> token
  std::map<std::string, std::string> approvalTokens;  // relationship id -> token
};

class Projection {
 public:
  // Rebuilds the model for `me` from the state. linkBase: origin (+ "/#" in the sandbox).
  // `clients`: the core's summary of each other organization (core clientSummaries()), which the
  // Customers list shows.
  void rebuild(const State& s, UserId me, const KnownSecrets& secrets, const std::string& linkBase,
               std::uint64_t revision, const std::vector<ClientSummary>& clients);
  const Model& model() const { return model_; }
  AccessAnswer can(const State& s, const std::string& action, const std::string& customerId,
                   const std::string& targetUserId) const;
  Explanation explain(const State& s, const std::string& userId, const std::string& customerId,
                      const std::string& action) const;
  // A client's directory, built when first asked for at this revision.
  const ClientDirectory& directory(const State& s, const std::string& customerId) const;

 private:
  // What a relationship's row is made of: the entity, the names it shows, and what time makes of
  // it (its status and the operations allowed now).
  struct RelationshipInputs {
    Relationship relationship;
    std::string partnerName, customerName;
    RelationshipStatus shown = RelationshipStatus::created;
    std::array<bool, 6> operations{};
    std::string approvalToken;
    bool operator==(const RelationshipInputs& o) const {
      return relationship == o.relationship && partnerName == o.partnerName &&
             customerName == o.customerName && shown == o.shown && operations == o.operations &&
             approvalToken == o.approvalToken;
    }
  };
  struct AssignmentInputs {
    AccessAssignment assignment;
    std::string groupName;
    bool operator==(const AssignmentInputs& o) const {
      return assignment == o.assignment && groupName == o.groupName;
    }
  };
  void addRelationshipRow(std::vector<MRelationship>& out, const State& s, const Relationship& r,
                          Timestamp now, const KnownSecrets& secrets, const std::string& linkBase);

  Model model_;
  RowMemo<TenantId, ClientSummary, MCustomer> customerRows_;
  RowMemo<RelationshipId, RelationshipInputs, MRelationship> relationshipRows_;
  RowMemo<AccessAssignmentId, AssignmentInputs, MAssignment> assignmentRows_;
  std::string linkBase_;
  UserId me_;
  TenantId myTenant_;
  mutable std::map<std::string, ClientDirectory> directories_;
  mutable std::uint64_t directoriesRevision_ = ~std::uint64_t(0);
};

// A client's user as its users table shows it (a page's rows, read apart from directory()).
MUser clientUserRow(const State& s, const User& u);

// Quick search's rows for the core's hits; `s` names their clients.
std::vector<ClientUserMatch> clientUserMatches(const State& s,
                                               const std::vector<ClientUserHit>& hits);

std::string formatDate(Timestamp t);          // 2026-11-28
std::string formatDateTime(Timestamp t);      // 2026-11-28 12:00
std::string formatPrice(std::int64_t cents);  // $12.50

}  // namespace delegate::web
