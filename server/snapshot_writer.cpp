#include "server/snapshot_writer.hpp"

#include <algorithm>
#include <cstring>

#include "core/json/codec.hpp"
#include "core/roles.hpp"

namespace delegate::server {

namespace {

using jsoncodec::IsId;
using jsoncodec::IsOptional;
using jsoncodec::IsSeq;
using jsoncodec::IsVector;

void writeGuid(JsonWriter& out, Guid g) {
  static const char kHex[] = "0123456789abcdef";
  char* p = out.plainString(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) *p++ = '-';
    const std::uint64_t half = i < 16 ? g.hi : g.lo;
    *p++ = kHex[(half >> ((15 - (i % 16)) * 4)) & 0xF];
  }
}

// Text the core formats (timestamps, durations, enum names, template ids) is plain ASCII.
void writePlain(JsonWriter& out, std::string_view text) {
  std::memcpy(out.plainString(text.size()), text.data(), text.size());
}

template <class T>
void writeValue(JsonWriter& out, const T& v);

struct FieldWriter {
  JsonWriter& out;
  template <class X>
  void operator()(const char* name, const X& x) {
    out.key(name);
    writeValue(out, x);
  }
};

// Mirrors jsoncodec::encode<T> case by case (core/json/codec.hpp).
template <class T>
void writeValue(JsonWriter& out, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    out.string(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    out.boolean(v);
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    out.number(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_integral_v<T>) {
    out.number(static_cast<std::uint64_t>(v));
  } else if constexpr (std::is_same_v<T, Guid>) {
    writeGuid(out, v);
  } else if constexpr (IsId<T>::value) {
    writeGuid(out, v.guid);
  } else if constexpr (IsSeq<T>::value) {
    out.number(static_cast<std::uint64_t>(v.value));
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    writePlain(out, formatTimestamp(v));
  } else if constexpr (std::is_same_v<T, Duration>) {
    writePlain(out, formatDuration(v));
  } else if constexpr (std::is_same_v<T, RoleSet>) {
    out.beginArray();
    v.forEach([&](Role r) {
      out.beginObject();
      out.key("roleDefinitionId");
      writePlain(out, roleInfo(r).templateId);
      out.endObject();
    });
    out.endArray();
  } else if constexpr (std::is_enum_v<T>) {
    out.string(enumName(v));
  } else if constexpr (IsOptional<T>::value) {
    if (v)
      writeValue(out, *v);
    else
      out.null();
  } else if constexpr (IsVector<T>::value) {
    out.beginArray();
    for (const auto& x : v) writeValue(out, x);
    out.endArray();
  } else {
    static_assert(kHasFields<T>, "no JSON form for this type");
    out.beginObject();
    FieldWriter w{out};
    T::fields(v, w);
    out.endObject();
  }
}

template <class V, class Less>
void writeSorted(JsonWriter& out, const char* name, std::vector<const V*> items, Less less) {
  std::sort(items.begin(), items.end(), less);
  out.key(name);
  out.beginArray();
  for (const V* v : items) writeValue(out, *v);
  out.endArray();
}

// An entity map as an array sorted by id (core/json/state_json.cpp's mapToArray).
template <class Map>
void writeMap(JsonWriter& out, const char* name, const Map& map) {
  std::vector<const typename Map::mapped_type*> items;
  items.reserve(map.size());
  for (const auto& [k, v] : map) items.push_back(&v);
  writeSorted(out, name, std::move(items), [](auto* a, auto* b) { return a->id < b->id; });
}

template <class X>
void writeMember(JsonWriter& out, const char* name, const X& x) {
  out.key(name);
  writeValue(out, x);
}

}  // namespace

void writeState(JsonWriter& out, const State& s) {
  out.beginObject();
  writeMember(out, "schemaVersion", kSchemaVersion);
  writeMember(out, "clock", s.clock);
  writeMap(out, "tenants", s.tenants);
  writeMap(out, "users", s.users);
  writeMap(out, "groups", s.groups);
  std::vector<const Domain*> domains;
  domains.reserve(s.domains.size());
  for (const auto& [k, d] : s.domains) domains.push_back(&d);
  writeSorted(out, "domains", std::move(domains), [](auto* a, auto* b) {
    return a->id != b->id ? a->id < b->id : a->tenantId < b->tenantId;
  });
  writeMap(out, "subscriptions", s.subscriptions);
  writeMap(out, "offers", s.offers);
  writeMap(out, "relationships", s.relationships);
  writeMap(out, "accessAssignments", s.accessAssignments);
  writeMember(out, "notifications", s.notifications);
  writeMember(out, "outbox", s.outbox);
  writeMember(out, "audit", s.audit);
  writeMember(out, "deviceWipes", s.deviceWipes);
  writeMember(out, "nextNotificationId", s.nextNotificationId);
  writeMember(out, "nextEmailId", s.nextEmailId);
  writeMember(out, "nextAuditId", s.nextAuditId);
  out.endObject();
}

void writeSnapshotBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                       const State& state) {
  out.beginObject();
  writeMember(out, "revision", revision);
  writeMember(out, "storeId", storeId);
  out.key("snapshot");
  writeState(out, state);
  out.endObject();
  out.flush();
}

void writePortfolioBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                        const Portfolio& portfolio, const WorkspaceDirectory* workspace,
                        bool detailsFollow) {
  out.beginObject();
  writeMember(out, "revision", revision);
  writeMember(out, "storeId", storeId);
  writeMember(out, "scope", std::string("portfolio"));
  if (detailsFollow) writeMember(out, "detailsFollow", true);
  writeMember(out, "clients", portfolio.clients);
  out.key("snapshot");
  writeState(out, portfolio.state);
  if (workspace) writeMember(out, "workspace", *workspace);
  out.endObject();
  out.flush();
}

void writeOpenedBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                     std::string_view events, std::string_view clients, std::string_view slices,
                     const WorkspaceDirectory* workspace, const PortfolioDetails* details) {
  out.beginObject();
  writeMember(out, "revision", revision);
  writeMember(out, "storeId", storeId);
  out.key("events");
  out.raw("[" + std::string(events) + "]");
  if (!clients.empty()) {
    out.key("clients");
    out.raw("[" + std::string(clients) + "]");
  }
  if (!slices.empty()) {
    out.key("slices");
    out.raw("[" + std::string(slices) + "]");
  }
  if (workspace) writeMember(out, "workspace", *workspace);
  if (details) writeMember(out, "details", *details);
  out.endObject();
  out.flush();
}

void writeUserPage(JsonWriter& out, const UserPage& page) {
  out.beginObject();
  writeMember(out, "total", static_cast<std::uint64_t>(page.total));
  writeMember(out, "offset", static_cast<std::uint64_t>(page.offset));
  writeMember(out, "users", page.users);
  out.endObject();
  out.flush();
}

void writeClientUserHits(JsonWriter& out, const std::vector<ClientUserHit>& hits) {
  out.beginObject();
  writeMember(out, "users", hits);
  out.endObject();
  out.flush();
}

}  // namespace delegate::server
