#include <catch2/catch.hpp>

#include <algorithm>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "server/group_committer.hpp"
#include "server/sqlite_event_store.hpp"
#include "server_process.hpp"

using namespace delegate::server;
using delegate::testing::TempDir;

namespace {

std::unique_ptr<SqliteEventStore> openStore(const std::string& dir) {
  auto store = SqliteEventStore::open(dir, "store-under-test");
  REQUIRE(store.ok());
  return std::move(store.value());
}

std::vector<std::pair<std::uint64_t, std::string>> readAll(EventStore& store) {
  std::vector<std::pair<std::uint64_t, std::string>> out;
  REQUIRE(store.readSince(0, [&](std::uint64_t rev, std::string_view body) {
    out.emplace_back(rev, std::string(body));
    return true;
  }));
  return out;
}

}  // namespace

TEST_CASE("the SQLite event store numbers appended events and reads them back after reopening") {
  TempDir dir;
  {
    auto store = openStore(dir.path() + "/data");
    CHECK(store->head() == 0);
    CHECK(store->storeId() == "store-under-test");
    auto head = store->append({R"({"a":1})", R"({"b":2})"});
    REQUIRE(head.ok());
    CHECK(head.value() == 2);
    CHECK(store->append({R"({"c":3})"}).value() == 3);
    CHECK(store->append({}).value() == 3);  // nothing to write is not an error
  }
  auto store = SqliteEventStore::open(dir.path() + "/data", "another-id");
  REQUIRE(store.ok());
  CHECK(store.value()->storeId() == "store-under-test");  // fixed at creation
  CHECK(store.value()->head() == 3);
  auto all = readAll(*store.value());
  REQUIRE(all.size() == 3);
  CHECK(all[0] == std::make_pair(std::uint64_t{1}, std::string(R"({"a":1})")));
  CHECK(all[2].second == R"({"c":3})");

  std::vector<std::uint64_t> after2;
  REQUIRE(store.value()->readSince(2, [&](std::uint64_t rev, std::string_view) {
    after2.push_back(rev);
    return true;
  }));
  CHECK(after2 == std::vector<std::uint64_t>{3});
  CHECK(store.value()->checkIntegrity());
}

TEST_CASE("a data folder that cannot be created is reported, not crashed on") {
  auto store = SqliteEventStore::open("/proc/no-such-place/data", "x");
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message.find("/proc/no-such-place/data") != std::string::npos);
}

TEST_CASE("the group committer shares one transaction among concurrent writers, in order") {
  TempDir dir;
  auto store = openStore(dir.path());
  std::atomic<std::uint64_t> durable{0};
  GroupCommitter committer(
      *store, [&](std::uint64_t head) { durable = head; },
      [](const std::string&) { FAIL("store failed"); });
  constexpr int kThreads = 16, kPerThread = 50;
  std::vector<std::thread> writers;
  std::atomic<std::uint64_t> lastSeenByPrepare{0};
  std::atomic<bool> orderKept{true};
  std::atomic<int> problems{0}, ackedBeforeDurable{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::uint64_t mine = 0;
        auto done = committer.submit([&](std::uint64_t next) {
          // Prepare runs one at a time and sees revisions in strict sequence.
          if (next != lastSeenByPrepare + 1) orderKept = false;
          lastSeenByPrepare = next;
          mine = next;
          return std::vector<std::string>{"{\"t\":" + std::to_string(t) +
                                          ",\"i\":" + std::to_string(i) + "}"};
        });
        // Catch2 assertions are not thread-safe: count problems and check them afterwards.
        auto head = done.get();
        if (!head.ok() || head.value() < mine) ++problems;
        if (durable.load() < mine) ++ackedBeforeDurable;
      }
    });
  }
  for (auto& w : writers) w.join();
  committer.close();
  CHECK(orderKept);
  CHECK(problems == 0);
  CHECK(ackedBeforeDurable == 0);
  CHECK(store->head() == kThreads * kPerThread);
  CHECK(committer.largestBatch() > 1);  // writers really did share commits
  CHECK(store->checkIntegrity());
}

TEST_CASE("after close the committer refuses work with a reason") {
  TempDir dir;
  auto store = openStore(dir.path());
  GroupCommitter committer(
      *store, [](std::uint64_t) {}, [](const std::string&) {});
  committer.close();
  auto r = committer.submit([](std::uint64_t) { return std::vector<std::string>{"{}"}; }).get();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("shutting down") != std::string::npos);
}

TEST_CASE(
    "SIGKILL during concurrent appends loses no acknowledged event and leaves a clean store") {
  TempDir dir;
  int pipeFds[2];
  REQUIRE(pipe(pipeFds) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes from 8 threads and reports each acknowledged body on the pipe.
    close(pipeFds[0]);
    auto store = SqliteEventStore::open(dir.path(), "crash");
    if (!store) _exit(3);
    GroupCommitter committer(
        *store.value(), [](std::uint64_t) {}, [](const std::string&) {});
    std::mutex pipeMutex;
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0;; ++i) {
          std::string body = "w" + std::to_string(t) + "-" + std::to_string(i);
          auto r =
              committer.submit([&](std::uint64_t) { return std::vector<std::string>{body}; }).get();
          if (!r) _exit(4);
          std::lock_guard lock(pipeMutex);
          std::string line = body + "\n";
          if (write(pipeFds[1], line.data(), line.size()) < 0) _exit(5);
        }
      });
    }
    for (auto& w : writers) w.join();
    _exit(0);
  }
  close(pipeFds[1]);
  std::string acknowledged;
  // Kill once a few hundred appends were acknowledged (the writers are still going then), not
  // after a fixed time: a loaded or sanitized machine acknowledges fewer per second. Bounded.
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buf[4096];
  while (std::chrono::steady_clock::now() < until &&
         std::count(acknowledged.begin(), acknowledged.end(), '\n') < 300) {
    ssize_t n = read(pipeFds[0], buf, sizeof buf);
    if (n <= 0) break;
    acknowledged.append(buf, static_cast<size_t>(n));
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  for (ssize_t n; (n = read(pipeFds[0], buf, sizeof buf)) > 0;)
    acknowledged.append(buf, static_cast<size_t>(n));
  close(pipeFds[0]);

  std::set<std::string> acked;
  for (size_t start = 0, end; (end = acknowledged.find('\n', start)) != std::string::npos;
       start = end + 1)
    acked.insert(acknowledged.substr(start, end - start));
  REQUIRE(acked.size() > 100);

  auto store = openStore(dir.path());
  CHECK(store->checkIntegrity());
  std::set<std::string> present;
  for (auto& [rev, body] : readAll(*store)) present.insert(body);
  size_t missing = 0;
  for (auto& a : acked) missing += present.count(a) ? 0 : 1;
  CHECK(missing == 0);
  CHECK(present.size() >= acked.size());
}
