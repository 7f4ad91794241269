#include "geo/places.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "geo/cell.hpp"

namespace hk::geo {
namespace {

bool has(const std::vector<Place>& places, const std::string& name) {
  return std::any_of(places.begin(), places.end(), [&](const Place& p) { return p.name == name; });
}

TEST(Places, ShipsAllGermanPlacesOfTheData) {
  const auto& places = all_places();
  EXPECT_GT(places.size(), 10000u);
  std::set<std::string> states;
  for (const auto& p : places) {
    ASSERT_FALSE(p.name.empty());
    ASSERT_TRUE(p.point.lat > 47.0 && p.point.lat < 55.2) << p.name;
    ASSERT_TRUE(p.point.lon > 5.8 && p.point.lon < 15.1) << p.name;
    ASSERT_GE(p.population, 0);
    states.insert(p.state);
  }
  EXPECT_EQ(states.size(), 16u);
  EXPECT_TRUE(states.count("Nordrhein-Westfalen"));
  EXPECT_TRUE(states.count("Thüringen"));
}

TEST(Places, FindsGueterslohHoweverItIsTyped) {
  for (const char* q : {"Gütersloh", "guetersloh", "gutersloh", "GÜTERSLOH", "  gütersloh "}) {
    auto found = find_places(q, 8);
    ASSERT_FALSE(found.empty()) << q;
    EXPECT_EQ(found.front().name, "Gütersloh") << q;
    EXPECT_EQ(found.front().state, "Nordrhein-Westfalen") << q;
    EXPECT_NEAR(found.front().point.lat, 51.907, 0.01) << q;
    EXPECT_NEAR(found.front().point.lon, 8.379, 0.01) << q;
    EXPECT_GT(found.front().population, 50000) << q;
  }
}

TEST(Places, PrefixesAndWordStartsMatch) {
  EXPECT_EQ(find_places("Güters", 8).front().name, "Gütersloh");
  EXPECT_TRUE(has(find_places("Rheda", 8), "Rheda-Wiedenbrück"));
  EXPECT_TRUE(has(find_places("wiedenbrueck", 8), "Rheda-Wiedenbrück"));
  EXPECT_TRUE(has(find_places("Rheda Wiedenbrück", 8), "Rheda-Wiedenbrück"));
  EXPECT_EQ(find_places("Frankfurt Oder", 8).front().name, "Frankfurt (Oder)");
  // Only word starts count: "eda" is inside "Rheda", not the start of a word.
  EXPECT_FALSE(has(find_places("eda", 20), "Rheda-Wiedenbrück"));
}

TEST(Places, ExactNameFirstThenBiggest) {
  auto berlin = find_places("Berlin", 8);
  ASSERT_GE(berlin.size(), 2u);
  EXPECT_EQ(berlin.front().name, "Berlin");
  EXPECT_EQ(berlin.front().state, "Berlin");
  for (std::size_t i = 2; i < berlin.size(); ++i) {
    EXPECT_GE(berlin[i - 1].population, berlin[i].population);
  }
  // The exact name wins over a bigger place the prefix also finds.
  auto halle = find_places("Halle", 8);
  ASSERT_FALSE(halle.empty());
  EXPECT_EQ(halle.front().name, "Halle");
  EXPECT_TRUE(has(halle, "Halle (Saale)"));
  // GeoNames calls it "Munich"; the shipped data uses the German name.
  auto muenchen = find_places("Muenchen", 3);
  ASSERT_FALSE(muenchen.empty());
  EXPECT_EQ(muenchen.front().name, "München");
  EXPECT_EQ(muenchen.front().state, "Bayern");
}

TEST(Places, NonsenseDigitsAndEmptyFindNothing) {
  EXPECT_TRUE(find_places("xqzzyvw", 8).empty());
  EXPECT_TRUE(find_places("33330", 8).empty());  // the data has no postal codes
  EXPECT_TRUE(find_places("", 8).empty());
  EXPECT_TRUE(find_places(" -- ", 8).empty());
  EXPECT_TRUE(find_places("Berlin", 0).empty());
  EXPECT_EQ(find_places("B", 5).size(), 5u);
}

TEST(Places, NearGueterslohBiggestFirst) {
  domain::GeoPoint guetersloh{51.907, 8.379};
  auto near = places_near(guetersloh, 30, 0, 500);
  EXPECT_TRUE(has(near, "Bielefeld"));
  EXPECT_TRUE(has(near, "Harsewinkel"));
  EXPECT_TRUE(has(near, "Gütersloh"));
  EXPECT_FALSE(has(near, "Münster"));  // about 50 km away
  ASSERT_GT(near.size(), 10u);
  EXPECT_EQ(near.front().name, "Bielefeld");
  for (std::size_t i = 0; i < near.size(); ++i) {
    EXPECT_LE(distance_km(guetersloh, near[i].point), 30.0) << near[i].name;
    if (i > 0) {
      EXPECT_GE(near[i - 1].population, near[i].population);
    }
  }
  // Nothing within the radius is left out.
  std::size_t inside = 0;
  for (const auto& p : all_places()) inside += distance_km(guetersloh, p.point) <= 30.0;
  EXPECT_EQ(near.size(), inside);

  auto towns = places_near(guetersloh, 30, 20000, 500);
  EXPECT_LT(towns.size(), near.size());
  for (const auto& p : towns) EXPECT_GE(p.population, 20000);
  EXPECT_TRUE(has(towns, "Harsewinkel"));

  auto three = places_near(guetersloh, 30, 0, 3);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three[0].name, near[0].name);
  EXPECT_EQ(three[2].name, near[2].name);
}

}  // namespace
}  // namespace hk::geo
