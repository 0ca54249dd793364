#pragma once
// Shared by the /v1.0 routes: running a command for a Graph call, reading Graph request bodies.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/authorize.hpp"
#include "server/command_executor.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

class ServerApp;

using GraphHandler =
    std::function<void(ServerApp&, const Principal&, const httplib::Request&, httplib::Response&)>;

// A /v1.0 directory route in the acting tenant: reads need the directory-read right there;
// writes are decided by the core. Answers only once the state it read is durable.
std::function<void(const httplib::Request&, httplib::Response&)> directoryRoute(
    ServerApp& app, GraphHandler handler, bool read);

// Runs `command`; on any failure writes the Graph error response and returns nothing.
// `password`: for user creation and password reset through Graph, the password the caller chose
// replaces the temporary one the core issued.
std::optional<ExecuteResult> runGraphCommand(ServerApp& app, const Principal& principal,
                                             const Command& command, const std::string& ifMatch,
                                             httplib::Response& res,
                                             const std::string& password = {});

// Several commands as one atomic decision (see CommandExecutor::executeAll).
std::optional<ExecuteResult> runGraphCommands(ServerApp& app, const Principal& principal,
                                              const std::vector<Command>& commands,
                                              const std::string& ifMatch, httplib::Response& res,
                                              const std::string& password = {});

// The If-Match header Graph requires on PATCH and DELETE of delegated-admin resources; without
// it writes a 428 that says how to get the etag, and returns nothing.
std::optional<std::string> requiredIfMatch(const httplib::Request& req, httplib::Response& res);

// Whether `principal` may do `action` in `tenant`; on denial writes the core's refusal (403).
bool requireAuthorized(ServerApp& app, const Principal& principal, Action action, TenantId tenant,
                       httplib::Response& res);

// {"unifiedRoles":[{"roleDefinitionId": ...}]} → RoleSet, or a 400 naming the problem.
std::optional<RoleSet> readUnifiedRoles(const nlohmann::json& accessDetails,
                                        httplib::Response& res);
// An ISO 8601 duration member, or a 400 (invalidDuration / invalidAutoExtendDuration).
std::optional<Duration> readDuration(const nlohmann::json& body, const char* name,
                                     httplib::Response& res);

void sendCoreError(httplib::Response& res, const Error& error);
// Answers a command that was not carried out (store unavailable, stale If-Match, refused by the
// core) and returns true; returns false, writing nothing, when it was.
bool sendUnlessDone(httplib::Response& res, const ExecuteResult& r);

// The wall clock, never behind the state's clock.
Timestamp serverNow(ServerApp& app);

// Called when a /v1.0 handler has written its answer: holds it until every change the in-memory
// state held at that moment is durable, so nobody is answered (or authorized) from a state that
// a crash could still take back. The answer is replaced by a 503 if the store does not catch up.
void answerWhenDurable(ServerApp& app, httplib::Response& res);

// Graph answers 204 to PATCH and DELETE.
void sendNoContent(httplib::Response& res);

}  // namespace delegate::server
