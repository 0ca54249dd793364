#pragma once
// The server uses the core's errors-as-values types (Result<T>, Status). A failure of its own
// machinery (storage, I/O) is an internalError whose message is written for an operator's log;
// business refusals keep the core's other codes.
#include <string>

#include "core/errors.hpp"
#include "core/result.hpp"

namespace delegate::server {

inline Error failure(std::string message) {
  return makeError(errc::internalError, std::move(message));
}

}  // namespace delegate::server
