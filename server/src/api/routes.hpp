#pragma once

#include "api/services.hpp"
#include "http/router.hpp"

namespace hk::api {

// Every route of the API; `helferkarte routes` prints them and a test compares them with the
// OpenAPI document.
void register_routes(http::Router& router, Services& services);

void add_health_routes(http::Router& router, Services& services);
void add_openapi_routes(http::Router& router, Services& services);
void add_municipality_routes(http::Router& router, Services& services);
void add_auth_routes(http::Router& router, Services& services);
void add_me_routes(http::Router& router, Services& services);
void add_organization_routes(http::Router& router, Services& services);
void add_member_routes(http::Router& router, Services& services);
void add_need_routes(http::Router& router, Services& services);
void add_shift_routes(http::Router& router, Services& services);
void add_signup_routes(http::Router& router, Services& services);
void add_participant_routes(http::Router& router, Services& services);
void add_calendar_routes(http::Router& router, Services& services);
void add_signup_link_routes(http::Router& router, Services& services);
void add_place_routes(http::Router& router, Services& services);
void add_site_routes(http::Router& router, Services& services);
void add_need_search_routes(http::Router& router, Services& services);
void add_help_request_routes(http::Router& router, Services& services);
void add_open_data_routes(http::Router& router, Services& services);
void add_barrier_report_routes(http::Router& router, Services& services);
void add_dashboard_routes(http::Router& router, Services& services);
void add_me_data_routes(http::Router& router, Services& services);

}  // namespace hk::api
