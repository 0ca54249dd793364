#pragma once

// Route files register on a Router (server/router.hpp): httplib's handler signature and route
// patterns, served by the event-driven transport (server/async_http_server.hpp).
#include "server/router.hpp"

namespace delegate::server {

class ServerApp;

// Every route of the product, one file per area.
void installRoutes(Router& http, ServerApp& app);
void installSessionRoutes(Router& http, ServerApp& app);
void installCommandRoutes(Router& http, ServerApp& app);
void installViewRoutes(Router& http, ServerApp& app);
void installPageRoutes(Router& http, ServerApp& app);
void installPublicRoutes(Router& http, ServerApp& app);
void installGraphRoutes(Router& http, ServerApp& app);
void installMailRoutes(Router& http, ServerApp& app);
void installWebhookRoutes(Router& http, ServerApp& app);
void installGraphRelationshipRoutes(Router& http, ServerApp& app);
void installGraphAssignmentRoutes(Router& http, ServerApp& app);
void installGraphDirectoryRoutes(Router& http, ServerApp& app);
void installGraphGroupRoutes(Router& http, ServerApp& app);
void installMultiFactorRoutes(Router& http, ServerApp& app);

}  // namespace delegate::server
