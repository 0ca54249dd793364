#pragma once
// JSON forms of every command, event, entity, error and the whole state. Top-level documents
// carry "schemaVersion"; commands and events carry "type". Decoding is strict: unknown types,
// unknown fields, missing fields, wrong types and over-long strings are refused with an
// invalidRequest Error whose message and target name the field ("accessDetails.unifiedRoles[0]").
// Decoding never throws (it also runs in the exception-free wasm build).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/authorize.hpp"
#include "core/commands.hpp"
#include "core/decide.hpp"
#include "core/events.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/state.hpp"

namespace delegate {

inline constexpr int kSchemaVersion = 1;
// Default cap for strings in decoded documents; a few fields (message texts) allow more.
inline constexpr std::size_t kMaxJsonString = 256;

nlohmann::json toJson(const Command& command);
Result<Command> commandFromJson(const nlohmann::json& json);
std::string encodeCommand(const Command& command);
Result<Command> decodeCommand(std::string_view text);

nlohmann::json toJson(const Event& event);
Result<Event> eventFromJson(const nlohmann::json& json);
std::string encodeEvent(const Event& event);
Result<Event> decodeEvent(std::string_view text);

// {"schemaVersion":1,"events":[...]}
std::string encodeEvents(const std::vector<Event>& events);
Result<std::vector<Event>> decodeEvents(std::string_view text);

nlohmann::json toJson(const State& state);
Result<State> stateFromJson(const nlohmann::json& json);  // rebuilds the index
std::string encodeState(const State& state);
Result<State> decodeState(std::string_view text);

// Graph's error shape: {"error":{"code":..., "message":..., "target":...}}
nlohmann::json toJson(const Error& error);
// Reads an error body into `out` (Result<Error> would be ambiguous).
Status errorFromJson(const nlohmann::json& json, Error& out);

// {"events":[...], "error": {...}|null, "secrets":[...]}
nlohmann::json toJson(const Decision& decision);
nlohmann::json toJson(const Principal& principal);
Result<Principal> principalFromJson(const nlohmann::json& json);

// {"allowed":bool, "code":..., "chain":[{"kind":..., ...}], "missing":{...}|null,
//  "explanation": "<human sentence>"}
nlohmann::json toJson(const State& state, const Authorization& authorization);

// Any entity (Tenant, User, Group, Domain, Subscription, Offer, Relationship, AccessAssignment,
// Notification, EmailMessage, AuditRecord, DeviceWipe, IssuedSecret) and the scopes' rows
// (ClientSummary, WorkspaceDirectory, PortfolioDetails, PortfolioSlice), as a plain object
// without schemaVersion (the enclosing document carries it).
template <class T>
nlohmann::json entityToJson(const T& entity);
template <class T>
Result<T> entityFromJson(const nlohmann::json& json);

}  // namespace delegate
