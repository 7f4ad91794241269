#include "jobs/housekeeping.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "auth/tokens.hpp"
#include "domain/berlin_time.hpp"
#include "jobs/repetitions.hpp"
#include "storage/accounts.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "storage/outbox.hpp"
#include "storage/signup_links.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace hk {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;
constexpr std::int64_t week = 7 * day;

class Housekeeping : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.base_url = "https://h.example";
    db_->write([&](storage::Connection& c) {
      municipality_ = storage::insert_municipality(c, test::musterstadt(), now_);
      organization_ =
          storage::insert_organization(c, test::group(municipality_, "Tafel Musterstadt"), now_);
      admin_ = storage::upsert_verified_user(c, "admin@tafel.example", "x", "Ada Admin", now_);
      storage::grant_role(c, admin_, {"org_admin", std::nullopt, organization_}, now_);
      creator_ =
          storage::upsert_verified_user(c, "member@tafel.example", "x", "Mia Mitglied", now_);
      storage::grant_role(c, creator_, {"org_member", std::nullopt, organization_}, now_);
      volunteer_ =
          storage::upsert_verified_user(c, "vera@example.org", "x", "Vera Volunteer", now_);
      second_ = storage::upsert_verified_user(c, "sam@example.org", "x", "Sam Second", now_);
    });
  }

  // A published need with one shift per start, each two hours long with 3 places.
  std::int64_t add_need(const std::vector<std::int64_t>& starts, bool repeat = false,
                        std::optional<std::int64_t> until = std::nullopt,
                        const std::string& status = "published") {
    domain::Need n;
    n.organization_id = organization_;
    n.municipality_id = municipality_;
    n.title = "Ausgabe";
    n.description = "Lebensmittel ausgeben";
    n.category = "other";
    n.location = domain::NeedLocation{{52.0, 8.0}, "Markt 1", "Musterstadt"};
    n.status = status;
    n.repeat_weekly = repeat;
    n.repeat_until = until;
    n.created_by = creator_;
    for (auto start : starts) {
      domain::Shift s;
      s.starts_at = start;
      s.ends_at = start + 2 * hour;
      s.capacity = 3;
      n.shifts.push_back(s);
    }
    std::int64_t id = 0;
    db_->write([&](storage::Connection& c) { id = storage::insert_need(c, n, now_); });
    return id;
  }

  std::vector<domain::Shift> shifts_of(std::int64_t need_id) {
    std::optional<domain::Need> need;
    db_->read([&](storage::Connection& c) { need = storage::find_need(c, need_id); });
    return need.value().shifts;
  }

  std::int64_t sign_up(std::int64_t shift_id, std::int64_t user_id,
                       const std::string& status = "confirmed") {
    std::int64_t id = 0;
    db_->write([&](storage::Connection& c) {
      domain::Signup s;
      s.shift_id = shift_id;
      s.user_id = user_id;
      s.status = status;
      if (status == "confirmed") {
        ASSERT_TRUE(storage::take_place(c, shift_id));
      }
      id = storage::insert_signup(c, s, now_);
    });
    return id;
  }

  std::vector<storage::OutboxMail> mails_to(const std::string& address,
                                            const std::string& template_id) {
    std::vector<storage::OutboxMail> out;
    db_->read([&](storage::Connection& c) {
      for (auto& m : storage::list_outbox(c, address)) {
        if (m.template_id == template_id) out.push_back(m);
      }
    });
    return out;
  }

  std::string status_of(std::int64_t need_id) {
    std::string status;
    db_->read([&](storage::Connection& c) {
      status = c.query("SELECT status FROM needs WHERE id = $1", {need_id}).one().text(0);
    });
    return status;
  }

  jobs::HousekeepingCounts run(std::int64_t at) {
    auto counts = jobs::run_housekeeping(*db_, config_, at);
    for (const auto& e : counts.errors) ADD_FAILURE() << e;
    return counts;
  }

  test::TempDatabase db_;
  app::Config config_;
  // Thursday 2027-01-14 08:00 UTC.
  std::int64_t now_ = domain::berlin_local_to_utc(2027, 1, 14, 9, 0);
  std::int64_t municipality_ = 0, organization_ = 0, admin_ = 0, creator_ = 0, volunteer_ = 0,
               second_ = 0;
};

TEST_F(Housekeeping, RemindersGoOutOnceForConfirmedPlacesStartingWithinADay) {
  auto need = add_need({now_ + 20 * hour, now_ + 30 * hour});
  auto shifts = shifts_of(need);
  ASSERT_EQ(shifts.size(), 2u);
  auto soon = sign_up(shifts[0].id, volunteer_);
  sign_up(shifts[0].id, second_, "waitlisted");  // no place, no reminder
  sign_up(shifts[1].id, volunteer_);             // starts in 30 h: not yet

  auto counts = run(now_);
  EXPECT_EQ(counts.reminders, 1);
  auto mails = mails_to("vera@example.org", "signup_reminder");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_TRUE(mails_to("sam@example.org", "signup_reminder").empty());
  const auto& body = mails.front().body;
  EXPECT_NE(body.find("Ausgabe"), std::string::npos) << body;
  EXPECT_NE(body.find("https://h.example/gesuche/" + std::to_string(need)), std::string::npos)
      << body;

  // The token in the mail's link leads back to the sign-up; only its hash is stored.
  auto at = body.find("https://h.example/einsatz?token=");
  ASSERT_NE(at, std::string::npos) << body;
  auto start = at + std::string("https://h.example/einsatz?token=").size();
  auto token = body.substr(start, body.find('\n', start) - start);
  EXPECT_GE(token.size(), 40u);
  db_->read([&](storage::Connection& c) {
    EXPECT_EQ(storage::find_signup_by_link(c, auth::token_hash(token)), soon);
    EXPECT_FALSE(storage::find_signup_by_link(c, token));
    auto row = storage::find_signup(c, soon).value();
    EXPECT_EQ(row.reminder_sent_at, now_);
  });

  // A second pass, also a minute later, sends nothing again.
  EXPECT_EQ(run(now_).reminders, 0);
  EXPECT_EQ(run(now_ + 60).reminders, 0);
  EXPECT_EQ(mails_to("vera@example.org", "signup_reminder").size(), 1u);

  // Ten hours later the second shift is within a day.
  EXPECT_EQ(run(now_ + 10 * hour).reminders, 1);
  EXPECT_EQ(mails_to("vera@example.org", "signup_reminder").size(), 2u);
}

TEST_F(Housekeeping, NoRemindersForCancelledNeedsOrStartedShifts) {
  auto cancelled = add_need({now_ + 5 * hour});
  sign_up(shifts_of(cancelled)[0].id, volunteer_);
  db_->write([&](storage::Connection& c) {
    storage::set_need_status(c, cancelled, "cancelled", "Regen", now_);
  });
  auto started = add_need({now_ + 2 * hour});
  sign_up(shifts_of(started)[0].id, second_);
  // The job ran last before the day began: the shift has started by now.
  EXPECT_EQ(run(now_ + 3 * hour).reminders, 0);
  EXPECT_TRUE(mails_to("vera@example.org", "signup_reminder").empty());
  EXPECT_TRUE(mails_to("sam@example.org", "signup_reminder").empty());
}

TEST_F(Housekeeping, RepetitionsAreMadeUpToTheHorizonAndNotTwice) {
  // Friday 10:00 Berlin, weekly.
  auto first = domain::berlin_local_to_utc(2027, 1, 15, 10, 0);
  auto need = add_need({first}, true);
  auto counts = run(now_);
  // The horizon is Thursday 09:00 eight weeks on: weeks 1..7 (Fridays) lie before it.
  EXPECT_EQ(counts.repetitions, 7);
  auto shifts = shifts_of(need);
  ASSERT_EQ(shifts.size(), 8u);
  for (std::size_t i = 1; i < shifts.size(); ++i) {
    EXPECT_EQ(shifts[i].week, static_cast<int>(i));
    EXPECT_EQ(shifts[i].source_shift_id, shifts[0].id);
    EXPECT_EQ(shifts[i].starts_at, first + static_cast<std::int64_t>(i) * week);
    EXPECT_EQ(shifts[i].ends_at - shifts[i].starts_at, 2 * hour);
    EXPECT_EQ(shifts[i].capacity, 3);
    EXPECT_EQ(shifts[i].taken, 0);
  }
  EXPECT_EQ(run(now_).repetitions, 0);
  EXPECT_EQ(run(now_ + hour).repetitions, 0);
  // Called at creation as well: nothing new either.
  db_->write(
      [&](storage::Connection& c) { EXPECT_EQ(jobs::generate_repetitions(c, need, now_), 0); });

  // A week later the horizon has moved by one week.
  EXPECT_EQ(run(now_ + week).repetitions, 1);
  EXPECT_EQ(shifts_of(need).size(), 9u);
  EXPECT_EQ(shifts_of(need).back().week, 8);

  // A repetition the group deleted stays deleted.
  db_->write([&](storage::Connection& c) {
    c.query("DELETE FROM shifts WHERE need_id = $1 AND week = 3", {need});
  });
  EXPECT_EQ(run(now_ + week).repetitions, 0);
  EXPECT_EQ(shifts_of(need).size(), 8u);
}

TEST_F(Housekeeping, RepetitionsStopAtTheLastDayAndForClosedNeeds) {
  auto first = domain::berlin_local_to_utc(2027, 1, 15, 10, 0);
  // Until Friday 2027-01-29: weeks 1 and 2 only.
  auto until = domain::days_from_civil(2027, 1, 29);
  auto limited = add_need({first}, true, until);
  auto closed = add_need({first}, true, std::nullopt, "cancelled");
  auto plain = add_need({first});
  EXPECT_EQ(run(now_).repetitions, 2);
  EXPECT_EQ(shifts_of(limited).size(), 3u);
  EXPECT_EQ(shifts_of(closed).size(), 1u);
  EXPECT_EQ(shifts_of(plain).size(), 1u);
  db_->write([&](storage::Connection& c) {
    EXPECT_EQ(jobs::generate_repetitions(c, closed, now_), 0);
    EXPECT_EQ(jobs::generate_repetitions(c, plain, now_), 0);
    EXPECT_EQ(jobs::generate_repetitions(c, 999'999, now_), 0);
  });
}

TEST_F(Housekeeping, AWeeklyRepetitionKeepsTheLocalTimeAcrossTheDaylightSavingChange) {
  // Saturday 2027-03-20 10:00 CET; summer time begins on Sunday 2027-03-28.
  auto spring_now = domain::berlin_local_to_utc(2027, 3, 15, 9, 0);
  auto first = domain::berlin_local_to_utc(2027, 3, 20, 10, 0);
  auto spring = add_need({first}, true);
  // Saturday 2027-10-23 10:00 CEST; winter time begins on Sunday 2027-10-31.
  auto autumn_first = domain::berlin_local_to_utc(2027, 10, 23, 10, 0);
  auto autumn = add_need({autumn_first}, true);

  run(spring_now);
  run(domain::berlin_local_to_utc(2027, 10, 18, 9, 0));
  for (auto need : {spring, autumn}) {
    auto shifts = shifts_of(need);
    ASSERT_GE(shifts.size(), 3u);
    bool offset_changed = false;
    for (const auto& s : shifts) {
      auto local = domain::utc_to_berlin(s.starts_at);
      EXPECT_EQ(local.hour, 10) << domain::format_rfc3339_berlin(s.starts_at);
      EXPECT_EQ(local.minute, 0);
      EXPECT_EQ(local.weekday, 6);
      auto local_end = domain::utc_to_berlin(s.ends_at);
      EXPECT_EQ(local_end.hour, 12) << domain::format_rfc3339_berlin(s.ends_at);
      offset_changed =
          offset_changed ||
          local.offset_seconds != domain::utc_to_berlin(shifts[0].starts_at).offset_seconds;
    }
    EXPECT_TRUE(offset_changed) << "the series crosses the change";
  }
}

TEST_F(Housekeeping, AnUnfilledNeedGetsOneWarning) {
  auto unfilled = add_need({now_ + 10 * hour, now_ + 30 * hour});
  auto filled = add_need({now_ + 30 * hour});
  sign_up(shifts_of(filled)[0].id, volunteer_);
  auto later = add_need({now_ + 5 * day});  // last shift not yet within 48 h
  auto requested = add_need({now_ + 30 * hour});
  sign_up(shifts_of(requested)[0].id, second_, "requested");  // no place yet: still warned

  auto counts = run(now_);
  EXPECT_EQ(counts.expiry_warnings, 2);
  auto to_admin = mails_to("admin@tafel.example", "need_expiring");
  auto to_creator = mails_to("member@tafel.example", "need_expiring");
  EXPECT_EQ(to_admin.size(), 2u);
  EXPECT_EQ(to_creator.size(), 2u);
  ASSERT_FALSE(to_admin.empty());
  auto link = "https://h.example/organisationen/" + std::to_string(organization_) + "/gesuche/" +
              std::to_string(unfilled);
  EXPECT_NE(to_admin.front().body.find(link), std::string::npos) << to_admin.front().body;

  EXPECT_EQ(run(now_).expiry_warnings, 0);
  EXPECT_EQ(run(now_ + hour).expiry_warnings, 0);
  EXPECT_EQ(mails_to("admin@tafel.example", "need_expiring").size(), 2u);

  // Three days on, the later need's shift is within 48 h.
  EXPECT_EQ(run(now_ + 3 * day + hour).expiry_warnings, 1);
  (void)later;
}

TEST_F(Housekeeping, ACreatorWhoIsAlsoAdminGetsOneWarning) {
  db_->write([&](storage::Connection& c) {
    storage::grant_role(c, creator_, {"org_admin", std::nullopt, organization_}, now_);
  });
  add_need({now_ + 10 * hour});
  EXPECT_EQ(run(now_).expiry_warnings, 1);
  EXPECT_EQ(mails_to("member@tafel.example", "need_expiring").size(), 1u);
  EXPECT_EQ(mails_to("admin@tafel.example", "need_expiring").size(), 1u);
}

TEST_F(Housekeeping, NeedsWhoseShiftsAllEndedAreCompleted) {
  auto past = add_need({now_ + hour, now_ + 3 * hour});
  auto repeating = add_need({now_ + hour}, true);
  auto until = domain::berlin_day(now_ + 2 * week);
  auto ending_series = add_need({now_ + hour}, true, until);
  auto cancelled = add_need({now_ + hour}, false, std::nullopt, "cancelled");

  // The second shift ends at now + 5 h.
  auto counts = run(now_ + 4 * hour);
  EXPECT_EQ(counts.completed, 0);
  EXPECT_EQ(status_of(past), "published");

  EXPECT_EQ(run(now_ + 5 * hour).completed, 1);
  EXPECT_EQ(status_of(past), "completed");
  EXPECT_EQ(status_of(repeating), "published");
  EXPECT_EQ(status_of(cancelled), "cancelled");

  // After the series' last day and its last shift, it is completed too; the open series never.
  run(now_ + 3 * week);
  EXPECT_EQ(status_of(ending_series), "completed");
  EXPECT_EQ(status_of(repeating), "published");
  EXPECT_EQ(run(now_ + 3 * week).completed, 0);
}

TEST_F(Housekeeping, TheWorkerRunsAtStartAndStopsWithoutWaitingAnInterval) {
  auto need = add_need({now_ + hour});
  std::atomic<std::int64_t> clock = now_ + 4 * hour;
  jobs::HousekeepingWorker worker(
      *db_, config_, [&] { return clock.load(); }, 3'600'000);
  auto started = std::chrono::steady_clock::now();
  worker.start();
  for (int i = 0; i < 200 && status_of(need) != "completed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status_of(need), "completed");
  worker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

}  // namespace
}  // namespace hk
