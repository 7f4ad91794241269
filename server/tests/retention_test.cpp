#include "storage/retention.hpp"

#include <gtest/gtest.h>

#include "jobs/housekeeping.hpp"
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "storage/outbox.hpp"
#include "test_support.hpp"

namespace hk {
namespace {

constexpr std::int64_t day = 86400;
constexpr std::int64_t t0 = 1'790'000'000;  // the moment everything below is written

class Retention : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](storage::Connection& c) {
      municipality_ = storage::insert_municipality(c, test::musterstadt(), t0);
      verified_ = storage::upsert_verified_user(c, "vera@example.org", "x", "Vera Verified", t0);
    });
  }

  // One pass of every housekeeping task at `now`; returns what the retention task deleted.
  int pass(std::int64_t now) {
    auto counts = jobs::run_housekeeping(*db_, config_, now);
    EXPECT_TRUE(counts.errors.empty()) << counts.errors.front();
    return counts.retention_deleted;
  }

  std::int64_t count(const std::string& sql, std::initializer_list<storage::Value> params = {}) {
    std::int64_t n = 0;
    db_->read([&](storage::Connection& c) { n = c.query(sql, params).one().int64(0); });
    return n;
  }

  std::int64_t unverified(const std::string& email, std::int64_t at) {
    std::int64_t id = 0;
    db_->write([&](storage::Connection& c) {
      id = storage::create_unverified_user(c, email, "x", "Ulla Unbestätigt", "de", at).value();
    });
    return id;
  }

  std::int64_t mail(const std::string& to, std::optional<std::int64_t> user_id,
                    const std::string& status, std::int64_t at) {
    std::int64_t id = 0;
    db_->write([&](storage::Connection& c) {
      storage::OutboxMail m;
      m.recipient = to;
      m.user_id = user_id;
      m.template_id = "verify_email";
      m.language = "de";
      m.subject = "Bitte bestätigen Sie Ihre Adresse";
      m.body = "Hallo Ulla, ...";
      id = storage::insert_outbox(c, m, at);
      if (status == "sent") storage::mark_outbox_sent(c, id, at);
      if (status == "failed") storage::mark_outbox_attempt_failed(c, id, "refused", std::nullopt);
    });
    return id;
  }

  test::TempDatabase db_;
  app::Config config_;  // the default periods: accounts and tokens 7 days, the rest 30
  std::int64_t municipality_ = 0;
  std::int64_t verified_ = 0;
};

TEST_F(Retention, DefaultsAreTheDocumentedPeriods) {
  EXPECT_EQ(config_.retention_unverified_account_days, 7);
  EXPECT_EQ(config_.retention_token_days, 7);
  EXPECT_EQ(config_.retention_session_days, 30);
  EXPECT_EQ(config_.retention_mail_body_days, 30);
}

TEST_F(Retention, UnverifiedAccountIsDeletedWithItsMailsAfterItsPeriod) {
  auto ulla = unverified("ulla@example.org", t0);
  mail("ulla@example.org", ulla, "pending", t0);
  std::int64_t group = 0;
  db_->write([&](storage::Connection& c) {
    storage::insert_account_token(c, ulla, "verify_email", "hash-ulla", t0, t0 + 2 * day);
    storage::insert_session(c, ulla, "session-ulla", "csrf", t0, t0 + 30 * day);
    auto o = test::group(municipality_, "Ullas Verein", "pending");
    o.created_by = ulla;
    group = storage::insert_organization(c, o, t0);
    domain::AuditEntry e;
    e.at = t0;
    e.municipality_id = municipality_;
    e.actor_id = ulla;
    e.actor_name = "Ulla Unbestätigt";
    e.action = "organization.applied";
    e.subject_type = "organization";
    e.subject_id = group;
    e.subject_label = "Ullas Verein";
    storage::append_audit(c, e);
  });
  // A verified account as old, and an unverified one a day younger, stay.
  auto younger = unverified("jung@example.org", t0 + day);

  pass(t0 + 7 * day - 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {ulla}), 1);

  EXPECT_GE(pass(t0 + 7 * day + 1), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {ulla}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id IN ($1, $2)", {verified_, younger}), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'ulla@example.org'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = 'session-ulla'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_tokens WHERE token_hash = 'hash-ulla'"), 0);
  // The application stays for the coordinators to decide, without the applicant.
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM organizations WHERE id = $1 AND created_by IS NULL", {group}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE actor_name LIKE '%Ulla%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE actor_name = 'Gelöschtes Konto' "
                  "AND actor_id IS NULL"),
            1);

  pass(t0 + 8 * day + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {younger}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {verified_}), 1);
}

TEST_F(Retention, AnAccountVerifiedMeanwhileIsLeftAlone) {
  auto ulla = unverified("ulla@example.org", t0);
  auto welcome = mail("ulla@example.org", ulla, "pending", t0);
  std::vector<std::int64_t> due;
  db_->read([&](storage::Connection& c) { due = storage::due_unverified_accounts(c, t0 + 1, 10); });
  ASSERT_EQ(due, std::vector<std::int64_t>{ulla});
  // Verified by another request between the read and the deletion.
  db_->write([&](storage::Connection& c) { storage::mark_email_verified(c, ulla, t0 + 5); });
  db_->write([&](storage::Connection& c) {
    EXPECT_FALSE(storage::delete_unverified_account(c, ulla, t0 + 1));
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {ulla}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE id = $1", {welcome}), 1);
}

TEST_F(Retention, TokensGoSevenDaysAfterUseOrExpiry) {
  db_->write([&](storage::Connection& c) {
    // Used on day 1 (valid until day 2), and never used, expired on day 3.
    storage::insert_account_token(c, verified_, "reset_password", "used", t0, t0 + 2 * day);
    c.query("UPDATE account_tokens SET used_at = $1 WHERE token_hash = 'used'", {t0 + day});
    storage::insert_account_token(c, verified_, "reset_password", "expired", t0, t0 + 3 * day);
    storage::insert_account_token(c, verified_, "reset_password", "open", t0, t0 + 30 * day);
  });
  auto alive = [&](const char* hash) {
    return count("SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1", {hash}) == 1;
  };

  EXPECT_EQ(pass(t0 + 8 * day - 1), 0);
  EXPECT_TRUE(alive("used"));
  EXPECT_EQ(pass(t0 + 8 * day + 1), 1);
  EXPECT_FALSE(alive("used"));
  EXPECT_TRUE(alive("expired"));

  EXPECT_EQ(pass(t0 + 10 * day - 1), 0);
  EXPECT_TRUE(alive("expired"));
  EXPECT_EQ(pass(t0 + 10 * day + 1), 1);
  EXPECT_FALSE(alive("expired"));
  EXPECT_TRUE(alive("open"));
}

TEST_F(Retention, SessionsGoThirtyDaysAfterTheyExpired) {
  db_->write([&](storage::Connection& c) {
    // Ends at its expiry (used until the day before), and one that ends idle after 14 days.
    storage::insert_session(c, verified_, "ended", "csrf-1", t0, t0 + 30 * day);
    c.query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = 'ended'", {t0 + 29 * day});
    storage::insert_session(c, verified_, "idle", "csrf-2", t0, t0 + 30 * day);
    storage::insert_session(c, verified_, "later", "csrf-3", t0 + 50 * day, t0 + 80 * day);
  });
  auto alive = [&](const char* hash) {
    return count("SELECT COUNT(*) FROM sessions WHERE token_hash = $1", {hash}) == 1;
  };
  EXPECT_EQ(pass(t0 + 44 * day - 1), 0);
  EXPECT_TRUE(alive("idle"));
  EXPECT_EQ(pass(t0 + 44 * day + 1), 1);
  EXPECT_FALSE(alive("idle"));
  EXPECT_TRUE(alive("ended"));

  EXPECT_EQ(pass(t0 + 60 * day - 1), 0);
  EXPECT_TRUE(alive("ended"));
  EXPECT_EQ(pass(t0 + 60 * day + 1), 1);
  EXPECT_FALSE(alive("ended"));
  EXPECT_TRUE(alive("later"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE id = $1", {verified_}), 1);
}

TEST_F(Retention, SentAndFailedMailsGoThirtyDaysAfterTheyWereWritten) {
  auto sent = mail("vera@example.org", verified_, "sent", t0);
  auto failed = mail("vera@example.org", verified_, "failed", t0);
  auto pending = mail("vera@example.org", verified_, "pending", t0);
  auto newer = mail("vera@example.org", verified_, "sent", t0 + day);
  auto alive = [&](std::int64_t id) {
    return count("SELECT COUNT(*) FROM mail_outbox WHERE id = $1", {id}) == 1;
  };
  EXPECT_EQ(pass(t0 + 30 * day - 1), 0);
  EXPECT_TRUE(alive(sent));
  EXPECT_TRUE(alive(failed));
  EXPECT_EQ(pass(t0 + 30 * day + 1), 2);
  EXPECT_FALSE(alive(sent));
  EXPECT_FALSE(alive(failed));
  // A mail still to be sent is never dropped.
  EXPECT_TRUE(alive(pending));
  EXPECT_TRUE(alive(newer));
  EXPECT_EQ(pass(t0 + 31 * day + 1), 1);
  EXPECT_FALSE(alive(newer));
  EXPECT_TRUE(alive(pending));
}

TEST_F(Retention, ConfiguredPeriodsAreHonouredAndPassesMayRepeat) {
  config_.retention_session_days = 1;
  config_.retention_mail_body_days = 3;
  db_->write([&](storage::Connection& c) {
    // Ends at its expiry, a day after it began (idle it would end only after 14 days).
    storage::insert_session(c, verified_, "ended", "csrf", t0, t0 + day);
  });
  auto sent = mail("vera@example.org", verified_, "sent", t0);
  EXPECT_EQ(pass(t0 + 2 * day - 1), 0);
  EXPECT_EQ(pass(t0 + 2 * day + 1), 1);  // the session
  EXPECT_EQ(pass(t0 + 2 * day + 1), 0);  // nothing twice
  EXPECT_EQ(pass(t0 + 3 * day - 1), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE id = $1", {sent}), 1);
  EXPECT_EQ(pass(t0 + 3 * day + 1), 1);  // the mail
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE id = $1", {sent}), 0);
}

}  // namespace
}  // namespace hk
