#include "domain/help_request.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

#include "domain/berlin_time.hpp"

namespace hk::domain {

namespace {

// The mean Earth radius (IUGG), the sphere the distances of the discovery search assume too.
constexpr double earth_radius_metres = 6371008.8;

constexpr double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
constexpr double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }

// A random number the caller drew, kept in [0, 1) even when it was not.
double unit_interval(double x) {
  if (!std::isfinite(x) || x < 0) return 0;
  return x < 1 ? x : std::nextafter(1.0, 0.0);
}

// The same Berlin wall-clock time as `utc`, `days` days later: a daily call stays at its hour
// across a change of daylight saving time.
std::int64_t same_local_time_later(std::int64_t utc, int days) {
  const LocalTime t = utc_to_berlin(utc);
  const CivilDate d = berlin_date_plus_days(utc, days);
  return berlin_local_to_utc(static_cast<int>(d.year), d.month, d.day, t.hour, t.minute, t.second);
}

}  // namespace

bool valid_help_request_status(std::string_view status) {
  static constexpr std::array<std::string_view, 5> statuses = {"new", "published", "matched",
                                                               "done", "cancelled"};
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

bool valid_recurrence(std::string_view recurrence) {
  return recurrence == "once" || recurrence == "weekly" || recurrence == "daily";
}

bool is_open(const HelpRequest& request) {
  return request.status == "new" || request.status == "published" || request.status == "matched";
}

bool can_publish(const HelpRequest& request) {
  return request.status == "new" && request.starts_at && request.ends_at &&
         *request.ends_at > *request.starts_at && request.summary.has_value();
}

bool can_match(const HelpRequest& request) {
  return request.status == "published" || request.status == "matched";
}

bool can_unmatch(const HelpRequest& request) { return request.status == "matched"; }

bool can_close(const HelpRequest& request) { return is_open(request); }

bool can_edit_public_fields(const HelpRequest& request) { return request.status == "new"; }

bool can_edit_private_fields(const HelpRequest& request) {
  return is_open(request) && !request.erased_at;
}

GeoPoint rough_point(GeoPoint point, double angle, double distance) {
  // The destination on the great circle from `point` with the drawn bearing and distance (a
  // flat offset in degrees would shrink towards the poles). Computed with unit vectors rather
  // than asin, which loses precision close to the poles.
  const double bearing = unit_interval(angle) * 2 * std::numbers::pi;
  const double metres = rough_point_min_metres +
                        unit_interval(distance) * (rough_point_max_metres - rough_point_min_metres);
  const double delta = metres / earth_radius_metres;
  const double lat = radians(point.lat), lon = radians(point.lon);
  const double p[3] = {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
  const double north[3] = {-std::sin(lat) * std::cos(lon), -std::sin(lat) * std::sin(lon),
                           std::cos(lat)};
  const double east[3] = {-std::sin(lon), std::cos(lon), 0};
  double q[3];
  for (int i = 0; i < 3; ++i) {
    const double direction = std::cos(bearing) * north[i] + std::sin(bearing) * east[i];
    q[i] = p[i] * std::cos(delta) + direction * std::sin(delta);
  }
  return {degrees(std::atan2(q[2], std::hypot(q[0], q[1]))), degrees(std::atan2(q[1], q[0]))};
}

std::string category_label_de(std::string_view category) {
  // The words the web uses (web/src/lib/categories.ts), so title and filter agree.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> labels = {{
      {"shopping", "Einkaufshilfe"},
      {"reading", "Vorlesen"},
      {"phone", "Telefonate gegen Einsamkeit"},
      {"transport", "Fahrdienste"},
      {"seniors", "Seniorenhilfe"},
      {"children_youth", "Kinder und Jugend"},
      {"sport", "Sport"},
      {"environment", "Umwelt und Natur"},
      {"animals", "Tierschutz"},
      {"culture", "Kultur"},
      {"refugees", "Geflüchtetenhilfe"},
      {"disaster_relief", "Katastrophenschutz"},
      {"events", "Veranstaltungen"},
      {"tutoring", "Nachhilfe"},
      {"other", "Sonstiges"},
  }};
  for (const auto& [id, label] : labels) {
    if (id == category) return std::string(label);
  }
  return "Hilfe";
}

std::string help_request_need_title(const HelpRequest& request) {
  return category_label_de(request.category) + " in " + request.area;
}

Need need_for_help_request(const HelpRequest& request, std::int64_t hotline_organization_id,
                           std::int64_t municipality_id) {
  Need need;
  need.organization_id = hotline_organization_id;
  need.municipality_id = municipality_id;
  need.title = help_request_need_title(request);
  need.description = request.summary.value_or("");
  need.category = request.category;
  need.remote = false;
  // Only the moved point and the area: the need is public, the address never is.
  if (request.public_point) {
    need.location = NeedLocation{*request.public_point, std::nullopt, request.area};
  }
  need.signup_mode = "approval";
  need.waitlist = false;
  need.status = "published";
  need.created_by = request.created_by;

  const std::int64_t start = request.starts_at.value_or(0);
  const std::int64_t end = request.ends_at.value_or(start);
  const int days = request.recurrence == "daily" ? 7 : 1;
  for (int day = 0; day < days; ++day) {
    Shift shift;
    shift.starts_at = day == 0 ? start : same_local_time_later(start, day);
    shift.ends_at = day == 0 ? end : same_local_time_later(end, day);
    shift.capacity = 1;
    // A daily rule that ends within its first week has fewer than seven days.
    if (day > 0 && request.repeat_until && berlin_day(shift.starts_at) > *request.repeat_until) {
      break;
    }
    need.shifts.push_back(shift);
  }
  if (request.recurrence != "once") {
    need.repeat_weekly = true;
    need.repeat_until = request.repeat_until;
  }
  return need;
}

std::string help_request_label(const HelpRequest& request) {
  return "Hilfeanfrage #" + std::to_string(request.id) + " · " +
         category_label_de(request.category) + " · " + request.area;
}

std::int64_t erasure_cutoff(std::int64_t now, int retention_days) {
  return now - static_cast<std::int64_t>(retention_days) * 86400;
}

}  // namespace hk::domain
