#include "calendar/ics.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/need_calendar.hpp"
#include "auth/rate_limiter.hpp"
#include "http/metrics.hpp"
#include "storage/database.hpp"
#include "test_support.hpp"

using namespace hk;

namespace {

constexpr std::int64_t now = 1'800'000'000;  // 2027-01-15T08:00:00Z

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// A 200+ character text with every character iCalendar has to escape.
std::string long_description() {
  std::string d =
      "Wir suchen Helfende für die Ausgabe; bitte bringen Sie feste Schuhe, Handschuhe und "
      "gute Laune mit.\nTreffpunkt: Hintereingang, Tür \"B\" – Backslash \\ inklusive.\n"
      "Größere Mengen Äpfel, Birnen; Übergabe an die Tafel Gütersloh e. V.";
  EXPECT_GE(d.size(), 200u);
  return d;
}

std::vector<calendar::Event> sample_events() {
  calendar::Event a;
  a.uid = "shift-11@helferkarte.example";
  a.starts_at = now + 86'400;
  a.ends_at = now + 86'400 + 4 * 3600;
  a.summary = "Einkäufe; Apotheke, Ärzte\nund Post";
  a.description = long_description();
  a.location = "Kirchstraße 1, 33330 Gütersloh";
  a.geo = domain::GeoPoint{51.906604, 8.378838};
  a.url = "https://helferkarte.example/gesuche/7";
  a.organizer_name = "DRK \"Ortsverein\", Gütersloh: Süd";
  a.organizer_email = "kontakt@drk.example";
  a.sequence = 42;

  calendar::Event b = a;
  b.uid = "shift-12@helferkarte.example";
  b.starts_at = now + 8 * 86'400;
  b.ends_at = now + 8 * 86'400 + 3600;
  b.summary = "Kurz";
  b.description.clear();
  b.location.reset();
  b.geo.reset();
  b.cancelled = true;
  return {a, b};
}

Component parse(const std::string& text) {
  Component parsed(icalparser_parse_string(text.c_str()));
  EXPECT_TRUE(parsed) << text;
  return parsed;
}

std::string text_property(icalcomponent* c, icalproperty_kind kind) {
  auto p = icalcomponent_get_first_property(c, kind);
  if (p == nullptr) return "<missing>";
  return icalvalue_get_text(icalproperty_get_value(p));
}

std::int64_t utc_time(icaltimetype t) {
  EXPECT_TRUE(icaltime_is_utc(t));
  return icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
}

}  // namespace

TEST(Ics, ParsesBackWithEveryFieldIntact) {
  auto events = sample_events();
  auto text = calendar::build_calendar(events, "Einsätze; Helferkarte, Gütersloh", now);
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  ASSERT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_PUBLISH);
  EXPECT_STREQ(icalproperty_get_version(
                   icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY)),
               "2.0");
  auto name = icalcomponent_get_first_property(calendar.get(), ICAL_X_PROPERTY);
  ASSERT_NE(name, nullptr);
  EXPECT_STREQ(icalproperty_get_x_name(name), "X-WR-CALNAME");

  std::vector<icalcomponent*> parsed;
  for (auto e = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       e != nullptr; e = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    parsed.push_back(e);
  }
  ASSERT_EQ(parsed.size(), 2u);

  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto* e = parsed[i];
    const auto& want = events[i];
    SCOPED_TRACE(want.uid);
    EXPECT_STREQ(icalcomponent_get_uid(e), want.uid.c_str());
    EXPECT_EQ(text_property(e, ICAL_SUMMARY_PROPERTY), want.summary);
    EXPECT_EQ(utc_time(icalcomponent_get_dtstart(e)), want.starts_at);
    EXPECT_EQ(utc_time(icalcomponent_get_dtend(e)), want.ends_at);
    EXPECT_EQ(utc_time(icalcomponent_get_dtstamp(e)), now);
    EXPECT_EQ(icalcomponent_get_status(e),
              want.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_sequence(e), want.sequence);
    auto url = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY);
    ASSERT_NE(url, nullptr);
    EXPECT_STREQ(icalproperty_get_url(url), want.url.c_str());

    auto organizer = icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY);
    ASSERT_NE(organizer, nullptr);
    EXPECT_EQ(std::string(icalproperty_get_organizer(organizer)), "mailto:" + want.organizer_email);
    auto cn = icalproperty_get_first_parameter(organizer, ICAL_CN_PARAMETER);
    ASSERT_NE(cn, nullptr);
    EXPECT_EQ(std::string(icalparameter_get_cn(cn)), want.organizer_name);

    if (want.description.empty()) {
      EXPECT_EQ(icalcomponent_get_first_property(e, ICAL_DESCRIPTION_PROPERTY), nullptr);
    } else {
      EXPECT_EQ(text_property(e, ICAL_DESCRIPTION_PROPERTY), want.description);
    }
    if (want.location) {
      EXPECT_EQ(text_property(e, ICAL_LOCATION_PROPERTY), *want.location);
    } else {
      EXPECT_EQ(icalcomponent_get_first_property(e, ICAL_LOCATION_PROPERTY), nullptr);
    }
    auto geo = icalcomponent_get_first_property(e, ICAL_GEO_PROPERTY);
    if (want.geo) {
      ASSERT_NE(geo, nullptr);
      EXPECT_NEAR(icalproperty_get_geo(geo).lat, want.geo->lat, 1e-6);
      EXPECT_NEAR(icalproperty_get_geo(geo).lon, want.geo->lon, 1e-6);
    } else {
      EXPECT_EQ(geo, nullptr);
    }
  }
}

TEST(Ics, PassesLibicalsRestrictionCheck) {
  auto calendar = parse(calendar::build_calendar(sample_events(), "Helferkarte", now));
  ASSERT_TRUE(calendar);
  // The check adds X-LIC-ERROR properties for what it finds (it reports errors through them;
  // the parser does the same for syntax errors): there must be none.
  EXPECT_EQ(icalrestriction_check(calendar.get()), 1);
  auto errors = icalcomponent_count_errors(calendar.get());
  EXPECT_EQ(errors, 0);
  if (errors != 0) {
    std::unique_ptr<char, decltype(&std::free)> text(icalcomponent_as_ical_string_r(calendar.get()),
                                                     &std::free);
    ADD_FAILURE() << text.get();
  }
}

TEST(Ics, AnEmptyCalendarIsStillValid) {
  auto text = calendar::build_calendar({}, "Helferkarte: Meine Einsätze", now);
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_count_components(calendar.get(), ICAL_VEVENT_COMPONENT), 0);
  EXPECT_EQ(icalcomponent_count_errors(calendar.get()), 0) << text;
}

TEST(Ics, LinesEndInCrlfAndAreFoldedWithin75Octets) {
  auto text = calendar::build_calendar(sample_events(), "Helferkarte", now);
  ASSERT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n")) << text;
  ASSERT_TRUE(text.ends_with("END:VCALENDAR\r\n")) << text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_EQ(text[i - 1], '\r') << "bare LF at " << i;
    }
    if (text[i] == '\r') {
      ASSERT_EQ(text[i + 1], '\n') << "bare CR at " << i;
    }
  }
  int continuations = 0;
  for (const auto& line : test::crlf_lines(text)) {
    EXPECT_LE(line.size(), 75u) << line;
    if (line.starts_with(" ")) ++continuations;
    // A fold never splits a UTF-8 character: no line starts (after the fold's space) with a
    // continuation byte.
    auto first = static_cast<unsigned char>(line.starts_with(" ") ? line[1] : line[0]);
    EXPECT_NE(first & 0xC0, 0x80) << line;
  }
  EXPECT_GE(continuations, 3) << "the long description is folded over several lines";
}

TEST(Ics, ControlCharactersCannotBreakTheFormat) {
  calendar::Event e = sample_events().front();
  e.summary =
      "Erste\r\nZweite\rDritte\x01Vierte\x7f"
      "Fünfte";
  e.description = "a\r\nEND:VEVENT\r\nBEGIN:VEVENT";
  auto text = calendar::build_calendar({e}, "Name\r\nX-INJECTED:1", now);
  EXPECT_EQ(text.find("\r\nEND:VEVENT\r\nBEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(text.find("\r\nX-INJECTED"), std::string::npos);
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_count_components(calendar.get(), ICAL_VEVENT_COMPONENT), 1);
  auto event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  EXPECT_EQ(text_property(event, ICAL_SUMMARY_PROPERTY), "Erste\nZweite\nDritte Vierte Fünfte");
  EXPECT_EQ(text_property(event, ICAL_DESCRIPTION_PROPERTY), "a\nEND:VEVENT\nBEGIN:VEVENT");
}

TEST(Ics, HandlersOnSeveralThreadsGetTheSameCalendar) {
  // The worker pool builds calendars in parallel; libical's scratch buffers must not mix.
  auto events = sample_events();
  auto expected = calendar::build_calendar(events, "Helferkarte", now);
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto text = calendar::build_calendar(events, "Helferkarte", now);
        if (text != expected) {
          results[t] = text;
          return;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& r : results) EXPECT_EQ(r, "");
}

namespace {

struct ServicesFixture {
  std::unique_ptr<storage::Database> db = storage::open_database("sqlite::memory:", {.readers = 1});
  app::Config config;
  http::Metrics metrics;
  auth::RateLimiter limiter;
  api::Services services{*db, config, metrics, [] { return now; }, limiter};

  ServicesFixture() { config.base_url = "https://helferkarte.example:8443"; }
};

domain::Need sample_need() {
  domain::Need n;
  n.id = 7;
  n.organization_id = 3;
  n.organization_name = "DRK Ortsverein";
  n.organization_contact_email = "info@drk.example";
  n.title = "Tafel: Ausgabe";
  n.description = "Lebensmittel ausgeben.";
  n.location = domain::NeedLocation{{51.9, 8.38}, "Kirchstraße 1", "Gütersloh"};
  n.contact = {"Frau Berg", "05241 123", std::nullopt};
  n.status = "published";
  n.updated_at = 1'700'000'500;
  domain::Shift s;
  s.id = 11;
  s.need_id = 7;
  s.starts_at = now + 3600;
  s.ends_at = now + 7200;
  n.shifts = {s};
  return n;
}

}  // namespace

TEST(NeedCalendar, AShiftBecomesAnEventOfTheNeed) {
  ServicesFixture f;
  auto need = sample_need();
  auto e = api::shift_event(f.services, need, need.shifts.front());
  EXPECT_EQ(e.uid, "shift-11@helferkarte.example");
  EXPECT_EQ(e.starts_at, need.shifts.front().starts_at);
  EXPECT_EQ(e.ends_at, need.shifts.front().ends_at);
  EXPECT_EQ(e.summary, "Tafel: Ausgabe");
  EXPECT_EQ(e.location, "Kirchstraße 1, Gütersloh");
  ASSERT_TRUE(e.geo);
  EXPECT_DOUBLE_EQ(e.geo->lat, 51.9);
  EXPECT_EQ(e.url, "https://helferkarte.example:8443/gesuche/7");
  EXPECT_NE(e.description.find("DRK Ortsverein"), std::string::npos);
  EXPECT_NE(e.description.find("Lebensmittel ausgeben."), std::string::npos);
  EXPECT_NE(e.description.find("Frau Berg, 05241 123"), std::string::npos);
  EXPECT_TRUE(e.description.ends_with(e.url));
  EXPECT_EQ(e.organizer_name, "DRK Ortsverein");
  EXPECT_EQ(e.organizer_email, "info@drk.example");  // the need names no address of its own
  EXPECT_FALSE(e.cancelled);
  EXPECT_EQ(e.sequence, 500);
}

TEST(NeedCalendar, RemoteAndCancelledNeeds) {
  ServicesFixture f;
  auto need = sample_need();
  need.remote = true;
  need.location.reset();
  need.status = "cancelled";
  need.contact.email = "berg@drk.example";
  need.updated_at = need.updated_at + 60;
  auto e = api::shift_event(f.services, need, need.shifts.front());
  EXPECT_EQ(e.location, "telefonisch / online");
  EXPECT_FALSE(e.geo);
  EXPECT_TRUE(e.cancelled);
  EXPECT_EQ(e.organizer_email, "berg@drk.example");
  EXPECT_EQ(e.sequence, 560);  // a later change raises it

  auto text = api::engagement_calendar(f.services, need, need.shifts.front());
  auto calendar = parse(text);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalrestriction_check(calendar.get()), 1);
  EXPECT_EQ(icalcomponent_count_errors(calendar.get()), 0) << text;
  auto event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(icalcomponent_get_status(event), ICAL_STATUS_CANCELLED);
}
