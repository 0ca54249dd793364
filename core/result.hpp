#pragma once
// Errors are values: the core never throws across its API, so every fallible call returns a
// Result<T> (a value or an Error) or a Status (success or an Error).
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace delegate {

// The category of an error code, so a transport maps it to a status (400/401/403/404/409/413/
// 415/429/500/503) without re-deciding.
enum class ErrorKind : std::uint8_t {
  invalid,
  unauthenticated,
  forbidden,
  notFound,
  conflict,
  preconditionFailed,
  payloadTooLarge,
  unsupportedMediaType,
  preconditionRequired,
  tooManyRequests,
  internal,
  unavailable
};

struct Error {
  std::string code;     // stable camelCase identifier, Microsoft Graph style
  std::string message;  // a sentence a person can act on
  std::string target;   // optional: the field or object the error is about
};

bool operator==(const Error& a, const Error& b);
inline bool operator!=(const Error& a, const Error& b) {
  return !(a == b);
}

// Every code in the catalog (core/errors.hpp) has a kind. A code outside it is a bug, answered as
// `internal` (500) so that it shows instead of passing for a client's mistake.
ErrorKind errorKind(std::string_view code);
inline ErrorKind kindOf(const Error& e) {
  return errorKind(e.code);
}
int httpStatus(ErrorKind kind);
std::string_view errorKindName(ErrorKind kind);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Reading the value of a failed result is a programming error; abort deterministically rather
  // than throw (exceptions are off in the wasm build).
  const T& value() const& { return *check(std::get_if<0>(&v_)); }
  T& value() & { return *check(std::get_if<0>(&v_)); }
  T&& value() && { return std::move(*check(std::get_if<0>(&v_))); }
  const Error& error() const& { return *check(std::get_if<1>(&v_)); }
  Error&& error() && { return std::move(*check(std::get_if<1>(&v_))); }

 private:
  template <class P>
  static P* check(P* p) {
    if (p == nullptr) std::abort();
    return p;
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}
  static Result success() { return Result(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    if (!error_) std::abort();
    return *error_;
  }
  Error&& error() && {
    if (!error_) std::abort();
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace delegate

// Propagates a failed Status/Result out of a function that returns Status or Result<U>.
#define DELEGATE_TRY(expr)                                     \
  do {                                                         \
    auto&& delegate_try_r_ = (expr);                           \
    if (!delegate_try_r_.ok()) return delegate_try_r_.error(); \
  } while (false)
