#include "api/help_request_fields.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/berlin_time.hpp"
#include "http/problem.hpp"

using namespace hk;
using hk::api::json::object;

namespace {

// 2026-11-28 09:00 UTC.
const std::int64_t now = domain::parse_rfc3339("2026-11-28T09:00:00Z").value();

object valid_body() {
  return object{{"caller", object{{"name", "Erna Beispiel"}, {"phone", "05241 12345"}}},
                {"summary", "Einkauf, eine Tasche"},
                {"category", "shopping"},
                {"area", "Kattenstroth"},
                {"when", object{{"start", "2026-11-30T10:00:00+01:00"},
                                {"end", "2026-11-30T11:00:00+01:00"}}}};
}

// The fields that failed, or an empty set when the body was accepted.
std::set<std::string> problems(const object& body, domain::HelpRequest& request, bool partial,
                               bool* publish = nullptr) {
  api::Fields fields(body);
  bool p = api::read_help_request_fields(fields, body, request, partial, now);
  if (publish) *publish = p;
  try {
    fields.done();
  } catch (const http::ApiError& e) {
    std::set<std::string> names;
    for (const auto& error : e.errors) {
      EXPECT_FALSE(error.message.de.empty());
      EXPECT_FALSE(error.message.en.empty());
      names.insert(error.field);
    }
    return names;
  }
  return {};
}

}  // namespace

TEST(HelpRequestFields, PhoneNumbersAsCoordinatorsTypeThem) {
  EXPECT_TRUE(api::plausible_phone("05241 12345"));
  EXPECT_TRUE(api::plausible_phone("+49 (5241) 82-2424"));
  EXPECT_TRUE(api::plausible_phone("110"));
  EXPECT_FALSE(api::plausible_phone("12"));
  EXPECT_FALSE(api::plausible_phone("+()-/ 1 2"));
  EXPECT_FALSE(api::plausible_phone("0524l 12345"));
  EXPECT_FALSE(api::plausible_phone(std::string(41, '1')));
  EXPECT_TRUE(api::plausible_phone(std::string(40, '1')));
}

TEST(HelpRequestFields, AValidCallIsReadCompletely) {
  domain::HelpRequest r;
  auto body = valid_body();
  body["caller"].as_object()["address"] = "  Kirchstraße 5 ";
  body["location"] = object{{"lat", 51.9}, {"lon", 8.38}};
  body["recurrence"] = "weekly";
  body["repeatUntil"] = "2027-01-31";
  body["publish"] = true;
  bool publish = false;
  EXPECT_TRUE(problems(body, r, false, &publish).empty());
  EXPECT_TRUE(publish);
  ASSERT_TRUE(r.caller);
  EXPECT_EQ(r.caller->name, "Erna Beispiel");
  EXPECT_EQ(r.caller->address, "Kirchstraße 5");
  EXPECT_EQ(r.summary, "Einkauf, eine Tasche");
  EXPECT_FALSE(r.details);
  EXPECT_EQ(r.category, "shopping");
  ASSERT_TRUE(r.point);
  EXPECT_DOUBLE_EQ(r.point->lat, 51.9);
  EXPECT_EQ(r.starts_at, domain::parse_rfc3339("2026-11-30T09:00:00Z"));
  EXPECT_EQ(r.recurrence, "weekly");
  EXPECT_EQ(r.repeat_until, domain::parse_iso_date("2027-01-31"));
}

TEST(HelpRequestFields, EveryFieldIsChecked) {
  domain::HelpRequest r;
  object body{{"caller", object{{"name", ""}, {"phone", "ab"}, {"fax", "1"}}},
              {"summary", std::string(501, 'x')},
              {"details", std::string(2001, 'x')},
              {"category", "gardening"},
              {"area", ""},
              {"location", object{{"lat", 91}, {"lon", 8}}},
              {"when", object{{"start", "2026-11-28T07:59:00Z"}, {"end", "2026-12-06T09:00:00Z"}}},
              {"recurrence", "monthly"},
              {"colour", "red"}};
  EXPECT_EQ(problems(body, r, false),
            (std::set<std::string>{"caller.name", "caller.phone", "caller.fax", "summary",
                                   "details", "category", "area", "location.lat", "when.start",
                                   "when.end", "recurrence", "colour"}));
}

TEST(HelpRequestFields, TimesAndRepetition) {
  auto with = [](object when, const char* recurrence, const char* until) {
    auto body = valid_body();
    body["when"] = std::move(when);
    body["recurrence"] = recurrence;
    if (until) body["repeatUntil"] = until;
    return body;
  };
  domain::HelpRequest r;
  // An hour late is fine, more is not.
  EXPECT_TRUE(
      problems(with(object{{"start", "2026-11-28T08:00:00Z"}, {"end", "2026-11-28T09:30:00Z"}},
                    "once", nullptr),
               r, false)
          .empty());
  EXPECT_EQ(
      problems(with(object{{"start", "2026-11-28T10:00:00Z"}, {"end", "2026-11-28T10:00:00Z"}},
                    "once", nullptr),
               r, false),
      std::set<std::string>{"when.end"});
  EXPECT_EQ(
      problems(with(object{{"start", "2029-01-01T10:00:00Z"}, {"end", "2029-01-01T11:00:00Z"}},
                    "once", nullptr),
               r, false),
      std::set<std::string>{"when.start"});
  EXPECT_EQ(problems(with(object{{"start", "morgen"}}, "once", nullptr), r, false),
            (std::set<std::string>{"when.start", "when.end"}));
  auto when = object{{"start", "2026-11-30T10:00:00Z"}, {"end", "2026-11-30T11:00:00Z"}};
  EXPECT_EQ(problems(with(when, "once", "2027-01-31"), r, false),
            std::set<std::string>{"repeatUntil"});
  // Not after the first time, or more than a year ahead.
  EXPECT_EQ(problems(with(when, "daily", "2026-11-30"), r, false),
            std::set<std::string>{"repeatUntil"});
  EXPECT_EQ(problems(with(when, "daily", "2027-11-29"), r, false),
            std::set<std::string>{"repeatUntil"});
  EXPECT_EQ(problems(with(when, "daily", "31.01.2027"), r, false),
            std::set<std::string>{"repeatUntil"});
  EXPECT_TRUE(problems(with(when, "daily", "2027-11-28"), r, false).empty());
}

TEST(HelpRequestFields, PublishingNeedsATime) {
  auto body = valid_body();
  body.erase("when");
  body["publish"] = true;
  domain::HelpRequest r;
  EXPECT_EQ(problems(body, r, false), std::set<std::string>{"when"});
  body["publish"] = false;
  EXPECT_TRUE(problems(body, r, false).empty());
  body["publish"] = "yes";
  EXPECT_EQ(problems(body, r, false), std::set<std::string>{"publish"});
}

TEST(HelpRequestFields, AnEditChangesOnlyWhatItNames) {
  domain::HelpRequest r;
  auto create = valid_body();
  create["caller"].as_object()["address"] = "Kirchstraße 5";
  create["details"] = "Klingel defekt";
  ASSERT_TRUE(problems(create, r, false).empty());
  auto before = r;

  object edit{{"caller", object{{"phone", "0170 1234567"}}}, {"details", nullptr}};
  EXPECT_TRUE(problems(edit, r, true).empty());
  EXPECT_EQ(r.caller->name, before.caller->name);
  EXPECT_EQ(r.caller->address, before.caller->address);
  EXPECT_EQ(r.caller->phone, "0170 1234567");
  EXPECT_FALSE(r.details);
  EXPECT_EQ(r.summary, before.summary);
  EXPECT_EQ(r.starts_at, before.starts_at);

  EXPECT_EQ(problems(object{{"publish", true}}, r, true), std::set<std::string>{"publish"});
  EXPECT_EQ(problems(object{{"summary", ""}}, r, true), std::set<std::string>{"summary"});
  EXPECT_TRUE(problems(object{}, r, true).empty());
}

TEST(HelpRequestFields, BodyPartsTellPublicFromPrivate) {
  auto parts = api::body_parts(object{{"caller", object{}}, {"details", "x"}});
  EXPECT_TRUE(parts.private_fields);
  EXPECT_FALSE(parts.public_fields);
  parts = api::body_parts(object{{"repeatUntil", nullptr}});
  EXPECT_TRUE(parts.public_fields);
  EXPECT_FALSE(parts.private_fields);
  parts = api::body_parts(object{{"location", nullptr}, {"area", "Spexard"}});
  EXPECT_TRUE(parts.location);
  EXPECT_TRUE(parts.area);
}
