#include "domain/help_request.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <set>

#include "domain/berlin_time.hpp"

namespace hk::domain {
namespace {

// The great-circle distance (haversine) on the sphere rough_point uses.
double metres_between(GeoPoint a, GeoPoint b) {
  constexpr double radius = 6371008.8;
  const double rad = std::numbers::pi / 180;
  const double dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * radius * std::asin(std::sqrt(std::min(1.0, h)));
}

HelpRequest request(const std::string& status) {
  HelpRequest r;
  r.id = 12;
  r.municipality_id = 3;
  r.status = status;
  r.category = "shopping";
  r.area = "Kattenstroth";
  r.summary = "Einkauf im Supermarkt um die Ecke";
  r.details = "Klingel defekt";
  r.caller = HelpRequestCaller{"Wilhelm Pöppelbaum", "05241 237905", "Marienfelder Straße 41"};
  r.point = GeoPoint{51.8999, 8.3978};
  r.public_point = GeoPoint{51.9031, 8.4012};
  r.starts_at = berlin_local_to_utc(2026, 11, 26, 10, 0);
  r.ends_at = berlin_local_to_utc(2026, 11, 26, 11, 30);
  r.created_by = 7;
  return r;
}

TEST(HelpRequestRules, StatusesAndRecurrences) {
  for (auto s : {"new", "published", "matched", "done", "cancelled"}) {
    EXPECT_TRUE(valid_help_request_status(s)) << s;
  }
  EXPECT_FALSE(valid_help_request_status("open"));
  EXPECT_FALSE(valid_help_request_status(""));
  for (auto r : {"once", "weekly", "daily"}) EXPECT_TRUE(valid_recurrence(r)) << r;
  EXPECT_FALSE(valid_recurrence("monthly"));
  EXPECT_TRUE(is_open(request("new")));
  EXPECT_TRUE(is_open(request("published")));
  EXPECT_TRUE(is_open(request("matched")));
  EXPECT_FALSE(is_open(request("done")));
  EXPECT_FALSE(is_open(request("cancelled")));
}

TEST(HelpRequestRules, TransitionsFollowTheLifecycle) {
  struct Expect {
    const char* status;
    bool publish, match, unmatch, close, edit_public, edit_private;
  };
  for (const auto& e : {Expect{"new", true, false, false, true, true, true},
                        Expect{"published", false, true, false, true, false, true},
                        Expect{"matched", false, true, true, true, false, true},
                        Expect{"done", false, false, false, false, false, false},
                        Expect{"cancelled", false, false, false, false, false, false}}) {
    SCOPED_TRACE(e.status);
    const auto r = request(e.status);
    EXPECT_EQ(can_publish(r), e.publish);
    EXPECT_EQ(can_match(r), e.match);
    EXPECT_EQ(can_unmatch(r), e.unmatch);
    EXPECT_EQ(can_close(r), e.close);
    EXPECT_EQ(can_edit_public_fields(r), e.edit_public);
    EXPECT_EQ(can_edit_private_fields(r), e.edit_private);
  }
  // Publishing needs to know when.
  auto undated = request("new");
  undated.starts_at.reset();
  undated.ends_at.reset();
  EXPECT_FALSE(can_publish(undated));
  auto backwards = request("new");
  backwards.ends_at = *backwards.starts_at;
  EXPECT_FALSE(can_publish(backwards));
}

TEST(HelpRequestRules, RoughPointIsAlways300To600MetresAway) {
  std::mt19937_64 rng(20260907);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_real_distribution<double> lat(-89.9, 89.9);
  std::uniform_real_distribution<double> lon(-180.0, 180.0);
  const std::vector<GeoPoint> fixed = {{51.9066, 8.3785}, {0, 0},         {89.999, 10},
                                       {-89.999, -170},   {78.22, 15.65}, {64.1, -21.9},
                                       {-54.8, -68.3},    {10, 179.999},  {10, -179.999}};
  auto check = [](GeoPoint p, double a, double d) {
    const auto q = rough_point(p, a, d);
    const double m = metres_between(p, q);
    EXPECT_GE(m, rough_point_min_metres - 1e-6) << p.lat << "," << p.lon << " a=" << a;
    EXPECT_LE(m, rough_point_max_metres + 1e-6) << p.lat << "," << p.lon << " a=" << a;
    EXPECT_GE(q.lat, -90.0);
    EXPECT_LE(q.lat, 90.0);
    EXPECT_GE(q.lon, -180.0);
    EXPECT_LE(q.lon, 180.0);
  };
  for (const auto& p : fixed) {
    for (double a : {0.0, 0.25, 0.5, 0.75, 0.999999}) {
      for (double d : {0.0, 0.5, 0.999999}) check(p, a, d);
    }
  }
  for (int i = 0; i < 20000; ++i) check({lat(rng), lon(rng)}, unit(rng), unit(rng));
  // Out-of-range draws are clamped, not trusted.
  check({51.9, 8.4}, -3, 7);
  check({51.9, 8.4}, std::nan(""), std::nan(""));
}

TEST(HelpRequestRules, RoughPointFollowsTheDrawnDirectionAndDistance) {
  const GeoPoint p{51.9066, 8.3785};
  EXPECT_NEAR(metres_between(p, rough_point(p, 0.1, 0)), 300, 0.01);
  EXPECT_NEAR(metres_between(p, rough_point(p, 0.1, 0.5)), 450, 0.01);
  // Bearing 0 is north, 0.25 east.
  const auto north = rough_point(p, 0, 0.5);
  EXPECT_GT(north.lat, p.lat);
  EXPECT_NEAR(north.lon, p.lon, 1e-9);
  const auto east = rough_point(p, 0.25, 0.5);
  EXPECT_GT(east.lon, p.lon);
  EXPECT_NEAR(east.lat, p.lat, 1e-4);
  // Different draws, different points.
  std::set<std::pair<double, double>> seen;
  for (int i = 0; i < 10; ++i) {
    const auto q = rough_point(p, i / 10.0, 0.3);
    seen.insert({q.lat, q.lon});
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(HelpRequestRules, CategoryLabelsAreTheWebsOnes) {
  EXPECT_EQ(category_label_de("shopping"), "Einkaufshilfe");
  EXPECT_EQ(category_label_de("reading"), "Vorlesen");
  EXPECT_EQ(category_label_de("phone"), "Telefonate gegen Einsamkeit");
  EXPECT_EQ(category_label_de("transport"), "Fahrdienste");
  EXPECT_EQ(category_label_de("seniors"), "Seniorenhilfe");
  EXPECT_EQ(category_label_de("children_youth"), "Kinder und Jugend");
  EXPECT_EQ(category_label_de("sport"), "Sport");
  EXPECT_EQ(category_label_de("environment"), "Umwelt und Natur");
  EXPECT_EQ(category_label_de("animals"), "Tierschutz");
  EXPECT_EQ(category_label_de("culture"), "Kultur");
  EXPECT_EQ(category_label_de("refugees"), "Geflüchtetenhilfe");
  EXPECT_EQ(category_label_de("disaster_relief"), "Katastrophenschutz");
  EXPECT_EQ(category_label_de("events"), "Veranstaltungen");
  EXPECT_EQ(category_label_de("tutoring"), "Nachhilfe");
  EXPECT_EQ(category_label_de("other"), "Sonstiges");
  std::set<std::string> labels;
  for (const auto& c : need_categories()) labels.insert(category_label_de(c));
  EXPECT_EQ(labels.size(), need_categories().size()) << "every category has its own label";
}

TEST(HelpRequestRules, TitleAndLabelCarryNoCallerData) {
  const auto r = request("matched");
  EXPECT_EQ(help_request_need_title(r), "Einkaufshilfe in Kattenstroth");
  const auto label = help_request_label(r);
  EXPECT_EQ(label, "Hilfeanfrage #12 · Einkaufshilfe · Kattenstroth");
  for (const auto& secret : {r.caller->name, r.caller->phone, *r.caller->address, *r.details}) {
    EXPECT_EQ(label.find(secret), std::string::npos) << secret;
    EXPECT_EQ(help_request_need_title(r).find(secret), std::string::npos) << secret;
  }
}

TEST(HelpRequestRules, OnceMakesOneShiftAtThePublicPoint) {
  const auto r = request("new");
  const auto need = need_for_help_request(r, 44, 3);
  EXPECT_EQ(need.organization_id, 44);
  EXPECT_EQ(need.municipality_id, 3);
  EXPECT_EQ(need.title, "Einkaufshilfe in Kattenstroth");
  EXPECT_EQ(need.description, *r.summary);
  EXPECT_EQ(need.category, "shopping");
  EXPECT_FALSE(need.remote);
  ASSERT_TRUE(need.location);
  EXPECT_EQ(need.location->point.lat, r.public_point->lat);
  EXPECT_EQ(need.location->point.lon, r.public_point->lon);
  EXPECT_EQ(need.location->place_name, std::optional<std::string>("Kattenstroth"));
  EXPECT_FALSE(need.location->address);
  EXPECT_EQ(need.signup_mode, "approval");
  EXPECT_FALSE(need.waitlist);
  EXPECT_EQ(need.status, "published");
  EXPECT_FALSE(need.contact.name || need.contact.phone || need.contact.email);
  EXPECT_FALSE(need.repeat_weekly);
  EXPECT_FALSE(need.repeat_until);
  ASSERT_EQ(need.shifts.size(), 1u);
  EXPECT_EQ(need.shifts[0].starts_at, *r.starts_at);
  EXPECT_EQ(need.shifts[0].ends_at, *r.ends_at);
  EXPECT_EQ(need.shifts[0].capacity, 1);
  // Nothing of the caller reaches the need.
  for (const auto& secret : {r.caller->name, r.caller->phone, *r.caller->address, *r.details}) {
    EXPECT_EQ(need.title.find(secret), std::string::npos);
    EXPECT_EQ(need.description.find(secret), std::string::npos);
  }
}

TEST(HelpRequestRules, WeeklyRepeatsTheOneShift) {
  auto r = request("new");
  r.recurrence = "weekly";
  r.repeat_until = days_from_civil(2027, 1, 31);
  const auto need = need_for_help_request(r, 44, 3);
  ASSERT_EQ(need.shifts.size(), 1u);
  EXPECT_TRUE(need.repeat_weekly);
  EXPECT_EQ(need.repeat_until, r.repeat_until);
  EXPECT_EQ(need.shifts[0].starts_at, *r.starts_at);
}

TEST(HelpRequestRules, DailyMakesSevenDaysAtTheSameLocalTimeAcrossDaylightSaving) {
  auto r = request("new");
  r.recurrence = "daily";
  // The week of the autumn change (25 October 2026): 15:30 Berlin stays 15:30.
  r.starts_at = berlin_local_to_utc(2026, 10, 22, 15, 30);
  r.ends_at = berlin_local_to_utc(2026, 10, 22, 16, 0);
  const auto need = need_for_help_request(r, 44, 3);
  EXPECT_TRUE(need.repeat_weekly);
  EXPECT_FALSE(need.repeat_until);
  ASSERT_EQ(need.shifts.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    SCOPED_TRACE(i);
    const auto start = utc_to_berlin(need.shifts[i].starts_at);
    const auto end = utc_to_berlin(need.shifts[i].ends_at);
    EXPECT_EQ(days_from_civil(start.year, start.month, start.day),
              days_from_civil(2026, 10, 22) + i);
    EXPECT_EQ(start.hour, 15);
    EXPECT_EQ(start.minute, 30);
    EXPECT_EQ(end.hour, 16);
    EXPECT_EQ(end.minute, 0);
    EXPECT_EQ(need.shifts[i].capacity, 1);
  }
  // A daily rule that ends within its first week stops there.
  r.repeat_until = days_from_civil(2026, 10, 24);
  EXPECT_EQ(need_for_help_request(r, 44, 3).shifts.size(), 3u);
}

TEST(HelpRequestRules, ErasureCutoffCountsWholeDays) {
  EXPECT_EQ(erasure_cutoff(1'000'000'000, 30), 1'000'000'000 - 30 * 86400);
  EXPECT_EQ(erasure_cutoff(1'000'000'000, 0), 1'000'000'000);
  EXPECT_EQ(erasure_cutoff(4'000'000'000, 3650), 4'000'000'000 - 3650LL * 86400);
}

}  // namespace
}  // namespace hk::domain
