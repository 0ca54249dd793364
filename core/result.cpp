#include "core/result.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/errors.hpp"

namespace delegate {

bool operator==(const Error& a, const Error& b) {
  return a.code == b.code && a.message == b.message && a.target == b.target;
}

namespace {

#define DELEGATE_ERROR_KIND(name, kind) {#name, ErrorKind::kind},
// A linear scan is cheap enough for a hundred codes on error paths.
const std::pair<std::string_view, ErrorKind> kKinds[] = {
    DELEGATE_ERROR_CATALOG(DELEGATE_ERROR_KIND)};
#undef DELEGATE_ERROR_KIND

}  // namespace

ErrorKind errorKind(std::string_view code) {
  for (const auto& [c, k] : kKinds) {
    if (c == code) return k;
  }
  return ErrorKind::internal;
}

int httpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::notFound:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::preconditionFailed:
      return 412;
    case ErrorKind::payloadTooLarge:
      return 413;
    case ErrorKind::unsupportedMediaType:
      return 415;
    case ErrorKind::preconditionRequired:
      return 428;
    case ErrorKind::tooManyRequests:
      return 429;
    case ErrorKind::internal:
      return 500;
    case ErrorKind::unavailable:
      return 503;
  }
  return 500;
}

std::string_view errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::unauthenticated:
      return "unauthenticated";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::notFound:
      return "notFound";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::preconditionFailed:
      return "preconditionFailed";
    case ErrorKind::payloadTooLarge:
      return "payloadTooLarge";
    case ErrorKind::unsupportedMediaType:
      return "unsupportedMediaType";
    case ErrorKind::preconditionRequired:
      return "preconditionRequired";
    case ErrorKind::tooManyRequests:
      return "tooManyRequests";
    case ErrorKind::internal:
      return "internal";
    case ErrorKind::unavailable:
      return "unavailable";
  }
  return "internal";
}

}  // namespace delegate
