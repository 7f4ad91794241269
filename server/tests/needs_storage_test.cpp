#include <gtest/gtest.h>

#include "storage/accounts.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

class NeedsStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      user_ = upsert_verified_user(c, "lena@musterstadt.example", "x", "Lena", now_);
      other_user_ = upsert_verified_user(c, "otto@musterstadt.example", "x", "Otto", now_);
      organization_ = add_organization(c, "Tafel Musterstadt", "approved");
    });
  }

  std::int64_t add_organization(Connection& c, const std::string& name, const std::string& status) {
    return insert_organization(c, test::group(municipality_, name, status), now_);
  }

  domain::Need sample(std::int64_t organization_id) const {
    domain::Need n;
    n.organization_id = organization_id;
    n.municipality_id = municipality_;
    n.title = "Einkaufshilfe";
    n.description = "Wocheneinkauf";
    n.category = "shopping";
    n.location = domain::NeedLocation{{51.9065, 8.3786}, "Kirchstraße 1", std::nullopt};
    n.requirements.min_age = 16;
    n.requirements.conduct_certificate = true;
    n.signup_mode = "approval";
    n.waitlist = false;
    n.contact = {"Jana Koch", "05241 123456", std::nullopt};
    n.repeat_weekly = true;
    n.repeat_until = 20'600;
    n.status = "published";
    n.created_by = user_;
    // Given out of order: read back ordered by start.
    domain::Shift late, early;
    late.starts_at = now_ + 2 * day;
    late.ends_at = now_ + 2 * day + 2 * hour;
    late.capacity = 2;
    early.starts_at = now_ + day;
    early.ends_at = now_ + day + 3 * hour;
    early.capacity = 3;
    n.shifts = {late, early};
    return n;
  }

  void add_signup(Connection& c, std::int64_t shift_id, std::int64_t user_id,
                  const std::string& status) {
    c.query(
        "INSERT INTO signups (shift_id, user_id, status, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $4)",
        {shift_id, user_id, status, now_});
    if (status == "confirmed") {
      c.query("UPDATE shifts SET taken = taken + 1 WHERE id = $1", {shift_id});
    }
  }

  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t municipality_ = 0, user_ = 0, other_user_ = 0, organization_ = 0;
};

TEST_F(NeedsStorage, ANeedReadsBackAsWritten) {
  std::int64_t id = 0;
  db_->write([&](Connection& c) { id = insert_need(c, sample(organization_), now_); });
  db_->read([&](Connection& c) {
    auto n = find_need(c, id);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->organization_id, organization_);
    EXPECT_EQ(n->municipality_id, municipality_);
    EXPECT_EQ(n->organization_name, "Tafel Musterstadt");
    EXPECT_EQ(n->organization_status, "approved");
    EXPECT_EQ(n->organization_contact_email, "kontakt@musterstadt.example");
    EXPECT_EQ(n->title, "Einkaufshilfe");
    EXPECT_EQ(n->category, "shopping");
    EXPECT_FALSE(n->remote);
    ASSERT_TRUE(n->location);
    EXPECT_DOUBLE_EQ(n->location->point.lat, 51.9065);
    EXPECT_DOUBLE_EQ(n->location->point.lon, 8.3786);
    EXPECT_EQ(n->location->address, "Kirchstraße 1");
    EXPECT_FALSE(n->location->place_name);
    EXPECT_EQ(n->requirements.min_age, 16);
    EXPECT_FALSE(n->requirements.driving_licence);
    EXPECT_TRUE(n->requirements.conduct_certificate);
    EXPECT_EQ(n->signup_mode, "approval");
    EXPECT_FALSE(n->waitlist);
    EXPECT_EQ(n->contact.name, "Jana Koch");
    EXPECT_EQ(n->contact.phone, "05241 123456");
    EXPECT_FALSE(n->contact.email);
    EXPECT_TRUE(n->repeat_weekly);
    EXPECT_EQ(n->repeat_until, 20'600);
    EXPECT_EQ(n->status, "published");
    EXPECT_EQ(n->created_by, user_);
    EXPECT_EQ(n->created_at, now_);
    ASSERT_EQ(n->shifts.size(), 2u);
    EXPECT_EQ(n->shifts[0].starts_at, now_ + day);
    EXPECT_EQ(n->shifts[0].capacity, 3);
    EXPECT_EQ(n->shifts[1].starts_at, now_ + 2 * day);
    for (const auto& s : n->shifts) {
      EXPECT_EQ(s.need_id, id);
      EXPECT_EQ(s.taken, 0);
      EXPECT_EQ(s.week, 0);
      EXPECT_FALSE(s.source_shift_id);
    }
    EXPECT_FALSE(find_need(c, id + 1000));
  });
}

TEST_F(NeedsStorage, ShiftsCarryTheirCounts) {
  std::int64_t id = 0;
  db_->write([&](Connection& c) {
    id = insert_need(c, sample(organization_), now_);
    auto n = find_need(c, id);
    auto shift = n->shifts[0].id;
    add_signup(c, shift, user_, "confirmed");
    add_signup(c, shift, other_user_, "waitlisted");
    add_signup(c, n->shifts[1].id, user_, "requested");
    add_signup(c, n->shifts[1].id, other_user_, "declined");
  });
  db_->read([&](Connection& c) {
    auto n = find_need(c, id);
    EXPECT_EQ(n->shifts[0].taken, 1);
    EXPECT_EQ(n->shifts[0].waitlisted, 1);
    EXPECT_EQ(n->shifts[0].requested, 0);
    EXPECT_EQ(n->shifts[1].taken, 0);
    EXPECT_EQ(n->shifts[1].waitlisted, 0);
    EXPECT_EQ(n->shifts[1].requested, 1);
    auto s = find_shift(c, n->shifts[0].id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->taken, 1);
    EXPECT_EQ(s->waitlisted, 1);
    EXPECT_EQ(s->need_id, id);
  });
}

TEST_F(NeedsStorage, RemoteNeedsHaveNoPlaceAndEditsReplaceTheFields) {
  std::int64_t id = 0;
  db_->write([&](Connection& c) {
    id = insert_need(c, sample(organization_), now_);
    auto n = *find_need(c, id);
    n.remote = true;
    n.location.reset();
    n.title = "Telefonkette";
    n.requirements = {};
    n.contact = {std::nullopt, std::nullopt, "kette@musterstadt.example"};
    n.repeat_weekly = false;
    n.repeat_until.reset();
    update_need(c, n, now_ + 60);
    set_need_status(c, id, "cancelled", "Regen", now_ + 120);
  });
  db_->read([&](Connection& c) {
    auto n = find_need(c, id);
    EXPECT_TRUE(n->remote);
    EXPECT_FALSE(n->location);
    EXPECT_EQ(n->title, "Telefonkette");
    EXPECT_FALSE(n->requirements.min_age);
    EXPECT_FALSE(n->requirements.conduct_certificate);
    EXPECT_EQ(n->contact.email, "kette@musterstadt.example");
    EXPECT_FALSE(n->contact.name);
    EXPECT_FALSE(n->repeat_weekly);
    EXPECT_FALSE(n->repeat_until);
    EXPECT_EQ(n->status, "cancelled");
    EXPECT_EQ(n->status_reason, "Regen");
    EXPECT_EQ(n->updated_at, now_ + 120);
    EXPECT_EQ(n->created_at, now_);
  });
}

TEST_F(NeedsStorage, AShiftIsNeverLoweredBelowItsConfirmedPeople) {
  std::int64_t shift_id = 0;
  db_->write([&](Connection& c) {
    auto id = insert_need(c, sample(organization_), now_);
    shift_id = find_need(c, id)->shifts[0].id;
    add_signup(c, shift_id, user_, "confirmed");
    add_signup(c, shift_id, other_user_, "confirmed");
  });
  db_->write([&](Connection& c) {
    auto s = *find_shift(c, shift_id);
    s.capacity = 1;
    s.starts_at += hour;
    EXPECT_FALSE(update_shift(c, s));
    s.capacity = 2;
    EXPECT_TRUE(update_shift(c, s));
  });
  db_->read([&](Connection& c) {
    auto s = find_shift(c, shift_id);
    EXPECT_EQ(s->capacity, 2);
    EXPECT_EQ(s->starts_at, now_ + day + hour);
    EXPECT_EQ(s->taken, 2);
  });
}

TEST_F(NeedsStorage, DeletingAShiftTakesItsSignupsAlong) {
  std::int64_t need_id = 0, shift_id = 0;
  db_->write([&](Connection& c) {
    need_id = insert_need(c, sample(organization_), now_);
    shift_id = find_need(c, need_id)->shifts[0].id;
    add_signup(c, shift_id, user_, "confirmed");
    delete_shift(c, shift_id);
  });
  db_->read([&](Connection& c) {
    EXPECT_FALSE(find_shift(c, shift_id));
    EXPECT_EQ(find_need(c, need_id)->shifts.size(), 1u);
    EXPECT_EQ(
        c.query("SELECT COUNT(*) FROM signups WHERE shift_id = $1", {shift_id}).one().int64(0), 0);
  });
}

TEST_F(NeedsStorage, UnusedRepetitionsGoButSignedUpOnesAndOriginalsStay) {
  std::int64_t need_id = 0, original = 0, week1 = 0, week2 = 0, week3 = 0;
  db_->write([&](Connection& c) {
    need_id = insert_need(c, sample(organization_), now_);
    original = find_need(c, need_id)->shifts[0].id;
    auto repeat = [&](int week) {
      domain::Shift s;
      s.starts_at = now_ + day + week * 7 * day;
      s.ends_at = s.starts_at + hour;
      s.capacity = 3;
      s.source_shift_id = original;
      s.week = week;
      return insert_shift(c, need_id, s, now_);
    };
    week1 = repeat(1);
    week2 = repeat(2);
    week3 = repeat(3);
    add_signup(c, week3, user_, "waitlisted");
    // After week 1: weeks 2 and 3 are candidates, week 3 has a sign-up.
    EXPECT_EQ(delete_unused_repetitions(c, need_id, now_ + day + 7 * day), 1);
  });
  db_->read([&](Connection& c) {
    EXPECT_TRUE(find_shift(c, original));
    EXPECT_TRUE(find_shift(c, week1));
    EXPECT_FALSE(find_shift(c, week2));
    auto kept = find_shift(c, week3);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->source_shift_id, original);
    EXPECT_EQ(kept->week, 3);
  });
}

TEST_F(NeedsStorage, ListsFilterAndPageNewestFirst) {
  std::int64_t suspended = 0;
  std::vector<std::int64_t> ids;
  db_->write([&](Connection& c) {
    suspended = add_organization(c, "Gesperrter Verein", "suspended");
    for (const char* status : {"published", "pending_review", "published", "cancelled"}) {
      auto n = sample(organization_);
      n.status = status;
      ids.push_back(insert_need(c, n, now_));
    }
    ids.push_back(insert_need(c, sample(suspended), now_));
  });
  db_->read([&](Connection& c) {
    NeedFilter all;
    auto needs = list_needs(c, all);
    ASSERT_EQ(needs.size(), 5u);
    EXPECT_EQ(needs.front().id, ids.back());
    EXPECT_EQ(needs.front().organization_status, "suspended");
    EXPECT_EQ(needs.front().shifts.size(), 2u);

    NeedFilter published;
    published.organization_id = organization_;
    published.statuses = {"published"};
    needs = list_needs(c, published);
    ASSERT_EQ(needs.size(), 2u);
    EXPECT_EQ(needs[0].id, ids[2]);
    EXPECT_EQ(needs[1].id, ids[0]);

    NeedFilter approved;
    approved.municipality_id = municipality_;
    approved.statuses = {"published", "cancelled"};
    approved.approved_organizations_only = true;
    needs = list_needs(c, approved);
    ASSERT_EQ(needs.size(), 3u);
    for (const auto& n : needs) EXPECT_EQ(n.organization_id, organization_);

    NeedFilter page;
    page.limit = 2;
    needs = list_needs(c, page);
    ASSERT_EQ(needs.size(), 2u);
    page.before_id = needs.back().id;
    auto rest = list_needs(c, page);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_LT(rest.front().id, needs.back().id);
    page.before_id = rest.back().id;
    EXPECT_EQ(list_needs(c, page).size(), 1u);

    NeedFilter elsewhere;
    elsewhere.municipality_id = municipality_ + 1;
    EXPECT_TRUE(list_needs(c, elsewhere).empty());
  });
}

TEST_F(NeedsStorage, OrganizationsAreTrustedAndDistrustedByTheCoordinators) {
  db_->read([&](Connection& c) { EXPECT_FALSE(find_organization(c, organization_)->trusted); });
  db_->write([&](Connection& c) { set_organization_trusted(c, organization_, true, now_ + 10); });
  db_->read([&](Connection& c) {
    EXPECT_TRUE(find_organization(c, organization_)->trusted);
    OrganizationFilter filter;
    auto listed = list_organizations(c, filter);
    // The municipality's hotline organisation comes first, made with the municipality.
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_TRUE(listed[0].hotline);
    EXPECT_EQ(listed[1].id, organization_);
    EXPECT_TRUE(listed[1].trusted);
  });
  db_->write([&](Connection& c) { set_organization_trusted(c, organization_, false, now_ + 20); });
  db_->read([&](Connection& c) { EXPECT_FALSE(find_organization(c, organization_)->trusted); });
}

}  // namespace
}  // namespace hk::storage
