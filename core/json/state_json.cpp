// The whole state as one document: entity maps become arrays sorted by id, so the same state
// always encodes to the same text.
#include <algorithm>

#include "core/json/codec.hpp"
#include "core/json_forms.hpp"

namespace delegate {

namespace jsoncodec {
Result<json> parseText(std::string_view text);
}

using jsoncodec::json;

namespace {

template <class Map>
json mapToArray(const Map& map) {
  std::vector<const typename Map::mapped_type*> items;
  items.reserve(map.size());
  for (const auto& [k, v] : map) items.push_back(&v);
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->id < b->id; });
  json a = json::array();
  for (auto* v : items) a.push_back(jsoncodec::encode(*v));
  return a;
}

template <class V>
auto keyOf(const V& v) {
  return v.id;
}
std::string keyOf(const Domain& d) {
  return domainKey(d.tenantId, d.id);  // several tenants may claim one name
}

template <class Map>
std::optional<Error> arrayToMap(const json& doc, const char* name, Map& out) {
  auto it = doc.find(name);
  if (it == doc.end()) return jsoncodec::fieldError(name, "is missing");
  if (!it->is_array()) return jsoncodec::fieldError(name, "must be an array");
  out.reserve(it->size());
  std::size_t i = 0;
  for (const auto& item : *it) {
    const std::string path = std::string(name) + "[" + std::to_string(i++) + "]";
    typename Map::mapped_type v{};
    if (auto e = jsoncodec::decodeObject(item, path, v)) return e;
    auto key = keyOf(v);
    if (!out.emplace(key, std::move(v)).second)
      return jsoncodec::fieldError(path + ".id", "is a duplicate");
  }
  return std::nullopt;
}

template <class R>
std::optional<Error> arrayToRecords(const json& doc, const char* name, std::vector<R>& out) {
  auto it = doc.find(name);
  if (it == doc.end()) return jsoncodec::fieldError(name, "is missing");
  if (auto e = jsoncodec::decode(*it, name, name, out)) return e;
  if constexpr (!std::is_same_v<R, DeviceWipe>) {
    for (std::size_t i = 1; i < out.size(); ++i)
      if (!(out[i - 1].id < out[i].id))
        return jsoncodec::fieldError(std::string(name) + "[" + std::to_string(i) + "].id",
                                     "must be greater than the one before");
  }
  return std::nullopt;
}

}  // namespace

json toJson(const State& s) {
  std::vector<const Domain*> domains;
  for (const auto& [k, d] : s.domains) domains.push_back(&d);
  std::sort(domains.begin(), domains.end(), [](auto* a, auto* b) {
    return a->id != b->id ? a->id < b->id : a->tenantId < b->tenantId;
  });
  json domainArray = json::array();
  for (auto* d : domains) domainArray.push_back(jsoncodec::encode(*d));
  return json{{"schemaVersion", kSchemaVersion},
              {"clock", formatTimestamp(s.clock)},
              {"tenants", mapToArray(s.tenants)},
              {"users", mapToArray(s.users)},
              {"groups", mapToArray(s.groups)},
              {"domains", std::move(domainArray)},
              {"subscriptions", mapToArray(s.subscriptions)},
              {"offers", mapToArray(s.offers)},
              {"relationships", mapToArray(s.relationships)},
              {"accessAssignments", mapToArray(s.accessAssignments)},
              {"notifications", jsoncodec::encode(s.notifications)},
              {"outbox", jsoncodec::encode(s.outbox)},
              {"audit", jsoncodec::encode(s.audit)},
              {"deviceWipes", jsoncodec::encode(s.deviceWipes)},
              {"nextNotificationId", s.nextNotificationId},
              {"nextEmailId", s.nextEmailId},
              {"nextAuditId", s.nextAuditId}};
}

Result<State> stateFromJson(const json& j) {
  if (!j.is_object()) return makeError(errc::invalidRequest, "A state must be a JSON object.");
  if (auto e = jsoncodec::checkSchemaVersion(j)) return *e;
  static const char* const kKeys[] = {
      "schemaVersion", "clock",         "tenants", "users",         "groups",
      "domains",       "subscriptions", "offers",  "relationships", "accessAssignments",
      "notifications", "outbox",        "audit",   "deviceWipes",   "nextNotificationId",
      "nextEmailId",   "nextAuditId"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find(std::begin(kKeys), std::end(kKeys), it.key()) == std::end(kKeys))
      return makeError(errc::invalidRequest, "Unknown field '" + it.key() + "'.", it.key());
  }
  State s;
  auto field = [&](const char* name) -> const json* {
    auto it = j.find(name);
    return it == j.end() ? nullptr : &*it;
  };
  const json* clock = field("clock");
  if (!clock) return jsoncodec::fieldError("clock", "is missing");
  if (auto e = jsoncodec::decode(*clock, "clock", "clock", s.clock)) return *e;
  if (auto e = arrayToMap(j, "tenants", s.tenants)) return *e;
  if (auto e = arrayToMap(j, "users", s.users)) return *e;
  if (auto e = arrayToMap(j, "groups", s.groups)) return *e;
  if (auto e = arrayToMap(j, "domains", s.domains)) return *e;
  if (auto e = arrayToMap(j, "subscriptions", s.subscriptions)) return *e;
  if (auto e = arrayToMap(j, "offers", s.offers)) return *e;
  if (auto e = arrayToMap(j, "relationships", s.relationships)) return *e;
  if (auto e = arrayToMap(j, "accessAssignments", s.accessAssignments)) return *e;
  if (auto e = arrayToRecords(j, "notifications", s.notifications)) return *e;
  if (auto e = arrayToRecords(j, "outbox", s.outbox)) return *e;
  if (auto e = arrayToRecords(j, "audit", s.audit)) return *e;
  if (auto e = arrayToRecords(j, "deviceWipes", s.deviceWipes)) return *e;
  for (auto [name, target] :
       {std::pair<const char*, std::uint64_t*>{"nextNotificationId", &s.nextNotificationId},
        {"nextEmailId", &s.nextEmailId},
        {"nextAuditId", &s.nextAuditId}}) {
    const json* v = field(name);
    if (!v) return jsoncodec::fieldError(name, "is missing");
    if (auto e = jsoncodec::decode(*v, name, name, *target)) return *e;
  }
  // Group members and license holders are kept sorted; accept any order on input.
  for (auto& [id, g] : s.groups) std::sort(g.members.begin(), g.members.end());
  for (auto& [id, sub] : s.subscriptions)
    std::sort(sub.assignedUserIds.begin(), sub.assignedUserIds.end());
  s.rebuildIndex();
  return s;
}

std::string encodeState(const State& state) {
  return toJson(state).dump();
}

Result<State> decodeState(std::string_view text) {
  auto j = jsoncodec::parseText(text);
  if (!j.ok()) return j.error();
  return stateFromJson(j.value());
}

}  // namespace delegate
