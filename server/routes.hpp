#pragma once

namespace httplib {
class Server;
}

namespace delegate::server {

class ServerApp;

// Every route of the product, one file per area.
void installRoutes(httplib::Server& http, ServerApp& app);
void installSessionRoutes(httplib::Server& http, ServerApp& app);
void installCommandRoutes(httplib::Server& http, ServerApp& app);
void installViewRoutes(httplib::Server& http, ServerApp& app);
void installPageRoutes(httplib::Server& http, ServerApp& app);
void installPublicRoutes(httplib::Server& http, ServerApp& app);
void installGraphRoutes(httplib::Server& http, ServerApp& app);
void installMailRoutes(httplib::Server& http, ServerApp& app);
void installWebhookRoutes(httplib::Server& http, ServerApp& app);
void installGraphRelationshipRoutes(httplib::Server& http, ServerApp& app);
void installGraphAssignmentRoutes(httplib::Server& http, ServerApp& app);
void installGraphDirectoryRoutes(httplib::Server& http, ServerApp& app);
void installGraphGroupRoutes(httplib::Server& http, ServerApp& app);
void installMultiFactorRoutes(httplib::Server& http, ServerApp& app);

}  // namespace delegate::server
