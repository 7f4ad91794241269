#include "storage/job_leases.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace hk {
namespace {

class JobLeases : public ::testing::Test {
 protected:
  bool take(const std::string& holder, std::int64_t now, std::int64_t until) {
    bool held = false;
    db_->write([&](storage::Connection& c) {
      held = storage::take_job_lease(c, "housekeeping", holder, now, until);
    });
    return held;
  }
  std::optional<std::string> holder() {
    std::optional<std::string> h;
    db_->read([&](storage::Connection& c) { h = storage::job_lease_holder(c, "housekeeping"); });
    return h;
  }

  test::TempDatabase db_;
};

TEST_F(JobLeases, OneHolderAtATimeUntilItLetsTheLeaseExpire) {
  EXPECT_EQ(holder(), std::nullopt);
  EXPECT_TRUE(take("a:1", 100, 102));
  EXPECT_FALSE(take("b:2", 101, 103)) << "held by a until 102";
  EXPECT_EQ(holder(), "a:1");

  EXPECT_TRUE(take("a:1", 101, 103)) << "the holder renews before it expires";
  EXPECT_FALSE(take("b:2", 102, 104));

  // a missed its renewal: the lease expired at 103, b takes over and a is out.
  EXPECT_TRUE(take("b:2", 103, 105));
  EXPECT_EQ(holder(), "b:2");
  EXPECT_FALSE(take("a:1", 104, 106));
}

TEST_F(JobLeases, LeasesOfDifferentNamesAreIndependent) {
  EXPECT_TRUE(take("a:1", 100, 102));
  bool other = false;
  db_->write([&](storage::Connection& c) {
    other = storage::take_job_lease(c, "another-job", "b:2", 100, 102);
  });
  EXPECT_TRUE(other);
  EXPECT_EQ(holder(), "a:1");
}

}  // namespace
}  // namespace hk
