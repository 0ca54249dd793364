#pragma once
// Internal: the field-list driven JSON codec behind core/json_forms.hpp.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/entities.hpp"
#include "core/errors.hpp"
#include "core/fields.hpp"
#include "core/json_forms.hpp"

namespace delegate::jsoncodec {

using nlohmann::json;

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};
template <class T>
struct IsId : std::false_type {};
template <class Tag>
struct IsId<Id<Tag>> : std::true_type {};
template <class T>
struct IsSeq : std::false_type {};
template <class Tag>
struct IsSeq<Seq<Tag>> : std::true_type {};

std::size_t maxLengthOf(std::string_view field);

inline Error fieldError(const std::string& path, const std::string& what) {
  return makeError(errc::invalidRequest, "Field '" + path + "' " + what + ".", path);
}

// ---- encoding ----------------------------------------------------------------------------------

json encodeRoles(RoleSet roles);

template <class T>
json encode(const T& v);

struct Writer {
  json& out;
  template <class X>
  void operator()(const char* name, const X& x) {
    out[name] = encode(x);
  }
};

template <class T>
json encode(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<T, bool>) {
    return v;
  } else if constexpr (std::is_integral_v<T>) {
    return v;
  } else if constexpr (std::is_same_v<T, Guid>) {
    return v.str();
  } else if constexpr (IsId<T>::value) {
    return v.str();
  } else if constexpr (IsSeq<T>::value) {
    return v.value;
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return formatTimestamp(v);
  } else if constexpr (std::is_same_v<T, Duration>) {
    return formatDuration(v);
  } else if constexpr (std::is_same_v<T, RoleSet>) {
    return encodeRoles(v);
  } else if constexpr (std::is_enum_v<T>) {
    return std::string(enumName(v));
  } else if constexpr (IsOptional<T>::value) {
    return v ? encode(*v) : json(nullptr);
  } else if constexpr (IsVector<T>::value) {
    json a = json::array();
    for (const auto& x : v) a.push_back(encode(x));
    return a;
  } else {
    static_assert(kHasFields<T>, "no JSON form for this type");
    json o = json::object();
    Writer w{o};
    T::fields(v, w);
    return o;
  }
}

// ---- decoding ----------------------------------------------------------------------------------

std::optional<Error> decodeRoles(const json& j, const std::string& path, RoleSet& out);

template <class T>
std::optional<Error> decode(const json& j, const std::string& path, std::string_view field, T& out);

template <class T>
std::optional<Error> decodeObject(const json& j, const std::string& path, T& out,
                                  std::initializer_list<std::string_view> metaKeys = {});

struct NameFinder {
  const std::string& key;
  bool found = false;
  template <class X>
  void operator()(const char* name, X&) {
    found = found || key == name;
  }
};

// Fields a type gained after stores were written without them (`static constexpr
// std::string_view kAddedLater[]`): a stored object that lacks one keeps the field's default, so
// an existing data folder still loads. Every other field stays required.
template <class T, class = void>
struct AddedLater {
  static bool has(std::string_view) { return false; }
};
template <class T>
struct AddedLater<T, std::void_t<decltype(T::kAddedLater)>> {
  static bool has(std::string_view name) {
    for (std::string_view n : T::kAddedLater)
      if (n == name) return true;
    return false;
  }
};

struct Reader {
  const json& obj;
  const std::string& path;
  std::optional<Error> error;
  std::size_t matched = 0;
  bool (*addedLater)(std::string_view) = nullptr;

  template <class X>
  void operator()(const char* name, X& x) {
    if (error) return;
    const std::string p = path.empty() ? std::string(name) : path + "." + name;
    auto it = obj.find(name);
    if (it == obj.end()) {
      if constexpr (IsOptional<X>::value) {
        x.reset();
      } else if (!addedLater || !addedLater(name)) {
        error = fieldError(p, "is missing");
      }
      return;
    }
    ++matched;
    error = decode(*it, p, name, x);
  }
};

template <class T>
std::optional<Error> decode(const json& j, const std::string& path, std::string_view field,
                            T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) return fieldError(path, "must be a string");
    const auto& s = j.get_ref<const std::string&>();
    const std::size_t max = maxLengthOf(field);
    if (s.size() > max)
      return fieldError(path, "is longer than " + std::to_string(max) + " characters");
    out = s;
    return std::nullopt;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) return fieldError(path, "must be true or false");
    out = j.get<bool>();
    return std::nullopt;
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    if (!j.is_number_integer()) return fieldError(path, "must be an integer");
    if (j.is_number_unsigned()) {
      auto v = j.get<std::uint64_t>();
      if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
        return fieldError(path, "is out of range");
      out = static_cast<T>(v);
      return std::nullopt;
    }
    auto v = j.get<std::int64_t>();
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
      return fieldError(path, "is out of range");
    out = static_cast<T>(v);
    return std::nullopt;
  } else if constexpr (std::is_integral_v<T>) {
    if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0))
      return fieldError(path, "must be a non-negative integer");
    out = static_cast<T>(j.get<std::uint64_t>());
    return std::nullopt;
  } else if constexpr (std::is_same_v<T, Guid> || IsId<T>::value) {
    if (!j.is_string()) return fieldError(path, "must be a GUID string");
    auto g = Guid::parse(j.get_ref<const std::string&>());
    if (!g) return fieldError(path, "must be a GUID like 62e90394-69f5-4237-9190-012177145e10");
    if constexpr (std::is_same_v<T, Guid>)
      out = *g;
    else
      out = T(*g);
    return std::nullopt;
  } else if constexpr (IsSeq<T>::value) {
    if (!j.is_number_unsigned()) return fieldError(path, "must be a non-negative integer");
    out.value = j.get<std::uint64_t>();
    return std::nullopt;
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    if (!j.is_string()) return fieldError(path, "must be an ISO 8601 date-time string");
    auto t = parseTimestamp(j.get_ref<const std::string&>());
    if (!t.ok()) return fieldError(path, "is invalid: " + t.error().message);
    out = t.value();
    return std::nullopt;
  } else if constexpr (std::is_same_v<T, Duration>) {
    if (!j.is_string()) return fieldError(path, "must be an ISO 8601 duration string like P730D");
    auto d = parseDuration(j.get_ref<const std::string&>());
    if (!d.ok()) return fieldError(path, "is invalid: " + d.error().message);
    out = d.value();
    return std::nullopt;
  } else if constexpr (std::is_same_v<T, RoleSet>) {
    return decodeRoles(j, path, out);
  } else if constexpr (std::is_enum_v<T>) {
    auto names = [] {
      std::string all;
      for (auto n : EnumTraits<T>::names) all += (all.empty() ? "" : ", ") + std::string(n);
      return all;
    };
    if (!j.is_string()) return fieldError(path, "must be one of: " + names());
    auto v = enumFromName<T>(j.get_ref<const std::string&>());
    if (!v) return fieldError(path, "must be one of: " + names());
    out = *v;
    return std::nullopt;
  } else if constexpr (IsOptional<T>::value) {
    if (j.is_null()) {
      out.reset();
      return std::nullopt;
    }
    typename T::value_type v{};
    if (auto e = decode(j, path, field, v)) return e;
    out = std::move(v);
    return std::nullopt;
  } else if constexpr (IsVector<T>::value) {
    if (!j.is_array()) return fieldError(path, "must be an array");
    out.clear();
    out.reserve(j.size());
    std::size_t i = 0;
    for (const auto& item : j) {
      typename T::value_type v{};
      if (auto e = decode(item, path + "[" + std::to_string(i) + "]", field, v)) return e;
      out.push_back(std::move(v));
      ++i;
    }
    return std::nullopt;
  } else {
    return decodeObject(j, path, out);
  }
}

template <class T>
std::optional<Error> decodeObject(const json& j, const std::string& path, T& out,
                                  std::initializer_list<std::string_view> metaKeys) {
  static_assert(kHasFields<T>, "no JSON form for this type");
  if (!j.is_object())
    return path.empty() ? makeError(errc::invalidRequest, "The body must be a JSON object.")
                        : fieldError(path, "must be an object");
  Reader r{j, path, std::nullopt, 0, &AddedLater<T>::has};
  T::fields(out, r);
  if (r.error) return r.error;
  std::size_t meta = 0;
  for (auto k : metaKeys)
    if (j.find(std::string(k)) != j.end()) ++meta;
  if (r.matched + meta != j.size()) {
    // Name the first key that is not a field.
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool known = false;
      for (auto k : metaKeys) known = known || it.key() == k;
      if (known) continue;
      NameFinder finder{it.key()};
      T probe{};
      T::fields(probe, finder);
      const bool isField = finder.found;
      if (!isField) {
        const std::string p = path.empty() ? it.key() : path + "." + it.key();
        return makeError(errc::invalidRequest, "Unknown field '" + p + "'.", p);
      }
    }
  }
  return std::nullopt;
}

std::optional<Error> checkSchemaVersion(const json& j);

// Decodes a {"type": ..., ...fields} document into the variant alternative named by "type".
template <class V, std::size_t... I>
Result<V> decodeVariant(const json& j, std::string_view what, std::index_sequence<I...>) {
  if (!j.is_object()) return makeError(errc::invalidRequest, "The body must be a JSON object.");
  if (auto e = checkSchemaVersion(j)) return *e;
  auto t = j.find("type");
  if (t == j.end() || !t->is_string())
    return makeError(errc::invalidRequest,
                     "Field 'type' is missing; name the " + std::string(what) + " type.", "type");
  const std::string& type = t->get_ref<const std::string&>();
  std::optional<Result<V>> out;
  auto tryOne = [&](auto tag) {
    using Alt = typename decltype(tag)::type;
    if (out || type != Alt::kType) return;
    Alt value{};
    if (auto e = decodeObject(j, "", value, {"type", "schemaVersion"}))
      out.emplace(*e);
    else
      out.emplace(V(std::move(value)));
  };
  (tryOne(std::common_type<std::variant_alternative_t<I, V>>{}), ...);
  if (!out)
    return makeError(what == "command" ? errc::unknownCommandType : errc::invalidRequest,
                     "Unknown " + std::string(what) + " type '" + type.substr(0, 64) + "'.",
                     "type");
  return std::move(*out);
}

template <class V>
json encodeVariant(const V& v) {
  return std::visit(
      [](const auto& x) {
        json o = encode(x);
        o["type"] = std::string(std::decay_t<decltype(x)>::kType);
        o["schemaVersion"] = kSchemaVersion;
        return o;
      },
      v);
}

}  // namespace delegate::jsoncodec
