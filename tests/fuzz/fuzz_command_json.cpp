// Command JSON (POST /api/commands, the sandbox's intents): the core's strict decoder and the
// server's entry to it. Property: whatever decodes re-encodes to a form that decodes to the same.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_forms.hpp"
#include "server/core_codec.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  delegate::Result<delegate::Command> command = delegate::decodeCommand(text);
  if (command) {
    const std::string once = delegate::encodeCommand(command.value());
    delegate::Result<delegate::Command> again = delegate::decodeCommand(once);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(delegate::encodeCommand(again.value()) == once);
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_discarded()) (void)delegate::server::decodeCommandJson(json);
  return 0;
}
