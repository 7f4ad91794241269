#include <gtest/gtest.h>

#include "storage/accounts.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

class AccountsStorage : public ::testing::Test {
 protected:
  template <typename F>
  void write(F&& f) {
    db_->write([&](Connection& c) { f(c); });
  }

  test::TempDatabase db_;
  const std::int64_t now_ = 1'800'000'000;
};

TEST_F(AccountsStorage, CreatesAnUnverifiedUserOncePerAddress) {
  write([&](Connection& c) {
    auto id = create_unverified_user(c, "eva@example.org", "hash-1", "Eva", "en", now_);
    ASSERT_TRUE(id);
    EXPECT_FALSE(create_unverified_user(c, "eva@example.org", "hash-2", "Mallory", "de", now_));
    auto found = find_user_by_email(c, "eva@example.org");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user.id, *id);
    EXPECT_EQ(found->password_hash, "hash-1");
    EXPECT_EQ(found->user.display_name, "Eva");
    EXPECT_EQ(found->user.language, "en");
    EXPECT_FALSE(found->user.email_verified);
    EXPECT_EQ(find_password_hash(c, *id).value_or(""), "hash-1");

    mark_email_verified(c, *id, now_ + 5);
    set_password(c, *id, "hash-3", now_ + 5);
    update_profile(c, *id, std::nullopt, std::string("de"), now_ + 6);
    auto user = find_user(c, *id);
    ASSERT_TRUE(user);
    EXPECT_TRUE(user->email_verified);
    EXPECT_EQ(user->display_name, "Eva") << "a missing field stays as it was";
    EXPECT_EQ(user->language, "de");
    EXPECT_EQ(find_password_hash(c, *id).value_or(""), "hash-3");
  });
}

TEST_F(AccountsStorage, TokensWorkOnceForTheirPurposeUntilTheyExpire) {
  write([&](Connection& c) {
    auto id = *create_unverified_user(c, "tom@example.org", "h", "Tom", "de", now_);
    insert_account_token(c, id, "verify_email", "t-verify", now_, now_ + 100);
    insert_account_token(c, id, "reset_password", "t-reset", now_, now_ + 100);
    insert_account_token(c, id, "verify_email", "t-old", now_ - 200, now_ - 100);

    EXPECT_FALSE(use_account_token(c, "reset_password", "t-verify", now_)) << "wrong purpose";
    EXPECT_FALSE(use_account_token(c, "verify_email", "t-old", now_)) << "expired";
    EXPECT_FALSE(use_account_token(c, "verify_email", "t-verify", now_ + 100)) << "at expiry";
    EXPECT_EQ(find_account_token(c, "verify_email", "t-verify", now_ + 99).value_or(0), id);
    EXPECT_EQ(use_account_token(c, "verify_email", "t-verify", now_ + 99).value_or(0), id);
    EXPECT_FALSE(use_account_token(c, "verify_email", "t-verify", now_ + 99)) << "used";
    EXPECT_FALSE(find_account_token(c, "verify_email", "t-verify", now_ + 99));

    retire_account_tokens(c, id, "reset_password", now_ + 1);
    EXPECT_FALSE(find_account_token(c, "reset_password", "t-reset", now_ + 1)) << "retired";
    auto rows =
        c.query("SELECT token_hash FROM account_tokens WHERE user_id = $1 ORDER BY id", {id});
    ASSERT_EQ(rows.rows.size(), 2u) << "the expired token was dropped";
    EXPECT_EQ(rows.rows[0].text(0), "t-verify");
  });
}

TEST_F(AccountsStorage, DeletesEverySessionOfOneUser) {
  write([&](Connection& c) {
    auto a = *create_unverified_user(c, "a@example.org", "h", "A", "de", now_);
    auto b = *create_unverified_user(c, "b@example.org", "h", "B", "de", now_);
    insert_session(c, a, "sa1", "c", now_, now_ + 10);
    insert_session(c, a, "sa2", "c", now_, now_ + 10);
    insert_session(c, b, "sb1", "c", now_, now_ + 10);
    delete_user_sessions(c, a);
    EXPECT_FALSE(find_session(c, "sa1"));
    EXPECT_FALSE(find_session(c, "sa2"));
    EXPECT_TRUE(find_session(c, "sb1"));
  });
}

}  // namespace
}  // namespace hk::storage
