#pragma once
#include <variant>
#include <vector>

#include "web/app/app_state.hpp"

namespace delegate::web {

// What views ask for. Views never change state themselves; the app applies these after the frame.
struct Navigate {
  Section section;
};
struct RetryConnection {};

using Intent = std::variant<Navigate, RetryConnection>;
using Intents = std::vector<Intent>;

}  // namespace delegate::web
