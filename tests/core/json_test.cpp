// JSON forms: exact round-trips, Graph field names, and strict decoding with precise errors.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "core/json_forms.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;
using nlohmann::json;

namespace {

template <class V, std::size_t... I>
void roundTripEveryAlternative(std::index_sequence<I...>) {
  auto one = [](auto tag) {
    using Alt = typename decltype(tag)::type;
    V value = Alt{};
    INFO(Alt::kType);
    std::string text;
    if constexpr (std::is_same_v<V, Command>) {
      text = encodeCommand(value);
      auto back = decodeCommand(text);
      REQUIRE(back.ok());
      CHECK(back.value() == value);
    } else {
      text = encodeEvent(value);
      auto back = decodeEvent(text);
      REQUIRE(back.ok());
      CHECK(back.value() == value);
    }
  };
  (one(std::common_type<std::variant_alternative_t<I, V>>{}), ...);
}

std::string codeOf(const Result<Command>& r) {
  return r.ok() ? "ok" : r.error().code;
}

}  // namespace

TEST_CASE("every command and event type round-trips") {
  roundTripEveryAlternative<Command>(std::make_index_sequence<std::variant_size_v<Command>>{});
  roundTripEveryAlternative<Event>(std::make_index_sequence<std::variant_size_v<Event>>{});
}

TEST_CASE("a command's JSON uses Graph names and round-trips with values") {
  CreateRelationship c;
  c.displayName = "Contoso support";
  c.customerTenantId = TenantId(*Guid::parse("11111111-2222-3333-4444-555555555555"));
  c.accessDetails.unifiedRoles = {Role::userAdministrator, Role::helpdeskAdministrator};
  c.duration = Duration::ofDays(730);
  c.autoExtendDuration = Duration::ofDays(180);
  json j = toJson(Command{c});
  CHECK(j["type"] == "createRelationship");
  CHECK(j["schemaVersion"] == 1);
  CHECK(j["duration"] == "P730D");
  CHECK(j["autoExtendDuration"] == "P180D");
  CHECK(j["accessDetails"]["unifiedRoles"][0]["roleDefinitionId"] ==
        "fe930be7-5e62-47db-91af-98c3a49a38b1");
  auto back = commandFromJson(j);
  REQUIRE(back.ok());
  CHECK(std::get<CreateRelationship>(back.value()) == c);
}

TEST_CASE("decoding refuses malformed commands precisely") {
  auto err = [](std::string_view text) { return decodeCommand(text); };
  CHECK(codeOf(err("not json")) == "invalidRequest");
  CHECK(codeOf(err("[]")) == "invalidRequest");
  CHECK(codeOf(err(R"({"type":"addUser","userPrincipalName":"a@b.com","displayName":"A"})")) ==
        "invalidRequest");  // no schemaVersion
  CHECK(codeOf(err(R"({"schemaVersion":2,"type":"addUser"})")) == "unsupportedSchemaVersion");
  CHECK(codeOf(err(R"({"schemaVersion":1,"type":"launchRockets"})")) == "unknownCommandType");
  CHECK(codeOf(err(R"({"schemaVersion":1})")) == "invalidRequest");

  auto missing = err(R"({"schemaVersion":1,"type":"addUser","userPrincipalName":"a@b.com"})");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().target == "displayName");
  CHECK(missing.error().message == "Field 'displayName' is missing.");

  auto unknown = err(
      R"({"schemaVersion":1,"type":"addUser","userPrincipalName":"a@b.com","displayName":"A","isAdmin":true})");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message == "Unknown field 'isAdmin'.");

  auto wrongType =
      err(R"({"schemaVersion":1,"type":"addUser","userPrincipalName":7,"displayName":"A"})");
  REQUIRE_FALSE(wrongType.ok());
  CHECK(wrongType.error().target == "userPrincipalName");
  CHECK(wrongType.error().message == "Field 'userPrincipalName' must be a string.");

  json longName = {{"schemaVersion", 1},
                   {"type", "addUser"},
                   {"userPrincipalName", "a@b.com"},
                   {"displayName", std::string(300, 'x')}};
  auto tooLong = commandFromJson(longName);
  REQUIRE_FALSE(tooLong.ok());
  CHECK(tooLong.error().message == "Field 'displayName' is longer than 256 characters.");

  auto badRole = err(
      R"({"schemaVersion":1,"type":"createAccessAssignment","relationshipId":"11111111-2222-3333-4444-555555555555",
          "accessContainer":{"accessContainerId":"11111111-2222-3333-4444-555555555555","accessContainerType":"securityGroup"},
          "accessDetails":{"unifiedRoles":[{"roleDefinitionId":"00000000-0000-0000-0000-000000000000"}]}})");
  REQUIRE_FALSE(badRole.ok());
  CHECK(badRole.error().target == "accessDetails.unifiedRoles[0].roleDefinitionId");

  auto badEnum = err(
      R"({"schemaVersion":1,"type":"createAccessAssignment","relationshipId":"11111111-2222-3333-4444-555555555555",
          "accessContainer":{"accessContainerId":"11111111-2222-3333-4444-555555555555","accessContainerType":"user"},
          "accessDetails":{"unifiedRoles":[]}})");
  REQUIRE_FALSE(badEnum.ok());
  CHECK(badEnum.error().target == "accessContainer.accessContainerType");
  CHECK(badEnum.error().message.find("securityGroup") != std::string::npos);

  auto badGuid = err(R"({"schemaVersion":1,"type":"resetPassword","userId":"me"})");
  REQUIRE_FALSE(badGuid.ok());
  CHECK(badGuid.error().target == "userId");

  auto badDuration = err(
      R"({"schemaVersion":1,"type":"createRelationship","displayName":"x","customerTenantId":null,
          "accessDetails":{"unifiedRoles":[]},"duration":"2 years","autoExtendDuration":"PT0S"})");
  REQUIRE_FALSE(badDuration.ok());
  CHECK(badDuration.error().target == "duration");

  auto fraction = err(
      R"({"schemaVersion":1,"type":"createTrialInvitation","product":"p","licenses":2.5,"trialDays":30,"includesDelegatedAdmin":true})");
  REQUIRE_FALSE(fraction.ok());
  CHECK(fraction.error().target == "licenses");
  auto overflow = err(
      R"({"schemaVersion":1,"type":"createTrialInvitation","product":"p","licenses":99999999999,"trialDays":30,"includesDelegatedAdmin":true})");
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.error().message == "Field 'licenses' is out of range.");

  // Optional fields may be omitted or null.
  CHECK(
      codeOf(err(
          R"({"schemaVersion":1,"type":"updateUser","userId":"11111111-2222-3333-4444-555555555555"})")) ==
      "ok");
  CHECK(
      codeOf(err(
          R"({"schemaVersion":1,"type":"updateUser","userId":"11111111-2222-3333-4444-555555555555","displayName":null})")) ==
      "ok");
  CHECK(codeOf(err(R"({"schemaVersion":1,"type":"listDevices"})")) == "ok");
  CHECK(codeOf(err(R"({"schemaVersion":1,"type":"listDevices","x":1})")) == "invalidRequest");
}

TEST_CASE("the seed story's state, events and entities round-trip exactly") {
  SeedCast s;
  World& w = s.w;
  s.connect();
  w.run(w.as(s.fullAgent, s.customer), AddUser{"alex@contoso.onmicrosoft.com", "Alex"});
  CreateRelationship c;
  c.displayName = "Granular";
  c.customerTenantId = s.customer;
  c.accessDetails.unifiedRoles = {Role::userAdministrator};
  w.run(w.as(s.partnerAdmin), c);

  auto state = decodeState(encodeState(w.state));
  REQUIRE(state.ok());
  CHECK(state.value() == w.state);
  // The decoded state has working indexes.
  CHECK(state.value().findUserByPrincipalName("alex@contoso.onmicrosoft.com"));
  CHECK(state.value().relationshipsBetween(s.partner, s.customer).size() == 2);

  auto events = decodeEvents(encodeEvents(w.log));
  REQUIRE(events.ok());
  CHECK(events.value() == w.log);
  CHECK(replay(events.value()) == w.state);

  // Graph's shape for a relationship.
  const Relationship* rel = nullptr;
  for (const auto& [id, r] : w.state.relationships)
    if (r.kind == RelationshipKind::granular) rel = &r;
  REQUIRE(rel);
  json j = entityToJson(*rel);
  CHECK(j["status"] == "created");
  CHECK(j["customer"]["tenantId"] == s.customer.str());
  CHECK(j["customer"]["displayName"] == "Contoso");
  CHECK(j["duration"] == "P730D");
  CHECK(j["activatedDateTime"].is_null());
  CHECK(j["createdDateTime"] == "2026-11-28T12:00:00Z");
  auto back = entityFromJson<Relationship>(j);
  REQUIRE(back.ok());
  CHECK(back.value() == *rel);

  // Errors in Graph's shape.
  Error e = makeError("userNotFound", "No such user.", "userId");
  json ej = toJson(e);
  CHECK(ej["error"]["code"] == "userNotFound");
  Error parsed;
  REQUIRE(errorFromJson(ej, parsed).ok());
  CHECK(parsed == e);

  // A decision carries its events, error and secrets.
  Decision d = w.run(w.as(s.customerAdmin), ResetPassword{s.customerUser});
  json dj = toJson(d);
  CHECK(dj["error"].is_null());
  CHECK(dj["secrets"][0]["kind"] == "temporaryPassword");
  CHECK(dj["events"].size() == d.events.size());
}

TEST_CASE("state decoding refuses unknown fields and duplicates") {
  SeedCast s;
  json j = toJson(s.w.state);
  j["extra"] = 1;
  CHECK_FALSE(stateFromJson(j).ok());
  j.erase("extra");
  j["users"].push_back(j["users"][0]);
  auto dup = stateFromJson(j);
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message.find("duplicate") != std::string::npos);
}

TEST_CASE("events stored before a field was added still load, with the field's default") {
  SeedCast s;
  const Tenant& t = *s.w.state.findTenant(s.partner);
  json tenant = toJson(Event{TenantCreated{t}});
  REQUIRE(tenant["tenant"].contains("requireMultiFactor"));
  tenant["tenant"].erase("requireMultiFactor");  // as an events.db from before it was written
  auto back = eventFromJson(tenant);
  REQUIRE(back.ok());
  CHECK_FALSE(std::get<TenantCreated>(back.value()).tenant.requireMultiFactor);
  // Only fields named as added later may be missing.
  tenant["tenant"].erase("displayName");
  CHECK_FALSE(eventFromJson(tenant).ok());

  json user = toJson(Event{UserCreated{*s.w.state.findUser(s.fullAgent)}});
  user["user"].erase("multiFactorRegistered");
  REQUIRE(eventFromJson(user).ok());
}

TEST_CASE("authorization has a JSON form with its explanation") {
  SeedCast s;
  s.connect();
  Authorization a = authorize(s.w.state, s.w.as(s.limitedAgent, s.customer), Action::resetPassword,
                              Target::onUser(s.customer, s.customerAdmin));
  json j = toJson(s.w.state, a);
  CHECK(j["allowed"] == false);
  CHECK(j["code"] == "targetTooPrivileged");
  CHECK(j["chain"][0]["kind"] == "relationship");
  CHECK(j["chain"][1]["setting"] == "limited");
  CHECK(j["chain"][2]["displayName"] == "Password Administrator");
  CHECK(j["missing"]["action"] == "resetPassword");
  CHECK(j["explanation"].get<std::string>().find("Global Administrator") != std::string::npos);
}
