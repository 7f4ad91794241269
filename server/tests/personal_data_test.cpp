#include "storage/personal_data.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/accounts.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "storage/signups.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

class PersonalDataStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      organization_ = insert_organization(c, test::group(municipality_, "Tafel Musterstadt"), now_);
      need_ = c.query(
                   "INSERT INTO needs (organization_id, municipality_id, title, category, remote, "
                   "status, created_at, updated_at) VALUES ($1, $2, 'Sortieren', 'other', 1, "
                   "'published', $3, $3) RETURNING id",
                   {organization_, municipality_, now_})
                  .one()
                  .int64(0);
      past_shift_ = add_shift(c, now_ - 7 * 86400);
      future_shift_ = add_shift(c, now_ + 7 * 86400);
      anna_ = upsert_verified_user(c, anna_email, "secret-hash", anna_name, now_);
      other_ = upsert_verified_user(c, "bert@example.org", "x", "Bert Beispiel", now_);
    });
  }

  std::int64_t add_shift(Connection& c, std::int64_t starts_at) {
    return c
        .query(
            "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, created_at) "
            "VALUES ($1, $2, $3, 2, $4) RETURNING id",
            {need_, starts_at, starts_at + 3 * 3600, now_})
        .one()
        .int64(0);
  }

  std::int64_t join(Connection& c, std::int64_t shift, std::int64_t user) {
    domain::Signup s;
    s.shift_id = shift;
    s.user_id = user;
    s.status = "confirmed";
    s.birth_year = 1990;
    s.message = "Ich bringe Kuchen mit";
    take_place(c, shift);
    return insert_signup(c, s, now_ - 10 * 86400);
  }

  void mail(Connection& c, const std::string& to, std::optional<std::int64_t> user,
            const std::string& body, std::optional<std::int64_t> help_request = std::nullopt) {
    c.query(
        "INSERT INTO mail_outbox (recipient, user_id, template, language, subject, body, "
        "next_attempt_at, created_at, help_request_id) VALUES ($1, $2, 't', 'de', 'Betreff', $3, "
        "$4, $4, $5)",
        {to, user ? Value(*user) : null(), body, now_,
         help_request ? Value(*help_request) : null()});
  }

  void audit(Connection& c, std::optional<std::int64_t> actor, const std::string& actor_name,
             const std::string& subject_type, std::optional<std::int64_t> subject,
             const std::string& label) {
    c.query(
        "INSERT INTO audit_log (at, municipality_id, actor_id, actor_name, action, subject_type, "
        "subject_id, subject_label) VALUES ($1, $2, $3, $4, 'x.y', $5, $6, $7)",
        {now_, municipality_, actor ? Value(*actor) : null(), actor_name, subject_type,
         subject ? Value(*subject) : null(), label});
  }

  // Fills every table that can refer to Anna.
  void give_anna_a_history() {
    db_->write([&](Connection& c) {
      grant_role(c, anna_, {"org_admin", std::nullopt, organization_}, now_);
      grant_role(c, anna_, {"coordinator", municipality_, std::nullopt}, now_);
      c.query("UPDATE organizations SET created_by = $1 WHERE id = $2", {anna_, organization_});
      c.query(
          "UPDATE needs SET created_by = $1, contact_name = $2, contact_email = $3, "
          "contact_phone = '0521 1234' WHERE id = $4",
          {anna_, std::string(anna_name), std::string(anna_email), need_});
      insert_session(c, anna_, "session-hash", "csrf-secret", now_, now_ + 86400);
      insert_account_token(c, anna_, "verify_email", "token-hash", now_, now_ + 3600);
      c.query(
          "INSERT INTO calendar_feeds (user_id, token_hash, created_at) "
          "VALUES ($1, 'feed-hash', $2)",
          {anna_, now_});
      c.query(
          "INSERT INTO invitations (email, role, organization_id, created_at, expires_at) "
          "VALUES ($1, 'org_member', $2, $3, $4)",
          {std::string(anna_email), organization_, now_, now_ + 86400});
      past_signup_ = join(c, past_shift_, anna_);
      set_attendance(c, past_signup_, "attended", 180, now_);
      join(c, future_shift_, anna_);
      audit(c, anna_, anna_name, "organization", organization_, "Tafel Musterstadt");
      audit(c, other_, "Bert Beispiel", "user", anna_,
            std::string(anna_name) + " <" + anna_email + "> – Mitglied – Tafel");
      audit(c, other_, "Bert Beispiel", "invitation", std::nullopt,
            std::string("Einladung an ") + anna_email);
      mail(c, anna_email, anna_, "Hallo Anna");
      mail(c, anna_email, std::nullopt, "Hallo ohne Konto");
      mail(c, "bert@example.org", other_,
           std::string("Neue Anmeldung von ") + anna_name + " für Sortieren");
      auto request = c.query(
                          "INSERT INTO help_requests (municipality_id, status, category, area, "
                          "caller_name, helper_id, need_id, created_by, created_at, updated_at) "
                          "VALUES ($1, 'matched', 'shopping', 'Mitte', 'Clara Anrufer', $2, $3, "
                          "$4, $5, $5) RETURNING id",
                          {municipality_, anna_, need_, other_, now_})
                         .one()
                         .int64(0);
      mail(c, anna_email, anna_, "Clara Anrufer, Telefon 0521 999", request);
      c.query(
          "INSERT INTO help_request_notes (help_request_id, kind, body, author_id, "
          "author_name, created_at) VALUES ($1, 'matched', $2, $3, $2, $4)",
          {request, std::string(anna_name), anna_, now_});
    });
  }

  // Every text value of every table that contains `needle`, as "table: value".
  std::vector<std::string> texts_containing(const std::string& needle) {
    std::vector<std::string> found;
    db_->read([&](Connection& c) {
      auto tables = c.query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
      for (const auto& t : tables.rows) {
        auto rows = c.query("SELECT * FROM \"" + t.text(0) + "\"");
        for (const auto& r : rows.rows) {
          for (std::size_t i = 0; i < r.size(); ++i) {
            const auto* text = std::get_if<std::string>(&r.value(i));
            if (text && text->find(needle) != std::string::npos) {
              found.push_back(t.text(0) + ": " + *text);
            }
          }
        }
      }
    });
    return found;
  }

  static constexpr const char* anna_email = "anna.muster@example.org";
  static constexpr const char* anna_name = "Anna Muster";
  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t municipality_ = 0, organization_ = 0, need_ = 0;
  std::int64_t past_shift_ = 0, future_shift_ = 0, past_signup_ = 0;
  std::int64_t anna_ = 0, other_ = 0;
};

TEST_F(PersonalDataStorage, UnknownUserHasNoData) {
  db_->read([&](Connection& c) { EXPECT_FALSE(read_personal_data(c, 999999).has_value()); });
}

TEST_F(PersonalDataStorage, ReadsEveryRowAboutThePerson) {
  give_anna_a_history();
  std::optional<PersonalData> d;
  db_->read([&](Connection& c) { d = read_personal_data(c, anna_); });
  ASSERT_TRUE(d);
  EXPECT_EQ(d->profile.email, anna_email);
  EXPECT_EQ(d->profile.display_name, anna_name);
  EXPECT_TRUE(d->profile.email_verified_at.has_value());
  ASSERT_EQ(d->roles.size(), 2u);
  EXPECT_EQ(d->roles[0].organization_name, "Tafel Musterstadt");
  EXPECT_EQ(d->roles[1].municipality_name, "Stadt Musterstadt");
  ASSERT_EQ(d->invitations.size(), 1u);
  EXPECT_EQ(d->sessions.size(), 1u);
  ASSERT_EQ(d->account_tokens.size(), 1u);
  EXPECT_EQ(d->account_tokens[0].purpose, "verify_email");
  EXPECT_TRUE(d->calendar_feed_created_at.has_value());
  ASSERT_EQ(d->signups.size(), 2u);
  EXPECT_EQ(d->signups[0].minutes, 180);
  EXPECT_EQ(d->signups[0].message, "Ich bringe Kuchen mit");
  EXPECT_EQ(d->signups[0].birth_year, 1990);
  ASSERT_EQ(d->hours.size(), 1u);
  EXPECT_EQ(d->hours[0].minutes, 180);
  ASSERT_EQ(d->organizations_applied.size(), 1u);
  ASSERT_EQ(d->needs.size(), 1u);
  EXPECT_TRUE(d->needs[0].created_by_them);
  EXPECT_EQ(d->needs[0].contact_phone, "0521 1234");
  ASSERT_EQ(d->help_requests.size(), 1u);
  EXPECT_TRUE(d->help_requests[0].helper);
  EXPECT_FALSE(d->help_requests[0].recorded_by);
  EXPECT_EQ(d->help_request_notes.size(), 1u);
  // Her own action, the role change about her and the invitation naming her address.
  EXPECT_EQ(d->audit_entries.size(), 3u);
  // Three mails to her address; the one naming her to Bert is Bert's, only noted.
  ASSERT_EQ(d->mails.size(), 3u);
  EXPECT_EQ(d->mails[0].body, "Hallo Anna");
  EXPECT_EQ(d->mails[1].body, "Hallo ohne Konto");
  EXPECT_FALSE(d->mails[2].body.has_value()) << "the caller's contact is not hers";
  ASSERT_EQ(d->mails_naming_them.size(), 1u);
  EXPECT_TRUE(d->invitations_sent.empty());
}

TEST_F(PersonalDataStorage, ContactOfAColleaguesNeedIsNotShown) {
  db_->write([&](Connection& c) {
    c.query(
        "UPDATE needs SET created_by = $1, contact_name = 'Bert Beispiel', "
        "contact_phone = '0521 555' WHERE id = $2",
        {anna_, need_});
  });
  std::optional<PersonalData> d;
  db_->read([&](Connection& c) { d = read_personal_data(c, anna_); });
  ASSERT_EQ(d->needs.size(), 1u);
  EXPECT_FALSE(d->needs[0].contact_name.has_value());
  EXPECT_FALSE(d->needs[0].contact_phone.has_value());
}

TEST_F(PersonalDataStorage, OnlyAdminOfCountsGroupsNotRejected) {
  std::int64_t rejected = 0;
  db_->write([&](Connection& c) {
    rejected = insert_organization(c, test::group(municipality_, "Abgelehnt", "rejected"), now_);
    grant_role(c, anna_, {"org_admin", std::nullopt, organization_}, now_);
    grant_role(c, anna_, {"org_admin", std::nullopt, rejected}, now_);
  });
  db_->read([&](Connection& c) {
    auto only = organizations_only_admin_of(c, anna_);
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].name, "Tafel Musterstadt");
  });
  db_->write([&](Connection& c) {
    grant_role(c, other_, {"org_member", std::nullopt, organization_}, now_);
  });
  db_->read([&](Connection& c) { EXPECT_EQ(organizations_only_admin_of(c, anna_).size(), 1u); });
  db_->write([&](Connection& c) {
    grant_role(c, other_, {"org_admin", std::nullopt, organization_}, now_);
  });
  db_->read([&](Connection& c) { EXPECT_TRUE(organizations_only_admin_of(c, anna_).empty()); });
}

TEST_F(PersonalDataStorage, SignupsToComeLeaveOutShiftsBegun) {
  give_anna_a_history();
  db_->read([&](Connection& c) {
    auto to_come = signups_to_come(c, anna_, now_);
    ASSERT_EQ(to_come.size(), 1u);
    EXPECT_EQ(to_come[0].shift_id, future_shift_);
    EXPECT_EQ(coordinated_municipalities(c, anna_), std::vector<std::int64_t>{municipality_});
    EXPECT_EQ(needs_of_matched_help_requests(c, anna_), std::vector<std::int64_t>{need_});
  });
}

TEST_F(PersonalDataStorage, ErasureLeavesNoCopyAndKeepsStatistics) {
  give_anna_a_history();
  ASSERT_FALSE(texts_containing(anna_email).empty());
  db_->write([&](Connection& c) { erase_person(c, anna_); });

  EXPECT_EQ(texts_containing(anna_email), std::vector<std::string>{});
  EXPECT_EQ(texts_containing(anna_name), std::vector<std::string>{});
  db_->read([&](Connection& c) {
    EXPECT_TRUE(c.query("SELECT 1 FROM users WHERE id = $1", {anna_}).empty());
    for (const char* table : {"sessions", "account_tokens", "role_grants", "calendar_feeds"}) {
      EXPECT_TRUE(
          c.query(std::string("SELECT 1 FROM ") + table + " WHERE user_id = $1", {anna_}).empty())
          << table;
    }
    auto past = c.query(
                     "SELECT user_id, status, attendance, minutes, birth_year, message, "
                     "link_token_hash FROM signups WHERE id = $1",
                     {past_signup_})
                    .one();
    EXPECT_TRUE(past.is_null(0));
    EXPECT_EQ(past.text(1), "confirmed");
    EXPECT_EQ(past.text(2), "attended");
    EXPECT_EQ(past.int64(3), 180);
    EXPECT_TRUE(past.is_null(4));
    EXPECT_TRUE(past.is_null(5));
    EXPECT_TRUE(past.is_null(6));
    // Bert's mail stays, without her name.
    auto bert = c.query("SELECT body FROM mail_outbox WHERE recipient = 'bert@example.org'");
    ASSERT_EQ(bert.rows.size(), 1u);
    EXPECT_EQ(bert.rows[0].text(0), "Neue Anmeldung von Gelöschtes Konto für Sortieren");
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM mail_outbox").one().int64(0), 1);
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM invitations").one().int64(0), 0);
    auto labels = c.query("SELECT actor_name, subject_label FROM audit_log ORDER BY id");
    ASSERT_EQ(labels.rows.size(), 3u);
    EXPECT_EQ(labels.rows[0].text(0), deleted_account_name);
    EXPECT_EQ(labels.rows[1].text(0), "Bert Beispiel");
    EXPECT_EQ(labels.rows[1].text(1), deleted_account_name);
    EXPECT_EQ(labels.rows[2].text(1), std::string("Einladung an ") + deleted_account_name);
    auto need = c.query(
                     "SELECT contact_name, contact_email, contact_phone, created_by FROM needs "
                     "WHERE id = $1",
                     {need_})
                    .one();
    for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE(need.is_null(i)) << i;
    auto note = c.query("SELECT author_name, body, author_id FROM help_request_notes").one();
    EXPECT_EQ(note.text(0), deleted_account_name);
    EXPECT_EQ(note.text(1), deleted_account_name);
    EXPECT_TRUE(note.is_null(2));
    // The caller's data is the hotline's, erased by its own rule.
    EXPECT_EQ(c.query("SELECT caller_name FROM help_requests").one().text(0), "Clara Anrufer");
  });
}

TEST_F(PersonalDataStorage, ErasureLeavesOtherPeopleAlone) {
  give_anna_a_history();
  std::int64_t bert_signup = 0;
  db_->write([&](Connection& c) {
    bert_signup = join(c, past_shift_, other_);
    insert_session(c, other_, "bert-session", "bert-csrf", now_, now_ + 86400);
  });
  db_->write([&](Connection& c) { erase_person(c, anna_); });
  db_->read([&](Connection& c) {
    auto s = c.query("SELECT user_id, message FROM signups WHERE id = $1", {bert_signup}).one();
    EXPECT_EQ(s.int64(0), other_);
    EXPECT_EQ(s.text(1), "Ich bringe Kuchen mit");
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM sessions WHERE user_id = $1", {other_}).one().int64(0),
              1);
    EXPECT_TRUE(find_user(c, other_).has_value());
  });
}

}  // namespace
}  // namespace hk::storage
