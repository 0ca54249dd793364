#include "server/pg_sign_in_limiter.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace delegate::server {

namespace {

using nlohmann::json;

// Rows untouched this long are dropped: longer than any backoff, and long enough that an
// account's familiar addresses outlive a holiday.
constexpr std::int64_t kIdleMs = 30LL * 24 * 3600 * 1000;
constexpr std::int64_t kPurgeEveryMs = 60 * 1000;

std::int64_t toMs(SignInClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
SignInClock::time_point fromMs(std::int64_t ms) {
  return SignInClock::time_point(
      std::chrono::duration_cast<SignInClock::duration>(std::chrono::milliseconds(ms)));
}

json timesJson(const FailureTimes& times) {
  json out = json::array();
  for (auto t : times) out.push_back(toMs(t));
  return out;
}
FailureTimes timesOf(const json& j) {
  FailureTimes out;
  if (j.is_array())
    for (const json& t : j)
      if (t.is_number_integer()) out.push_back(fromMs(t.get<std::int64_t>()));
  return out;
}
std::int64_t msOf(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// The three rows' states; a row this server cannot read (damaged) counts as empty.
struct Rows {
  PairCount pair;
  FailureTimes byAddress;
  AccountCount account;
};

void decode(const std::string& kind, const std::string& text, Rows& rows) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  if (kind == "pair") {
    rows.pair.failures = static_cast<int>(msOf(j, "failures"));
    rows.pair.last = fromMs(msOf(j, "last"));
    rows.pair.nextAllowed = fromMs(msOf(j, "nextAllowed"));
  } else if (kind == "address") {
    rows.byAddress = timesOf(j.value("failures", json()));
  } else if (kind == "account") {
    rows.account.failures = timesOf(j.value("failures", json()));
    rows.account.nextSlowTry = fromMs(msOf(j, "nextSlowTry"));
    if (auto f = j.find("familiar"); f != j.end() && f->is_array())
      for (const json& a : *f)
        if (a.is_string()) rows.account.familiar.push_back(a.get<std::string>());
  }
}

std::string encode(const std::string& kind, const Rows& rows) {
  if (kind == "pair")
    return json{{"failures", rows.pair.failures},
                {"last", toMs(rows.pair.last)},
                {"nextAllowed", toMs(rows.pair.nextAllowed)}}
        .dump();
  if (kind == "address") return json{{"failures", timesJson(rows.byAddress)}}.dump();
  return json{{"failures", timesJson(rows.account.failures)},
              {"nextSlowTry", toMs(rows.account.nextSlowTry)},
              {"familiar", rows.account.familiar}}
      .dump();
}

}  // namespace

template <class F>
Result<std::chrono::seconds> PgSignInLimiter::update(const std::string& account,
                                                     const std::string& address, F change) {
  // Sorted by key: every transaction locks rows in the same order.
  const std::vector<std::string> keys = {"account\n" + account, "address\n" + address,
                                         "pair\n" + account + '\n' + address};
  const std::int64_t nowMs = toMs(SignInClock::now());
  purgeNowAndThen(nowMs);
  return pool_->transaction([&](PgConnection& db) -> Result<std::chrono::seconds> {
    const std::string keyArray = pgTextArray(keys);
    if (auto made =
            db.exec("INSERT INTO delegate_sign_in(key, state, touched_at) SELECT k, '{}', $2 FROM "
                    "unnest($1::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING",
                    {keyArray, std::to_string(nowMs)});
        !made)
      return made.error();
    auto locked = db.exec(
        "SELECT key, state FROM delegate_sign_in WHERE key = ANY($1::text[]) ORDER BY key "
        "FOR UPDATE",
        {keyArray});
    if (!locked) return locked.error();
    Rows rows;
    for (int i = 0; i < locked.value().rows(); ++i) {
      const std::string key = locked.value().text(i, 0);
      decode(key.substr(0, key.find('\n')), locked.value().text(i, 1), rows);
    }
    std::chrono::seconds out =
        change(AttemptCounts{rows.pair, rows.byAddress, rows.account}, fromMs(nowMs));
    const std::vector<std::string> states = {encode("account", rows), encode("address", rows),
                                             encode("pair", rows)};
    auto stored = db.exec(
        "UPDATE delegate_sign_in SET state = t.s, touched_at = $3 FROM unnest($1::text[], "
        "$2::text[]) AS t(k, s) WHERE key = t.k",
        {keyArray, pgTextArray(states), std::to_string(nowMs)});
    if (!stored) return stored.error();
    return out;
  });
}

Result<std::chrono::seconds> PgSignInLimiter::begin(const std::string& account,
                                                    const std::string& address) {
  return update(account, address, [&](AttemptCounts counts, SignInClock::time_point now) {
    return countAttempt(limits_, counts, address, now);
  });
}

void PgSignInLimiter::succeeded(const std::string& account, const std::string& address) {
  auto done = update(account, address, [&](AttemptCounts counts, SignInClock::time_point) {
    takeBackAttempt(counts, address);
    return std::chrono::seconds(0);
  });
  // The attempt stays counted as a failure: the owner may meet a backoff a little sooner.
  if (!done)
    std::fprintf(stderr, "delegate-server: sign-in count not taken back: %s\n",
                 done.error().message.c_str());
}

void PgSignInLimiter::purgeNowAndThen(std::int64_t nowMs) {
  std::int64_t last = lastPurgeMs_.load();
  if (nowMs - last < kPurgeEveryMs || !lastPurgeMs_.compare_exchange_strong(last, nowMs)) return;
  // Idle rows go; then, should a spray of made-up names have filled the table, the least
  // recently touched beyond the bound (three tables' worth of keys share it).
  auto purged = pool_->run([&](PgConnection& db) {
    return db.exec(
        "WITH old AS (DELETE FROM delegate_sign_in WHERE touched_at < $1) "
        "DELETE FROM delegate_sign_in WHERE key IN (SELECT key FROM delegate_sign_in ORDER BY "
        "touched_at DESC OFFSET $2)",
        {std::to_string(nowMs - kIdleMs), std::to_string(limits_.maxEntries * 3)});
  });
  if (!purged)
    std::fprintf(stderr, "delegate-server: purging old sign-in counts failed: %s\n",
                 purged.error().message.c_str());
}

}  // namespace delegate::server
