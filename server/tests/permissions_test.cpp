#include "domain/permissions.hpp"

#include <gtest/gtest.h>

namespace hk::domain {
namespace {

constexpr std::int64_t M = 1;  // the group's municipality
constexpr std::int64_t N = 2;  // another municipality
constexpr std::int64_t A = 10;
constexpr std::int64_t B = 20;

User with(std::vector<RoleGrant> roles, std::int64_t id = 100) {
  User u;
  u.id = id;
  u.email_verified = true;
  u.roles = std::move(roles);
  return u;
}

Organization group(std::string status, std::optional<std::int64_t> applicant = 7) {
  Organization o;
  o.id = A;
  o.municipality_id = M;
  o.status = std::move(status);
  o.created_by = applicant;
  return o;
}

TEST(Permissions, RolesAreScoped) {
  auto coordinator = with({{"coordinator", M, std::nullopt}});
  EXPECT_TRUE(is_coordinator(&coordinator, M));
  EXPECT_FALSE(is_coordinator(&coordinator, N));
  EXPECT_FALSE(is_platform_admin(&coordinator));

  auto admin = with({{"org_admin", std::nullopt, A}});
  EXPECT_TRUE(is_org_admin(&admin, A));
  EXPECT_TRUE(is_org_member(&admin, A));
  EXPECT_FALSE(is_org_member(&admin, B));

  auto member = with({{"org_member", std::nullopt, A}});
  EXPECT_TRUE(is_org_member(&member, A));
  EXPECT_FALSE(is_org_admin(&member, A));

  EXPECT_FALSE(is_platform_admin(nullptr));
  EXPECT_FALSE(is_org_member(nullptr, A));
}

TEST(Permissions, WhoSeesAGroupDependsOnItsStatus) {
  auto visitor = static_cast<const User*>(nullptr);
  auto volunteer = with({});
  auto applicant = with({}, 7);
  auto coordinator_m = with({{"coordinator", M, std::nullopt}});
  auto coordinator_n = with({{"coordinator", N, std::nullopt}});
  auto member_a = with({{"org_member", std::nullopt, A}});
  auto member_b = with({{"org_member", std::nullopt, B}});
  auto platform = with({{"platform_admin", std::nullopt, std::nullopt}});

  for (const char* status : {"pending", "rejected", "suspended"}) {
    SCOPED_TRACE(status);
    auto o = group(status);
    EXPECT_FALSE(can_view_organization(visitor, o));
    EXPECT_FALSE(can_view_organization(&volunteer, o));
    EXPECT_TRUE(can_view_organization(&applicant, o));
    EXPECT_TRUE(can_view_organization(&coordinator_m, o));
    EXPECT_FALSE(can_view_organization(&coordinator_n, o));
    EXPECT_TRUE(can_view_organization(&member_a, o));
    EXPECT_FALSE(can_view_organization(&member_b, o));
    EXPECT_FALSE(can_view_organization(&platform, o));
  }
  auto approved = group("approved");
  EXPECT_TRUE(can_view_organization(visitor, approved));
  EXPECT_TRUE(can_view_organization(&member_b, approved));
}

TEST(Permissions, OnlyTheGroupsCoordinatorsDecide) {
  auto o = group("pending");
  auto coordinator_m = with({{"coordinator", M, std::nullopt}});
  auto coordinator_n = with({{"coordinator", N, std::nullopt}});
  auto admin_a = with({{"org_admin", std::nullopt, A}});
  auto platform = with({{"platform_admin", std::nullopt, std::nullopt}});
  EXPECT_TRUE(can_decide_organization(&coordinator_m, o));
  EXPECT_FALSE(can_decide_organization(&coordinator_n, o));
  EXPECT_FALSE(can_decide_organization(&admin_a, o));
  EXPECT_FALSE(can_decide_organization(&platform, o));
  EXPECT_FALSE(can_decide_organization(nullptr, o));
}

TEST(Permissions, MembersAreManagedByAdminsOnly) {
  auto o = group("approved");
  auto admin_a = with({{"org_admin", std::nullopt, A}});
  auto member_a = with({{"org_member", std::nullopt, A}});
  auto admin_b = with({{"org_admin", std::nullopt, B}});
  auto coordinator_m = with({{"coordinator", M, std::nullopt}});
  EXPECT_TRUE(can_manage_members(&admin_a, o));
  EXPECT_FALSE(can_manage_members(&member_a, o));
  EXPECT_FALSE(can_manage_members(&admin_b, o));
  EXPECT_FALSE(can_manage_members(&coordinator_m, o));
  EXPECT_TRUE(can_view_members(&member_a, o));
  EXPECT_TRUE(can_view_members(&coordinator_m, o));
  EXPECT_FALSE(can_view_members(&admin_b, o));
  EXPECT_TRUE(can_edit_organization(&admin_a, o));
  EXPECT_FALSE(can_edit_organization(&member_a, o));
}

TEST(Permissions, MunicipalitiesAreRunByTheirCoordinatorsAndTheOperator) {
  auto coordinator_m = with({{"coordinator", M, std::nullopt}});
  auto platform = with({{"platform_admin", std::nullopt, std::nullopt}});
  auto admin_a = with({{"org_admin", std::nullopt, A}});
  EXPECT_TRUE(can_edit_municipality(&coordinator_m, M));
  EXPECT_FALSE(can_edit_municipality(&coordinator_m, N));
  EXPECT_TRUE(can_edit_municipality(&platform, N));
  EXPECT_FALSE(can_manage_municipality(&admin_a, M));
  EXPECT_FALSE(can_manage_municipality(nullptr, M));
}

TEST(OrganizationStatus, DecisionsFollowTheLifecycle) {
  struct Row {
    const char* from;
    Decision decision;
    std::optional<std::string> to;
  };
  const Row rows[] = {
      {"pending", Decision::approve, "approved"},
      {"pending", Decision::reject, "rejected"},
      {"pending", Decision::suspend, std::nullopt},
      {"pending", Decision::reinstate, std::nullopt},
      {"approved", Decision::approve, std::nullopt},
      {"approved", Decision::reject, std::nullopt},
      {"approved", Decision::suspend, "suspended"},
      {"approved", Decision::reinstate, std::nullopt},
      {"rejected", Decision::approve, "approved"},
      {"rejected", Decision::reject, std::nullopt},
      {"rejected", Decision::suspend, std::nullopt},
      {"suspended", Decision::approve, std::nullopt},
      {"suspended", Decision::suspend, std::nullopt},
      {"suspended", Decision::reinstate, "approved"},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(std::string(r.from) + " " + audit_action(r.decision));
    EXPECT_EQ(status_after(r.from, r.decision), r.to);
  }
  EXPECT_TRUE(decision_needs_reason(Decision::reject));
  EXPECT_TRUE(decision_needs_reason(Decision::suspend));
  EXPECT_FALSE(decision_needs_reason(Decision::approve));
  EXPECT_TRUE(valid_organization_kind("verein"));
  EXPECT_FALSE(valid_organization_kind("Verein"));
  EXPECT_FALSE(valid_organization_status("deleted"));
}

}  // namespace
}  // namespace hk::domain
