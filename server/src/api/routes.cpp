#include "api/routes.hpp"

namespace hk::api {

void register_routes(http::Router& router, Services& services) {
  add_health_routes(router, services);
  add_openapi_routes(router, services);
  add_auth_routes(router, services);
  add_me_routes(router, services);
  add_municipality_routes(router, services);
  add_organization_routes(router, services);
  add_member_routes(router, services);
  add_need_routes(router, services);
  add_shift_routes(router, services);
  add_signup_routes(router, services);
  add_participant_routes(router, services);
  add_calendar_routes(router, services);
  add_signup_link_routes(router, services);
  add_place_routes(router, services);
  add_site_routes(router, services);
  add_need_search_routes(router, services);
  add_help_request_routes(router, services);
  add_open_data_routes(router, services);
  add_barrier_report_routes(router, services);
  add_dashboard_routes(router, services);
  add_me_data_routes(router, services);
}

}  // namespace hk::api
