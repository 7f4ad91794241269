#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <set>
#include <string>

#include "auth/password.hpp"
#include "demo/demo_data.hpp"
#include "domain/berlin_time.hpp"
#include "storage/database.hpp"
#include "test_support.hpp"

namespace hk::demo {
namespace {

constexpr double kCenterLat = 51.9066;
constexpr double kCenterLon = 8.3785;

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kPi = 3.14159265358979323846;
  constexpr double kEarthKm = 6371.0;
  const double p1 = lat1 * kPi / 180, p2 = lat2 * kPi / 180;
  const double dp = (lat2 - lat1) * kPi / 180, dl = (lon2 - lon1) * kPi / 180;
  const double a = std::sin(dp / 2) * std::sin(dp / 2) +
                   std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(a));
}

class DemoData : public ::testing::Test {
 protected:
  std::int64_t count(const std::string& sql) {
    std::int64_t n = -1;
    db_->read([&](storage::Connection& c) { n = c.query(sql).one().int64(0); });
    return n;
  }

  struct Counts {
    std::int64_t users, municipalities, organizations, grants, needs, shifts;
    bool operator==(const Counts&) const = default;
  };
  Counts counts() {
    return {
        count("SELECT COUNT(*) FROM users"),         count("SELECT COUNT(*) FROM municipalities"),
        count("SELECT COUNT(*) FROM organizations"), count("SELECT COUNT(*) FROM role_grants"),
        count("SELECT COUNT(*) FROM needs"),         count("SELECT COUNT(*) FROM shifts")};
  }

  // Checks every invariant of the loaded data for a given `now`.
  void expect_consistent(std::int64_t now) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM municipalities"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM municipalities WHERE ags = '05754008' AND "
                    "name = 'Stadt Gütersloh' AND moderation = 'none'"),
              1);
    const auto orgs = count("SELECT COUNT(*) FROM organizations");
    EXPECT_GE(orgs, 10);
    EXPECT_LE(orgs, 12);
    // The coordinator's queue is not empty in the demo.
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE status = 'pending'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE status NOT IN ('approved', "
                    "'pending')"),
              0);
    // Every organisation's history starts in the audit log (the hotline's, made with the
    // city, has none).
    EXPECT_EQ(count("SELECT COUNT(*) FROM organizations o WHERE o.hotline = 0 AND NOT EXISTS "
                    "(SELECT 1 FROM audit_log a WHERE a.organization_id = o.id)"),
              0);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs"), 40);
    // Upcoming needs are published; two completed ones hold the demo volunteer's past hours.
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE status NOT IN ('published', 'completed')"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs n JOIN organizations o ON o.id = "
                    "n.organization_id WHERE n.status = 'completed' AND o.hotline = 0"),
              2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs n JOIN organizations o ON o.id = "
                    "n.organization_id WHERE n.municipality_id IS NULL OR n.municipality_id <> "
                    "o.municipality_id"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs n WHERE NOT EXISTS "
                    "(SELECT 1 FROM shifts s WHERE s.need_id = n.id)"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs n WHERE (SELECT COUNT(*) FROM shifts s "
                    "WHERE s.need_id = n.id) > 4"),
              0);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs WHERE remote = 1"), 2);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs WHERE signup_mode = 'approval'"), 2);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs WHERE min_age IS NOT NULL"), 2);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs WHERE driving_licence = 1"), 2);
    EXPECT_GE(count("SELECT COUNT(*) FROM needs WHERE conduct_certificate = 1"), 2);
    // The hotline's needs name no contact: the caller is reached through the coordinators.
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs n JOIN organizations o ON o.id = "
                    "n.organization_id WHERE o.hotline = 0 AND (n.contact_name IS NULL OR "
                    "n.contact_email IS NULL OR n.place_name IS NULL)"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE place_name IS NULL"), 0);

    const std::set<std::string> expected_categories = {
        "shopping",       "reading",         "phone",       "transport", "seniors",
        "children_youth", "sport",           "environment", "animals",   "culture",
        "refugees",       "disaster_relief", "events",      "tutoring",  "other"};
    std::set<std::string> categories;
    db_->read([&](storage::Connection& c) {
      for (const auto& row : c.query("SELECT DISTINCT category FROM needs").rows) {
        categories.insert(row.text(0));
      }
    });
    EXPECT_EQ(categories, expected_categories);

    db_->read([&](storage::Connection& c) {
      const auto shifts = c.query(
          "SELECT starts_at, ends_at, capacity FROM shifts s JOIN needs n ON n.id = s.need_id "
          "WHERE n.status = 'published'");
      for (const auto& row : shifts.rows) {
        const std::int64_t start = row.int64(0), end = row.int64(1), capacity = row.int64(2);
        EXPECT_GT(start, now) << domain::format_rfc3339_utc(start);
        EXPECT_LE(start, now + 43 * 86400) << domain::format_rfc3339_utc(start);
        EXPECT_GT(end, start);
        EXPECT_LE(end - start, 12 * 3600);
        EXPECT_GE(capacity, 1);
        EXPECT_LE(capacity, 20);
        // Sensible local hours: nothing starts before 07:00 or ends after 23:00 Berlin time.
        const domain::LocalTime ls = domain::utc_to_berlin(start);
        const domain::LocalTime le = domain::utc_to_berlin(end);
        EXPECT_GE(ls.hour, 7);
        EXPECT_EQ(ls.day, le.day);
        EXPECT_TRUE(le.hour < 23 || (le.hour == 23 && le.minute == 0));
      }

      const auto located = c.query("SELECT title, remote, lat, lon FROM needs ORDER BY id");
      for (const auto& row : located.rows) {
        if (row.boolean(1)) {
          EXPECT_TRUE(row.is_null(2)) << row.text(0);
          EXPECT_TRUE(row.is_null(3)) << row.text(0);
          continue;
        }
        const double km = distance_km(kCenterLat, kCenterLon, row.real(2), row.real(3));
        EXPECT_LT(km, 25.0) << row.text(0);
      }
    });
  }

  test::TempDatabase db_;
};

TEST_F(DemoData, LoadsGueterslohWithNeedsInEveryCategory) {
  const std::int64_t now = std::time(nullptr);
  EXPECT_TRUE(load_demo_data(*db_, now));
  expect_consistent(now);
  // The five logins and the fictional helpers who fill the shifts (they cannot log in).
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE password_hash <> '!'"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE password_hash = '!'"), 16);
}

TEST_F(DemoData, ShiftsShowEveryFillStateAndTheVolunteersEngagements) {
  const std::int64_t now = std::time(nullptr);
  ASSERT_TRUE(load_demo_data(*db_, now));
  // `taken` is what a join would have made of the confirmed sign-ups, never above capacity.
  EXPECT_EQ(count("SELECT COUNT(*) FROM shifts s WHERE s.taken <> (SELECT COUNT(*) FROM signups "
                  "g WHERE g.shift_id = s.id AND g.status = 'confirmed') OR s.taken > s.capacity"),
            0);
  const std::string published_shifts =
      "FROM shifts s JOIN needs n ON n.id = s.need_id WHERE n.status = 'published'";
  EXPECT_GE(count("SELECT COUNT(*) " + published_shifts + " AND s.taken = s.capacity"), 10);
  EXPECT_GE(count("SELECT COUNT(*) " + published_shifts + " AND s.taken = 0"), 10);
  EXPECT_GE(count("SELECT COUNT(*) " + published_shifts +
                  " AND s.taken > 0 AND s.taken < "
                  "s.capacity"),
            5);
  // Needs that are "gedeckt": every shift full.
  EXPECT_GE(count("SELECT COUNT(*) FROM needs n WHERE n.status = 'published' AND NOT EXISTS "
                  "(SELECT 1 FROM shifts s WHERE s.need_id = n.id AND s.taken < s.capacity)"),
            5);
  EXPECT_GE(count("SELECT COUNT(*) FROM signups WHERE status = 'requested'"), 2);
  EXPECT_GE(count("SELECT COUNT(*) FROM signups WHERE status = 'waitlisted'"), 1);

  // (Her place in the weekly shopping of the hotline is checked with the hotline.)
  const std::string volunteer =
      "FROM signups g JOIN users u ON u.id = g.user_id JOIN shifts s ON s.id = g.shift_id "
      "JOIN needs n ON n.id = s.need_id JOIN organizations o ON o.id = n.organization_id "
      "WHERE u.email = 'helferin@guetersloh.example' AND o.hotline = 0";
  EXPECT_EQ(count("SELECT COUNT(*) " + volunteer +
                  " AND g.status = 'confirmed' AND "
                  "s.starts_at > " +
                  std::to_string(now)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) " + volunteer + " AND g.status = 'waitlisted'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) " + volunteer +
                  " AND g.attendance = 'attended' AND "
                  "g.minutes > 0 AND s.ends_at < " +
                  std::to_string(now)),
            5);
}

TEST_F(DemoData, TheHotlineHasRequestsInEveryStateWithoutExposingTheCallers) {
  const std::int64_t now = std::time(nullptr);
  ASSERT_TRUE(load_demo_data(*db_, now));
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE hotline = 1 AND status = 'approved' "
                  "AND trusted = 1 AND name = 'Hilfetelefon Stadt Gütersloh'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests"), 4);
  for (const char* status : {"new", "published", "matched", "done"}) {
    SCOPED_TRACE(status);
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM help_requests WHERE status = '") + status +
                    "' AND caller_name IS NOT NULL AND caller_phone IS NOT NULL AND "
                    "summary IS NOT NULL AND public_lat IS NOT NULL"),
              1);
  }
  // Every request has its follow-up; every one but the new one its need in the hotline.
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests h WHERE NOT EXISTS (SELECT 1 FROM "
                  "help_request_notes n WHERE n.help_request_id = h.id)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests h JOIN needs n ON n.id = h.need_id "
                  "JOIN organizations o ON o.id = n.organization_id WHERE o.hotline = 1 AND "
                  "n.signup_mode = 'approval' AND n.waitlist = 0 AND n.address IS NULL AND "
                  "n.place_name = h.area AND n.lat = h.public_lat AND n.lon = h.public_lon"),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests WHERE status = 'new' AND need_id IS NULL"),
            1);
  // Nothing of a caller is in any need.
  EXPECT_EQ(count("SELECT COUNT(*) FROM needs n, help_requests h WHERE "
                  "instr(n.title || n.description, h.caller_phone) > 0 OR "
                  "instr(n.title || n.description, h.caller_name) > 0 OR "
                  "instr(n.title || n.description, h.details) > 0 OR "
                  "instr(n.title || n.description, h.caller_address) > 0"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log a, help_requests h WHERE "
                  "instr(a.subject_label, h.caller_phone) > 0 OR "
                  "instr(a.subject_label, h.caller_name) > 0"),
            0);
  // The public point is 300 to 600 m from the one the coordinator gave.
  db_->read([&](storage::Connection& c) {
    for (const auto& r :
         c.query("SELECT point_lat, point_lon, public_lat, public_lon FROM help_requests").rows) {
      const double m = 1000 * distance_km(r.real(0), r.real(1), r.real(2), r.real(3));
      EXPECT_GE(m, 299.0);
      EXPECT_LE(m, 601.0);
    }
  });
  // The demo volunteer offered help on the published request and helps with the weekly
  // shopping, with the confirmed place.
  const std::string volunteer =
      "(SELECT id FROM users WHERE email = 'helferin@guetersloh.example')";
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests h JOIN shifts s ON s.need_id = h.need_id "
                  "JOIN signups g ON g.shift_id = s.id WHERE h.status = 'published' AND "
                  "g.status = 'requested' AND g.user_id = " +
                  volunteer),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests h JOIN needs n ON n.id = h.need_id "
                  "JOIN shifts s ON s.need_id = n.id JOIN signups g ON g.shift_id = s.id "
                  "WHERE h.status = 'matched' AND h.recurrence = 'weekly' AND "
                  "n.repeat_weekly = 1 AND g.status = 'confirmed' AND s.taken = 1 AND "
                  "h.helper_id = " +
                  volunteer + " AND g.user_id = " + volunteer + " AND s.starts_at > " +
                  std::to_string(now)),
            1);
  // Closed a few days ago, so the erasure is weeks away.
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests WHERE status = 'done' AND closed_at < " +
                  std::to_string(now - 86400) + " AND closed_at > " +
                  std::to_string(now - 7 * 86400) + " AND erased_at IS NULL"),
            1);
  // A second load adds no request.
  EXPECT_FALSE(load_demo_data(*db_, now + 60));
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE hotline = 1"), 1);
}

TEST_F(DemoData, SecondLoadChangesNothing) {
  const std::int64_t now = std::time(nullptr);
  ASSERT_TRUE(load_demo_data(*db_, now));
  const Counts before = counts();
  EXPECT_FALSE(load_demo_data(*db_, now + 3600));
  EXPECT_FALSE(load_demo_data(*db_, now));
  EXPECT_EQ(counts(), before);
}

// A Berlin day and time to load the demo at; each gets a fresh database.
struct BerlinMoment {
  int year, month, day, hour, minute;
};
class DemoDataAt : public DemoData, public ::testing::WithParamInterface<BerlinMoment> {};

TEST_P(DemoDataAt, ShiftsAreUpcomingAroundDaylightSavingChanges) {
  const auto& m = GetParam();
  const std::int64_t now = domain::berlin_local_to_utc(m.year, m.month, m.day, m.hour, m.minute);
  SCOPED_TRACE(domain::format_rfc3339_berlin(now));
  ASSERT_TRUE(load_demo_data(*db_, now));
  expect_consistent(now);
}

// Late evening before the spring and autumn switches, and New Year's Eve.
INSTANTIATE_TEST_SUITE_P(DemoData, DemoDataAt,
                         ::testing::Values(BerlinMoment{2026, 3, 28, 23, 45},
                                           BerlinMoment{2026, 10, 24, 23, 45},
                                           BerlinMoment{2026, 12, 31, 23, 59}));

TEST_F(DemoData, RoleGrantsMatchTheLogins) {
  ASSERT_TRUE(load_demo_data(*db_, std::time(nullptr)));
  db_->read([&](storage::Connection& c) {
    for (const DemoLogin& login : demo_logins()) {
      SCOPED_TRACE(login.email);
      const auto grants = c.query(
          "SELECT g.role, g.municipality_id, g.organization_id FROM role_grants g "
          "JOIN users u ON u.id = g.user_id WHERE u.email = $1",
          {storage::Value(login.email)});
      if (login.role == "volunteer") {
        EXPECT_TRUE(grants.empty());
        continue;
      }
      ASSERT_EQ(grants.rows.size(), 1u);
      const auto& g = grants.rows.front();
      EXPECT_EQ(g.text(0), login.role);
      if (login.role == "platform_admin") {
        EXPECT_TRUE(g.is_null(1));
        EXPECT_TRUE(g.is_null(2));
      } else if (login.role == "coordinator") {
        EXPECT_FALSE(g.is_null(1));
        EXPECT_TRUE(g.is_null(2));
      } else {
        EXPECT_TRUE(g.is_null(1));
        const auto org =
            c.query("SELECT name FROM organizations WHERE id = $1", {storage::Value(g.int64(2))});
        const std::string name = org.one().text(0);
        if (login.role == "org_admin") {
          EXPECT_NE(name.find("DRK"), std::string::npos) << name;
        } else {
          EXPECT_NE(name.find("Tafel"), std::string::npos) << name;
        }
      }
    }
  });
}

TEST_F(DemoData, LoginsAreVerifiedAndPasswordsWork) {
  const std::int64_t now = std::time(nullptr);
  ASSERT_TRUE(load_demo_data(*db_, now));

  const auto& logins = demo_logins();
  ASSERT_EQ(logins.size(), 5u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"admin@helferkarte.example", "Demo-Admin-2026"},
      {"koordination@guetersloh.example", "Demo-Koordination-2026"},
      {"drk-leitung@guetersloh.example", "Demo-Verein-2026"},
      {"tafel-team@guetersloh.example", "Demo-Mitglied-2026"},
      {"helferin@guetersloh.example", "Demo-Helferin-2026"},
  };
  for (std::size_t i = 0; i < logins.size(); ++i) {
    EXPECT_EQ(logins[i].email, expected[i].first);
    EXPECT_EQ(logins[i].password, expected[i].second);
    EXPECT_GE(logins[i].password.size(), 10u);
    EXPECT_FALSE(logins[i].name.empty());
  }
  EXPECT_EQ(logins[0].name, "Plattform-Admin");

  db_->read([&](storage::Connection& c) {
    for (const DemoLogin& login : logins) {
      SCOPED_TRACE(login.email);
      const auto r = c.query(
          "SELECT password_hash, display_name, email_verified_at FROM users WHERE email = $1",
          {storage::Value(login.email)});
      const auto& row = r.one();
      EXPECT_TRUE(auth::verify_password(login.password, row.text(0)));
      EXPECT_FALSE(auth::verify_password(login.password + "x", row.text(0)));
      EXPECT_EQ(row.text(1), login.name);
      ASSERT_FALSE(row.is_null(2));
      EXPECT_EQ(row.int64(2), now);
    }
  });
}

TEST_F(DemoData, ExistingAccountKeepsItsPasswordAndGetsTheRole) {
  const std::int64_t now = std::time(nullptr);
  const std::string own_hash = auth::hash_password("Eigenes-Passwort-123");
  db_->write([&](storage::Connection& c) {
    c.query(
        "INSERT INTO users (email, password_hash, display_name, email_verified_at, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $4, $4)",
        {storage::Value(std::string("admin@helferkarte.example")), storage::Value(own_hash),
         storage::Value(std::string("Betrieb")), storage::Value(now)});
  });
  ASSERT_TRUE(load_demo_data(*db_, now));
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE password_hash <> '!'"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users u JOIN role_grants g ON g.user_id = u.id "
                  "WHERE u.email = 'admin@helferkarte.example' AND g.role = 'platform_admin'"),
            1);
  db_->read([&](storage::Connection& c) {
    const auto r = c.query("SELECT password_hash FROM users WHERE email = $1",
                           {storage::Value(std::string("admin@helferkarte.example"))});
    EXPECT_EQ(r.one().text(0), own_hash);
  });
}

}  // namespace
}  // namespace hk::demo
