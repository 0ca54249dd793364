#pragma once
// Input rules shared by the decision step and by forms that want to check early.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace delegate {

inline constexpr std::size_t kMaxDisplayName = 256;
inline constexpr std::size_t kMaxRelationshipDisplayName = 50;
inline constexpr std::size_t kMaxProductName = 100;
inline constexpr std::size_t kMaxUserPrincipalName = 113;
inline constexpr std::size_t kMaxDomainName = 253;
inline constexpr std::size_t kMaxDomainPrefix = 40;
inline constexpr const char* kInitialDomainSuffix = ".onmicrosoft.com";
inline constexpr std::size_t kMinPasswordLength = 8;  // Entra ID's minimum
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr std::size_t kMaxDeclineReason = 500;

// 1..maxLength characters (UTF-8 code points), not blank, no control characters.
Status validateDisplayName(std::string_view name, std::size_t maxLength, std::string_view field);
// Why a customer declined a request: optional (empty is fine), at most kMaxDeclineReason
// characters, no control characters other than line breaks. Refused with invalidReason.
Status validateDeclineReason(std::string_view reason);
// A DNS name: labels of letters, digits and hyphens (not at either end), at least two labels,
// an alphabetic top-level label.
Status validateDomainName(std::string_view name);
// A single DNS label, used for <prefix>.onmicrosoft.com.
Status validateDomainPrefix(std::string_view prefix);
// local@domain with a valid local part and domain name.
Status validateUserPrincipalName(std::string_view upn);
// A password a person picks (sign-up, change, set through the Graph API): 8-256 characters, not
// blank. Refused with weakPassword.
Status validateChosenPassword(std::string_view password, std::string_view field);
// The domain part of a principal name, lowercase ("" when there is no '@').
std::string domainOf(std::string_view upn);

std::size_t utf8Length(std::string_view s);

}  // namespace delegate
