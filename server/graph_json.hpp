#pragma once
// Microsoft Graph's JSON shapes of our entities (field names, enum values, @odata.etag), so an
// existing Graph client reads them unchanged.
#include <nlohmann/json.hpp>
#include <string>

#include "core/state.hpp"

namespace delegate::server {

nlohmann::json graphRelationship(const Relationship& r);
nlohmann::json graphAccessAssignment(const AccessAssignment& a);
nlohmann::json graphUser(const User& u);
nlohmann::json graphDomain(const Domain& d);
nlohmann::json graphGroup(const Group& g);  // a security group, as Graph shows one
nlohmann::json graphRoles(RoleSet roles);   // [{"roleDefinitionId": ...}]

// A weak etag over the entity's Graph form: it changes whenever anything in it changes, and
// needs no version counter in the core.
std::string etagOf(const nlohmann::json& graphForm);

// Adds "@odata.etag" to a Graph form (computed before the field is added).
nlohmann::json withEtag(nlohmann::json graphForm);

}  // namespace delegate::server
