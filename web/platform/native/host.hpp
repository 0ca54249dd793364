#pragma once
// The native stand-in for the browser (web/platform/*.hpp without emscripten), so that web/app's
// logic runs in plain Catch2 tests: requests wait here until a test answers them, storage is a
// map, clocks and the page's address are what the test sets.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "web/platform/fetch.hpp"

namespace delegate::web::host {

struct Request {
  std::string method, url, body;
  std::map<std::string, std::string> headers;
  HttpCallback callback;
};

// Requests sent and not yet answered, oldest first.
std::vector<Request>& requests();
// Answers the oldest request whose method and URL start as given; false when there is none.
bool answer(const std::string& method, const std::string& urlPrefix, int status,
            const std::string& body);
// Answers the oldest request whatever it is; false when none waits.
bool answerNext(int status, const std::string& body);

std::map<std::string, std::string>& storage();
// Makes storageSet fail as a full quota does.
void setStorageFull(bool full);

void setWallClockMs(double ms);
void setMonotonicMs(double ms);
void setLocation(const std::string& origin, const std::string& path, const std::string& hash = "",
                 const std::string& query = "");

// Runs the timers set with afterMs (all of them, whatever their delay).
void runTimers();

// What the app copied or offered as a download, last.
const std::string& clipboard();
const std::string& lastDownload();

// Back to a fresh page: no requests, storage, timers, headers or location.
void reset();

}  // namespace delegate::web::host
