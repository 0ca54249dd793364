// The server refuses to start on a store that is not whole, says what is wrong and what to do,
// and exits non-zero: an empty file beside a full one, files from two stores, a hole in the log.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "tests/support/loopback_port.hpp"

using namespace delegate;
using namespace delegate::testing;
namespace fs = std::filesystem;

namespace {

struct Exit {
  int code = -1;  // -1: did not exit in time (it was killed)
  std::string output;
};

// Runs the real server on `dataDir` and waits for it to exit by itself.
Exit startExpectingExit(const std::string& dataDir) {
  TempDir logDir;
  std::string log = logDir.path() + "/out.log";
  std::string port = std::to_string(freeLoopbackPort());
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::fopen(log.c_str(), "w");
    if (f) {
      dup2(fileno(f), 1);
      dup2(fileno(f), 2);
    }
    execl(DELEGATE_SERVER_BINARY, DELEGATE_SERVER_BINARY, "--host", "127.0.0.1", "--port",
          port.c_str(), "--data", dataDir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  Exit out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::ifstream in(log);
  out.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return out;
}

void truncateFile(const std::string& path) {
  std::ofstream(path, std::ios::trunc);
  std::error_code ec;
  fs::remove(path + "-wal", ec);
  fs::remove(path + "-shm", ec);
}

void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  INFO(statement);
  CHECK(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error) == SQLITE_OK);
  sqlite3_free(error);
  sqlite3_close(db);
}

// A world that the server has started on once (so both files carry the store id), then stopped.
void startedWorld(const std::string& dir) {
  Cast c(false);
  c.w.writeTo(dir);
  ServerProcess server({"--data", dir});
  REQUIRE(server.stop() == 0);
}

}  // namespace

TEST_CASE("the server refuses a store that is not whole and says what to do") {
  TempDir data;
  startedWorld(data.path());
  const std::string events = data.path() + "/events.db", auth = data.path() + "/auth.db";

  SECTION("an empty events.db beside a full auth.db") {
    truncateFile(events);
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("not whole") != std::string::npos);
    CHECK(e.output.find("events.db") != std::string::npos);
    CHECK(e.output.find("Restore both files") != std::string::npos);
    CHECK(e.output.find("First start") == std::string::npos);  // no new operator was made
    CHECK(fs::file_size(events) == 0);                         // and nothing was written
  }
  SECTION("an empty auth.db beside a full events.db") {
    truncateFile(auth);
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("nobody could sign in") != std::string::npos);
  }
  SECTION("a missing auth.db beside a full events.db") {
    fs::remove(auth);
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("auth.db") != std::string::npos);
  }
  SECTION("auth.db from another store") {
    TempDir other;
    startedWorld(other.path());
    fs::copy_file(other.path() + "/auth.db", auth, fs::copy_options::overwrite_existing);
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("different stores") != std::string::npos);
  }
  SECTION("a revision missing from the middle of the log") {
    sql(events, "DELETE FROM events WHERE revision = 3");
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("revision 3 is missing") != std::string::npos);
    CHECK(e.output.find("backup") != std::string::npos);
  }
  SECTION("a file that is not a database") {
    std::ofstream(events, std::ios::trunc) << "this is not a database, just some text";
    Exit e = startExpectingExit(data.path());
    CHECK(e.code == 1);
    CHECK(e.output.find("cannot be read") != std::string::npos);
  }
  SECTION("a whole store still starts") {
    ServerProcess server({"--data", data.path()});
    CHECK(Api::browser(server, "admin@contoso.onmicrosoft.com", kPassword).get("/api/me").status ==
          200);
  }
}

TEST_CASE("an empty data folder still starts a new store") {
  TempDir data;
  ServerProcess server({"--data", data.path()});
  CHECK(server.log().find("First start") != std::string::npos);
  REQUIRE(server.stop() == 0);
  ServerProcess again({"--data", data.path()});
  CHECK(again.log().find("First start") == std::string::npos);
}
