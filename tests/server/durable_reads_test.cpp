// /v1.0 reads answer only from durable state: whatever a reader was shown survives a SIGKILL of
// the server at any moment (the in-memory state runs ahead of the disk while a group commit is
// being fsynced; a read of that state waits for the fsync).
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

TEST_CASE("SIGKILL while Graph reads run: nothing a reader was shown is lost") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  std::set<std::string> shown;
  std::string lastRefusal;
  {
    ServerProcess server({"--data", data.path()});
    Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; !stop; ++i)
          (void)admin.post("/v1.0/domains",
                           {{"id", "d" + std::to_string(t) + "-" + std::to_string(i) + ".com"}});
      });
    for (int t = 0; t < 2; ++t)
      threads.emplace_back([&] {
        while (!stop) {
          Reply list = admin.get("/v1.0/domains?$top=300");
          std::lock_guard lock(mutex);
          if (list.status != 200) {
            lastRefusal = list.text;
            continue;
          }
          for (const auto& d : list.body["value"]) shown.insert(d["id"].get<std::string>());
        }
      });
    // Until the readers have been shown a few writes (bounded), then mid-flight.
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      {
        std::lock_guard lock(mutex);
        if (shown.size() > 5 || std::chrono::steady_clock::now() > until) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    server.kill9();  // mid-flight: batches are being decided, fsynced and read
    stop = true;
    for (auto& t : threads) t.join();
  }
  INFO(lastRefusal);
  REQUIRE(shown.size() > 1);
  ServerProcess server({"--data", data.path()});
  Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  std::set<std::string> present;
  Reply view = admin.get("/api/view");
  REQUIRE(view.status == 200);
  for (const auto& d : view.body["snapshot"]["domains"]) present.insert(d["id"].get<std::string>());
  std::size_t lost = 0;
  for (const auto& name : shown) lost += present.count(name) ? 0 : 1;
  CHECK(lost == 0);
}
