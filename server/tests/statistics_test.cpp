#include "storage/statistics.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/berlin_time.hpp"
#include "domain/weeks.hpp"
#include "storage/accounts.hpp"
#include "storage/help_requests.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

std::int64_t at(const std::string& rfc3339) { return domain::parse_rfc3339(rfc3339).value(); }

struct ShiftPlan {
  std::int64_t starts_at = 0;
  int capacity = 1;
  int taken = 0;
};

class Statistics : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      auto other = test::musterstadt();
      other.name = "Gemeinde Anderswo";
      other.ags = "07654321";
      other_municipality_ = insert_municipality(c, other, now_);
      group_ = insert_organization(c, test::group(municipality_, "Tafel Musterstadt"), now_);
      other_group_ =
          insert_organization(c, test::group(other_municipality_, "Tafel Anderswo"), now_);
      volunteer_ = upsert_verified_user(c, "lena@musterstadt.example", "x", "Lena", now_);
    });
  }

  // A need with its shifts; each shift gets `taken` confirmed places.
  std::int64_t add_need(Connection& c, std::int64_t organization, std::int64_t municipality,
                        const std::vector<ShiftPlan>& shifts,
                        const std::string& status = "published",
                        std::optional<std::int64_t> created_at = std::nullopt) {
    domain::Need n;
    n.organization_id = organization;
    n.municipality_id = municipality;
    n.title = "Lebensmittel sortieren";
    n.description = "In der Halle";
    n.category = "other";
    n.remote = true;
    n.status = status;
    for (const auto& plan : shifts) {
      domain::Shift s;
      s.starts_at = plan.starts_at;
      s.ends_at = plan.starts_at + 2 * hour;
      s.capacity = plan.capacity;
      n.shifts.push_back(s);
    }
    auto id = insert_need(c, n, created_at.value_or(now_ - 30 * day));
    auto need = find_need(c, id);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      for (int k = 0; k < shifts[i].taken; ++k) {
        const auto& shift = need->shifts[i];
        EXPECT_TRUE(take_place(c, shift.id));
      }
    }
    return id;
  }

  std::int64_t first_shift(Connection& c, std::int64_t need) {
    return find_need(c, need)->shifts.front().id;
  }

  std::int64_t add_user(Connection& c, const std::string& name) {
    return upsert_verified_user(c, name + "@example.org", "x", name, now_);
  }

  std::int64_t join(Connection& c, std::int64_t shift, std::int64_t user, const std::string& status,
                    std::int64_t created_at) {
    domain::Signup s;
    s.shift_id = shift;
    s.user_id = user;
    s.status = status;
    return insert_signup(c, s, created_at);
  }

  void add_help_request(Connection& c, std::int64_t municipality, const std::string& status,
                        std::int64_t created_at) {
    domain::HelpRequest r;
    r.municipality_id = municipality;
    r.status = status;
    r.category = "shopping";
    r.area = "Kattenstroth";
    r.summary = "Wocheneinkauf";
    r.caller = domain::HelpRequestCaller{"Erika Muster", "05241 12345", std::nullopt};
    insert_help_request(c, r, created_at);
  }

  test::TempDatabase db_;
  // Wednesday, 4 November 2026, 09:00 in Berlin (winter time).
  std::int64_t now_ = at("2026-11-04T09:00:00+01:00");
  std::int64_t municipality_ = 0, other_municipality_ = 0, group_ = 0, other_group_ = 0;
  std::int64_t volunteer_ = 0;
};

TEST_F(Statistics, OpenHelpRequestsAreCountedByStatusWithTheOldest) {
  db_->write([&](Connection& c) {
    add_help_request(c, municipality_, "new", now_ - 2 * day);
    add_help_request(c, municipality_, "new", now_ - 1 * day);
    add_help_request(c, municipality_, "published", now_ - 5 * day);
    add_help_request(c, municipality_, "matched", now_ - 3 * day);
    // Closed ones are no longer open, however old.
    add_help_request(c, municipality_, "done", now_ - 40 * day);
    add_help_request(c, municipality_, "cancelled", now_ - 50 * day);
    // Another municipality's calls are not ours.
    add_help_request(c, other_municipality_, "new", now_ - 60 * day);
    add_help_request(c, other_municipality_, "matched", now_ - 60 * day);
  });
  db_->read([&](Connection& c) {
    auto counts = count_open_help_requests(c, municipality_);
    EXPECT_EQ(counts.new_count, 2);
    EXPECT_EQ(counts.published, 1);
    EXPECT_EQ(counts.matched, 1);
    EXPECT_EQ(counts.oldest_created_at, now_ - 5 * day);
  });
}

TEST_F(Statistics, WithoutOpenHelpRequestsThereIsNoOldest) {
  db_->write([&](Connection& c) {
    add_help_request(c, municipality_, "done", now_ - 2 * day);
    add_help_request(c, other_municipality_, "new", now_ - 2 * day);
  });
  db_->read([&](Connection& c) {
    auto counts = count_open_help_requests(c, municipality_);
    EXPECT_EQ(counts.new_count + counts.published + counts.matched, 0);
    EXPECT_FALSE(counts.oldest_created_at);
  });
}

TEST_F(Statistics, NeedsAreCountedByHowTheirShiftsToComeAreFilled) {
  auto past = now_ - 2 * day;
  auto soon = now_ + day;
  auto later = now_ + 3 * day;
  db_->write([&](Connection& c) {
    // open: nobody yet in the shifts to come (a full shift in the past does not count).
    add_need(c, group_, municipality_, {{past, 2, 2}, {soon, 2, 0}});
    add_need(c, group_, municipality_, {{later, 1, 0}});
    // partial: one place of three, or one shift full and one not.
    add_need(c, group_, municipality_, {{soon, 3, 1}});
    add_need(c, group_, municipality_, {{soon, 1, 1}, {later, 2, 0}});
    add_need(c, group_, municipality_, {{soon, 2, 2}, {later, 2, 1}});
    // covered: every shift to come full (a past shift with room left does not count).
    add_need(c, group_, municipality_, {{past, 4, 0}, {soon, 1, 1}, {later, 2, 2}});
    // A shift starting right now has begun: only the full one after it counts.
    add_need(c, group_, municipality_, {{now_, 3, 0}, {later, 1, 1}});
    // Left out: nothing to come, not published, a group not (or no longer) approved.
    add_need(c, group_, municipality_, {{past, 2, 0}});
    add_need(c, group_, municipality_, {{now_, 2, 0}});
    add_need(c, group_, municipality_, {{soon, 2, 0}}, "pending_review");
    add_need(c, group_, municipality_, {{soon, 2, 1}}, "cancelled");
    add_need(c, group_, municipality_, {{soon, 2, 2}}, "completed");
    auto pending = insert_organization(c, test::group(municipality_, "Neu", "pending"), now_);
    add_need(c, pending, municipality_, {{soon, 2, 0}});
    auto suspended =
        insert_organization(c, test::group(municipality_, "Gesperrt", "suspended"), now_);
    add_need(c, suspended, municipality_, {{soon, 1, 1}});
    // Another municipality's needs are not ours.
    add_need(c, other_group_, other_municipality_, {{soon, 2, 0}});
    add_need(c, other_group_, other_municipality_, {{soon, 2, 1}});
    add_need(c, other_group_, other_municipality_, {{soon, 1, 1}});
  });
  db_->read([&](Connection& c) {
    auto fill = count_need_fill(c, municipality_, now_);
    EXPECT_EQ(fill.open, 2);
    EXPECT_EQ(fill.partial, 3);
    EXPECT_EQ(fill.covered, 2);
    auto other = count_need_fill(c, other_municipality_, now_);
    EXPECT_EQ(other.open, 1);
    EXPECT_EQ(other.partial, 1);
    EXPECT_EQ(other.covered, 1);
  });
}

TEST_F(Statistics, ApprovalsCountPendingGroupsAndNeedsInTheQueue) {
  db_->write([&](Connection& c) {
    insert_organization(c, test::group(municipality_, "Neu 1", "pending"), now_);
    insert_organization(c, test::group(municipality_, "Neu 2", "pending"), now_);
    insert_organization(c, test::group(municipality_, "Abgelehnt", "rejected"), now_);
    insert_organization(c, test::group(other_municipality_, "Neu dort", "pending"), now_);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "pending_review");
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "published");
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "rejected");
    add_need(c, other_group_, other_municipality_, {{now_ + day, 1, 0}}, "pending_review");
    add_need(c, other_group_, other_municipality_, {{now_ + day, 1, 0}}, "pending_review");
  });
  db_->read([&](Connection& c) {
    auto a = count_pending_approvals(c, municipality_);
    EXPECT_EQ(a.organizations, 2);
    EXPECT_EQ(a.needs, 1);
    auto b = count_pending_approvals(c, other_municipality_);
    EXPECT_EQ(b.organizations, 1);
    EXPECT_EQ(b.needs, 2);
  });
}

TEST_F(Statistics, ActivityIsCountedPerBerlinWeekWithTheEdgesInTheNewWeek) {
  // Weeks starting 12, 19 (summer time ends on the 25th), 26 October and 2 November 2026.
  auto weeks = domain::last_berlin_weeks(now_, 4);
  std::vector<std::int64_t> boundaries;
  for (const auto& w : weeks) boundaries.push_back(w.starts_at);
  boundaries.push_back(weeks.back().ends_at);
  ASSERT_EQ(boundaries.front(), at("2026-10-12T00:00:00+02:00"));
  ASSERT_EQ(boundaries.back(), at("2026-11-09T00:00:00+01:00"));
  auto monday_26 = at("2026-10-26T00:00:00+01:00");
  auto monday_2 = at("2026-11-02T00:00:00+01:00");

  db_->write([&](Connection& c) {
    // Needs by creation, any status: one second before the first week, at its first second,
    // one second before Monday 26 October (week 1), exactly at it (week 2), and this week.
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "published", boundaries[0] - 1);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "published", boundaries[0]);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "published", monday_26 - 1);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "cancelled", monday_26);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "pending_review", monday_26 + hour);
    add_need(c, group_, municipality_, {{now_ + day, 1, 0}}, "published", now_);
    add_need(c, other_group_, other_municipality_, {{now_ + day, 1, 0}}, "published", now_);

    // Sign-ups by when they were made, of any status but declined.
    auto need = add_need(c, group_, municipality_,
                         {{at("2026-10-25T02:30:00+01:00"), 5, 0}, {monday_2, 5, 0}}, "published",
                         boundaries[0] - day);
    auto n = find_need(c, need);
    auto sunday_shift = n->shifts[0].id;  // the repeated hour of 25 October: week 1
    auto monday_shift = n->shifts[1].id;  // exactly at the start of week 3
    auto a = add_user(c, "anna"), b = add_user(c, "ben"), d = add_user(c, "dora"),
         e = add_user(c, "emil"), f = add_user(c, "fritz");
    auto a1 = join(c, sunday_shift, a, "confirmed", boundaries[0] - 1);  // before the weeks
    auto b1 = join(c, sunday_shift, b, "confirmed", at("2026-10-20T10:00:00+02:00"));
    join(c, sunday_shift, d, "waitlisted", at("2026-10-25T23:59:59+01:00"));
    auto e1 = join(c, sunday_shift, e, "confirmed", monday_26);
    join(c, sunday_shift, f, "declined", monday_26 + hour);
    auto a2 = join(c, monday_shift, a, "confirmed", monday_2);
    join(c, monday_shift, b, "requested", now_);
    join(c, monday_shift, d, "declined", now_);
    auto other_need = add_need(c, other_group_, other_municipality_, {{monday_2, 5, 0}},
                               "published", boundaries[0] - day);
    join(c, first_shift(c, other_need), volunteer_, "confirmed", now_);

    // Attended time by the start of its shift, not by when it was recorded.
    set_attendance(c, a1, "attended", 95, now_);
    set_attendance(c, b1, "attended", 120, now_);
    set_attendance(c, e1, "no_show", std::nullopt, now_);
    set_attendance(c, a2, "attended", 45, now_);
    // A shift of the week before the first does not count; another municipality's neither.
    auto early = add_need(c, group_, municipality_, {{boundaries[0] - hour, 2, 0}}, "completed",
                          boundaries[0] - 2 * day);
    auto early_signup = join(c, first_shift(c, early), f, "confirmed", boundaries[0] - 2 * day);
    set_attendance(c, early_signup, "attended", 600, now_);
    auto far = add_need(c, other_group_, other_municipality_, {{monday_2 + hour, 2, 0}},
                        "completed", boundaries[0]);
    auto far_signup = join(c, first_shift(c, far), f, "confirmed", boundaries[0]);
    set_attendance(c, far_signup, "attended", 600, now_);
  });

  db_->read([&](Connection& c) {
    auto activity = activity_by_period(c, municipality_, boundaries);
    ASSERT_EQ(activity.size(), 4u);
    EXPECT_EQ(activity[0].needs, 1);
    EXPECT_EQ(activity[1].needs, 1);
    EXPECT_EQ(activity[2].needs, 2);
    EXPECT_EQ(activity[3].needs, 1);

    EXPECT_EQ(activity[0].signups, 0);
    EXPECT_EQ(activity[1].signups, 2);  // Ben, and Dora on Sunday night
    EXPECT_EQ(activity[2].signups, 1);  // Emil at Monday 00:00; Fritz was declined
    EXPECT_EQ(activity[3].signups, 2);  // Anna, Ben; Dora was declined

    EXPECT_EQ(activity[0].attended_minutes, 0);
    EXPECT_EQ(activity[1].attended_minutes, 95 + 120);
    EXPECT_EQ(activity[2].attended_minutes, 0);
    EXPECT_EQ(activity[3].attended_minutes, 45);

    EXPECT_TRUE(activity_by_period(c, municipality_, {boundaries[0]}).empty());
  });
}

}  // namespace
}  // namespace hk::storage
