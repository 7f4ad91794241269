// The coordinators' dashboard: what is open in their municipality and the activity of the last
// weeks, for the overview page.

#include <cmath>
#include <vector>

#include "api/json.hpp"
#include "api/query_params.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/berlin_time.hpp"
#include "domain/permissions.hpp"
#include "domain/weeks.hpp"
#include "storage/municipalities.hpp"
#include "storage/statistics.hpp"

namespace hk::api {

namespace {

constexpr int default_weeks = 12;
constexpr int min_weeks = 4;
constexpr int max_weeks = 52;

struct Dashboard {
  storage::OpenHelpRequests help_requests;
  storage::NeedFill needs;
  storage::PendingApprovals approvals;
  std::vector<storage::PeriodActivity> activity;
};

// Hours with one decimal, as the charts show them.
double hours(std::int64_t minutes) { return std::round(static_cast<double>(minutes) / 6.0) / 10.0; }

json::array encode_weeks(const std::vector<domain::BerlinWeek>& weeks,
                         const std::vector<storage::PeriodActivity>& activity) {
  json::array out;
  for (std::size_t i = 0; i < weeks.size() && i < activity.size(); ++i) {
    out.push_back(json::object{
        {"start", domain::format_civil_date(weeks[i].monday)},
        {"needs", activity[i].needs},
        {"signups", activity[i].signups},
        {"confirmedHours", hours(activity[i].attended_minutes)},
    });
  }
  return out;
}

http::Response dashboard(Services& services, http::Request& request) {
  auto current = require_user(services, request);
  auto id = parse_id(request.param("id"));
  std::optional<domain::Municipality> m;
  services.db.read([&](storage::Connection& c) { m = storage::find_municipality(c, id); });
  if (!m) throw http::not_found();
  if (!domain::is_coordinator(&current.user, m->id)) throw http::forbidden();

  QueryParams query(request);
  auto weeks_wanted = query.whole("weeks", min_weeks, max_weeks);
  query.done();

  auto now = services.now();
  auto weeks = domain::last_berlin_weeks(
      now, weeks_wanted ? static_cast<int>(*weeks_wanted) : default_weeks);
  std::vector<std::int64_t> boundaries;
  for (const auto& w : weeks) boundaries.push_back(w.starts_at);
  boundaries.push_back(weeks.back().ends_at);

  Dashboard d;
  services.db.read([&](storage::Connection& c) {
    d.help_requests = storage::count_open_help_requests(c, m->id);
    d.needs = storage::count_need_fill(c, m->id, now);
    d.approvals = storage::count_pending_approvals(c, m->id);
    d.activity = storage::activity_by_period(c, m->id, boundaries);
  });

  const auto& h = d.help_requests;
  return json_response(
      200,
      {
          {"helpRequests",
           {{"new", h.new_count},
            {"published", h.published},
            {"matched", h.matched},
            {"oldestOpenAt", h.oldest_created_at
                                 ? json::value(domain::format_rfc3339_utc(*h.oldest_created_at))
                                 : json::value(nullptr)}}},
          {"needs",
           {{"open", d.needs.open}, {"partial", d.needs.partial}, {"covered", d.needs.covered}}},
          {"approvals",
           {{"organizations", d.approvals.organizations}, {"needs", d.approvals.needs}}},
          {"weeks", encode_weeks(weeks, d.activity)},
      });
}

}  // namespace

void add_dashboard_routes(http::Router& router, Services& services) {
  router.add("GET", "/api/v1/municipalities/{id}/dashboard",
             [&services](http::Request& r) { return dashboard(services, r); });
}

}  // namespace hk::api
