#include "smtp_sink.hpp"

#include "server_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/support/loopback_port.hpp"

namespace delegate::testing {

namespace {

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

SmtpSink::SmtpSink(const std::string& answers, int holdFirstSeconds)
    : SmtpSink(SmtpSinkOptions{answers, holdFirstSeconds}) {}

SmtpSink::SmtpSink(const SmtpSinkOptions& o) : smtps_(o.tls == SmtpSinkOptions::Tls::smtps) {
  port_ = freeLoopbackPort();
  if (port_ < 0) throw std::runtime_error("cannot bind a loopback port");
  std::vector<std::string> args = {"/usr/bin/python3",
                                   std::string(DELEGATE_SOURCE_DIR) + "/tests/server/smtp_sink.py",
                                   "--port",
                                   std::to_string(port_),
                                   "--dir",
                                   dir_.path(),
                                   "--answers",
                                   o.answers,
                                   "--hold-first",
                                   std::to_string(o.holdFirstSeconds)};
  if (o.tls != SmtpSinkOptions::Tls::none)
    args.insert(args.end(), {"--tls",
                             smtps_                                    ? "smtps"
                             : o.tls == SmtpSinkOptions::Tls::starttls ? "starttls"
                                                                       : "starttls-optional",
                             "--cert", o.certFile, "--key", o.keyFile});
  if (!o.user.empty()) {
    // In a file, as the server under test gets them: a password on a command line shows in ps.
    const std::string authFile = dir_.path() + "/auth.txt";
    std::ofstream(authFile) << o.user << "\n" << o.password << "\n";
    args.insert(args.end(), {"--auth-file", authFile});
  }
  const std::string logPath = dir_.path() + "/sink.log";
  pid_ = spawnLogged(args, logPath);
  for (int i = 0; i < 200; ++i) {  // at most 10 s
    if (accepts(port_)) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::ifstream in(logPath);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  throw std::runtime_error("the SMTP sink did not start: " + text);
}

SmtpSink::~SmtpSink() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
}

std::vector<nlohmann::json> SmtpSink::messages() const {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path()))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> out;
  for (const std::string& f : files) {
    std::ifstream in(f);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_discarded()) out.push_back(std::move(j));
  }
  return out;
}

bool SmtpSink::waitFor(std::size_t count, int ms) const {
  for (int waited = 0; waited <= ms; waited += 50) {
    if (messages().size() >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace delegate::testing
