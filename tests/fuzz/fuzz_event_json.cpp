// Event JSON (the stored log, the sync stream the browser applies): the core's decoders and the
// server's. Property: whatever decodes re-encodes to a form that decodes to the same.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_forms.hpp"
#include "server/core_codec.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  delegate::Result<delegate::Event> event = delegate::decodeEvent(text);
  if (event) {
    const std::string once = delegate::encodeEvent(event.value());
    delegate::Result<delegate::Event> again = delegate::decodeEvent(once);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(delegate::encodeEvent(again.value()) == once);
  }
  (void)delegate::server::decodeEventBody(text);
  if (auto events = delegate::decodeEvents(text)) {
    FUZZ_CHECK(delegate::decodeEvents(delegate::encodeEvents(events.value())).ok());
  }
  return 0;
}
