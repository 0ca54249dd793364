#pragma once
// The demo world behind the server's --demo and the browser's sandbox: a large certified partner
// (Northwind Partners, 165 customers), a small one (Litware Consulting, 12), an uncertified one,
// customers with users and domains, relationships in every status, partner users with Full,
// Limited and no access and in security groups, offers, a trial sign-up, a purchase, and the
// notifications and audit trail all of that produced. Built through decide(), so every fact is
// one the rules allow. Deterministic: the same call gives the same events.
#include <string>
#include <string_view>
#include <vector>

#include "core/decide.hpp"

namespace delegate {

// A person to sign in as. Passwords are the server's business; the core only names them.
struct SignInName {
  std::string userPrincipalName;
  std::string displayName;
  std::string persona;  // who they are in the story, for a persona picker
  DELEGATE_FIELDS(userPrincipalName, displayName, persona)
};

struct DemoWorld {
  std::vector<Event> events;  // the log, audit records included
  State state;                // replay(events)
  Timestamp now;              // the world's present: 2026-11-28T12:00:00Z
  std::vector<SignInName> signIns;
  std::vector<IssuedSecret> secrets;  // offer links, approval links, temporary passwords issued
  std::vector<std::string> problems;  // decisions that did not go as scripted (empty when sound)
};

// With `offerLinkKey`, the demo offers' links are derived from their ids under that key (a
// server passes its own, so it can give those links again); without, they are fixed values.
DemoWorld buildDemoWorld(std::string_view offerLinkKey = {});

}  // namespace delegate
