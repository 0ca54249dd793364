// A whole state as JSON (the sandbox's import of an exported world, a sync snapshot). Property:
// whatever decodes re-encodes to a form that decodes to the same, and applying nothing to it is
// safe (its indexes were rebuilt consistently).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_forms.hpp"
#include "core/visibility.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  delegate::Result<delegate::State> state = delegate::decodeState(text);
  if (!state) return 0;
  const std::string once = delegate::encodeState(state.value());
  delegate::Result<delegate::State> again = delegate::decodeState(once);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(delegate::encodeState(again.value()) == once);
  // Every user's view of an imported world is computable (indexes point at real objects).
  for (const auto& [id, user] : state.value().users)
    (void)delegate::viewOf(state.value(), id, state.value().clock);
  return 0;
}
