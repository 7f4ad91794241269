#include <gtest/gtest.h>

#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/invitations.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "storage/roles.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

class RolesStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      municipality_ = insert_municipality(c, test::musterstadt(), now_);
      coordinator_ = upsert_verified_user(c, "koordination@musterstadt.example", "x",
                                          "Karla Koordination", now_);
      grant_role(c, coordinator_, {"coordinator", municipality_, std::nullopt}, now_);
      organization_ =
          insert_organization(c, test::group(municipality_, "Sportverein Musterstadt"), now_);
    });
  }

  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t municipality_ = 0, coordinator_ = 0, organization_ = 0;
};

TEST_F(RolesStorage, InvitationsBecomeRolesWhenTheAddressIsVerified) {
  db_->write([&](Connection& c) {
    upsert_invitation(c, {0, "neu@example.org", "org_member", std::nullopt, organization_,
                          coordinator_, now_, now_ + 3600});
    upsert_invitation(c, {0, "neu@example.org", "coordinator", municipality_, std::nullopt,
                          coordinator_, now_, now_ + 3600});
    // Renewing an invitation does not duplicate it.
    upsert_invitation(c, {0, "neu@example.org", "coordinator", municipality_, std::nullopt,
                          coordinator_, now_ + 10, now_ + 7200});
  });
  db_->read([&](Connection& c) {
    auto listing = list_role_listing(c, {"coordinator"}, {municipality_, std::nullopt}, now_);
    ASSERT_EQ(listing.size(), 2u);
    EXPECT_FALSE(listing[0].invited);
    EXPECT_EQ(listing[0].email, "koordination@musterstadt.example");
    EXPECT_TRUE(listing[1].invited);
    EXPECT_FALSE(listing[1].user_id);
  });

  db_->write([&](Connection& c) {
    auto user = upsert_verified_user(c, "neu@example.org", "x", "Nora Neu", now_ + 60);
    auto granted = accept_invitations(c, user, "neu@example.org", now_ + 60);
    EXPECT_EQ(granted.size(), 2u);
    EXPECT_TRUE(holds_role(c, user, "org_member", {std::nullopt, organization_}));
    EXPECT_TRUE(holds_role(c, user, "coordinator", {municipality_, std::nullopt}));
    // Nothing is left to accept a second time.
    EXPECT_TRUE(accept_invitations(c, user, "neu@example.org", now_ + 60).empty());
  });
  db_->read([&](Connection& c) {
    auto log = list_audit(c, municipality_, 0, 10);
    ASSERT_EQ(log.size(), 2u);
    for (const auto& e : log) {
      EXPECT_EQ(e.action, "role.granted");
      EXPECT_EQ(e.actor_name, "Karla Koordination");
      EXPECT_NE(e.subject_label.find("Nora Neu"), std::string::npos);
    }
    EXPECT_GT(log[0].id, log[1].id);  // newest first
  });
}

TEST_F(RolesStorage, PeopleCarryWhetherTheirAddressIsVerified) {
  db_->write([&](Connection& c) {
    c.query(
        "INSERT INTO users (email, password_hash, display_name, created_at, updated_at) "
        "VALUES ('offen@example.org', 'x', 'Olga Offen', $1, $1)",
        {now_});
    auto unverified = find_person_by_email(c, "offen@example.org");
    ASSERT_TRUE(unverified);
    EXPECT_FALSE(unverified->verified);
    EXPECT_EQ(unverified->language, "de");
    auto verified = find_person(c, coordinator_);
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->verified);
    EXPECT_EQ(verified->display_name, "Karla Koordination");
  });
}

TEST_F(RolesStorage, ExpiredInvitationsAreNotGranted) {
  db_->write([&](Connection& c) {
    upsert_invitation(c, {0, "spaet@example.org", "org_admin", std::nullopt, organization_,
                          coordinator_, now_, now_ + 10});
    auto user = upsert_verified_user(c, "spaet@example.org", "x", "Sam Spät", now_ + 20);
    EXPECT_TRUE(accept_invitations(c, user, "spaet@example.org", now_ + 20).empty());
    EXPECT_FALSE(holds_role(c, user, "org_admin", {std::nullopt, organization_}));
  });
}

TEST_F(RolesStorage, RevokingCountsAndHolders) {
  db_->write([&](Connection& c) {
    auto a = upsert_verified_user(c, "a@example.org", "x", "A", now_);
    auto b = upsert_verified_user(c, "b@example.org", "x", "B", now_);
    RoleScope scope{std::nullopt, organization_};
    grant_role(c, a, {"org_admin", std::nullopt, organization_}, now_);
    grant_role(c, b, {"org_admin", std::nullopt, organization_}, now_);
    EXPECT_EQ(count_role_holders(c, "org_admin", scope), 2);
    EXPECT_EQ(role_holders(c, {"org_admin", "org_member"}, scope).size(), 2u);
    EXPECT_TRUE(revoke_role(c, a, "org_admin", scope));
    EXPECT_FALSE(revoke_role(c, a, "org_admin", scope));
    EXPECT_EQ(count_role_holders(c, "org_admin", scope), 1);
    // A role in another scope is untouched.
    EXPECT_TRUE(holds_role(c, coordinator_, "coordinator", {municipality_, std::nullopt}));
  });
}

TEST_F(RolesStorage, OrganizationsFilterByMunicipalityAndStatus) {
  db_->write([&](Connection& c) {
    domain::Organization o;
    o.municipality_id = municipality_;
    o.name = "Initiative";
    o.kind = "initiative";
    o.contact_email = "i@example.org";
    o.status = "pending";
    o.created_by = coordinator_;
    auto id = insert_organization(c, o, now_);
    set_organization_status(c, id, "rejected", std::string("Unvollständig"), now_ + 1);
  });
  db_->read([&](Connection& c) {
    OrganizationFilter f;
    f.municipality_id = municipality_;
    f.statuses = {"approved"};
    EXPECT_EQ(list_organizations(c, f).size(), 2u);  // with the municipality's hotline
    f.statuses = {"rejected"};
    auto rejected = list_organizations(c, f);
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(rejected[0].status_reason, "Unvollständig");
    f.statuses = {};
    f.limit = 1;
    EXPECT_EQ(list_organizations(c, f).size(), 1u);
    auto mine = list_user_organizations(c, coordinator_);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].relations, std::vector<std::string>{"applicant"});
  });
}

}  // namespace
}  // namespace hk::storage
