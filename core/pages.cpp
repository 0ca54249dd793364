#include "core/pages.hpp"

#include "core/apply.hpp"

namespace delegate {

UserPageQuery firstPageQuery() {
  UserPageQuery q;
  q.limit = kUsersPageSize;
  return q;
}

void holdPageUsers(State& view, const std::vector<User>& users) {
  // A user is created in the view as its event would create it (the indexes follow).
  for (const User& u : users)
    if (!view.findUser(u.id)) delegate::apply(view, Event{UserCreated{u}});
}

}  // namespace delegate
