// Domain ownership is proven through DNS: the server looks up the TXT record the core issued, on
// a real DNS server (Debian's dnsmasq on a loopback port, as an unprivileged process with its own
// configuration, stopped at the end), and an unverified claim never blocks the real owner.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/dns_resolver.hpp"
#include "tests/support/loopback_port.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

// dnsmasq serving only the given TXT records on 127.0.0.1:port (no upstream, no hosts file).
class Dnsmasq {
 public:
  Dnsmasq(int port, const std::vector<std::pair<std::string, std::string>>& txt) : port_(port) {
    std::vector<std::string> args = {
        "/usr/sbin/dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
        "--no-resolv",       "--no-hosts",           "--listen-address=127.0.0.1",
        "--bind-interfaces", "--pid-file=",          "--port=" + std::to_string(port),
        // Authoritative for these: a name without records is NXDOMAIN, not REFUSED.
        "--local=/com/", "--local=/example/"};
    if (getuid() == 0) {  // never keep root: drop to nobody once the port is bound
      args.push_back("--user=nobody");
      args.push_back("--group=nogroup");
    }
    for (const auto& [name, text] : txt)
      args.push_back("--txt-record=" + name + "," + text);  // (no commas in these texts)
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Ready when it answers (bounded).
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
      if (server::lookupTxt("ready.example", address()).ok()) return;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL("dnsmasq exited at start (status " << status << ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("dnsmasq did not answer on port " << port);
  }
  ~Dnsmasq() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::string issuedRecord(const Reply& added) {
  for (const auto& e : added.body["events"])
    if (e["event"]["type"] == "domainAdded") return e["event"]["domain"]["verificationCode"];
  return {};
}

bool holdsDomain(const Api& api, const std::string& name) {
  Reply view = api.get("/api/view");
  for (const auto& d : view.body["snapshot"]["domains"])
    if (d["id"] == name) return true;
  return false;
}

}  // namespace

TEST_CASE("the TXT lookup reads what a real DNS server serves") {
  const int port = freeLoopbackPort();
  Dnsmasq dns(port, {{"contoso.com", "MS=ms1234abcd"}, {"contoso.com", "v=spf1 -all"}});
  auto found = server::lookupTxt("contoso.com", dns.address());
  REQUIRE(found.ok());
  CHECK(found.value().size() == 2);
  CHECK(std::find(found.value().begin(), found.value().end(), "MS=ms1234abcd") !=
        found.value().end());
  auto none = server::lookupTxt("nothing-here.example", dns.address());
  REQUIRE(none.ok());
  CHECK(none.value().empty());
}

TEST_CASE("verifying a domain needs its TXT record in DNS; an unverified claim blocks nobody") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  const int dnsPort = freeLoopbackPort();
  ServerProcess server(
      {"--data", data.path(), "--dns-server", "127.0.0.1:" + std::to_string(dnsPort)});
  Api squatter = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  Api owner = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);

  // A claim proves nothing, so it blocks nobody: the real owner adds its domain anyway.
  Reply squat = squatter.command("addDomain", {{"name", "contoso.com"}});
  REQUIRE(squat.status == 200);
  Reply added = owner.command("addDomain", {{"name", "contoso.com"}});
  INFO(added.text);
  REQUIRE(added.status == 200);
  const std::string record = issuedRecord(added);
  REQUIRE(record.rfind("MS=ms", 0) == 0);
  CHECK(issuedRecord(squat) != record);

  // Someone else's famous domain: no record of ours in its DNS, no verification.
  REQUIRE(squatter.command("addDomain", {{"name", "microsoft.com"}}).status == 200);

  Dnsmasq dns(dnsPort, {{"contoso.com", record}, {"microsoft.com", "v=spf1 include:x -all"}});
  Reply famous = squatter.command("verifyDomain", {{"name", "microsoft.com"}});
  CHECK(famous.status == 400);
  CHECK(famous.code() == "domainVerificationFailed");
  // What a client claims to have found is not taken: the server looks for itself.
  Reply forged = squatter.command(
      "verifyDomain", {{"name", "contoso.com"}, {"dnsTxtRecords", {issuedRecord(squat)}}});
  CHECK(forged.code() == "domainVerificationFailed");
  Reply viaGraph = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword)
                       .post("/v1.0/domains/microsoft.com/verify", nlohmann::json::object());
  CHECK(viaGraph.status == 400);

  Reply verified = owner.command("verifyDomain", {{"name", "contoso.com"}});
  INFO(verified.text);
  CHECK(verified.status == 200);
  // Verified, it is exclusive: the squatter's claim is gone and cannot come back.
  CHECK(holdsDomain(owner, "contoso.com"));
  CHECK_FALSE(holdsDomain(squatter, "contoso.com"));
  CHECK(squatter.command("addDomain", {{"name", "contoso.com"}}).code() == "domainAlreadyExists");
  CHECK(owner.command("addUser", {{"userPrincipalName", "new@contoso.com"}, {"displayName", "N"}})
            .status == 200);
}
