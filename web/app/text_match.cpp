#include "web/app/text_match.hpp"

#include <algorithm>

namespace delegate::web {

std::string lower(const std::string& s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool containsLower(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
                          return a == b;
                        });
  return it != haystack.end();
}

}  // namespace delegate::web
