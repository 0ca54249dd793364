#pragma once
// The one place the server calls the core's JSON codec, so the rest of the server does not
// depend on its function names.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/commands.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/state.hpp"

namespace delegate::server {

std::string encodeEventBody(const Event& event);
Result<Event> decodeEventBody(std::string_view body);
Result<Command> decodeCommandJson(const nlohmann::json& json);
nlohmann::json eventJson(const Event& event);
nlohmann::json stateJson(const State& state);

}  // namespace delegate::server
