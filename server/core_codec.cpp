#include "server/core_codec.hpp"

#include "core/json_forms.hpp"

namespace delegate::server {

std::string encodeEventBody(const Event& event) {
  return encodeEvent(event);
}
Result<Event> decodeEventBody(std::string_view body) {
  return decodeEvent(body);
}
Result<Command> decodeCommandJson(const nlohmann::json& json) {
  return commandFromJson(json);
}
nlohmann::json eventJson(const Event& event) {
  return toJson(event);
}
nlohmann::json stateJson(const State& state) {
  return toJson(state);
}

}  // namespace delegate::server
