#pragma once
// Stable camelCase names for enums, used by the JSON codec and in messages.
#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

namespace delegate {

template <class E>
struct EnumTraits;  // specialized with DELEGATE_ENUM_NAMES next to each enum

template <class E>
std::string_view enumName(E value) {
  const auto& names = EnumTraits<E>::names;
  auto i = static_cast<std::size_t>(value);
  return i < std::size(names) ? names[i] : std::string_view("unknown");
}

template <class E>
std::optional<E> enumFromName(std::string_view name) {
  const auto& names = EnumTraits<E>::names;
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

template <class E, class = void>
struct HasEnumNames : std::false_type {};
template <class E>
struct HasEnumNames<E, std::void_t<decltype(EnumTraits<E>::names)>> : std::true_type {};

}  // namespace delegate

// Names in declaration order of the enumerators.
#define DELEGATE_ENUM_NAMES(E, ...)                            \
  template <>                                                  \
  struct EnumTraits<E> {                                       \
    static constexpr std::string_view names[] = {__VA_ARGS__}; \
  };
