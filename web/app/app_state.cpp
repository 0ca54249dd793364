#include "web/app/app_state.hpp"

namespace delegate::web {

const char* sectionTitle(Section s) {
  switch (s) {
    case Section::Overview: return "Overview";
    case Section::Customers: return "Customers";
    case Section::Offers: return "Offers";
    case Section::Relationships: return "Relationships";
    case Section::PartnerUsers: return "Partner users";
    case Section::Activity: return "Activity";
  }
  return "";
}

const char* sectionId(Section s) {
  switch (s) {
    case Section::Overview: return "overview";
    case Section::Customers: return "customers";
    case Section::Offers: return "offers";
    case Section::Relationships: return "relationships";
    case Section::PartnerUsers: return "partner-users";
    case Section::Activity: return "activity";
  }
  return "";
}

}  // namespace delegate::web
