#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/policy.hpp"
#include "web/app/app_state.hpp"
#include "web/app/intents.hpp"
#include "web/app/mail_panel.hpp"
#include "web/app/model.hpp"
#include "web/app/webhooks_panel.hpp"
#include "web/ui/overlays.hpp"
#include "web/ui/table.hpp"
#include "web/ui/theme.hpp"

namespace delegate::web {

// Errors of one form: per field (by the core's error target) and for the form as a whole.
struct FormState {
  std::map<std::string, std::string> fieldErrors;
  std::string error;
  bool busy = false;
  int succeeded = 0;  // bumps on each success (views clear their inputs when it changes)
  // The error of a field, by the core's target name (or any of its aliases).
  std::string fieldError(const std::string& field, const std::string& alias = "",
                         const std::string& alias2 = "") const {
    for (const std::string* k : {&field, &alias, &alias2}) {
      if (k->empty()) continue;
      auto it = fieldErrors.find(*k);
      if (it != fieldErrors.end()) return it->second;
    }
    return {};
  }
  // For one-field forms: any error of the form belongs next to its field.
  std::string onlyFieldError(const std::string& field, const std::string& alias = "") const {
    std::string e = fieldError(field, alias);
    if (!e.empty()) return e;
    if (!error.empty()) return error;
    return fieldErrors.empty() ? std::string() : fieldErrors.begin()->second;
  }
};

// A value shown once (temporary password, new offer link) in a modal with a copy button.
struct ShownOnce {
  std::string title, label, value, note, testId;
};

struct BulkState {
  bool open = false;
  bool running = false;
  std::string title;
  std::vector<nlohmann::json> commands;
  std::vector<std::string> labels;
  std::vector<std::string> results;  // "" pending, else the outcome text
  std::vector<int> outcome;          // 0 pending, 1 ok, 2 failed
  size_t next = 0;
  bool waiting = false;
};

// Inputs of the screens' forms, kept between frames.
struct Forms {
  // sign-in
  std::string signInUpn, signInPassword;
  // sign-in, second step: the challenge the right password earned, and the code typed
  std::string signInChallenge, signInCode;
  bool signInWithRecoveryCode = false;
  // setting up an authenticator app (Settings): what the server made, then the recovery codes
  // shown once
  std::string mfaSecret, mfaUri, mfaCode;
  std::vector<std::string> mfaQrRows, mfaRecoveryCodes;
  // own password
  std::string passwordCurrent, passwordNew, passwordConfirm;
  // The password just used to sign in, kept only until the first view shows whether it is a
  // temporary one to replace (then it is not asked again); never shown in a field.
  std::string temporaryPassword;
  // workspace: add user
  bool addUserOpen = false;
  std::string addUserUpn, addUserName;
  // workspace: add domain
  std::string addDomainName;
  // editing a user's display name: one dialog, opened from any users table
  std::string editUserId, editUserTenant, editUserForm, editUserUpn, editUserName;
  int editUserSeen = 0;  // the form's success count when the dialog opened
  bool editUserFocus = false;
  // workspace licenses: the subscription whose users are listed
  std::string licenseSubscriptionId;
  ui::TableState licenseUsersTable;
  // own users (customer side)
  bool myAddUserOpen = false;
  std::string myUserUpn, myUserName;
  std::string myDomainName;
  // offers: trial / purchase
  int offerKind = 0;  // 0 trial, 1 purchase
  int offerProduct = 0;
  std::string offerLicenses = "10", offerDays = "30", offerPrice = "12.50";
  bool offerIncludeDap = true;
  // relationship wizard
  bool wizardOpen = false;
  int wizardStep = 0;
  std::string relName, relCustomerId;
  std::string relCustomerSearch;  // the client picker's search
  std::string relRoleSearch;      // the role picker's search
  std::string wizardError;        // why Next was refused, shown next to what is missing
  std::vector<bool> relRoles;
  int relDurationDays = static_cast<int>(policy::kMaxDuration.days());  // the longest allowed
  bool relAutoExtend = false;
  // access assignment
  std::string assignRelationshipId;
  int assignGroup = 0;
  std::vector<bool> assignRoles;
  // explain access
  int explainUser = 0, explainCustomer = 0, explainAction = 0;
  // activity filters
  std::string auditActor, auditClient, auditAction;
  int auditOutcome = 0, auditPeriod = 0;
  // partner users: selected user / group
  std::string selectedUserId, selectedGroupId;
  std::string accessYesFor;  // user whose "Yes" is picked but no level yet
  std::string newGroupName;
  int addMemberIndex = 0;
  // accept screen
  std::string acceptToken;
  std::string acceptRelationshipId;
  std::string acceptApprovalToken;
  std::string declineReason;  // what the customer tells the partner when declining a request
  std::string signUpOrg, signUpPrefix, signUpUserName, signUpName, signUpPassword;
};

struct UiState {
  Section section = Section::Overview;
  std::string customerId;   // Workspace: which client
  int workspaceTab = 0;     // users, domains, licenses, devices
  int offersTab = 0;        // delegated admin, trials & purchases
  int partnerUsersTab = 0;  // users, groups
  std::string selectedRelationshipId;
  ThemeMode theme = ThemeMode::Light;
  ui::Toasts toasts;
  std::optional<ui::ConfirmSpec> confirm;
  std::shared_ptr<IntentList> confirmThen;
  std::optional<AccessCheck> confirmGate;  // closes the dialog when the right is gone
  ui::QuickSearchState quick;
  std::map<std::string, FormState> forms;
  std::optional<ShownOnce> shownOnce;
  BulkState bulk;
  Forms f;
  // Tables.
  ui::TableState customersTable, relationshipsTable, auditTable, partnerUsersTable, groupsTable;
  ui::TableState clientUsersTable, myUsersTable, partnersTable, expiringTable;
  bool notificationsOpen = false;
  MailPanel mail;          // the Mail screen (loaded by the app)
  WebhooksPanel webhooks;  // the Webhooks screen (loaded by the app)
  // The Mail screen's list: sort and keyboard cursor.
  ui::TableState mailTable;
  // Accept screen: what the link asks for (loaded by the app), and the outcome.
  OfferPreview preview;
  std::string previewFor;  // token or relationship id the preview belongs to
  bool previewLoading = false;
  std::string acceptOutcome;  // "accepted", "declined" once answered
  const FormState& form(const std::string& id) const {
    static const FormState empty;
    auto it = forms.find(id);
    return it == forms.end() ? empty : it->second;
  }
};

}  // namespace delegate::web
