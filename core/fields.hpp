#pragma once
// Field lists for plain structs. A struct that lists its members with DELEGATE_FIELDS gets
// member-wise equality here and a strict JSON codec in core/json, from one list, so a new field
// cannot be forgotten in either.
#include <type_traits>
#include <utility>

#define DELEGATE_FE_1(m, x) m(x)
#define DELEGATE_FE_2(m, x, ...) m(x) DELEGATE_FE_1(m, __VA_ARGS__)
#define DELEGATE_FE_3(m, x, ...) m(x) DELEGATE_FE_2(m, __VA_ARGS__)
#define DELEGATE_FE_4(m, x, ...) m(x) DELEGATE_FE_3(m, __VA_ARGS__)
#define DELEGATE_FE_5(m, x, ...) m(x) DELEGATE_FE_4(m, __VA_ARGS__)
#define DELEGATE_FE_6(m, x, ...) m(x) DELEGATE_FE_5(m, __VA_ARGS__)
#define DELEGATE_FE_7(m, x, ...) m(x) DELEGATE_FE_6(m, __VA_ARGS__)
#define DELEGATE_FE_8(m, x, ...) m(x) DELEGATE_FE_7(m, __VA_ARGS__)
#define DELEGATE_FE_9(m, x, ...) m(x) DELEGATE_FE_8(m, __VA_ARGS__)
#define DELEGATE_FE_10(m, x, ...) m(x) DELEGATE_FE_9(m, __VA_ARGS__)
#define DELEGATE_FE_11(m, x, ...) m(x) DELEGATE_FE_10(m, __VA_ARGS__)
#define DELEGATE_FE_12(m, x, ...) m(x) DELEGATE_FE_11(m, __VA_ARGS__)
#define DELEGATE_FE_13(m, x, ...) m(x) DELEGATE_FE_12(m, __VA_ARGS__)
#define DELEGATE_FE_14(m, x, ...) m(x) DELEGATE_FE_13(m, __VA_ARGS__)
#define DELEGATE_FE_15(m, x, ...) m(x) DELEGATE_FE_14(m, __VA_ARGS__)
#define DELEGATE_FE_16(m, x, ...) m(x) DELEGATE_FE_15(m, __VA_ARGS__)
#define DELEGATE_FE_17(m, x, ...) m(x) DELEGATE_FE_16(m, __VA_ARGS__)
#define DELEGATE_FE_18(m, x, ...) m(x) DELEGATE_FE_17(m, __VA_ARGS__)
#define DELEGATE_FE_19(m, x, ...) m(x) DELEGATE_FE_18(m, __VA_ARGS__)
#define DELEGATE_FE_20(m, x, ...) m(x) DELEGATE_FE_19(m, __VA_ARGS__)
#define DELEGATE_FE_PICK(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, \
                         _17, _18, _19, _20, NAME, ...)                                         \
  NAME
#define DELEGATE_FOR_EACH(m, ...)                                                                  \
  DELEGATE_FE_PICK(__VA_ARGS__, DELEGATE_FE_20, DELEGATE_FE_19, DELEGATE_FE_18, DELEGATE_FE_17,    \
                   DELEGATE_FE_16, DELEGATE_FE_15, DELEGATE_FE_14, DELEGATE_FE_13, DELEGATE_FE_12, \
                   DELEGATE_FE_11, DELEGATE_FE_10, DELEGATE_FE_9, DELEGATE_FE_8, DELEGATE_FE_7,    \
                   DELEGATE_FE_6, DELEGATE_FE_5, DELEGATE_FE_4, DELEGATE_FE_3, DELEGATE_FE_2,      \
                   DELEGATE_FE_1, unused)                                                          \
  (m, __VA_ARGS__)

#define DELEGATE_FIELD_VISIT(x) v(#x, s.x);
#define DELEGATE_FIELD_PAIR(x) v(#x, a.x, b.x);

// Inside a struct: DELEGATE_FIELDS(a, b, c) lists members a, b, c (JSON names are member names).
#define DELEGATE_FIELDS(...)                             \
  template <class S, class V>                            \
  static void fields(S& s, V& v) {                       \
    DELEGATE_FOR_EACH(DELEGATE_FIELD_VISIT, __VA_ARGS__) \
  }                                                      \
  template <class S, class V>                            \
  static void fieldPairs(const S& a, const S& b, V& v) { \
    DELEGATE_FOR_EACH(DELEGATE_FIELD_PAIR, __VA_ARGS__)  \
  }
// For structs without members (commands such as ListDevices).
#define DELEGATE_NO_FIELDS()    \
  template <class S, class V>   \
  static void fields(S&, V&) {} \
  template <class S, class V>   \
  static void fieldPairs(const S&, const S&, V&) {}

namespace delegate {

namespace detail {
struct FieldProbe {
  template <class X>
  void operator()(const char*, X&) {}
};
template <class T, class = void>
struct HasFields : std::false_type {};
template <class T>
struct HasFields<
    T, std::void_t<decltype(T::fields(std::declval<const T&>(), std::declval<FieldProbe&>()))>>
    : std::true_type {};

struct FieldEq {
  bool equal = true;
  template <class X>
  void operator()(const char*, const X& a, const X& b) {
    if (equal && !(a == b)) equal = false;
  }
};
}  // namespace detail

template <class T>
inline constexpr bool kHasFields = detail::HasFields<T>::value;

// Member-wise equality for every struct with a field list.
template <class T, std::enable_if_t<kHasFields<T>, int> = 0>
bool operator==(const T& a, const T& b) {
  detail::FieldEq eq;
  T::fieldPairs(a, b, eq);
  return eq.equal;
}
template <class T, std::enable_if_t<kHasFields<T>, int> = 0>
bool operator!=(const T& a, const T& b) {
  return !(a == b);
}

}  // namespace delegate
