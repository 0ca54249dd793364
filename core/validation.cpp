#include "core/validation.hpp"

#include "core/errors.hpp"
#include "core/state.hpp"

namespace delegate {

namespace {

bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool validLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!isAlnum(c) && c != '-') return false;
  return true;
}

std::string shown(std::string_view s) {
  return std::string(s.substr(0, 64)) + (s.size() > 64 ? "…" : "");
}

}  // namespace

std::size_t utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {
// "displayName" -> "display name": messages are read by people, targets by programs.
std::string words(std::string_view field) {
  std::string out;
  for (char c : field) {
    if (c >= 'A' && c <= 'Z') {
      out += ' ';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

Status validateDisplayName(std::string_view name, std::size_t maxLength, std::string_view field) {
  const std::string f(field);
  const std::string w = words(field);
  bool blank = true;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F)
      return makeError(errc::invalidDisplayName,
                       "The " + w + " must not contain control characters.", f);
    if (c != ' ') blank = false;
  }
  const bool vowel = !w.empty() && std::string_view("aeiou").find(w[0]) != std::string_view::npos;
  if (blank)
    return makeError(errc::invalidDisplayName, (vowel ? "Enter an " : "Enter a ") + w + ".", f);
  if (utf8Length(name) > maxLength)
    return makeError(errc::invalidDisplayName,
                     "The " + w + " must be at most " + std::to_string(maxLength) + " characters.",
                     f);
  return Status::success();
}

Status validateDeclineReason(std::string_view reason) {
  for (unsigned char c : reason)
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      return makeError(errc::invalidReason, "The reason must not contain control characters.",
                       "reason");
  if (utf8Length(reason) > kMaxDeclineReason)
    return makeError(errc::invalidReason,
                     "The reason must be at most " + std::to_string(kMaxDeclineReason) +
                         " characters; got " + std::to_string(utf8Length(reason)) + ".",
                     "reason");
  return Status::success();
}

Status validateDomainName(std::string_view name) {
  auto bad = [&](const std::string& why) {
    return makeError(errc::invalidDomainName,
                     "'" + shown(name) + "' is not a valid domain name: " + why + ".", "name");
  };
  if (name.empty()) return bad("it is empty");
  if (name.size() > kMaxDomainName) return bad("it is longer than 253 characters");
  std::size_t start = 0, labels = 0;
  std::string_view last;
  while (true) {
    std::size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!validLabel(label))
      return bad("each part between dots must be 1-63 letters, digits or inner hyphens");
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return bad("it needs at least two parts, like contoso.com");
  if (last.size() < 2) return bad("the last part must be at least two letters");
  for (char c : last)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      return bad("the last part must be letters only");
  return Status::success();
}

Status validateDomainPrefix(std::string_view prefix) {
  if (prefix.size() > kMaxDomainPrefix || !validLabel(prefix))
    return makeError(errc::invalidDomainName,
                     "'" + shown(prefix) +
                         "' cannot start a domain name: use 1-40 letters, digits or inner hyphens.",
                     "domainPrefix");
  return Status::success();
}

Status validateChosenPassword(std::string_view password, std::string_view field) {
  const bool blank = password.find_first_not_of(" \t") == std::string_view::npos;
  if (password.size() < kMinPasswordLength || blank)
    return makeError(
        errc::weakPassword,
        "Choose a password of at least " + std::to_string(kMinPasswordLength) + " characters.",
        std::string(field));
  if (utf8Length(password) > kMaxPasswordLength)
    return makeError(
        errc::weakPassword,
        "A password can have at most " + std::to_string(kMaxPasswordLength) + " characters.",
        std::string(field));
  return Status::success();
}

Status validateUserPrincipalName(std::string_view upn) {
  auto bad = [&](const std::string& why) {
    return makeError(errc::invalidUserPrincipalName,
                     "'" + shown(upn) + "' is not a valid user principal name: " + why + ".",
                     "userPrincipalName");
  };
  if (upn.size() > kMaxUserPrincipalName) return bad("it is longer than 113 characters");
  std::size_t at = upn.find('@');
  if (at == std::string_view::npos || upn.find('@', at + 1) != std::string_view::npos)
    return bad("it must have the form name@domain");
  std::string_view local = upn.substr(0, at);
  if (local.empty() || local.size() > 64) return bad("the name before '@' must be 1-64 characters");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return bad("dots may not start, end or repeat in the name before '@'");
  for (char c : local)
    if (!isAlnum(c) && c != '.' && c != '-' && c != '_' && c != '\'' && c != '+')
      return bad("the name before '@' may use letters, digits and . - _ ' +");
  auto domain = validateDomainName(upn.substr(at + 1));
  if (!domain.ok()) return bad("the part after '@' is not a valid domain name");
  return Status::success();
}

std::string domainOf(std::string_view upn) {
  std::size_t at = upn.find('@');
  return at == std::string_view::npos ? std::string() : toLowerAscii(upn.substr(at + 1));
}

}  // namespace delegate
