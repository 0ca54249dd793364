#pragma once
// The few core services the web app needs beyond decide/apply/authorize: JSON codecs of commands
// and state, the demo world and its personas. Thin wrappers so the app has one place to follow
// the core's API.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/commands.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/state.hpp"
#include "web/app/model.hpp"

namespace delegate::web {

Result<Command> commandFromJson(const nlohmann::json& j);
nlohmann::json stateToJson(const State& s);
Result<Event> eventFromJson(const nlohmann::json& j);
Result<State> stateFromJson(const nlohmann::json& j);

// The seeded demo world: a large partner (>= 150 clients), a small one (~12), customers with
// users and domains, relationships in every status.
// The core's demo world (core/seed/demo_world): its state and the links it issued.
struct Demo {
  State state;
  std::vector<std::pair<std::string, std::string>> offerTokens;     // offer id, token
  std::vector<std::pair<std::string, std::string>> approvalTokens;  // relationship id, token
};
Demo demoWorld();
// A world for benchmarks (core/seed/scale_world): one partner with `clients` customers; returns
// the partner's Global Administrator in *admin.
State benchWorld(int clients, UserId* admin);
struct DemoPersona {
  std::string label;
  UserId user;
};
// Partner admin (large), partner agent with Limited (large), customer admin, small partner admin.
std::vector<DemoPersona> demoPersonas(const State& world);

// What a delegated-admin offer, trial invitation or purchase offer asks for.
OfferPreview offerPreview(const State& s, const Offer& o);

}  // namespace delegate::web
