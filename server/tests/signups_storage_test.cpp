#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/berlin_time.hpp"
#include "storage/accounts.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

class SignupsStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      organization_ = add_organization(c, "Tafel Musterstadt");
      need_ = add_need(c, organization_, "Lebensmittel sortieren");
    });
  }

  std::int64_t add_organization(Connection& c, const std::string& name) {
    return insert_organization(c, test::group(municipality_, name), now_);
  }

  std::int64_t add_need(Connection& c, std::int64_t organization, const std::string& title) {
    return c
        .query(
            "INSERT INTO needs (organization_id, municipality_id, title, category, remote, "
            "status, created_at, updated_at) VALUES ($1, $2, $3, 'other', 1, 'published', $4, $4) "
            "RETURNING id",
            {organization, municipality_, title, now_})
        .one()
        .int64(0);
  }

  std::int64_t add_shift(Connection& c, std::int64_t need, std::int64_t starts_at, int capacity,
                         std::int64_t hours = 3) {
    return c
        .query(
            "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, created_at) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            {need, starts_at, starts_at + hours * 3600, std::int64_t{capacity}, now_})
        .one()
        .int64(0);
  }

  std::int64_t add_user(Connection& c, const std::string& name) {
    return upsert_verified_user(c, name + "@example.org", "x", name, now_);
  }

  std::int64_t join(Connection& c, std::int64_t shift, std::int64_t user, std::string status,
                    std::int64_t at) {
    domain::Signup s;
    s.shift_id = shift;
    s.user_id = user;
    s.status = std::move(status);
    return insert_signup(c, s, at);
  }

  static std::int64_t taken(Connection& c, std::int64_t shift) {
    return c.query("SELECT taken FROM shifts WHERE id = $1", {shift}).one().int64(0);
  }

  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t municipality_ = 0, organization_ = 0, need_ = 0;
};

TEST_F(SignupsStorage, TakePlaceStopsAtCapacity) {
  db_->write([&](Connection& c) {
    auto shift = add_shift(c, need_, now_ + 86400, 3);
    int got = 0;
    for (int i = 0; i < 5; ++i) got += take_place(c, shift) ? 1 : 0;
    EXPECT_EQ(got, 3);
    EXPECT_EQ(taken(c, shift), 3);
    release_place(c, shift);
    EXPECT_EQ(taken(c, shift), 2);
    EXPECT_TRUE(take_place(c, shift));
    EXPECT_FALSE(take_place(c, shift));
  });
}

TEST_F(SignupsStorage, ReleasingNeverGoesBelowZero) {
  db_->write([&](Connection& c) {
    auto shift = add_shift(c, need_, now_ + 86400, 2);
    release_place(c, shift);
    EXPECT_EQ(taken(c, shift), 0);
  });
}

// Many writers at once, each taking a place or joining the waitlist in its own transaction:
// the shift never holds more confirmed people than places.
TEST_F(SignupsStorage, ConcurrentJoinsNeverOverbook) {
  constexpr int people = 40;
  constexpr int capacity = 7;
  std::int64_t shift = 0;
  std::vector<std::int64_t> users;
  db_->write([&](Connection& c) {
    shift = add_shift(c, need_, now_ + 86400, capacity);
    for (int i = 0; i < people; ++i) users.push_back(add_user(c, "p" + std::to_string(i)));
  });
  std::atomic<int> confirmed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < people; ++i) {
    threads.emplace_back([&, i] {
      db_->write([&](Connection& c) {
        bool placed = take_place(c, shift);
        join(c, shift, users[i], placed ? "confirmed" : "waitlisted", now_);
        if (placed) ++confirmed;
      });
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(confirmed.load(), capacity);
  db_->read([&](Connection& c) {
    EXPECT_EQ(taken(c, shift), capacity);
    EXPECT_EQ(list_participants(c, need_, {"confirmed"}).size(), std::size_t{capacity});
    EXPECT_EQ(list_participants(c, need_, {"waitlisted"}).size(), std::size_t{people - capacity});
  });
}

TEST_F(SignupsStorage, ASecondSignupOfThePersonIsRefusedAndTheTransactionRollsBack) {
  std::int64_t shift = 0, user = 0;
  db_->write([&](Connection& c) {
    shift = add_shift(c, need_, now_ + 86400, 5);
    user = add_user(c, "anna");
    ASSERT_TRUE(take_place(c, shift));
    join(c, shift, user, "confirmed", now_);
  });
  // The way a join does it: take the place, then insert; the refused insert takes the place
  // back with it.
  EXPECT_THROW(db_->write([&](Connection& c) {
    ASSERT_TRUE(take_place(c, shift));
    join(c, shift, user, "confirmed", now_ + 1);
  }),
               ConstraintError);
  db_->read([&](Connection& c) {
    EXPECT_EQ(taken(c, shift), 1);
    EXPECT_EQ(list_participants(c, need_, {"confirmed"}).size(), 1u);
  });
}

TEST_F(SignupsStorage, TheWaitlistMovesUpInTheOrderPeopleJoinedIt) {
  db_->write([&](Connection& c) {
    auto shift = add_shift(c, need_, now_ + 86400, 2);
    auto a = add_user(c, "a"), b = add_user(c, "b"), w1 = add_user(c, "w1"), w2 = add_user(c, "w2"),
         w3 = add_user(c, "w3"), gone = add_user(c, "gone");
    ASSERT_TRUE(take_place(c, shift));
    auto first = join(c, shift, a, "confirmed", now_);
    ASSERT_TRUE(take_place(c, shift));
    join(c, shift, b, "confirmed", now_);
    join(c, shift, gone, "waitlisted", now_ + 5);
    // w3 asked first but joined the waitlist last (a request accepted when the shift was full).
    auto late = join(c, shift, w3, "requested", now_ + 8);
    auto second = join(c, shift, w1, "waitlisted", now_ + 10);
    auto third = join(c, shift, w2, "waitlisted", now_ + 10);
    set_signup_status(c, late, "waitlisted", now_ + 20);
    // A deleted account keeps its row but is passed over.
    c.query("DELETE FROM users WHERE id = $1", {gone});

    EXPECT_TRUE(promote_waitlist(c, shift, now_ + 30).empty());  // still full

    delete_signup(c, first);
    release_place(c, shift);
    auto moved = promote_waitlist(c, shift, now_ + 40);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].id, second);
    EXPECT_EQ(moved[0].status, "confirmed");
    EXPECT_EQ(find_signup(c, second)->status, "confirmed");

    // Two more places: the next two in line, in order; then nobody is left.
    c.query("UPDATE shifts SET capacity = 4 WHERE id = $1", {shift});
    moved = promote_waitlist(c, shift, now_ + 50);
    ASSERT_EQ(moved.size(), 2u);
    EXPECT_EQ(moved[0].id, third);
    EXPECT_EQ(moved[1].id, late);
    EXPECT_EQ(taken(c, shift), 4);
    c.query("UPDATE shifts SET capacity = 6 WHERE id = $1", {shift});
    EXPECT_TRUE(promote_waitlist(c, shift, now_ + 60).empty());
    EXPECT_EQ(taken(c, shift), 4);
  });
}

TEST_F(SignupsStorage, ParticipantsAreListedByShiftWithTheirPeople) {
  db_->write([&](Connection& c) {
    auto later = add_shift(c, need_, now_ + 2 * 86400, 3);
    auto sooner = add_shift(c, need_, now_ + 86400, 3);
    auto anna = add_user(c, "anna"), ben = add_user(c, "ben"), gone = add_user(c, "gone");
    join(c, later, anna, "confirmed", now_);
    join(c, sooner, ben, "requested", now_ + 1);
    join(c, sooner, anna, "declined", now_ + 2);
    join(c, sooner, gone, "confirmed", now_ + 3);
    c.query("DELETE FROM users WHERE id = $1", {gone});

    auto all = list_participants(c, need_, {"confirmed", "requested", "declined"});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].signup.shift_id, sooner);
    EXPECT_EQ(all[0].person.display_name, "ben");
    EXPECT_EQ(all[1].person.email, "anna@example.org");
    EXPECT_EQ(all[1].signup.status, "declined");
    EXPECT_EQ(all[2].signup.shift_id, later);

    EXPECT_EQ(list_participants(c, need_, {"confirmed"}).size(), 1u);
    EXPECT_EQ(list_participants(c, need_, {"confirmed", "requested"}, sooner).size(), 1u);
    EXPECT_TRUE(list_participants(c, need_, {}).empty());

    auto mine = user_signups_for_need(c, need_, anna);
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine.at(sooner).status, "declined");
    EXPECT_EQ(mine.at(later).status, "confirmed");
  });
}

TEST_F(SignupsStorage, EngagementsSplitIntoUpcomingAndPast) {
  db_->write([&](Connection& c) {
    auto anna = add_user(c, "anna");
    auto past = add_shift(c, need_, now_ - 2 * 86400, 3);
    auto running = add_shift(c, need_, now_ - 3600, 3);
    auto soon = add_shift(c, need_, now_ + 86400, 3);
    auto later = add_shift(c, need_, now_ + 5 * 86400, 3);
    for (auto s : {later, past, soon, running}) join(c, s, anna, "confirmed", now_ - 3 * 86400);

    auto upcoming = list_engagements(c, anna, true, now_, 200);
    ASSERT_EQ(upcoming.size(), 3u);
    EXPECT_EQ(upcoming[0].shift.id, running);
    EXPECT_EQ(upcoming[1].shift.id, soon);
    EXPECT_EQ(upcoming[2].shift.id, later);
    EXPECT_EQ(upcoming[0].need.title, "Lebensmittel sortieren");
    EXPECT_EQ(upcoming[0].need.organization_name, "Tafel Musterstadt");
    EXPECT_TRUE(upcoming[0].need.remote);
    EXPECT_FALSE(upcoming[0].need.location);

    auto done = list_engagements(c, anna, false, now_, 200);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].shift.id, past);
    EXPECT_EQ(list_engagements(c, anna, true, now_, 2).size(), 2u);

    auto found = find_engagement(c, done[0].signup.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->shift.starts_at, now_ - 2 * 86400);
  });
}

TEST_F(SignupsStorage, HoursAreSummedPerOrganisationAndBerlinYear) {
  db_->write([&](Connection& c) {
    auto anna = add_user(c, "anna");
    auto other_org = add_organization(c, "Ahorn-Initiative");
    auto other_need = add_need(c, other_org, "Bäume pflanzen");
    // 23:30 UTC on 31 December 2026 is already 2027 in Berlin.
    auto new_year = domain::berlin_local_to_utc(2027, 1, 1, 0, 30);
    auto summer = domain::berlin_local_to_utc(2026, 7, 4, 10, 0);
    auto autumn = domain::berlin_local_to_utc(2026, 10, 3, 9, 0);
    struct Attended {
      std::int64_t need, start;
      const char* attendance;
      std::optional<int> minutes;
      const char* status;
    };
    for (auto a : std::vector<Attended>{{need_, summer, "attended", 150, "confirmed"},
                                        {need_, autumn, "attended", 90, "confirmed"},
                                        {need_, new_year, "attended", 60, "confirmed"},
                                        {other_need, autumn, "attended", 45, "confirmed"},
                                        {need_, autumn + 86400, "no_show", {}, "confirmed"}}) {
      auto shift = add_shift(c, a.need, a.start, 5);
      auto id = join(c, shift, anna, a.status, now_);
      set_attendance(c, id, a.attendance, a.minutes, now_);
    }
    // Someone else's hours do not count.
    auto ben = add_user(c, "ben");
    auto shift = add_shift(c, need_, summer + 86400, 5);
    set_attendance(c, join(c, shift, ben, "confirmed", now_), "attended", 600, now_);

    auto totals = hours_by_organization_year(c, anna);
    ASSERT_EQ(totals.size(), 3u);
    EXPECT_EQ(totals[0].year, 2027);
    EXPECT_EQ(totals[0].organization_id, organization_);
    EXPECT_EQ(totals[0].minutes, 60);
    EXPECT_EQ(totals[1].year, 2026);
    EXPECT_EQ(totals[1].organization_name, "Ahorn-Initiative");
    EXPECT_EQ(totals[1].minutes, 45);
    EXPECT_EQ(totals[2].organization_name, "Tafel Musterstadt");
    EXPECT_EQ(totals[2].minutes, 240);
    EXPECT_EQ(totals[2].shifts, 2);

    auto year_2026 =
        list_attended(c, anna, organization_, domain::berlin_local_to_utc(2026, 1, 1, 0, 0),
                      domain::berlin_local_to_utc(2027, 1, 1, 0, 0));
    ASSERT_EQ(year_2026.size(), 2u);
    EXPECT_EQ(year_2026[0].starts_at, summer);
    EXPECT_EQ(year_2026[0].need_title, "Lebensmittel sortieren");
    EXPECT_EQ(year_2026[1].minutes, 90);
  });
}

}  // namespace
}  // namespace hk::storage
