#include "core/time.hpp"

#include <cstdio>

#include "core/errors.hpp"

namespace delegate {

namespace {

// Howard Hinnant's civil-from-days algorithms (proleptic Gregorian calendar).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool isLeap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(std::int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

Error timestampError(std::string message) {
  return makeError(errc::invalidRequest, std::move(message));
}

// Reads exactly `count` digits at `pos`; false if any is not a digit.
bool readDigits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Timestamp timestampFromCivil(int year, int month, int day, int hour, int minute, int second) {
  return Timestamp{daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                       86400 +
                   hour * 3600 + minute * 60 + second};
}

std::string formatTimestamp(Timestamp t) {
  std::int64_t s = t.seconds;
  if (s < kMinTimestamp.seconds) s = kMinTimestamp.seconds;
  if (s > kMaxTimestamp.seconds) s = kMaxTimestamp.seconds;
  std::int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  std::int64_t rem = s - days * 86400;
  std::int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", static_cast<int>(y), m, d,
                static_cast<unsigned>(rem / 3600), static_cast<unsigned>(rem % 3600 / 60),
                static_cast<unsigned>(rem % 60));
  return buf;
}

Result<Timestamp> parseTimestamp(std::string_view s) {
  const std::string shown(s.substr(0, 40));
  auto bad = [&](const char* what) {
    return timestampError("'" + shown + "' is not an ISO 8601 UTC date-time (" + what +
                          "); expected e.g. 2026-11-28T12:00:00Z.");
  };
  int year, month, day, hour, minute, second;
  if (!readDigits(s, 0, 4, year) || s.size() < 5 || s[4] != '-') return bad("bad year");
  if (!readDigits(s, 5, 2, month) || s.size() < 8 || s[7] != '-') return bad("bad month");
  if (!readDigits(s, 8, 2, day)) return bad("bad day");
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't')) return bad("missing 'T' before the time");
  if (!readDigits(s, 11, 2, hour) || s.size() < 14 || s[13] != ':') return bad("bad hour");
  if (!readDigits(s, 14, 2, minute) || s.size() < 17 || s[16] != ':') return bad("bad minute");
  if (!readDigits(s, 17, 2, second)) return bad("bad second");
  if (year < 1 || month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month)))
    return bad("day out of range");
  if (hour > 23 || minute > 59 || second > 59) return bad("time out of range");
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return bad("bad fraction of a second");
  }
  std::int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!readDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !readDigits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return bad("bad UTC offset");
    offset = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return bad("missing time zone; add 'Z' for UTC");
  }
  if (pos != s.size()) return bad("unexpected text after the time zone");
  Timestamp t = timestampFromCivil(year, month, day, hour, minute, second);
  t.seconds -= offset;
  if (t < kMinTimestamp || t > kMaxTimestamp) return bad("out of range");
  return t;
}

std::string formatDuration(Duration d) {
  if (d.seconds <= 0) return "PT0S";
  std::int64_t s = d.seconds;
  std::string out = "P";
  std::int64_t days = s / 86400;
  s %= 86400;
  if (days) out += std::to_string(days) + "D";
  if (s) {
    out += "T";
    if (s / 3600) out += std::to_string(s / 3600) + "H";
    if (s % 3600 / 60) out += std::to_string(s % 3600 / 60) + "M";
    if (s % 60) out += std::to_string(s % 60) + "S";
  }
  return out;
}

Result<Duration> parseDuration(std::string_view s) {
  const std::string shown(s.substr(0, 40));
  auto bad = [&](const std::string& what) {
    return makeError(errc::invalidDuration, "'" + shown + "' is not an ISO 8601 duration (" + what +
                                                "); expected e.g. P730D or PT0S.");
  };
  if (s.empty() || s[0] != 'P') return bad("it must start with 'P'");
  std::size_t pos = 1;
  bool inTime = false, any = false;
  std::int64_t total = 0;
  const char* order = "YMWD";  // designators allowed, in order, before/after 'T'
  std::size_t orderPos = 0;
  while (pos < s.size()) {
    if (s[pos] == 'T') {
      if (inTime) return bad("'T' appears twice");
      inTime = true;
      order = "HMS";
      orderPos = 0;
      ++pos;
      if (pos == s.size()) return bad("'T' must be followed by hours, minutes or seconds");
      continue;
    }
    std::size_t start = pos;
    std::int64_t n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n > 1'000'000'000) return bad("the number is too large");
      n = n * 10 + (s[pos] - '0');
      ++pos;
    }
    if (pos == start) {
      if (s[pos] == '-') return bad("negative durations are not allowed");
      return bad(std::string("unexpected '") + s[pos] + "'");
    }
    if (pos == s.size()) return bad("the number has no unit");
    char unit = s[pos++];
    std::size_t found = std::string_view(order).find(unit, orderPos);
    if (found == std::string_view::npos) return bad(std::string("unexpected unit '") + unit + "'");
    orderPos = found + 1;
    std::int64_t factor = 1;
    // Years and months vary in length; Graph (through .NET's XML duration reading) counts a
    // year as 365 days and a month as 30, so "P2Y" is Partner Center's 730-day limit.
    switch (inTime || unit != 'M' ? unit : 'm') {
      case 'Y':
        factor = 365 * 86400;
        break;
      case 'm':
        factor = 30 * 86400;
        break;
      case 'W':
        factor = 7 * 86400;
        break;
      case 'D':
        factor = 86400;
        break;
      case 'H':
        factor = 3600;
        break;
      case 'M':
        factor = 60;
        break;
      case 'S':
        factor = 1;
        break;
    }
    total += n * factor;
    any = true;
  }
  if (!any) return bad("no amount is given");
  if (total > 36500LL * 86400) return bad("longer than 100 years");
  return Duration{total};
}

}  // namespace delegate
