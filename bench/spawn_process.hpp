#pragma once
// Starts a program (a delegate-server) with its output in a log file, for the benchmarks that
// measure it on the wire.
#include <sys/types.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace delegate::bench {

// Returns the child's pid; the child exits 127 when the program cannot be run.
inline pid_t spawnLogged(std::vector<std::string> args, const std::string& logPath) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (FILE* f = std::fopen(logPath.c_str(), "w")) {
    dup2(fileno(f), 1);
    dup2(fileno(f), 2);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace delegate::bench
