#include "storage/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "domain/text_fold.hpp"
#include "geo/cell.hpp"
#include "storage/housekeeping.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "test_support.hpp"

namespace hk::storage {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

// The words of a search as the API makes them.
std::vector<std::string> words(const std::string& q) {
  return domain::words_of(domain::fold_german(q));
}

class Search : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->write([&](Connection& c) {
      auto m = test::musterstadt();  // centre 52.0, 8.0
      musterstadt_ = insert_municipality(c, m, now_);
      centers_[musterstadt_] = m.center;
      m.name = "Stadt Nachbarstadt";
      m.ags = "01234568";
      m.center = {51.95, 8.3};
      nachbarstadt_ = insert_municipality(c, m, now_);
      centers_[nachbarstadt_] = m.center;
      tafel_ = add_group(c, musterstadt_, "Tafel Musterstadt", "approved");
      verein_ = add_group(c, musterstadt_, "Sportverein Grün-Weiß", "approved");
      nachbarn_ = add_group(c, nachbarstadt_, "Nachbarschaftshilfe Öhringen", "approved");
      suspended_ = add_group(c, musterstadt_, "Gesperrter Verein", "suspended");
    });
  }

  std::int64_t add_group(Connection& c, std::int64_t municipality, const std::string& name,
                         const std::string& status) {
    auto id = insert_organization(c, test::group(municipality, name, status), now_);
    groups_[id] = {name, status, municipality};
    return id;
  }

  // A published need of `organization` at `point` with one shift starting `in` from now.
  domain::Need need(std::int64_t organization, domain::GeoPoint point, std::int64_t in = day,
                    const std::string& title = "Einkaufshilfe") const {
    domain::Need n;
    n.organization_id = organization;
    n.municipality_id = groups_.at(organization).municipality;
    n.title = title;
    n.description = "Wocheneinkauf für Frau Meier";
    n.category = "shopping";
    n.location = domain::NeedLocation{point, std::nullopt, std::nullopt};
    n.status = "published";
    domain::Shift s;
    s.starts_at = now_ + in;
    s.ends_at = s.starts_at + 2 * hour;
    s.capacity = 2;
    n.shifts = {s};
    return n;
  }

  std::int64_t add(const domain::Need& n) {
    std::int64_t id = 0;
    db_->write([&](Connection& c) { id = insert_need(c, n, now_); });
    needs_[id] = n;
    needs_[id].id = id;
    return id;
  }

  NeedSearch around(domain::GeoPoint center, double radius_km, int limit = 100) const {
    NeedSearch s;
    s.center = center;
    s.radius_km = radius_km;
    s.limit = limit;
    s.now = now_;
    return s;
  }

  std::vector<SearchHit> search(const NeedSearch& s) {
    std::vector<SearchHit> hits;
    db_->read([&](Connection& c) { hits = search_needs(c, s); });
    return hits;
  }

  std::vector<std::int64_t> ids(const NeedSearch& s) {
    std::vector<std::int64_t> out;
    for (const auto& h : search(s)) out.push_back(h.need_id);
    return out;
  }

  // Every page, following the cursor as the API does.
  std::vector<SearchHit> all_pages(NeedSearch s) {
    std::vector<SearchHit> out;
    for (int page = 0; page < 1000; ++page) {
      auto hits = search(s);
      out.insert(out.end(), hits.begin(), hits.end());
      if (hits.size() < static_cast<std::size_t>(s.limit)) break;
      s.after = SearchCursor{hits.back().distance_km.value_or(0), hits.back().need_id};
    }
    return out;
  }

  // The answer read off the needs as written, without any index: what search_needs must give.
  std::vector<SearchHit> brute_force(const NeedSearch& s) const {
    struct Hit {
      double distance;
      std::int64_t id;
    };
    std::vector<Hit> hits;
    for (const auto& [id, n] : needs_) {
      const auto& group = groups_.at(n.organization_id);
      if (n.status != "published" || group.status != "approved" || n.shifts.empty()) continue;
      std::int64_t last = 0;
      for (const auto& sh : n.shifts) last = std::max(last, sh.starts_at);
      if (last <= s.now) continue;
      if (!s.categories.empty() &&
          std::find(s.categories.begin(), s.categories.end(), n.category) == s.categories.end()) {
        continue;
      }
      if (s.remote && *s.remote != n.remote) continue;
      if (s.municipality_id && *s.municipality_id != n.municipality_id) continue;
      if (s.from || s.to) {
        bool any = std::any_of(n.shifts.begin(), n.shifts.end(), [&](const domain::Shift& sh) {
          return (!s.from || sh.ends_at > *s.from) && (!s.to || sh.starts_at < *s.to);
        });
        if (!any) continue;
      }
      auto all = n.title + " " + n.description + " " + group.name;
      auto text = domain::words_of(domain::fold_german(all) + " " + domain::fold_plain(all));
      bool all_words = std::all_of(s.keywords.begin(), s.keywords.end(), [&](const auto& k) {
        return std::any_of(text.begin(), text.end(),
                           [&](const std::string& w) { return w.starts_with(k); });
      });
      if (!all_words) continue;
      double distance = 0;
      if (s.center) {
        auto point = n.remote ? centers_.at(n.municipality_id) : n.location->point;
        distance = geo::distance_km(*s.center, point);
        if (distance > s.radius_km) continue;
      }
      hits.push_back({distance, id});
    }
    std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
      if (!s.center) return a.id > b.id;
      return std::tie(a.distance, a.id) < std::tie(b.distance, b.id);
    });
    std::vector<SearchHit> out;
    for (const auto& h : hits) {
      out.push_back({h.id, s.center ? std::optional<double>(h.distance) : std::nullopt});
    }
    return out;
  }

  void expect_same(const std::vector<SearchHit>& got, const std::vector<SearchHit>& want,
                   const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].need_id, want[i].need_id) << what << " at " << i;
      ASSERT_EQ(got[i].distance_km.has_value(), want[i].distance_km.has_value()) << what;
      if (got[i].distance_km) {
        ASSERT_DOUBLE_EQ(*got[i].distance_km, *want[i].distance_km) << what << " at " << i;
      }
    }
  }

  struct Group {
    std::string name;
    std::string status;
    std::int64_t municipality;
  };

  test::TempDatabase db_;
  std::int64_t now_ = 1'800'000'000;
  std::int64_t musterstadt_ = 0, nachbarstadt_ = 0;
  std::int64_t tafel_ = 0, verein_ = 0, nachbarn_ = 0, suspended_ = 0;
  std::map<std::int64_t, domain::GeoPoint> centers_;
  std::map<std::int64_t, Group> groups_;
  std::map<std::int64_t, domain::Need> needs_;
};

TEST_F(Search, RandomNeedsAgreeWithBruteForceOnEveryPage) {
  std::mt19937_64 rng(4711);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution(lo, hi)(rng); };
  auto chance = [&](double p) { return uniform(0, 1) < p; };
  const std::vector<std::string> vocabulary{
      "Einkaufshilfe", "Bücherei",     "BÜCHEREI", "Buecherei",  "Vorlesen",     "Straßenfest",
      "Fahrdienst",    "Hausaufgaben", "Tierheim", "Übersetzen", "Gartenarbeit", "Sportfest"};
  const auto& categories = domain::need_categories();
  const std::vector<std::int64_t> groups{tafel_, verein_, nachbarn_, suspended_};
  const std::vector<std::string> statuses{"draft", "pending_review", "cancelled", "completed"};
  db_->write([&](Connection& c) {
    for (int i = 0; i < 1200; ++i) {
      domain::Need n;
      n.organization_id = groups[rng() % groups.size()];
      n.municipality_id = groups_.at(n.organization_id).municipality;
      n.title = vocabulary[rng() % vocabulary.size()] + " " + vocabulary[rng() % vocabulary.size()];
      n.description = "Hilfe " + std::to_string(i);
      n.category = categories[rng() % 5];
      n.status = chance(0.85) ? "published" : statuses[rng() % statuses.size()];
      n.remote = chance(0.1);
      if (!n.remote) {
        // Half in a dense town, half over the country around it, some on one spot.
        domain::GeoPoint p;
        if (chance(0.5)) {
          std::normal_distribution<double> near(0, 0.01);
          p = {52.0 + near(rng), 8.0 + near(rng) * 1.6};
        } else if (chance(0.1)) {
          p = {51.98, 8.02};
        } else {
          p = {uniform(51.4, 52.6), uniform(7.2, 8.8)};
        }
        n.location = domain::NeedLocation{p, std::nullopt, std::nullopt};
      }
      int shift_count = static_cast<int>(rng() % 3);  // some have none
      for (int k = 0; k < shift_count; ++k) {
        domain::Shift s;
        s.starts_at = now_ + static_cast<std::int64_t>(uniform(-5 * day, 30 * day));
        s.ends_at = s.starts_at + 2 * hour;
        s.capacity = 1;
        n.shifts.push_back(s);
      }
      std::sort(n.shifts.begin(), n.shifts.end(),
                [](auto& a, auto& b) { return a.starts_at < b.starts_at; });
      auto id = insert_need(c, n, now_);
      needs_[id] = n;
      needs_[id].id = id;
    }
  });

  const std::vector<double> radii{0.5, 1, 2, 3, 5, 10, 25, 50, 100};
  for (int q = 0; q < 150; ++q) {
    NeedSearch s;
    s.now = now_;
    s.limit = 1 + static_cast<int>(rng() % 25);
    if (q % 10 != 9) {
      s.center = q % 3 == 0 ? domain::GeoPoint{52.0, 8.0}
                            : domain::GeoPoint{uniform(51.5, 52.5), uniform(7.3, 8.7)};
      s.radius_km = q % 2 ? radii[rng() % radii.size()] : uniform(0.5, 100);
    }
    if (chance(0.25)) s.categories = {categories[rng() % 5], categories[rng() % 5]};
    if (chance(0.2)) s.remote = chance(0.5);
    if (chance(0.15) || !s.center) s.municipality_id = chance(0.5) ? musterstadt_ : nachbarstadt_;
    if (chance(0.2)) s.from = now_ + static_cast<std::int64_t>(uniform(0, 10 * day));
    if (chance(0.2)) s.to = now_ + static_cast<std::int64_t>(uniform(5 * day, 20 * day));
    // Few matches (read by id) and many (every need says "Hilfe": checked per need).
    const std::vector<std::string> queries{"büch", "Vorlesen Fest", "hilfe", "Hilfe tafel"};
    if (chance(0.3)) s.keywords = words(queries[rng() % queries.size()]);
    auto what = "query " + std::to_string(q);
    auto want = brute_force(s);
    // The first page is the start of the whole list; paging yields exactly the list.
    auto first = search(s);
    std::vector<SearchHit> prefix(want.begin(),
                                  want.begin() + std::min(want.size(), std::size_t(s.limit)));
    expect_same(first, prefix, what + " first page");
    expect_same(all_pages(s), want, what + " all pages");
    if (HasFatalFailure()) return;
  }
}

// The rings filter by a latitude/longitude box on the index entry; where the circle reaches
// over the antimeridian or a pole the box must not cut needs off.
TEST_F(Search, AgreesWithBruteForceOverTheAntimeridianAndAtThePole) {
  std::mt19937_64 rng(99);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution(lo, hi)(rng); };
  for (int i = 0; i < 150; ++i) {
    double lon = uniform(179.8, 180.2);
    add(need(tafel_, {uniform(-0.2, 0.2), lon > 180 ? lon - 360 : lon}));
    add(need(verein_, {uniform(89.85, 90), uniform(-180, 180)}));
  }
  for (int q = 0; q < 40; ++q) {
    domain::GeoPoint center =
        q % 2 ? domain::GeoPoint{uniform(-0.05, 0.05), q % 4 == 1 ? 179.99 : -179.99}
              : domain::GeoPoint{uniform(89.9, 90), uniform(-180, 180)};
    auto s = around(center, uniform(0.5, 30), 1 + static_cast<int>(rng() % 15));
    auto want = brute_force(s);
    auto what = "query " + std::to_string(q);
    std::vector<SearchHit> prefix(want.begin(),
                                  want.begin() + std::min(want.size(), std::size_t(s.limit)));
    expect_same(search(s), prefix, what + " first page");
    expect_same(all_pages(s), want, what + " all pages");
    if (HasFatalFailure()) return;
  }
}

TEST_F(Search, NearestFirstWithDistance) {
  auto far = add(need(tafel_, {52.05, 8.0}));   // about 5.6 km north
  auto near = add(need(tafel_, {52.01, 8.0}));  // about 1.1 km
  auto outside = add(need(tafel_, {52.2, 8.0}));
  auto hits = search(around({52.0, 8.0}, 10));
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].need_id, near);
  EXPECT_EQ(hits[1].need_id, far);
  EXPECT_NEAR(*hits[0].distance_km, 1.112, 0.01);
  EXPECT_NEAR(*hits[1].distance_km, 5.56, 0.01);
  auto wide = ids(around({52.0, 8.0}, 25));
  EXPECT_EQ(wide, (std::vector<std::int64_t>{near, far, outside}));
}

TEST_F(Search, NothingForAnImpossibleCircle) {
  add(need(tafel_, {52.0, 8.0}));
  EXPECT_EQ(search(around({52.0, 8.0}, 0)).size(), 1u);  // exactly at the centre
  EXPECT_TRUE(search(around({52.0, 8.0}, std::nan(""))).empty());
  EXPECT_TRUE(search(around({52.0, 8.0}, -1)).empty());
  EXPECT_TRUE(search(around({91.0, 8.0}, 10)).empty());
  EXPECT_TRUE(search(around({52.0, 8.0}, 10, 0)).empty());
}

TEST_F(Search, HiddenNeeds) {
  domain::GeoPoint here{52.0, 8.0};
  auto shown = add(need(tafel_, here));
  add(need(suspended_, here));     // organisation suspended
  add(need(tafel_, here, -hour));  // its only shift has begun
  auto none = need(tafel_, here);
  none.shifts.clear();  // no shift at all
  add(none);
  for (const auto* status : {"draft", "pending_review", "rejected", "cancelled", "completed"}) {
    auto n = need(tafel_, here);
    n.status = status;
    add(n);
  }
  // One shift past, one to come: still found.
  auto mixed = need(tafel_, here, -day);
  auto later = mixed.shifts.front();
  later.starts_at = now_ + 3 * day;
  later.ends_at = later.starts_at + hour;
  mixed.shifts.push_back(later);
  auto still = add(mixed);
  EXPECT_EQ(ids(around(here, 1)), (std::vector<std::int64_t>{shown, still}));
  NeedSearch newest;
  newest.municipality_id = musterstadt_;
  newest.now = now_;
  EXPECT_EQ(ids(newest), (std::vector<std::int64_t>{still, shown}));

  // Suspending the organisation later hides its needs at once.
  db_->write([&](Connection& c) { set_organization_status(c, tafel_, "suspended", "x", now_); });
  EXPECT_TRUE(ids(around(here, 1)).empty());
}

TEST_F(Search, RemoteNeedsAreFoundAtTheMunicipalityCentre) {
  auto n = need(nachbarn_, {0, 0});
  n.remote = true;
  n.location.reset();
  auto remote = add(n);
  auto on_site = add(need(nachbarn_, {51.951, 8.3}));
  // Nachbarstadt's centre is 51.95, 8.3.
  auto hits = search(around({51.95, 8.3}, 1));
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].need_id, remote);
  EXPECT_DOUBLE_EQ(*hits[0].distance_km, 0);
  auto only_remote = around({51.95, 8.3}, 1);
  only_remote.remote = true;
  EXPECT_EQ(ids(only_remote), std::vector<std::int64_t>{remote});
  only_remote.remote = false;
  EXPECT_EQ(ids(only_remote), std::vector<std::int64_t>{on_site});
  EXPECT_TRUE(ids(around({52.0, 8.0}, 5)).empty());

  // The centre moves: the remote need moves with it, the other stays.
  db_->write([&](Connection& c) {
    auto m = *find_municipality(c, nachbarstadt_);
    m.center = {52.0, 8.0};
    update_municipality(c, m, now_);
  });
  EXPECT_EQ(ids(around({52.0, 8.0}, 5)), std::vector<std::int64_t>{remote});
  EXPECT_EQ(ids(around({51.95, 8.3}, 1)), std::vector<std::int64_t>{on_site});
}

TEST_F(Search, Filters) {
  domain::GeoPoint here{52.0, 8.0};
  auto shopping = add(need(tafel_, here, day));
  auto sport_need = need(verein_, here, 10 * day, "Sportfest");
  sport_need.category = "sport";
  auto sport = add(sport_need);
  auto other = add(need(nachbarn_, {52.001, 8.0}, 20 * day, "Fahrdienst"));

  auto s = around(here, 5);
  s.categories = {"sport", "reading"};
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{sport});
  s.categories = {"shopping"};
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{shopping, other}));

  s = around(here, 5);
  s.municipality_id = nachbarstadt_;
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{other});
  s.municipality_id = 9999;
  EXPECT_TRUE(ids(s).empty());

  // The shifts are 2 hours long, starting in 1, 10 and 20 days.
  s = around(here, 5);
  s.from = now_ + 5 * day;
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{sport, other}));
  s.to = now_ + 15 * day;
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{sport});
  s.from.reset();
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{shopping, sport}));
  // A shift that has begun but not ended still overlaps `from`.
  s.to.reset();
  s.from = now_ + day + hour;
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{shopping, sport, other}));
  s.from = now_ + day + 2 * hour;
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{sport, other}));

  s = around(here, 5);
  s.keywords = words("sport");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{sport});  // title and group name
  s.keywords = words("Grün-Weiß");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{sport});
  s.keywords = words("frau meier");  // the description
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{shopping, sport, other}));
  s.keywords = words("meier einkauf");  // each the beginning of a word, both required
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{shopping});
  s.keywords = words("meier fahr");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{other});
  s.keywords = words("ahrdienst");  // not the beginning of a word
  EXPECT_TRUE(ids(s).empty());
}

TEST_F(Search, KeywordsFoldCaseAndUmlauts) {
  domain::GeoPoint here{52.0, 8.0};
  auto upper = add(need(tafel_, here, day, "BÜCHEREI sucht Hilfe"));
  auto spelled = add(need(tafel_, here, day, "Buecherei am Markt"));
  auto plain = add(need(tafel_, here, day, "Bücherei"));
  add(need(tafel_, here, day, "Bibliothek"));
  NeedSearch s;
  s.now = now_;
  s.limit = 10;
  for (const auto* q : {"Bücherei", "BÜCHEREI", "buecherei", "büch", "BUE"}) {
    s.keywords = words(q);
    EXPECT_EQ(ids(s), (std::vector<std::int64_t>{plain, spelled, upper})) << q;
  }
  // With a centre too, nearest first.
  auto near = around(here, 1);
  near.keywords = words("Bücherei");
  EXPECT_EQ(ids(near), (std::vector<std::int64_t>{upper, spelled, plain}));
  s.keywords = words("Straße");
  EXPECT_TRUE(ids(s).empty());
  // Typed without umlauts, as without a German keyboard.
  auto coach = add(need(tafel_, here, day, "Übungsleiterin gesucht"));
  for (const auto* q : {"Übung", "uebung", "ubung", "UBUNGSLEITERIN"}) {
    s.keywords = words(q);
    EXPECT_EQ(ids(s), std::vector<std::int64_t>{coach}) << q;
  }
  // So "bucherei" finds "Bücherei" and "BÜCHEREI", not "Buecherei" (no fold makes it so).
  s.keywords = words("bucherei");
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{plain, upper}));
}

TEST_F(Search, NewestFirstWithCursor) {
  std::vector<std::int64_t> all;
  for (int i = 0; i < 7; ++i) all.insert(all.begin(), add(need(tafel_, {52.0 + i * 0.1, 8.0})));
  NeedSearch s;
  s.municipality_id = musterstadt_;
  s.now = now_;
  s.limit = 3;
  std::vector<std::int64_t> paged;
  for (const auto& h : all_pages(s)) {
    EXPECT_FALSE(h.distance_km);
    paged.push_back(h.need_id);
  }
  EXPECT_EQ(paged, all);
}

TEST_F(Search, CursorIsStableWhileNeedsChange) {
  domain::GeoPoint here{52.0, 8.0};
  std::vector<std::int64_t> order;
  for (int i = 1; i <= 6; ++i) order.push_back(add(need(tafel_, {52.0 + i * 0.01, 8.0})));
  auto s = around(here, 10, 2);
  auto first = search(s);
  ASSERT_EQ(first.size(), 2u);
  // A nearer need appears and one of the next page goes: the next page goes on from the
  // last one shown.
  add(need(tafel_, {52.0, 8.0}));
  db_->write([&](Connection& c) { set_need_status(c, order[2], "cancelled", "x", now_); });
  s.after = SearchCursor{*first.back().distance_km, first.back().need_id};
  EXPECT_EQ(ids(s), (std::vector<std::int64_t>{order[3], order[4]}));
}

TEST_F(Search, RefreshFollowsEditsShiftsAndRenames) {
  auto id = add(need(tafel_, {52.0, 8.0}));
  auto n = needs_[id];
  // Moved to another place.
  n.location->point = {52.3, 8.5};
  db_->write([&](Connection& c) { update_need(c, n, now_); });
  EXPECT_TRUE(ids(around({52.0, 8.0}, 5)).empty());
  EXPECT_EQ(ids(around({52.3, 8.5}, 1)), std::vector<std::int64_t>{id});
  // Made remote: found at Musterstadt's centre.
  n.remote = true;
  n.location.reset();
  db_->write([&](Connection& c) { update_need(c, n, now_); });
  EXPECT_EQ(ids(around({52.0, 8.0}, 1)), std::vector<std::int64_t>{id});

  // The only shift moves into the past: gone; a new shift brings it back; its deletion again.
  auto shift = n.shifts.front();
  db_->read([&](Connection& c) { shift = find_need(c, id)->shifts.front(); });
  shift.starts_at = now_ - hour;
  shift.ends_at = now_ + hour;
  db_->write([&](Connection& c) { ASSERT_TRUE(update_shift(c, shift)); });
  EXPECT_TRUE(ids(around({52.0, 8.0}, 1)).empty());
  domain::Shift next;
  next.starts_at = now_ + 5 * day;
  next.ends_at = next.starts_at + hour;
  std::int64_t next_id = 0;
  db_->write([&](Connection& c) { next_id = insert_shift(c, id, next, now_); });
  EXPECT_EQ(ids(around({52.0, 8.0}, 1)), std::vector<std::int64_t>{id});
  auto from = around({52.0, 8.0}, 1);
  from.from = now_ + 4 * day;
  EXPECT_EQ(ids(from), std::vector<std::int64_t>{id});
  db_->write([&](Connection& c) { delete_shift(c, next_id); });
  EXPECT_TRUE(ids(around({52.0, 8.0}, 1)).empty());

  // Renamed organisation: its new name finds the need, the old one no longer.
  auto other = add(need(verein_, {52.0, 8.0}));
  NeedSearch s;
  s.now = now_;
  s.keywords = words("sportverein");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{other});
  db_->write([&](Connection& c) {
    auto o = *find_organization(c, verein_);
    o.name = "Turnverein Musterstadt";
    update_organization_profile(c, o, now_);
  });
  EXPECT_TRUE(ids(s).empty());
  s.keywords = words("turnverein");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{other});
  // Title edits too.
  auto edited = needs_[other];
  edited.title = "Kuchenbasar";
  db_->write([&](Connection& c) { update_need(c, edited, now_); });
  s.keywords = words("kuchen");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{other});
  s.keywords = words("einkaufshilfe");
  EXPECT_TRUE(ids(s).empty());
}

TEST_F(Search, RepetitionsAndTheirRemovalMoveTheLastStart) {
  auto id = add(need(tafel_, {52.0, 8.0}, day));
  std::int64_t last = 0;
  auto last_start = [&] {
    db_->read([&](Connection& c) {
      last = c.query("SELECT last_start FROM needs WHERE id = $1", {id}).one().int64(0);
    });
    return last;
  };
  EXPECT_EQ(last_start(), now_ + day);
  domain::Shift source;
  db_->read([&](Connection& c) { source = find_need(c, id)->shifts.front(); });
  db_->write([&](Connection& c) {
    ASSERT_TRUE(insert_repetition(c, source, {1, now_ + 8 * day, now_ + 8 * day + hour}, now_));
  });
  EXPECT_EQ(last_start(), now_ + 8 * day);
  db_->write(
      [&](Connection& c) { EXPECT_EQ(delete_unused_repetitions(c, id, now_ + 2 * day), 1); });
  EXPECT_EQ(last_start(), now_ + day);
}

TEST_F(Search, IndexesNeedsWithoutCell) {
  auto a = add(need(tafel_, {52.0, 8.0}, day, "Bücherei"));
  auto b = add(need(nachbarn_, {51.95, 8.3}));
  db_->write([&](Connection& c) {
    c.query(
        "UPDATE needs SET geo_cell = NULL, geo_lat = NULL, geo_lon = NULL, first_start = NULL, "
        "last_start = NULL");
    c.query("DELETE FROM need_text");
  });
  EXPECT_TRUE(ids(around({52.0, 8.0}, 50)).empty());
  int indexed = 0;
  db_->write([&](Connection& c) { indexed = index_unindexed_needs(c); });
  EXPECT_EQ(indexed, 2);
  EXPECT_EQ(ids(around({52.0, 8.0}, 50)), (std::vector<std::int64_t>{a, b}));
  NeedSearch s;
  s.now = now_;
  s.keywords = words("bücherei");
  EXPECT_EQ(ids(s), std::vector<std::int64_t>{a});
  db_->write([&](Connection& c) { indexed = index_unindexed_needs(c); });
  EXPECT_EQ(indexed, 0);
}

TEST_F(Search, LoadNeedsInTheOrderAsked) {
  auto a = add(need(tafel_, {52.0, 8.0}, day, "Erste"));
  auto b = add(need(verein_, {52.0, 8.0}, 2 * day, "Zweite"));
  std::vector<domain::Need> loaded;
  db_->read([&](Connection& c) { loaded = load_needs(c, {b, 9999, a}); });
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].id, b);
  EXPECT_EQ(loaded[0].title, "Zweite");
  EXPECT_EQ(loaded[0].organization_name, "Sportverein Grün-Weiß");
  ASSERT_EQ(loaded[0].shifts.size(), 1u);
  EXPECT_EQ(loaded[0].shifts[0].starts_at, now_ + 2 * day);
  EXPECT_EQ(loaded[1].id, a);
  db_->read([&](Connection& c) { EXPECT_TRUE(load_needs(c, {}).empty()); });
}

// The range scan reads the index alone (covering): no table row until a need is in the circle.
TEST_F(Search, RangeStatementUsesThePartialIndex) {
  add(need(tafel_, {52.0, 8.0}));
  auto check = [&](const NeedSearch& s) {
    auto statement = range_statement(s);
    std::string plan;
    db_->read([&](Connection& c) {
      for (const auto& r : c.query("EXPLAIN QUERY PLAN " + statement.sql, statement.params).rows) {
        plan += r.text(3) + "\n";
      }
    });
    EXPECT_NE(plan.find("USING COVERING INDEX needs_geo (geo_cell>? AND geo_cell<?)"),
              std::string::npos)
        << plan;
    EXPECT_NE(plan.find("SEARCH o USING INTEGER PRIMARY KEY"), std::string::npos) << plan;
  };
  auto s = around({52.0, 8.0}, 10);
  check(s);
  s.categories = {"shopping", "sport"};
  s.remote = false;
  check(s);
  s.keywords = words("hilfe");
  s.from = now_;
  check(s);
}

}  // namespace
}  // namespace hk::storage
