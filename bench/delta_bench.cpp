// One client accepts a partner's delegated administration offer while N agents of that partner
// wait in long-polls of their portfolio (issue 11's budget: per agent at most 20 KB on the wire
// and 2 ms of server CPU). Prints the bytes each agent was sent (mean and largest, and whether
// any got a snapshot instead of a delta) and the server's CPU time over all answers per agent.
// The server is delegate-server --scale-world CLIENTSxUSERS beside this binary.
// Run with scripts/bench delta. Flags: --world CLIENTSxUSERS (default 10000x100), --agents N
// (default 200).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/raw_get.hpp"
#include "bench/spawn_process.hpp"
#include "server/bootstrap.hpp"
#include "server/options.hpp"
#include "tests/support/loopback_port.hpp"

namespace {

using namespace delegate::bench;

// A signed-in browser session: its cookie and the CSRF token its writes carry.
struct Session {
  std::string cookie;
  std::string csrf;
};

Session signIn(httplib::Client& c, const std::string& upn, const std::string& password) {
  Session s;
  auto r = c.Post("/api/session",
                  nlohmann::json{{"userPrincipalName", upn}, {"password", password}}.dump(),
                  "application/json");
  if (!r || r->status != 200) return s;
  for (const auto& [k, v] : r->headers)
    if (k == "Set-Cookie" && s.cookie.empty()) s.cookie = v.substr(0, v.find(';'));
  s.csrf = nlohmann::json::parse(r->body, nullptr, false).value("csrfToken", "");
  return s;
}

nlohmann::json command(httplib::Client& c, const Session& s, nlohmann::json body) {
  body["schemaVersion"] = 1;
  httplib::Headers h{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  auto r = c.Post("/api/commands", h, body.dump(), "application/json");
  if (!r || r->status != 200) {
    std::fprintf(stderr, "  %s: %s\n", body.value("type", "?").c_str(),
                 r ? r->body.c_str() : "no answer");
    return nullptr;
  }
  return nlohmann::json::parse(r->body, nullptr, false);
}

// The process's user and system CPU time, in seconds (all its threads).
double cpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoull(f);
    if (i == 15) stime = std::stoull(f);
  }
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

int run(const std::string& worldSpec, int agents) {
  const int port = delegate::testing::freeLoopbackPort();
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("delegate-delta-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(dir);
  const std::string log = dir + "/server.log";
  auto started = Clock::now();
  pid_t pid = spawnLogged({serverBinary(), "--port", std::to_string(port), "--data", dir + "/data",
                           "--scale-world", worldSpec, "--tick-seconds", "3600"},
                          log);
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(600);
  bool up = false;
  for (int i = 0; i < 60000 && !up; ++i) {
    if (auto r = c.Get("/api/health"); r && r->status == 200) up = true;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  int rc = 1;
  auto stop = [&] {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    std::filesystem::remove_all(dir);
    return rc;
  };
  if (!up) {
    std::fprintf(stderr, "  the server did not start; see %s\n", log.c_str());
    return stop();
  }
  std::printf("  delegate-server --scale-world %s: ready in %.1f s\n", worldSpec.c_str(),
              secondsSince(started));
  const std::string password = delegate::server::kDemoPassword;
  // A new client, signed up through a trial without delegated administration: the offer comes
  // later, when the agents are waiting.
  Session admin = signIn(c, "agent0@scalepartners.onmicrosoft.com", password);
  nlohmann::json trial = command(c, admin,
                                 {{"type", "createTrialInvitation"},
                                  {"product", "Microsoft 365 Business Premium"},
                                  {"licenses", 10},
                                  {"trialDays", 30},
                                  {"includesDelegatedAdmin", false}});
  nlohmann::json offer = command(c, admin, {{"type", "createOffer"}});
  if (trial.is_null() || offer.is_null()) return stop();
  Session none;
  if (command(c, none,
              {{"type", "acceptTrialInvitation"},
               {"token", trial["secrets"][0]["value"]},
               {"signUp",
                {{"organizationName", "Tailspin Toys"},
                 {"domainPrefix", "tailspintoys"},
                 {"userName", "ada"},
                 {"displayName", "Ada Abbott"},
                 {"password", "Tailspin-2026!"}}}})
          .is_null())
    return stop();
  Session ada = signIn(c, "ada@tailspintoys.onmicrosoft.com", "Tailspin-2026!");

  // The agents, each holding its portfolio at the current revision (one head tells it).
  std::vector<Session> sessions;
  for (int i = 1; i <= agents; ++i) {
    Session s = signIn(c, "agent" + std::to_string(i) + "@scalepartners.onmicrosoft.com", password);
    if (s.cookie.empty()) {
      std::fprintf(stderr, "  agent%d could not sign in\n", i);
      return stop();
    }
    sessions.push_back(s);
  }
  auto head = c.Get("/api/view?scope=portfolio&details=later", {{"Cookie", sessions[0].cookie}});
  if (!head || head->status != 200) return stop();
  const nlohmann::json h = nlohmann::json::parse(head->body, nullptr, false);
  const std::string wait =
      "/api/view?scope=portfolio&wait=20&since=" + std::to_string(h.value("revision", 0ull)) +
      "&store=" + h.value("storeId", "");

  std::vector<Fetch> answers(sessions.size());
  std::vector<std::thread> polls;
  for (std::size_t i = 0; i < sessions.size(); ++i)
    polls.emplace_back([&, i] {
      answers[i] = rawGet(port, wait, "Cookie: " + sessions[i].cookie + "\r\n", true);
    });
  // The long-polls park (a bench may sleep: nothing here is asserted on timing).
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double cpu0 = cpuSeconds(pid);
  const auto t0 = Clock::now();
  if (command(c, ada, {{"type", "acceptOffer"}, {"token", offer["secrets"][0]["value"]}}).is_null())
    return stop();
  for (std::thread& t : polls) t.join();
  const double wall = secondsSince(t0);
  const double cpu = cpuSeconds(pid) - cpu0;

  std::size_t total = 0, largest = 0, snapshots = 0, failed = 0;
  for (const Fetch& f : answers) {
    total += f.bytes;
    largest = std::max<std::size_t>(largest, f.bytes);
    const nlohmann::json j = nlohmann::json::parse(f.body, nullptr, false);
    if (f.status != 200 || !j.is_object() || !j.contains("slices")) ++failed;
    if (j.is_object() && j.contains("snapshot")) ++snapshots;
  }
  const double n = double(answers.size());
  std::printf(
      "  one client accepts an offer, %zu agents waiting: all answered in %.2f s\n"
      "  bytes per agent: %.1f KB mean, %.1f KB largest (budget <= 20 KB); %zu snapshots, %zu "
      "answers without a delta\n"
      "  server CPU per agent: %.2f ms (%.0f ms in all, command included; budget <= 2 ms)\n",
      answers.size(), wall, total / n / 1024.0, largest / 1024.0, snapshots, failed,
      cpu * 1000.0 / n, cpu * 1000.0);
  rc = snapshots == 0 && failed == 0 ? 0 : 1;
  return stop();
}

}  // namespace

int main(int argc, char** argv) {
  std::string world = "10000x100";
  int agents = 200;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--world" && i + 1 < argc) world = argv[++i];
    if (a == "--agents" && i + 1 < argc) agents = std::atoi(argv[++i]);
  }
  std::size_t clients = 0, users = 0;
  if (std::string problem = delegate::server::parseScaleWorld(world, clients, users);
      !problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    return 2;
  }
  std::printf("delta benchmark: a visibility change at partner scale, world %zux%zu, %u cores\n",
              clients, users, std::thread::hardware_concurrency());
  return run(world, agents);
}
