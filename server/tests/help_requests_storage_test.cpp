#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "domain/berlin_time.hpp"
#include "domain/permissions.hpp"
#include "jobs/housekeeping.hpp"
#include "jobs/repetitions.hpp"
#include "mail/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/help_requests.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "storage/outbox.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;
constexpr const char* kPhone = "0170 4711 0815";
constexpr const char* kHotlineDescription =
    "Das Hilfetelefon der Kommune: Menschen, die keine App nutzen, rufen an, und die "
    "Koordination vermittelt ihnen Ehrenamtliche.";

class HelpRequestsStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      auto other = test::musterstadt();
      other.name = "Gemeinde Nebenan";
      other.ags = "07654321";
      other.contact_email = "rathaus@nebenan.example";
      other_municipality_ = insert_municipality(c, other, now_);
      hotline_ = find_hotline_organization(c, municipality_).value();
      group_ = insert_organization(c, test::group(municipality_, "Tafel Musterstadt"), now_);
      coordinator_ = upsert_verified_user(c, "petra@musterstadt.example", "x", "Petra", now_);
      grant_role(c, coordinator_, {"coordinator", municipality_, std::nullopt}, now_);
      helper_ = upsert_verified_user(c, "lena@example.org", "x", "Lena Hoffmann", now_);
      second_ = upsert_verified_user(c, "jonas@example.org", "x", "Jonas Albers", now_);
    });
  }

  domain::HelpRequest sample(const std::string& area = "Kattenstroth") const {
    domain::HelpRequest r;
    r.municipality_id = municipality_;
    r.category = "shopping";
    r.area = area;
    r.summary = "Einkauf im Supermarkt um die Ecke";
    r.details = "Klingel defekt, bitte anrufen";
    r.caller = domain::HelpRequestCaller{"Wilhelm Pöppelbaum", kPhone, "Marienfelder Straße 41"};
    r.point = domain::GeoPoint{51.8999, 8.3978};
    r.public_point = domain::rough_point(*r.point, 0.3, 0.4);
    r.starts_at = now_ + 2 * day;
    r.ends_at = now_ + 2 * day + 90 * 60;
    r.created_by = coordinator_;
    return r;
  }

  std::int64_t add(const domain::HelpRequest& r, std::int64_t at = 0) {
    std::int64_t id = 0;
    db_->write([&](Connection& c) { id = insert_help_request(c, r, at ? at : now_); });
    return id;
  }

  domain::HelpRequest find(std::int64_t id) {
    std::optional<domain::HelpRequest> r;
    db_->read([&](Connection& c) { r = find_help_request(c, id); });
    return r.value();
  }

  // Publishes the request as need_for_help_request makes it.
  std::int64_t publish(std::int64_t id, std::int64_t at) {
    std::int64_t need_id = 0;
    db_->write([&](Connection& c) {
      auto r = find_help_request(c, id).value();
      need_id = insert_need(c, domain::need_for_help_request(r, hotline_, municipality_), at);
      r.status = "published";
      r.need_id = need_id;
      r.published_at = at;
      update_help_request_state(c, r, at);
    });
    return need_id;
  }

  void offer(std::int64_t need_id, std::int64_t user, const std::string& status = "requested") {
    db_->write([&](Connection& c) {
      const auto need = find_need(c, need_id).value();
      for (const auto& s : need.shifts) {
        if (status == "confirmed") {
          ASSERT_TRUE(take_place(c, s.id));
        }
        domain::Signup signup;
        signup.shift_id = s.id;
        signup.user_id = user;
        signup.status = status;
        insert_signup(c, signup, now_);
      }
    });
  }

  void set_state(std::int64_t id, const std::string& status, std::optional<std::int64_t> helper,
                 std::int64_t at) {
    db_->write([&](Connection& c) {
      auto r = find_help_request(c, id).value();
      r.status = status;
      r.helper_id = helper;
      if (status == "matched") r.matched_at = at;
      if (status == "done" || status == "cancelled") r.closed_at = at;
      update_help_request_state(c, r, at);
    });
  }

  void add_note(std::int64_t id, const std::string& kind, const std::string& body,
                std::int64_t at) {
    db_->write([&](Connection& c) {
      domain::HelpRequestNote n;
      n.help_request_id = id;
      n.kind = kind;
      n.body = body;
      n.author_id = coordinator_;
      n.author_name = "Petra";
      n.created_at = at;
      insert_help_request_note(c, n);
    });
  }

  std::int64_t add_mail(const std::string& to, const std::string& body,
                        std::optional<std::int64_t> help_request) {
    std::int64_t id = 0;
    db_->write([&](Connection& c) {
      OutboxMail m;
      m.recipient = to;
      m.template_id = "help_request_matched";
      m.language = "de";
      m.subject = "Sie helfen";
      m.body = body;
      m.help_request_id = help_request;
      id = insert_outbox(c, m, now_);
    });
    return id;
  }

  std::int64_t count(const std::string& sql, std::vector<Value> params = {}) {
    std::int64_t n = -1;
    db_->read([&](Connection& c) { n = c.query(sql, params).one().int64(0); });
    return n;
  }

  std::vector<std::int64_t> ids(const HelpRequestFilter& filter) {
    std::vector<std::int64_t> out;
    db_->read([&](Connection& c) {
      for (const auto& r : list_help_requests(c, filter)) out.push_back(r.id);
    });
    return out;
  }

  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t municipality_ = 0, other_municipality_ = 0, hotline_ = 0, group_ = 0;
  std::int64_t coordinator_ = 0, helper_ = 0, second_ = 0;
};

TEST_F(HelpRequestsStorage, EveryMunicipalityGetsItsHotlineOrganisationOnce) {
  std::optional<domain::Organization> hotline, group;
  db_->read([&](Connection& c) {
    hotline = find_organization(c, hotline_);
    group = find_organization(c, group_);
  });
  ASSERT_TRUE(hotline);
  EXPECT_EQ(hotline->name, "Hilfetelefon Stadt Musterstadt");
  EXPECT_EQ(hotline->municipality_id, municipality_);
  EXPECT_EQ(hotline->kind, "einrichtung");
  EXPECT_EQ(hotline->status, "approved");
  EXPECT_TRUE(hotline->trusted);
  EXPECT_TRUE(hotline->hotline);
  EXPECT_EQ(hotline->contact_email, "info@musterstadt.example");
  EXPECT_EQ(hotline->description, kHotlineDescription);
  EXPECT_FALSE(group->hotline);

  db_->write([&](Connection& c) {
    EXPECT_EQ(ensure_hotline_organization(c, municipality_, now_ + day), hotline_);
    EXPECT_EQ(ensure_hotline_organization(c, municipality_, now_ + 2 * day), hotline_);
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE hotline = 1 AND municipality_id = $1",
                  {municipality_}),
            1);
  // The other municipality has its own.
  std::optional<std::int64_t> other;
  db_->read([&](Connection& c) { other = find_hotline_organization(c, other_municipality_); });
  ASSERT_TRUE(other);
  EXPECT_NE(*other, hotline_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE hotline = 1"), 2);

  // A municipality made without it (as before migration 0006) gets it on demand.
  db_->write([&](Connection& c) {
    auto bare = c.query(
                     "INSERT INTO municipalities (name, ags, center_lat, center_lon, "
                     "contact_email, moderation, imprint, privacy, created_at, updated_at) "
                     "VALUES ('Dorf Alt', '01111111', 52, 8, 'dorf@alt.example', 'none', '', '', "
                     "$1, $1) RETURNING id",
                     {now_})
                    .one()
                    .int64(0);
    EXPECT_FALSE(find_hotline_organization(c, bare));
    auto id = ensure_hotline_organization(c, bare, now_);
    auto made = find_organization(c, id).value();
    EXPECT_EQ(made.name, "Hilfetelefon Dorf Alt");
    EXPECT_EQ(made.contact_email, "dorf@alt.example");
    EXPECT_TRUE(made.hotline);
    EXPECT_EQ(ensure_hotline_organization(c, bare, now_), id);
    EXPECT_THROW(ensure_hotline_organization(c, 999'999, now_), StorageError);
  });
  // Lists read the flag too.
  db_->read([&](Connection& c) {
    OrganizationFilter filter;
    filter.municipality_id = municipality_;
    int hotlines = 0;
    for (const auto& o : list_organizations(c, filter)) hotlines += o.hotline ? 1 : 0;
    EXPECT_EQ(hotlines, 1);
  });
}

TEST_F(HelpRequestsStorage, CoordinatorsAreMembersOfTheirHotlineOnly) {
  std::int64_t member = 0;
  db_->write([&](Connection& c) {
    member = upsert_verified_user(c, "mia@tafel.example", "x", "Mia", now_);
    grant_role(c, member, {"org_member", std::nullopt, group_}, now_);
  });
  std::optional<domain::User> coordinator, plain, volunteer;
  std::int64_t other_hotline = 0;
  db_->read([&](Connection& c) {
    coordinator = find_user(c, coordinator_);
    plain = find_user(c, member);
    volunteer = find_user(c, helper_);
    other_hotline = find_hotline_organization(c, other_municipality_).value();
  });
  ASSERT_EQ(coordinator->roles.size(), 2u);
  bool derived = false;
  for (const auto& g : coordinator->roles) {
    if (g.role == "org_member") {
      derived = true;
      EXPECT_FALSE(g.municipality_id);
      EXPECT_EQ(g.organization_id, std::optional<std::int64_t>(hotline_));
    }
  }
  EXPECT_TRUE(derived);
  EXPECT_TRUE(domain::is_coordinator(&*coordinator, municipality_));
  EXPECT_TRUE(domain::is_org_member(&*coordinator, hotline_));
  EXPECT_TRUE(domain::can_manage_needs(&*coordinator, hotline_));
  EXPECT_FALSE(domain::is_org_admin(&*coordinator, hotline_));
  EXPECT_FALSE(domain::is_org_member(&*coordinator, other_hotline));
  EXPECT_FALSE(domain::is_org_member(&*coordinator, group_));
  EXPECT_FALSE(domain::is_org_member(&*plain, hotline_));
  EXPECT_TRUE(domain::is_org_member(&*plain, group_));
  EXPECT_TRUE(volunteer->roles.empty());
  // Derived, never stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM role_grants WHERE user_id = $1", {coordinator_}), 1);
}

TEST_F(HelpRequestsStorage, ARequestRoundTrips) {
  auto r = sample();
  r.recurrence = "weekly";
  r.repeat_until = domain::days_from_civil(2027, 3, 1);
  auto id = add(r, now_ - hour);
  auto got = find(id);
  EXPECT_EQ(got.id, id);
  EXPECT_EQ(got.municipality_id, municipality_);
  EXPECT_EQ(got.status, "new");
  EXPECT_EQ(got.category, "shopping");
  EXPECT_EQ(got.area, "Kattenstroth");
  EXPECT_EQ(got.summary, r.summary);
  EXPECT_EQ(got.details, r.details);
  ASSERT_TRUE(got.caller);
  EXPECT_EQ(got.caller->name, "Wilhelm Pöppelbaum");
  EXPECT_EQ(got.caller->phone, kPhone);
  EXPECT_EQ(got.caller->address, r.caller->address);
  ASSERT_TRUE(got.point && got.public_point);
  EXPECT_EQ(got.point->lat, r.point->lat);
  EXPECT_EQ(got.point->lon, r.point->lon);
  EXPECT_EQ(got.public_point->lat, r.public_point->lat);
  EXPECT_EQ(got.public_point->lon, r.public_point->lon);
  EXPECT_EQ(got.starts_at, r.starts_at);
  EXPECT_EQ(got.ends_at, r.ends_at);
  EXPECT_EQ(got.recurrence, "weekly");
  EXPECT_EQ(got.repeat_until, r.repeat_until);
  EXPECT_FALSE(got.need_id || got.helper_id || got.helper_name || got.helper_email);
  EXPECT_EQ(got.offers, 0);
  EXPECT_EQ(got.created_by, coordinator_);
  EXPECT_EQ(got.created_at, now_ - hour);
  EXPECT_EQ(got.updated_at, now_ - hour);
  EXPECT_FALSE(got.published_at || got.matched_at || got.closed_at || got.erased_at);

  // Edits.
  got.area = "Spexard";
  got.category = "transport";
  got.summary = "Fahrt zum Arzt";
  got.details.reset();
  got.caller->address.reset();
  got.caller->phone = "05241 1";
  got.point.reset();
  got.starts_at = now_ + 3 * day;
  got.ends_at = now_ + 3 * day + hour;
  got.recurrence = "once";
  got.repeat_until.reset();
  db_->write([&](Connection& c) { update_help_request(c, got, now_); });
  auto edited = find(id);
  EXPECT_EQ(edited.area, "Spexard");
  EXPECT_EQ(edited.category, "transport");
  EXPECT_EQ(edited.summary, std::optional<std::string>("Fahrt zum Arzt"));
  EXPECT_FALSE(edited.details);
  EXPECT_EQ(edited.caller->phone, "05241 1");
  EXPECT_FALSE(edited.caller->address);
  EXPECT_FALSE(edited.point);
  EXPECT_TRUE(edited.public_point);
  EXPECT_EQ(edited.starts_at, now_ + 3 * day);
  EXPECT_EQ(edited.recurrence, "once");
  EXPECT_FALSE(edited.repeat_until);
  EXPECT_EQ(edited.updated_at, now_);
  EXPECT_EQ(edited.created_at, now_ - hour);

  // State: published, matched with a helper read by name and address, closed.
  auto need = publish(id, now_ + 10);
  set_state(id, "matched", helper_, now_ + 20);
  auto matched = find(id);
  EXPECT_EQ(matched.status, "matched");
  EXPECT_EQ(matched.need_id, need);
  EXPECT_EQ(matched.published_at, now_ + 10);
  EXPECT_EQ(matched.matched_at, now_ + 20);
  EXPECT_EQ(matched.helper_id, helper_);
  EXPECT_EQ(matched.helper_name, std::optional<std::string>("Lena Hoffmann"));
  EXPECT_EQ(matched.helper_email, std::optional<std::string>("lena@example.org"));
  set_state(id, "done", helper_, now_ + 30);
  EXPECT_EQ(find(id).closed_at, now_ + 30);

  std::optional<domain::HelpRequest> missing;
  db_->read([&](Connection& c) { missing = find_help_request(c, 999'999); });
  EXPECT_FALSE(missing);
}

TEST_F(HelpRequestsStorage, OpenRequestsListOldestFirstClosedNewestFirstWithPaging) {
  std::vector<std::int64_t> open, closed;
  for (int i = 0; i < 5; ++i) open.push_back(add(sample("Ort " + std::to_string(i))));
  for (int i = 0; i < 4; ++i) {
    auto id = add(sample("Zu " + std::to_string(i)));
    set_state(id, i % 2 ? "cancelled" : "done", std::nullopt, now_ + i);
    closed.push_back(id);
  }
  set_state(open[1], "published", std::nullopt, now_);
  set_state(open[3], "matched", helper_, now_);
  // Another municipality's request never shows.
  auto elsewhere = sample();
  elsewhere.municipality_id = other_municipality_;
  add(elsewhere);

  HelpRequestFilter f;
  f.municipality_id = municipality_;
  f.statuses = {"new", "published", "matched"};
  EXPECT_EQ(ids(f), open);
  f.limit = 2;
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{open[0], open[1]}));
  f.after_id = open[1];
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{open[2], open[3]}));
  f.after_id = open[3];
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{open[4]}));

  HelpRequestFilter c;
  c.municipality_id = municipality_;
  c.statuses = {"done", "cancelled"};
  c.oldest_first = false;
  EXPECT_EQ(ids(c), (std::vector<std::int64_t>{closed[3], closed[2], closed[1], closed[0]}));
  c.limit = 3;
  EXPECT_EQ(ids(c), (std::vector<std::int64_t>{closed[3], closed[2], closed[1]}));
  c.after_id = closed[1];
  EXPECT_EQ(ids(c), (std::vector<std::int64_t>{closed[0]}));

  HelpRequestFilter done;
  done.municipality_id = municipality_;
  done.statuses = {"done"};
  done.oldest_first = false;
  EXPECT_EQ(ids(done), (std::vector<std::int64_t>{closed[2], closed[0]}));

  HelpRequestFilter all;
  all.municipality_id = municipality_;
  all.oldest_first = false;
  EXPECT_EQ(ids(all).size(), 9u);

  // The helper's name and the offers come with the list.
  db_->read([&](Connection& c) {
    HelpRequestFilter matched;
    matched.municipality_id = municipality_;
    matched.statuses = {"matched"};
    auto items = list_help_requests(c, matched);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].helper_name, std::optional<std::string>("Lena Hoffmann"));
    auto mine = list_helper_requests(c, helper_);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].id, open[3]);
    EXPECT_TRUE(list_helper_requests(c, second_).empty());
  });
}

TEST_F(HelpRequestsStorage, OffersCountPeopleNotSignUps) {
  auto r = sample();
  r.recurrence = "daily";
  auto id = add(r);
  auto need = publish(id, now_);
  offer(need, helper_);
  offer(need, second_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM signups"), 14);
  EXPECT_EQ(find(id).offers, 2);
  db_->read([&](Connection& c) {
    HelpRequestFilter f;
    f.municipality_id = municipality_;
    EXPECT_EQ(list_help_requests(c, f).front().offers, 2);
    auto of_need = find_help_request_of_need(c, need);
    ASSERT_TRUE(of_need);
    EXPECT_EQ(of_need->id, id);
    EXPECT_FALSE(find_help_request_of_need(c, need + 1000));
  });
}

TEST_F(HelpRequestsStorage, NotesAreDatedAndKeptPerRequest) {
  auto a = add(sample());
  auto b = add(sample());
  add_note(a, "created", "", now_);
  add_note(b, "note", "anderer Fall", now_ + 1);
  add_note(a, "note", "Frau K. ruft zurück", now_ + 2);
  add_note(a, "published", "", now_ + 3);
  std::vector<domain::HelpRequestNote> notes;
  db_->read([&](Connection& c) { notes = list_help_request_notes(c, a); });
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0].kind, "created");
  EXPECT_EQ(notes[1].kind, "note");
  EXPECT_EQ(notes[1].body, "Frau K. ruft zurück");
  EXPECT_EQ(notes[1].author_id, coordinator_);
  EXPECT_EQ(notes[1].author_name, "Petra");
  EXPECT_EQ(notes[1].created_at, now_ + 2);
  EXPECT_EQ(notes[1].help_request_id, a);
  EXPECT_EQ(notes[2].kind, "published");
  EXPECT_LT(notes[0].id, notes[1].id);
  // The kinds are fixed by the schema.
  EXPECT_THROW(add_note(a, "gossip", "", now_), ConstraintError);
}

TEST_F(HelpRequestsStorage, TheMatchedHelperOfANeed) {
  auto id = add(sample());
  auto need = publish(id, now_);
  std::optional<std::int64_t> helper;
  db_->read([&](Connection& c) { helper = matched_helper_of_need(c, need); });
  EXPECT_FALSE(helper);
  set_state(id, "matched", helper_, now_);
  db_->read([&](Connection& c) { helper = matched_helper_of_need(c, need); });
  EXPECT_EQ(helper, helper_);
  // Closed: nobody keeps the place any more.
  set_state(id, "done", helper_, now_ + hour);
  db_->read([&](Connection& c) { helper = matched_helper_of_need(c, need); });
  EXPECT_FALSE(helper);
}

TEST_F(HelpRequestsStorage, ErasureNullsThePersonalDataAndDeletesNotesAndMails) {
  auto id = add(sample());
  auto need = publish(id, now_);
  set_state(id, "matched", helper_, now_ + hour);
  add_note(id, "note", std::string("Rückruf unter ") + kPhone, now_ + hour);
  auto keep = add(sample("Spexard"));
  add_note(keep, "note", "bleibt", now_);
  auto mail = add_mail("lena@example.org", std::string("Telefon: ") + kPhone, id);
  auto other_mail = add_mail("lena@example.org", "anderer Fall", keep);
  auto plain_mail = add_mail("jonas@example.org", "Willkommen", std::nullopt);
  const auto closed_at = now_ + 2 * day;
  set_state(id, "done", helper_, closed_at);

  std::vector<std::int64_t> due;
  db_->read([&](Connection& c) { due = due_help_request_erasures(c, closed_at - 1, 10); });
  EXPECT_TRUE(due.empty()) << "not before the cutoff";
  db_->read([&](Connection& c) { due = due_help_request_erasures(c, closed_at, 10); });
  EXPECT_EQ(due, std::vector<std::int64_t>{id});
  db_->write([&](Connection& c) {
    EXPECT_FALSE(erase_help_request(c, id, closed_at - 1, now_ + 40 * day)) << "not yet due";
  });
  EXPECT_FALSE(find(id).erased_at);

  db_->write(
      [&](Connection& c) { EXPECT_TRUE(erase_help_request(c, id, closed_at, now_ + 40 * day)); });
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests WHERE id = $1 AND summary IS NULL AND "
                  "details IS NULL AND caller_name IS NULL AND caller_phone IS NULL AND "
                  "caller_address IS NULL AND point_lat IS NULL AND point_lon IS NULL AND "
                  "public_lat IS NULL AND public_lon IS NULL AND helper_id IS NULL",
                  {id}),
            1);
  auto erased = find(id);
  EXPECT_EQ(erased.erased_at, now_ + 40 * day);
  EXPECT_FALSE(erased.summary || erased.details || erased.caller || erased.point ||
               erased.public_point || erased.helper_id || erased.helper_name);
  // What stays for the statistics.
  EXPECT_EQ(erased.status, "done");
  EXPECT_EQ(erased.category, "shopping");
  EXPECT_EQ(erased.area, "Kattenstroth");
  EXPECT_EQ(erased.closed_at, closed_at);
  EXPECT_EQ(erased.published_at, now_);
  EXPECT_EQ(erased.matched_at, now_ + hour);
  EXPECT_EQ(erased.starts_at, sample().starts_at);
  EXPECT_EQ(erased.need_id, need);
  // Its notes and mails are gone, the others' are not.
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_request_notes WHERE help_request_id = $1", {id}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_request_notes WHERE help_request_id = $1", {keep}), 1);
  db_->read([&](Connection& c) {
    EXPECT_FALSE(find_outbox(c, mail));
    EXPECT_TRUE(find_outbox(c, other_mail));
    EXPECT_TRUE(find_outbox(c, plain_mail));
  });
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM help_requests WHERE caller_phone = $1", {std::string(kPhone)}), 1)
      << "the other request keeps its caller";
  // The need stays.
  EXPECT_EQ(count("SELECT COUNT(*) FROM needs WHERE id = $1", {need}), 1);

  // Once only.
  db_->write([&](Connection& c) {
    EXPECT_FALSE(erase_help_request(c, id, closed_at + day, now_ + 41 * day));
  });
  EXPECT_EQ(find(id).erased_at, now_ + 40 * day);
  db_->read([&](Connection& c) { due = due_help_request_erasures(c, closed_at + 100 * day, 10); });
  EXPECT_TRUE(due.empty()) << "open requests are never due";
}

TEST_F(HelpRequestsStorage, TheOutboxKeepsTheRequestOfAMail) {
  auto id = add(sample());
  auto mail = add_mail("lena@example.org", "x", id);
  auto plain = add_mail("a@example.org", "y", std::nullopt);
  db_->read([&](Connection& c) {
    EXPECT_EQ(find_outbox(c, mail)->help_request_id, id);
    EXPECT_FALSE(find_outbox(c, plain)->help_request_id);
  });
  // The rendered mail carries it from mail::Mail to the row.
  mail::Mail m{"password_reset",
               "lena@example.org",
               helper_,
               "de",
               {{"name", "Lena"}, {"link", "https://h.example/passwort-neu?token=T"}}};
  m.help_request_id = id;
  db_->write([&](Connection& c) { mail::enqueue(c, m, now_); });
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE help_request_id = $1 AND "
                  "template = 'password_reset'",
                  {id}),
            1);
}

TEST_F(HelpRequestsStorage, ErasedDataIsGoneFromTheDatabaseFile) {
  const std::string path = db_.url().substr(std::string("sqlite:").size());
  auto file_contains = [&](const std::string& needle) {
    // A checkpoint writes the WAL into the database file and empties the WAL, as a backup or
    // a restart would; another connection does it, outside the pool's transactions.
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    bool found = false;
    for (const auto& name : {path, path + "-wal"}) {
      if (!std::filesystem::exists(name)) continue;
      std::ifstream in(name, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      found = found || bytes.find(needle) != std::string::npos;
    }
    return found;
  };

  auto r = sample();
  r.caller->phone = "05241 9988 776655";
  r.caller->name = "Hildegard Unverwechselbar";
  auto id = add(r);
  add_note(id, "note", "Bitte Hildegard Unverwechselbar unter 05241 9988 776655 anrufen", now_);
  add_mail("lena@example.org", "Telefon: 05241 9988 776655", id);
  set_state(id, "cancelled", std::nullopt, now_);
  ASSERT_TRUE(file_contains("05241 9988 776655")) << "the test must be able to fail";
  ASSERT_TRUE(file_contains("Hildegard Unverwechselbar"));

  db_->write([&](Connection& c) { ASSERT_TRUE(erase_help_request(c, id, now_, now_ + day)); });
  EXPECT_FALSE(file_contains("05241 9988 776655"));
  EXPECT_FALSE(file_contains("Hildegard Unverwechselbar"));
}

class HotlineHousekeeping : public HelpRequestsStorage {
 protected:
  jobs::HousekeepingCounts run(std::int64_t at) {
    return jobs::run_housekeeping(*db_, config_, at);
  }
  app::Config config_;
};

TEST_F(HotlineHousekeeping, ErasesAfterTheRetentionPeriodAndAuditsIt) {
  config_.hotline_retention_days = 10;
  auto done = add(sample());
  auto cancelled = add(sample("Spexard"));
  auto open = add(sample("Avenwedde"));
  add_note(done, "note", "Rückruf morgen", now_);
  set_state(done, "done", helper_, now_);
  set_state(cancelled, "cancelled", std::nullopt, now_ + day);

  auto before = run(now_ + 10 * day - 1);
  EXPECT_EQ(before.erased, 0);
  EXPECT_TRUE(before.errors.empty());
  EXPECT_FALSE(find(done).erased_at);

  auto first = run(now_ + 10 * day);
  EXPECT_EQ(first.erased, 1);
  EXPECT_EQ(find(done).erased_at, now_ + 10 * day);
  EXPECT_FALSE(find(done).caller);
  EXPECT_FALSE(find(cancelled).erased_at);
  EXPECT_EQ(run(now_ + 10 * day).erased, 0) << "nothing twice";
  EXPECT_EQ(run(now_ + 11 * day).erased, 1);
  EXPECT_TRUE(find(cancelled).erased_at);
  EXPECT_EQ(run(now_ + 400 * day).erased, 0);
  EXPECT_TRUE(find(open).caller) << "an open request is never erased";

  std::vector<domain::AuditEntry> log;
  db_->read([&](Connection& c) { log = list_audit(c, municipality_, 0, 50); });
  ASSERT_EQ(log.size(), 2u);
  const auto& entry = log.back();  // newest first: the first erasure is last
  EXPECT_EQ(entry.action, "help_request.erased");
  EXPECT_EQ(entry.actor_name, "Helferkarte");
  EXPECT_FALSE(entry.actor_id);
  EXPECT_EQ(entry.subject_type, "help_request");
  EXPECT_EQ(entry.subject_id, done);
  EXPECT_EQ(entry.subject_label,
            "Hilfeanfrage #" + std::to_string(done) + " · Einkaufshilfe · Kattenstroth");
  EXPECT_EQ(entry.municipality_id, municipality_);
  EXPECT_EQ(entry.at, now_ + 10 * day);
  for (const auto& e : log) {
    EXPECT_EQ(e.subject_label.find(kPhone), std::string::npos);
    EXPECT_EQ(e.subject_label.find("Pöppelbaum"), std::string::npos);
  }
}

TEST_F(HotlineHousekeeping, ARetentionOfZeroErasesAtTheNextPass) {
  config_.hotline_retention_days = 0;
  auto id = add(sample());
  set_state(id, "cancelled", std::nullopt, now_);
  EXPECT_EQ(run(now_ - 1).erased, 0);
  EXPECT_EQ(run(now_).erased, 1);
  EXPECT_FALSE(find(id).caller);
}

TEST_F(HotlineHousekeeping, ManyDueRequestsAreErasedInOnePass) {
  config_.hotline_retention_days = 1;
  for (int i = 0; i < 450; ++i) {
    auto id = add(sample());
    set_state(id, "done", std::nullopt, now_);
  }
  EXPECT_EQ(run(now_ + 2 * day).erased, 450);
  EXPECT_EQ(count("SELECT COUNT(*) FROM help_requests WHERE erased_at IS NULL"), 0);
}

TEST_F(HotlineHousekeeping, ARecurringRequestKeepsItsHelperFromWeekToWeek) {
  // Thursday 10:00 Berlin, weekly.
  auto r = sample();
  r.recurrence = "weekly";
  r.starts_at = domain::berlin_local_to_utc(2027, 1, 21, 10, 0);
  r.ends_at = *r.starts_at + 90 * 60;
  auto id = add(r);
  auto need = publish(id, now_);
  offer(need, helper_, "confirmed");
  offer(need, second_);
  set_state(id, "matched", helper_, now_);

  EXPECT_GT(run(now_).repetitions, 0);
  std::optional<domain::Need> got;
  db_->read([&](Connection& c) { got = find_need(c, need); });
  ASSERT_GT(got->shifts.size(), 1u);
  for (const auto& s : got->shifts) {
    SCOPED_TRACE(domain::format_rfc3339_berlin(s.starts_at));
    EXPECT_EQ(s.taken, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM signups WHERE shift_id = $1 AND user_id = $2 AND "
                    "status = 'confirmed'",
                    {s.id, helper_}),
              1);
  }
  // The helper's place comes with the new shifts; the other offer was for the first only.
  EXPECT_EQ(count("SELECT COUNT(*) FROM signups WHERE user_id = $1", {second_}), 1);

  // Unmatched: the following weeks are open again.
  set_state(id, "published", std::nullopt, now_ + hour);
  auto later = now_ + 7 * day;
  EXPECT_EQ(run(later).repetitions, 1);
  db_->read([&](Connection& c) { got = find_need(c, need); });
  EXPECT_EQ(got->shifts.back().taken, 0);
}

}  // namespace
}  // namespace hk::storage
