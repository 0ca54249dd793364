#include "web/app/app_state.hpp"

namespace delegate::web {

const char* sectionTitle(Section s) {
  switch (s) {
    case Section::Overview:
      return "Overview";
    case Section::Customers:
      return "Customers";
    case Section::Offers:
      return "Offers";
    case Section::Relationships:
      return "Relationships";
    case Section::PartnerUsers:
      return "Partner users";
    case Section::Activity:
      return "Activity";
    case Section::Explain:
      return "Explain access";
    case Section::Mail:
      return "Mail";
    case Section::Webhooks:
      return "Webhooks";
    case Section::Workspace:
      return "Customer workspace";
    case Section::CustomerHome:
      return "Home";
    case Section::Partners:
      return "Partners";
    case Section::MyUsers:
      return "Users";
    case Section::MyDomains:
      return "Domains";
    case Section::CustomerActivity:
      return "Activity";
    case Section::Accept:
      return "Review request";
    case Section::SignIn:
      return "Sign in";
    case Section::Settings:
      return "Settings";
  }
  return "";
}

const char* sectionId(Section s) {
  switch (s) {
    case Section::Overview:
      return "overview";
    case Section::Customers:
      return "customers";
    case Section::Offers:
      return "offers";
    case Section::Relationships:
      return "relationships";
    case Section::PartnerUsers:
      return "partner-users";
    case Section::Activity:
      return "activity";
    case Section::Explain:
      return "explain";
    case Section::Mail:
      return "mail";
    case Section::Webhooks:
      return "webhooks";
    case Section::Workspace:
      return "workspace";
    case Section::CustomerHome:
      return "customer-home";
    case Section::Partners:
      return "partners";
    case Section::MyUsers:
      return "my-users";
    case Section::MyDomains:
      return "my-domains";
    case Section::CustomerActivity:
      return "customer-activity";
    case Section::Accept:
      return "accept";
    case Section::SignIn:
      return "sign-in";
    case Section::Settings:
      return "settings";
  }
  return "";
}

}  // namespace delegate::web
