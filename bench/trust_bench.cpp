// What the trust model costs per request: hashing and checking a password (Argon2id, the
// cost of every login and registration), and the queries behind the coordinator's queue and
// the audit log on a database with many groups.
#include <benchmark/benchmark.h>

#include "auth/password.hpp"
#include "domain/municipality.hpp"
#include "storage/audit.hpp"
#include "storage/municipalities.hpp"
#include "storage/organizations.hpp"
#include "test_support.hpp"

namespace {

using namespace hk;

void BM_HashPassword(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(auth::hash_password("Sommer-Regen-2026!"));
}
BENCHMARK(BM_HashPassword)->Unit(benchmark::kMillisecond);

void BM_VerifyPassword(benchmark::State& state) {
  auto hash = auth::hash_password("Sommer-Regen-2026!");
  for (auto _ : state) benchmark::DoNotOptimize(auth::verify_password("Sommer-Regen-2026!", hash));
}
BENCHMARK(BM_VerifyPassword)->Unit(benchmark::kMillisecond);

// A district-sized installation: 50 municipalities with 200 groups and 2000 audit entries each.
class Filled {
 public:
  Filled() {
    db_->write([&](storage::Connection& c) {
      for (int m = 0; m < 50; ++m) {
        domain::Municipality mu;
        mu.name = "Gemeinde " + std::to_string(m);
        mu.ags = std::to_string(10000000 + m);
        mu.center = {51.9, 8.4};
        mu.contact_email = "info@gemeinde.example";
        mu.moderation = "none";
        auto mid = storage::insert_municipality(c, mu, 1);
        if (m == 0) municipality_ = mid;
        for (int o = 0; o < 200; ++o) {
          auto org =
              test::group(mid, "Verein " + std::to_string(o), o % 10 == 0 ? "pending" : "approved");
          auto oid = storage::insert_organization(c, org, 1);
          for (int a = 0; a < 10; ++a) {
            domain::AuditEntry e;
            e.at = 1 + a;
            e.municipality_id = mid;
            e.organization_id = oid;
            e.actor_name = "Petra Schulte";
            e.action = "organization.updated";
            e.subject_type = "organization";
            e.subject_id = oid;
            e.subject_label = org.name;
            storage::append_audit(c, e);
          }
        }
      }
    });
  }
  storage::Database& db() { return *db_; }
  std::int64_t municipality() const { return municipality_; }

 private:
  test::TempDatabase db_;
  std::int64_t municipality_ = 0;
};

Filled& filled() {
  static Filled f;
  return f;
}

void BM_CoordinatorQueue(benchmark::State& state) {
  auto& f = filled();
  storage::OrganizationFilter filter;
  filter.municipality_id = f.municipality();
  filter.statuses = {"pending"};
  for (auto _ : state) {
    f.db().read([&](storage::Connection& c) {
      benchmark::DoNotOptimize(storage::list_organizations(c, filter));
    });
  }
}
BENCHMARK(BM_CoordinatorQueue)->Unit(benchmark::kMicrosecond);

void BM_AuditLogPage(benchmark::State& state) {
  auto& f = filled();
  for (auto _ : state) {
    f.db().read([&](storage::Connection& c) {
      benchmark::DoNotOptimize(storage::list_audit(c, f.municipality(), 0, 50));
    });
  }
}
BENCHMARK(BM_AuditLogPage)->Unit(benchmark::kMicrosecond);

}  // namespace
