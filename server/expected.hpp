#pragma once
#include <string>
#include <utility>
#include <variant>

namespace delegate::server {

// A failure of the server's own machinery (storage, I/O), described for an operator's log.
// Business refusals are the core's errors, not this.
struct Failure {
  std::string message;
};

// A value or the Failure that prevented it; the server's errors-as-values type.
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(Failure failure) : v_(std::move(failure)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const std::string& error() const { return std::get<1>(v_).message; }

 private:
  std::variant<T, Failure> v_;
};

// For operations that yield nothing but may fail: empty message means success.
struct [[nodiscard]] Status {
  std::string error;
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
};

}  // namespace delegate::server
