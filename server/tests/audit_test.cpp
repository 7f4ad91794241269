#include "domain/audit.hpp"

#include <gtest/gtest.h>

namespace hk::domain {
namespace {

TEST(Audit, EntriesNameTheActorAsTheyAreNow) {
  User actor;
  actor.id = 7;
  actor.display_name = "Petra Schulte";
  auto e = audit_by(actor, 3, "organization.approved", 1'800'000'000);
  EXPECT_EQ(e.actor_id, 7);
  EXPECT_EQ(e.actor_name, "Petra Schulte");
  EXPECT_EQ(e.municipality_id, 3);
  EXPECT_EQ(e.action, "organization.approved");
  EXPECT_EQ(e.at, 1'800'000'000);
  EXPECT_FALSE(e.organization_id);
  EXPECT_FALSE(e.reason);
}

TEST(Audit, RoleChangesNamePersonRoleAndScope) {
  EXPECT_EQ(role_change_label("Lena Hoffmann", "lena@example.org", "Mitglied", "Tafel"),
            "Lena Hoffmann <lena@example.org> – Mitglied – Tafel");
  // An invitation has no account, hence no name yet.
  EXPECT_EQ(role_change_label("", "neu@example.org", "Koordination", "Stadt Gütersloh"),
            "neu@example.org – Koordination – Stadt Gütersloh");
}

}  // namespace
}  // namespace hk::domain
