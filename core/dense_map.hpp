#pragma once
// A hash map for the largest and hottest tables (users, relationships and their indexes): entries
// live densely in one vector and a table of 4-byte slots finds them by linear probing. A lookup
// touches the slot table and the entry — two cache lines — where std::unordered_map touches three
// or four; and it costs ~8 bytes of index per entry instead of a node and a bucket. Offers the
// subset of the unordered_map interface the core uses. Iterators and pointers are invalidated by
// insertion and erasure.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace delegate {

template <class K, class V, class Hash = std::hash<K>>
class DenseMap {
 public:
  using key_type = K;
  using mapped_type = V;
  using value_type = std::pair<K, V>;
  using iterator = value_type*;
  using const_iterator = const value_type*;

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  iterator begin() { return entries_.data(); }
  iterator end() { return entries_.data() + entries_.size(); }
  const_iterator begin() const { return entries_.data(); }
  const_iterator end() const { return entries_.data() + entries_.size(); }

  void reserve(std::size_t n) {
    entries_.reserve(n);
    if (n * 2 > slots_.size()) rehash(slotCountFor(n));
  }

  iterator find(const K& key) {
    std::size_t s = slotOf(key);
    return s == kNone ? end() : &entries_[slots_[s] - 1];
  }
  const_iterator find(const K& key) const {
    std::size_t s = slotOf(key);
    return s == kNone ? end() : &entries_[slots_[s] - 1];
  }
  std::size_t count(const K& key) const { return slotOf(key) == kNone ? 0 : 1; }
  V& operator[](const K& key) { return emplace(key, V{}).first->second; }

  template <class VV>
  std::pair<iterator, bool> emplace(const K& key, VV&& value) {
    if (std::size_t s = slotOf(key); s != kNone) return {&entries_[slots_[s] - 1], false};
    if ((entries_.size() + 1) * 2 > slots_.size()) rehash(slotCountFor(entries_.size() + 1));
    entries_.emplace_back(key, std::forward<VV>(value));
    place(key, static_cast<std::uint32_t>(entries_.size()));
    return {&entries_.back(), true};
  }

  std::size_t erase(const K& key) {
    std::size_t s = slotOf(key);
    if (s == kNone) return 0;
    const std::size_t index = slots_[s] - 1;
    removeSlot(s);
    const std::size_t last = entries_.size() - 1;
    if (index != last) {
      slots_[slotOf(entries_[last].first)] = static_cast<std::uint32_t>(index + 1);
      entries_[index] = std::move(entries_[last]);
    }
    entries_.pop_back();
    return 1;
  }
  void erase(const_iterator it) { erase(K(it->first)); }

  // Same keys with equal values, whatever the order.
  friend bool operator==(const DenseMap& a, const DenseMap& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a) {
      auto it = b.find(k);
      if (it == b.end() || !(it->second == v)) return false;
    }
    return true;
  }
  friend bool operator!=(const DenseMap& a, const DenseMap& b) { return !(a == b); }

 private:
  static constexpr std::size_t kNone = ~std::size_t{0};

  static std::size_t slotCountFor(std::size_t entries) {
    std::size_t n = 16;
    while (n < entries * 2) n *= 2;  // load factor at most 1/2
    return n;
  }
  std::size_t home(const K& key) const {
    // Fibonacci hashing spreads any hash over the table's bits.
    return static_cast<std::size_t>(
        (static_cast<std::uint64_t>(Hash{}(key)) * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  std::size_t slotOf(const K& key) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
      const std::uint32_t e = slots_[i];
      if (e == 0) return kNone;
      if (entries_[e - 1].first == key) return i;
    }
  }
  void place(const K& key, std::uint32_t entry) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = entry;
  }
  // Backward-shift deletion keeps every probe chain unbroken without tombstones.
  void removeSlot(std::size_t i) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t j = (i + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
      const std::size_t h = home(entries_[slots_[j] - 1].first);
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = 0;
  }
  void rehash(std::size_t count) {
    slots_.assign(count, 0);
    shift_ = 64;
    for (std::size_t n = count; n > 1; n /= 2) --shift_;
    for (std::size_t e = 0; e < entries_.size(); ++e)
      place(entries_[e].first, static_cast<std::uint32_t>(e + 1));
  }

  std::vector<value_type> entries_;
  std::vector<std::uint32_t> slots_;  // 0 = empty, else entry index + 1; size is a power of two
  int shift_ = 64;
};

}  // namespace delegate
