#include "server/long_poll.hpp"

namespace delegate::server {

namespace {
// Handlers keep httplib's signature, which has no room for the transport's context; a handler
// runs start to end on one worker thread, so the thread names the request it serves.
thread_local LongPoll* tCurrent = nullptr;
}  // namespace

LongPoll* LongPoll::current() {
  return tCurrent;
}

LongPoll::Scope::Scope(LongPoll& poll) : previous_(tCurrent) {
  tCurrent = &poll;
}
LongPoll::Scope::~Scope() {
  tCurrent = previous_;
}

}  // namespace delegate::server
