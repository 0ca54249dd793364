#pragma once
#include <string>

namespace delegate::web {

enum class Section { Overview, Customers, Offers, Relationships, PartnerUsers, Activity };

enum class Connection { Connecting, Connected, Sandbox };

// What the app knows about the world (filled from the server, or the local sandbox).
struct AppState {
  Connection connection = Connection::Connecting;
  std::string serverName;
  std::string serverVersion;
  std::string sandboxReason;  // why no server answered, for the tooltip
};

// What only this browser tab cares about: where the person is looking.
struct UiState {
  Section section = Section::Overview;
};

const char* sectionTitle(Section s);
const char* sectionId(Section s);  // stable id for tests and links, e.g. "customers"

}  // namespace delegate::web
