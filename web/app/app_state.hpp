#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "web/app/sync.hpp"

namespace delegate::web {

enum class Section {
  // partner side
  Overview,
  Customers,
  Offers,
  Relationships,
  PartnerUsers,
  Activity,
  Explain,
  Mail,       // administrators: delivery of the organization's messages
  Webhooks,   // partner administrators: endpoints and their delivery log
  Workspace,  // one client, acting on its behalf
  // customer side
  CustomerHome,
  Partners,
  MyUsers,
  MyDomains,
  CustomerActivity,
  // both
  Accept,  // an offer or approval link
  SignIn,
  Settings,
};

// Where the app gets its data.
enum class Connection { Connecting, Connected, Sandbox };

const char* sectionTitle(Section s);
const char* sectionId(Section s);  // stable id for tests and links, e.g. "customers"

}  // namespace delegate::web
