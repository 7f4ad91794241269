// What needs and sign-ups cost: the write transaction of a join (the conditional UPDATE that
// takes a place plus the sign-up row), a leave that moves the first waitlisted person up, and
// the reads behind the need page and "Meine Einsätze", on a database the size of a district:
// 20,000 needs with 60,000 shifts and 200,000 sign-ups.
#include <benchmark/benchmark.h>

#include <random>

#include "api/need_json.hpp"
#include "domain/need.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace {

using namespace hk;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr int kNeeds = 20'000;
constexpr int kUsers = 20'000;

class Filled {
 public:
  Filled() {
    std::mt19937 random(7);
    db_->write([&](storage::Connection& c) {
      auto mid = storage::insert_municipality(c, test::musterstadt(), 1);
      std::vector<std::int64_t> orgs;
      for (int o = 0; o < 200; ++o) {
        orgs.push_back(
            storage::insert_organization(c, test::group(mid, "Verein " + std::to_string(o)), 1));
      }
      for (int u = 0; u < kUsers + 1000; ++u) {
        users_.push_back(
            c.query("INSERT INTO users (email, password_hash, display_name, email_verified_at, "
                    "created_at, updated_at) VALUES ($1, '!', $2, 1, 1, 1) RETURNING id",
                    {storage::Value("u" + std::to_string(u) + "@example.org"),
                     storage::Value("Person " + std::to_string(u))})
                .one()
                .int64(0));
      }
      for (int n = 0; n < kNeeds; ++n) {
        domain::Need need;
        need.organization_id = orgs[n % orgs.size()];
        need.municipality_id = mid;
        need.title = "Gesuch " + std::to_string(n);
        need.description = "Beschreibung eines Gesuchs mit etwas Text.";
        need.category = domain::need_categories()[n % domain::need_categories().size()];
        need.location = domain::NeedLocation{{51.9, 8.4}, "Straße 1", "Ort"};
        need.status = "published";
        for (int s = 0; s < 3; ++s) {
          domain::Shift shift;
          shift.starts_at = kNow + 86400 * (1 + n % 60) + s * 7200;
          shift.ends_at = shift.starts_at + 5400;
          shift.capacity = 5;
          need.shifts.push_back(shift);
        }
        auto id = storage::insert_need(c, need, 1);
        if (n == 0) need_ = id;
      }
      // About 200,000 sign-ups: ten per need, spread over people.
      auto shifts = c.query("SELECT id FROM shifts ORDER BY id");
      std::size_t i = 0;
      for (const auto& row : shifts.rows) {
        for (int k = 0; k < 3; ++k) {
          domain::Signup s;
          s.shift_id = row.int64(0);
          s.user_id = users_[(i * 7 + k * 131) % kUsers];
          s.status = storage::take_place(c, s.shift_id) ? "confirmed" : "waitlisted";
          storage::insert_signup(c, s, 1);
        }
        ++i;
      }
      // A shift that never fills, for the join benchmark.
      domain::Shift open;
      open.starts_at = kNow + 86400;
      open.ends_at = open.starts_at + 3600;
      open.capacity = 1'000'000;
      open_shift_ = storage::insert_shift(c, need_, open, 1);
      // A full shift with a long waitlist, for leave + move up.
      domain::Shift full;
      full.starts_at = kNow + 2 * 86400;
      full.ends_at = full.starts_at + 3600;
      full.capacity = 1;
      full_shift_ = storage::insert_shift(c, need_, full, 1);
    });
  }
  storage::Database& db() { return *db_; }
  std::int64_t need() const { return need_; }
  std::int64_t open_shift() const { return open_shift_; }
  std::int64_t full_shift() const { return full_shift_; }
  std::int64_t user(std::size_t i) const { return users_[i % users_.size()]; }
  std::int64_t busy_user() const { return users_[0]; }

 private:
  test::TempDatabase db_;
  std::vector<std::int64_t> users_;
  std::int64_t need_ = 0, open_shift_ = 0, full_shift_ = 0;
};

Filled& filled() {
  static Filled f;
  return f;
}

// One join as the API makes it: one write transaction, a place taken, a sign-up written.
// Joins and leaves alternate, so the table does not grow and every join takes a place.
void BM_JoinAndLeave(benchmark::State& state) {
  auto& f = filled();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto user = f.user(i++);
    std::int64_t id = 0;
    f.db().write([&](storage::Connection& c) {
      domain::Signup s;
      s.shift_id = f.open_shift();
      s.user_id = user;
      s.status = storage::take_place(c, s.shift_id) ? "confirmed" : "waitlisted";
      id = storage::insert_signup(c, s, kNow);
    });
    f.db().write([&](storage::Connection& c) {
      storage::delete_signup(c, id);
      storage::release_place(c, f.open_shift());
    });
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JoinAndLeave)->Unit(benchmark::kMicrosecond);

// Leaving a full shift: the place is freed and the longest-waiting person moves up; then the
// person who left joins the end of the waitlist again (two write transactions per round).
void BM_LeaveMovesWaitlistUp(benchmark::State& state) {
  auto& f = filled();
  // The benchmark library calls this function more than once; the waitlist is made once.
  static bool waiting = false;
  if (!waiting) {
    waiting = true;
    f.db().write([&](storage::Connection& c) {
      for (int k = 0; k < 50; ++k) {
        domain::Signup s;
        s.shift_id = f.full_shift();
        s.user_id = f.user(kUsers + k);
        s.status = storage::take_place(c, s.shift_id) ? "confirmed" : "waitlisted";
        storage::insert_signup(c, s, kNow + k);
      }
    });
  }
  static std::int64_t t = kNow + 100;
  for (auto _ : state) {
    f.db().write([&](storage::Connection& c) {
      auto holder = c.query(
                         "SELECT id, user_id FROM signups WHERE shift_id = $1 AND status = "
                         "'confirmed'",
                         {storage::Value(f.full_shift())})
                        .one();
      storage::delete_signup(c, holder.int64(0));
      storage::release_place(c, f.full_shift());
      benchmark::DoNotOptimize(storage::promote_waitlist(c, f.full_shift(), ++t));
      domain::Signup again;
      again.shift_id = f.full_shift();
      again.user_id = holder.int64(1);
      again.status = storage::take_place(c, again.shift_id) ? "confirmed" : "waitlisted";
      storage::insert_signup(c, again, ++t);
    });
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LeaveMovesWaitlistUp)->Unit(benchmark::kMicrosecond);

// The need page: the need with its shifts and counts, the caller's sign-ups, encoded as JSON.
void BM_NeedPage(benchmark::State& state) {
  auto& f = filled();
  for (auto _ : state) {
    f.db().read([&](storage::Connection& c) {
      auto need = storage::find_need(c, f.need());
      auto mine = storage::user_signups_for_need(c, f.need(), f.busy_user());
      benchmark::DoNotOptimize(api::encode_need(*need, mine, kNow));
    });
  }
}
BENCHMARK(BM_NeedPage)->Unit(benchmark::kMicrosecond);

// "Meine Einsätze": the upcoming engagements of a person with about 30 sign-ups.
void BM_MyEngagements(benchmark::State& state) {
  auto& f = filled();
  for (auto _ : state) {
    f.db().read([&](storage::Connection& c) {
      benchmark::DoNotOptimize(storage::list_engagements(c, f.busy_user(), true, kNow, 200));
    });
  }
}
BENCHMARK(BM_MyEngagements)->Unit(benchmark::kMicrosecond);

// A group's list of needs (newest first, one page of 50 with their shifts).
void BM_OrganizationNeeds(benchmark::State& state) {
  auto& f = filled();
  storage::NeedFilter filter;
  for (auto _ : state) {
    f.db().read([&](storage::Connection& c) {
      filter.organization_id =
          c.query("SELECT organization_id FROM needs WHERE id = $1", {storage::Value(f.need())})
              .one()
              .int64(0);
      benchmark::DoNotOptimize(storage::list_needs(c, filter));
    });
  }
}
BENCHMARK(BM_OrganizationNeeds)->Unit(benchmark::kMicrosecond);

}  // namespace
