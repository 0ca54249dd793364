#pragma once
// Rows of the read model remade only when what they are made of changed. At partner scale the
// model holds 10,000 customers, 20,000 relationships and 30,000 assignments, and nearly all of
// them are the same from one change to the next (a user added in one client, a workspace
// opened). Formatting them all again, or even copying them, took most of a second in the
// browser; a row that did not change is moved over from the last model instead.
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace delegate::web {

// Key: the row's entity id. Inputs: everything the row is made of.
template <class Key, class Inputs, class Row>
class RowMemo {
 public:
  // Starts a rebuild. `last`: the rows of the last rebuild, which unchanged rows are moved out of
  // (so the last model must not be read after this rebuild).
  void begin(std::vector<Row>& last) {
    last_ = &last;
    ++generation_;
  }

  // Appends the row for `key` to `out`: the last one when same(inputs) says what it was made of
  // is unchanged, else make()'s, remembering capture() as its inputs. (Comparing in place: copying
  // the inputs of 50,000 rows costs as much as formatting them.)
  template <class Same, class Capture, class Make>
  void add(std::vector<Row>& out, const Key& key, Same&& same, Capture&& capture, Make&& make) {
    Entry& e = entries_[key];
    const bool kept = e.seen + 1 == generation_ && e.index < last_->size() && same(e.inputs);
    if (kept) {
      out.push_back(std::move((*last_)[e.index]));
    } else {
      out.push_back(make());
      e.inputs = capture();
    }
    e.seen = generation_;
    e.index = out.size() - 1;
  }

  // The same, for inputs that are cheap to make and compare.
  template <class Make>
  void add(std::vector<Row>& out, const Key& key, const Inputs& inputs, Make&& make) {
    add(
        out, key, [&](const Inputs& was) { return was == inputs; }, [&] { return inputs; },
        std::forward<Make>(make));
  }

  // After `out` was reordered: where each row is now. keyOf(row) gives its key.
  template <class KeyOf>
  void reindex(const std::vector<Row>& out, KeyOf&& keyOf) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      auto it = entries_.find(keyOf(out[i]));
      if (it != entries_.end()) it->second.index = i;
    }
  }

  // Ends a rebuild: forgets rows whose entities left the state.
  void sweep() {
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.seen == generation_ ? std::next(it) : entries_.erase(it);
    last_ = nullptr;
  }

  void clear() { entries_.clear(); }

 private:
  struct Entry {
    Inputs inputs{};
    std::uint64_t seen = 0;
    std::size_t index = 0;
  };
  std::unordered_map<Key, Entry> entries_;
  std::vector<Row>* last_ = nullptr;
  std::uint64_t generation_ = 1;
};

}  // namespace delegate::web
