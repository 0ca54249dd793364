#pragma once
// A generated world of any size for benchmarks (core, server, browser): one certified partner
// with its users and security groups, and customers each holding a DAP relationship and a
// granular one with access assignments, with their users. Deterministic for a given spec.
// Events are produced directly (no audit records), as facts a replayed log would hold.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/events.hpp"
#include "core/state.hpp"

namespace delegate {

struct ScaleSpec {
  std::size_t customers = 10000;
  std::size_t partnerUsers = 1000;
  std::size_t groups = 100;
  std::size_t relationships = 20000;  // split between DAP and granular, at most 2 per customer
  std::size_t customerUsers = 1000000;
  std::uint64_t seed = 1;
};

struct ScaleWorld {
  TenantId partner;
  std::vector<UserId> partnerUsers;
  std::vector<GroupId> groups;
  std::vector<TenantId> customers;
  std::vector<UserId> customerAdmins;  // one Global Administrator per customer
  // People to sign in as (nil when the spec has too few partner users): the partner's Global
  // Administrator (no administrative access to clients), an agent with Full and one with Limited
  // administration (DAP, over every client with a DAP relationship), and an agent with neither
  // whose rights come only from its groups' access assignments (granular; with 2 or more
  // clients it holds some).
  UserId partnerAdmin;
  UserId fullAgent;
  UserId limitedAgent;
  UserId granularAgent;
};

// Calls `sink` with each event in an order apply() accepts; returns the ids of note.
ScaleWorld generateScaleWorld(const ScaleSpec& spec, const std::function<void(const Event&)>& sink);

// Convenience: generates and applies into `state`.
ScaleWorld buildScaleWorld(const ScaleSpec& spec, State& state);

}  // namespace delegate
