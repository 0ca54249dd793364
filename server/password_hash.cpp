#include "server/password_hash.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace delegate::server {

namespace {

// How many Argon2id computations may run at once. Each needs its full memory cost while it runs,
// so without a bound a burst of sign-ins on the HTTP worker pool (96 threads) could ask for
// 96 x 64 MiB. More than one per core adds memory without adding throughput; and on a small
// machine at most an eighth of RAM goes to hashing.
std::size_t slotsFor(std::size_t cores, std::size_t ramBytes) {
  const std::size_t perHash = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  std::size_t byMemory = std::max<std::size_t>(1, ramBytes / 8 / perHash);
  return std::clamp<std::size_t>(std::min(std::max<std::size_t>(2, cores), byMemory), 1, 8);
}

class HashSlots {
 public:
  HashSlots() {
    long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    std::size_t ram = pages > 0 && pageSize > 0
                          ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize)
                          : std::size_t{1} << 30;
    free_ = total_ = slotsFor(std::thread::hardware_concurrency(), ram);
  }
  std::size_t total() const { return total_; }
  void acquire() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t free_ = 1, total_ = 1;
};

HashSlots& slots() {
  static HashSlots instance;
  return instance;
}

struct Slot {
  Slot() { slots().acquire(); }
  ~Slot() { slots().release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
};

}  // namespace

std::size_t concurrentHashLimit() {
  return slots().total();
}

std::string hashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  Slot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool verifyPassword(const std::string& hash, const std::string& password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  Slot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verifyAgainstDummy(const std::string& password) {
  static const std::string dummy = hashPassword("no account has this password");
  (void)verifyPassword(dummy, password);
}

}  // namespace delegate::server
