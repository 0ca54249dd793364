#include "core/json_forms.hpp"

#include "core/json/codec.hpp"
#include "core/portfolio_delta.hpp"
#include "core/scopes.hpp"

namespace delegate {

namespace jsoncodec {

std::size_t maxLengthOf(std::string_view field) {
  if (field == "text") return 4000;
  // A decline's reason is up to kMaxDeclineReason (500) characters of up to 4 bytes each; the
  // core says when it is too long, in characters.
  if (field == "message" || field == "reason") return 2000;
  if (field == "title" || field == "subject") return 512;
  return kMaxJsonString;
}

json encodeRoles(RoleSet roles) {
  json a = json::array();
  roles.forEach([&](Role r) {
    a.push_back(json{{"roleDefinitionId", std::string(roleInfo(r).templateId)}});
  });
  return a;
}

std::optional<Error> decodeRoles(const json& j, const std::string& path, RoleSet& out) {
  if (!j.is_array())
    return fieldError(path, "must be an array of {\"roleDefinitionId\": \"<role template id>\"}");
  out = RoleSet{};
  std::size_t i = 0;
  for (const auto& item : j) {
    const std::string p = path + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) return fieldError(p, "must be an object with a roleDefinitionId");
    auto id = item.find("roleDefinitionId");
    if (id == item.end()) return fieldError(p + ".roleDefinitionId", "is missing");
    if (item.size() != 1) {
      for (auto it = item.begin(); it != item.end(); ++it)
        if (it.key() != "roleDefinitionId")
          return makeError(errc::invalidRequest, "Unknown field '" + p + "." + it.key() + "'.",
                           p + "." + it.key());
    }
    if (!id->is_string()) return fieldError(p + ".roleDefinitionId", "must be a string");
    const std::string& templateId = id->get_ref<const std::string&>();
    auto role = roleFromTemplateId(templateId);
    if (!role) return fieldError(p + ".roleDefinitionId", whyNotGrantable(templateId));
    out.add(*role);
  }
  return std::nullopt;
}

std::optional<Error> checkSchemaVersion(const json& j) {
  auto v = j.find("schemaVersion");
  if (v == j.end())
    return makeError(errc::invalidRequest, "Field 'schemaVersion' is missing; send 1.",
                     "schemaVersion");
  if (!v->is_number_integer() || v->get<std::int64_t>() != kSchemaVersion)
    return makeError(errc::unsupportedSchemaVersion, "Only schemaVersion 1 is supported.",
                     "schemaVersion");
  return std::nullopt;
}

Result<json> parseText(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) return makeError(errc::invalidRequest, "The body is not valid JSON.");
  return j;
}

}  // namespace jsoncodec

using jsoncodec::json;

json toJson(const Command& command) {
  return jsoncodec::encodeVariant(command);
}

Result<Command> commandFromJson(const json& j) {
  return jsoncodec::decodeVariant<Command>(
      j, "command", std::make_index_sequence<std::variant_size_v<Command>>{});
}

std::string encodeCommand(const Command& command) {
  return toJson(command).dump();
}

Result<Command> decodeCommand(std::string_view text) {
  auto j = jsoncodec::parseText(text);
  if (!j.ok()) return j.error();
  return commandFromJson(j.value());
}

json toJson(const Event& event) {
  return jsoncodec::encodeVariant(event);
}

Result<Event> eventFromJson(const json& j) {
  return jsoncodec::decodeVariant<Event>(j, "event",
                                         std::make_index_sequence<std::variant_size_v<Event>>{});
}

std::string encodeEvent(const Event& event) {
  return toJson(event).dump();
}

Result<Event> decodeEvent(std::string_view text) {
  auto j = jsoncodec::parseText(text);
  if (!j.ok()) return j.error();
  return eventFromJson(j.value());
}

std::string encodeEvents(const std::vector<Event>& events) {
  json a = json::array();
  for (const Event& e : events) a.push_back(toJson(e));
  return json{{"schemaVersion", kSchemaVersion}, {"events", std::move(a)}}.dump();
}

Result<std::vector<Event>> decodeEvents(std::string_view text) {
  auto parsed = jsoncodec::parseText(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  if (!j.is_object()) return makeError(errc::invalidRequest, "The body must be a JSON object.");
  if (auto e = jsoncodec::checkSchemaVersion(j)) return *e;
  auto list = j.find("events");
  if (list == j.end() || !list->is_array())
    return makeError(errc::invalidRequest, "Field 'events' must be an array.", "events");
  if (j.size() != 2)
    return makeError(errc::invalidRequest, "Only 'schemaVersion' and 'events' are allowed.");
  std::vector<Event> out;
  out.reserve(list->size());
  std::size_t i = 0;
  for (const auto& item : *list) {
    auto e = eventFromJson(item);
    if (!e.ok()) {
      Error err = e.error();
      err.target =
          "events[" + std::to_string(i) + "]" + (err.target.empty() ? "" : "." + err.target);
      err.message = "In events[" + std::to_string(i) + "]: " + err.message;
      return err;
    }
    out.push_back(std::move(e).value());
    ++i;
  }
  return out;
}

json toJson(const Error& error) {
  json e{{"code", error.code}, {"message", error.message}};
  if (!error.target.empty()) e["target"] = error.target;
  return json{{"error", std::move(e)}};
}

Status errorFromJson(const json& j, Error& result) {
  if (!j.is_object() || j.size() != 1 || !j.contains("error"))
    return makeError(errc::invalidRequest, "An error body is {\"error\": {...}}.");
  const json& e = j["error"];
  if (!e.is_object())
    return makeError(errc::invalidRequest, "Field 'error' must be an object.", "error");
  Error out;
  for (auto it = e.begin(); it != e.end(); ++it) {
    std::string* field = it.key() == "code"      ? &out.code
                         : it.key() == "message" ? &out.message
                         : it.key() == "target"  ? &out.target
                                                 : nullptr;
    if (!field)
      return makeError(errc::invalidRequest, "Unknown field 'error." + it.key() + "'.",
                       "error." + it.key());
    if (auto err = jsoncodec::decode(*it, "error." + it.key(), it.key(), *field)) return *err;
  }
  if (!e.contains("code"))
    return makeError(errc::invalidRequest, "Field 'error.code' is missing.", "error.code");
  if (!e.contains("message"))
    return makeError(errc::invalidRequest, "Field 'error.message' is missing.", "error.message");
  result = std::move(out);
  return Status::success();
}

json toJson(const Decision& decision) {
  json events = json::array();
  for (const Event& e : decision.events) events.push_back(toJson(e));
  json secrets = json::array();
  for (const IssuedSecret& s : decision.secrets) secrets.push_back(jsoncodec::encode(s));
  return json{{"schemaVersion", kSchemaVersion},
              {"events", std::move(events)},
              {"error", decision.error ? toJson(*decision.error)["error"] : json(nullptr)},
              {"secrets", std::move(secrets)}};
}

json toJson(const Principal& principal) {
  return jsoncodec::encode(principal);
}

Result<Principal> principalFromJson(const json& j) {
  Principal p;
  if (auto e = jsoncodec::decodeObject(j, "", p)) return *e;
  return p;
}

json toJson(const State& state, const Authorization& a) {
  auto linkJson = [&](const Link& l) {
    json o{{"kind", std::string(enumName(l.kind))}};
    switch (l.kind) {
      case LinkKind::membership:
      case LinkKind::assignment:
      case LinkKind::group:
      case LinkKind::multiFactor:  // the partner tenant that requires it
        if (!l.id.isNil()) o["id"] = l.id.str();
        break;
      case LinkKind::relationship:
        if (!l.id.isNil()) o["id"] = l.id.str();
        o["status"] = std::string(enumName(l.status));
        break;
      case LinkKind::setting:
        o["setting"] = std::string(enumName(l.setting));
        break;
      case LinkKind::role:
        o["roleDefinitionId"] = std::string(roleInfo(l.role).templateId);
        o["displayName"] = std::string(roleInfo(l.role).displayName);
        break;
      case LinkKind::permission:
        o["action"] = std::string(actionName(l.action));
        break;
      case LinkKind::system:
        break;
    }
    return o;
  };
  json chain = json::array();
  for (const Link& l : a) chain.push_back(linkJson(l));
  return json{{"allowed", a.allowed},
              {"code", a.allowed ? json(nullptr) : json(std::string(a.code))},
              {"action", std::string(actionName(a.action))},
              {"chain", std::move(chain)},
              {"missing", a.missing ? linkJson(*a.missing) : json(nullptr)},
              {"explanation", explain(state, a)}};
}

template <class T>
json entityToJson(const T& entity) {
  return jsoncodec::encode(entity);
}

template <class T>
Result<T> entityFromJson(const json& j) {
  T out{};
  if (auto e = jsoncodec::decodeObject(j, "", out)) return *e;
  return out;
}

#define DELEGATE_ENTITY_JSON(T)            \
  template json entityToJson<T>(const T&); \
  template Result<T> entityFromJson<T>(const json&);
DELEGATE_ENTITY_JSON(Tenant)
DELEGATE_ENTITY_JSON(User)
DELEGATE_ENTITY_JSON(Group)
DELEGATE_ENTITY_JSON(Domain)
DELEGATE_ENTITY_JSON(Subscription)
DELEGATE_ENTITY_JSON(Offer)
DELEGATE_ENTITY_JSON(Relationship)
DELEGATE_ENTITY_JSON(AccessAssignment)
DELEGATE_ENTITY_JSON(Notification)
DELEGATE_ENTITY_JSON(EmailMessage)
DELEGATE_ENTITY_JSON(AuditRecord)
DELEGATE_ENTITY_JSON(DeviceWipe)
DELEGATE_ENTITY_JSON(IssuedSecret)
DELEGATE_ENTITY_JSON(ClientSummary)
DELEGATE_ENTITY_JSON(WorkspaceDirectory)
DELEGATE_ENTITY_JSON(PortfolioDetails)
DELEGATE_ENTITY_JSON(PortfolioSlice)
#undef DELEGATE_ENTITY_JSON

}  // namespace delegate
