#pragma once
// The read model the views draw from: a projection of the core's state for one viewer, flattened
// into rows (strings already formatted) so that tables of 10,000 clients draw without work per
// frame. Built from the core state by web/app/projection.cpp whenever the revision changes. It
// holds no rule: statuses, kinds and settings are the core's enums (their words and tones are the
// core's read model, core/read_model.hpp), and what a viewer may do comes from the core's
// authorize() through Access (below).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/read_model.hpp"

namespace delegate::web {

enum class TenantKind { Partner, Customer };

struct MUser {
  std::string id, tenantId, upn, displayName;
  bool enabled = true;
  bool mustChangePassword = false;
  bool multiFactor = false;  // an authenticator app is set up
  bool isAdmin = false;      // holds an admin directory role in its own tenant
  std::string roles;         // its directory roles, readable ("Global Administrator")
  PartnerAccess partnerAccess = PartnerAccess::none;  // partner users: the seed's setting
  std::string groups;                                 // partner users: group names
  std::string licenses;                               // customer users: products assigned
  std::vector<std::string> subscriptionIds;           // customer users: whose licenses they hold
};

struct MDomain {
  std::string tenantId, name;
  bool verified = false;
  bool isDefault = false;
  bool isInitial = false;
  std::string verificationRecord;  // e.g. TXT MS=ms12345678
};

struct MSubscription {
  std::string id, tenantId, product;
  int licenses = 0, assigned = 0;
  bool trial = false;
  std::string endDate;
};

struct MRelationship {
  std::string id, partnerId, customerId, partnerName, customerName;
  std::string displayName;
  bool granular = true;  // false: the seed's standing delegated-admin relationship (DAP)
  RelationshipStatus status = RelationshipStatus::created;  // as of now: the core's displayStatus
  RelationshipOperations ops;  // what the partner may do with it now: the core's answer
  std::vector<std::string> roleIds;
  std::string roles;       // readable list
  std::string duration;    // readable: "2 years (730 days)" (the core's durationLabel)
  std::string autoExtend;  // PT0S or P180D (Graph's form, for tests and tooltips)
  bool autoExtends = false;
  std::string created, activated, ends;  // readable dates ("" when none)
  std::int64_t endsAt = 0;               // seconds, for sorting
  std::string approvalLink;              // while approvalPending
  std::string declineReason;             // what the client said when it declined
  bool hasGlobalAdmin = false;
  int version = 0;
};

struct MAssignment {
  std::string id, relationshipId, groupId, groupName;
  AccessAssignmentStatus status = AccessAssignmentStatus::pending;
  std::vector<std::string> roleIds;
  std::string roles;
};

struct MGroup {
  std::string id, tenantId, name, description;
  std::vector<std::string> memberIds;
};

struct MOffer {
  std::string id;
  OfferKind kind = OfferKind::delegatedAdmin;
  std::string link;  // full URL when known (the token is shown once, when created)
  std::string product;
  int licenses = 0, trialDays = 0;
  std::string price;
  bool includesDelegatedAdmin = false;
  bool revoked = false;
  std::string created;
  int accepted = 0;
};

struct MAudit {
  std::uint64_t seq = 0;
  std::int64_t at = 0;
  std::string time, actor, actorTenant, onBehalfOf, targetTenant, action, target, reason;
  AuditOutcome outcome = AuditOutcome::allowed;
};

struct MNotification {
  std::string id, time, text;
  bool read = false;
};

struct MCustomer {
  std::string tenantId, name, defaultDomain;
  int users = 0;
  ClientStanding standing = ClientStanding::none;  // the best of its relationships (the core's)
  std::string ends;        // the earliest end of a relationship that grants access now
  bool noEndDate = false;  // it grants access with no end (the seed's standing grant)
  std::int64_t endsAt = 0;
  std::string myRoles;   // the viewer's effective roles there ("" = no access)
  bool canOpen = false;  // the viewer has any delegated access now
};

struct MGrant {  // one way a partner holds rights here: a standing grant or one relationship
  bool standing = false;  // the seed's delegated admin grant (no end), else a relationship
  std::string kind;       // "Delegated admin" or "Granular: <relationship name>"
  std::string roles;      // what it grants
  std::string since;      // activation date
  std::string until;      // end date, "" for none (a standing delegated grant)
};
struct MPartner {  // customer side: a partner with rights here
  std::string tenantId, name;
  std::vector<MGrant> grants;  // each its own row: a standing grant has no end, a relationship one
  std::vector<std::string> relationshipIds;
};

struct Model {
  std::uint64_t revision = 0;
  // Who is looking.
  std::string meId, meName, meUpn, tenantId, tenantName;
  TenantKind tenantKind = TenantKind::Partner;
  bool certified = false;
  bool requireMultiFactor = false;  // partner: its users act in clients only with a second factor
  bool meMultiFactor = false;       // the viewer has an authenticator app set up
  bool isAdmin = false;             // global admin of their own tenant
  PartnerAccess partnerAccess = PartnerAccess::none;  // partner users: their Full/Limited setting
  // Partner side.
  std::vector<MCustomer> customers;
  std::vector<MRelationship> relationships;  // partner: all of ours; customer: all with us
  std::vector<MAssignment> assignments;
  std::vector<MGroup> groups;
  std::vector<MOffer> offers;
  std::vector<MNotification> notifications;
  std::vector<MAudit> audit;
  std::vector<MUser> users;                  // the viewer's own tenant's users
  std::vector<MDomain> domains;              // own tenant
  std::vector<MSubscription> subscriptions;  // own tenant
  // Customer side.
  std::vector<MPartner> partners;
};

// A client's directory as the viewer may read it (built on demand: large partners have millions
// of client users).
struct ClientDirectory {
  bool loading = false;  // subscribed, and the first answer is on its way
  std::vector<MUser> users;
  std::vector<MDomain> domains;
  std::vector<MSubscription> subscriptions;
};

// A user of a client found by quick search (the core's searchClientUsers, on the server or in
// the sandbox): clients' directories are not in the browser until their workspace opens.
struct ClientUserMatch {
  std::string customerId, customerName, displayName, upn;
};

// What the viewer may do, asked of the core's authorize(). Views call it to enable or disable
// controls, with the core's reason shown on hover when disabled.
struct AccessAnswer {
  bool allowed = false;
  std::string reason;  // when refused: the first missing link, in words
};

// The chain behind an access decision (Explain access), in the core's words.
using ExplainStep = ExplanationStep;
struct Explanation {
  bool allowed = false;
  std::vector<ExplainStep> steps;
  std::string summary;
};

// What the public offer endpoint says about a link (who asks, what it grants).
struct OfferPreview {
  bool found = false;
  std::string error;
  // What the link asks for: an offer of this kind, or (none) a relationship's approval.
  std::optional<OfferKind> offerKind;
  std::string partnerId, partnerName, partnerDomain;
  std::string grants;  // readable: roles and what they allow
  std::vector<std::string> roleLines;
  std::string product, terms, duration;
  bool includesDelegatedAdmin = false;
};

}  // namespace delegate::web
