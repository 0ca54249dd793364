#pragma once
// Time is a value passed in from outside (the command context); the core never reads a clock.
// Timestamps are UTC seconds since the Unix epoch, written as ISO 8601 ("2026-11-28T12:00:00Z").
// Durations are ISO 8601 durations in days, hours, minutes and seconds ("P730D", "PT0S").
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace delegate {

struct Duration {
  std::int64_t seconds = 0;

  static constexpr Duration ofSeconds(std::int64_t s) { return Duration{s}; }
  static constexpr Duration ofDays(std::int64_t d) { return Duration{d * 86400}; }
  bool isWholeDays() const { return seconds % 86400 == 0; }
  std::int64_t days() const { return seconds / 86400; }

  friend bool operator==(Duration a, Duration b) { return a.seconds == b.seconds; }
  friend bool operator!=(Duration a, Duration b) { return a.seconds != b.seconds; }
  friend bool operator<(Duration a, Duration b) { return a.seconds < b.seconds; }
  friend bool operator<=(Duration a, Duration b) { return a.seconds <= b.seconds; }
  friend bool operator>(Duration a, Duration b) { return a.seconds > b.seconds; }
  friend bool operator>=(Duration a, Duration b) { return a.seconds >= b.seconds; }
};

struct Timestamp {
  std::int64_t seconds = 0;  // since 1970-01-01T00:00:00Z

  static constexpr Timestamp ofSeconds(std::int64_t s) { return Timestamp{s}; }

  friend bool operator==(Timestamp a, Timestamp b) { return a.seconds == b.seconds; }
  friend bool operator!=(Timestamp a, Timestamp b) { return a.seconds != b.seconds; }
  friend bool operator<(Timestamp a, Timestamp b) { return a.seconds < b.seconds; }
  friend bool operator<=(Timestamp a, Timestamp b) { return a.seconds <= b.seconds; }
  friend bool operator>(Timestamp a, Timestamp b) { return a.seconds > b.seconds; }
  friend bool operator>=(Timestamp a, Timestamp b) { return a.seconds >= b.seconds; }
  friend Timestamp operator+(Timestamp t, Duration d) { return Timestamp{t.seconds + d.seconds}; }
  friend Timestamp operator-(Timestamp t, Duration d) { return Timestamp{t.seconds - d.seconds}; }
  friend Duration operator-(Timestamp a, Timestamp b) { return Duration{a.seconds - b.seconds}; }
};

// Years 0001..9999 only, so every Timestamp we format parses back.
inline constexpr Timestamp kMinTimestamp{-62135596800};  // 0001-01-01T00:00:00Z
inline constexpr Timestamp kMaxTimestamp{253402300799};  // 9999-12-31T23:59:59Z

std::string formatTimestamp(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; fractions are truncated to seconds.
Result<Timestamp> parseTimestamp(std::string_view text);

// Canonical form: "PT0S" for zero, "P<n>D" for whole days, else "P[<d>D]T[<h>H][<m>M][<s>S]".
std::string formatDuration(Duration d);
// Accepts P[nW][nD][T[nH][nM][nS]]; refuses years and months (their length varies) and negatives.
Result<Duration> parseDuration(std::string_view text);

// Calendar helpers shared by the formatter and the world generators.
Timestamp timestampFromCivil(int year, int month, int day, int hour = 0, int minute = 0,
                             int second = 0);

}  // namespace delegate
