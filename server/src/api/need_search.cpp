#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <map>

#include "api/json.hpp"
#include "api/need_json.hpp"
#include "api/query_params.hpp"
#include "api/routes.hpp"
#include "api/session.hpp"
#include "domain/berlin_time.hpp"
#include "domain/discover.hpp"
#include "domain/need.hpp"
#include "domain/text_fold.hpp"
#include "storage/search.hpp"

namespace hk::api {

namespace {

// Entdecken ranks this many of the nearest needs.
constexpr int discover_candidates = 200;

// `category`: ids separated by commas.
std::vector<std::string> read_categories(QueryParams& query) {
  std::vector<std::string> out;
  auto v = query.given("category");
  if (!v) return out;
  bool unknown = false;
  std::size_t start = 0;
  while (start <= v->size()) {
    auto comma = std::min(v->find(',', start), v->size());
    auto id = v->substr(start, comma - start);
    start = comma + 1;
    if (id.empty()) continue;
    if (!domain::valid_need_category(id)) {
      unknown = true;
    } else if (std::find(out.begin(), out.end(), id) == out.end()) {
      out.emplace_back(id);
    }
  }
  if (unknown) {
    std::string list;
    for (const auto& c : domain::need_categories()) list += (list.empty() ? "" : ", ") + c;
    query.add("category", {"Unbekannte Kategorie. Erlaubt sind: " + list + ".",
                           "Unknown category. Allowed values: " + list + "."});
  }
  return out;
}

// `from` / `to`: an instant, or a Berlin day meaning its first moment (from) or its end (to).
std::optional<std::int64_t> read_time(QueryParams& query, const char* name, bool end_of_day) {
  auto v = query.given(name);
  if (!v) return std::nullopt;
  if (auto day = domain::parse_iso_date(*v)) {
    auto d = domain::civil_from_days(*day + (end_of_day ? 1 : 0));
    return domain::berlin_local_to_utc(static_cast<int>(d.year), d.month, d.day, 0, 0);
  }
  if (auto t = domain::parse_rfc3339(*v)) return t;
  query.add(name, {"Erwartet wird ein Datum (2026-05-01) oder ein Zeitpunkt nach RFC 3339 "
                   "(2026-05-01T10:00:00+02:00).",
                   "Expected a date (2026-05-01) or an RFC 3339 date-time "
                   "(2026-05-01T10:00:00+02:00)."});
  return std::nullopt;
}

// `q`: folded words, each to begin a word of the need.
std::vector<std::string> read_keywords(QueryParams& query) {
  auto v = query.given("q");
  if (!v) return {};
  std::size_t characters = 0;
  for (unsigned char ch : *v) characters += (ch & 0xC0) != 0x80;
  if (characters > 200) {
    query.add("q", {"Höchstens 200 Zeichen.", "At most 200 characters."});
    return {};
  }
  auto words = domain::words_of(domain::fold_german(*v));
  if (words.empty()) {
    query.add("q", {"Bitte geben Sie mindestens ein Wort ein.", "Please enter at least one word."});
  }
  return words;
}

std::optional<bool> read_remote(QueryParams& query) {
  auto v = query.given("remote");
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  query.add("remote", {"Erlaubt sind: true, false.", "Allowed values: true, false."});
  return std::nullopt;
}

std::optional<std::int64_t> read_id(QueryParams& query, const char* name) {
  auto v = query.given(name);
  if (!v) return std::nullopt;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
  if (ec != std::errc{} || p != v->data() + v->size() || id <= 0) {
    query.add(name, {"Diese Kennung ist ungültig.", "This id is invalid."});
    return std::nullopt;
  }
  return id;
}

// `seed` of Entdecken: what the web app keeps in localStorage.
std::optional<std::string> read_seed(QueryParams& query) {
  auto v = query.given("seed");
  if (!v) return std::nullopt;
  bool ok = v->size() <= 64;
  for (char ch : *v) {
    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '_' || ch == '-');
  }
  if (!ok) {
    query.add("seed", {"1 bis 64 Zeichen aus A–Z, a–z, 0–9, _ und -.",
                       "1 to 64 characters of A–Z, a–z, 0–9, _ and -."});
    return std::nullopt;
  }
  return std::string(*v);
}

http::ApiError bad_cursor() {
  return http::ApiError(400, "bad-cursor", {"Ungültiger Cursor", "Invalid cursor"},
                        {"Der Cursor passt nicht zu dieser Suche. Bitte beginnen Sie die Suche "
                         "von vorn.",
                         "The cursor does not fit this search. Please start the search again."});
}

// A radius search resumes after (distance, id): "d", the 16 hex digits of the distance's
// bits (exact, unlike a decimal), "." and the id. Newest first resumes after an id: "i" and
// the id, as the other lists of the API do.
std::string encode_search_cursor(const storage::SearchHit& last) {
  if (last.distance_km) {
    return fmt::format("d{:016x}.{}", std::bit_cast<std::uint64_t>(*last.distance_km),
                       last.need_id);
  }
  return encode_cursor(last.need_id);
}

storage::SearchCursor parse_search_cursor(std::string_view text, bool radius) {
  auto id_at = [&](std::size_t at) {
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(text.data() + at, text.data() + text.size(), id);
    if (ec != std::errc{} || p != text.data() + text.size() || id <= 0) throw bad_cursor();
    return id;
  };
  if (!radius) {
    if (text.size() < 2 || text[0] != 'i') throw bad_cursor();
    return {0, id_at(1)};
  }
  if (text.size() < 19 || text[0] != 'd' || text[17] != '.') throw bad_cursor();
  std::uint64_t bits = 0;
  auto [p, ec] = std::from_chars(text.data() + 1, text.data() + 17, bits, 16);
  if (ec != std::errc{} || p != text.data() + 17) throw bad_cursor();
  auto distance = std::bit_cast<double>(bits);
  if (!std::isfinite(distance) || distance < 0) throw bad_cursor();
  return {distance, id_at(18)};
}

// The Need JSON plus `distanceKm`, rounded to metres that matter.
json::object list_item(storage::Connection& c, const domain::Need& need,
                       std::optional<double> distance_km, const domain::User* user,
                       std::int64_t now) {
  auto item = need_json(c, need, user, now);
  item["distanceKm"] =
      distance_km ? json::value(std::round(*distance_km * 100) / 100) : json::value(nullptr);
  return item;
}

std::map<std::int64_t, domain::Need> load_by_id(storage::Connection& c,
                                                const std::vector<storage::SearchHit>& hits) {
  std::vector<std::int64_t> ids;
  ids.reserve(hits.size());
  for (const auto& h : hits) ids.push_back(h.need_id);
  std::map<std::int64_t, domain::Need> needs;
  for (auto& n : storage::load_needs(c, ids)) needs.emplace(n.id, std::move(n));
  return needs;
}

http::Response search(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto now = services.now();
  QueryParams query(request);
  storage::NeedSearch s;
  s.now = now;
  s.center = query.point(false);
  bool has_position = query.given("lat") || query.given("lon");
  if (auto radius = query.number("radiusKm", 0.5, 100)) {
    if (has_position) {
      s.radius_km = *radius;
    } else {
      query.add("radiusKm", {"Nur zusammen mit lat und lon.", "Only together with lat and lon."});
    }
  }
  s.categories = read_categories(query);
  s.from = read_time(query, "from", false);
  s.to = read_time(query, "to", true);
  // A day given as `to` ends where the next day begins, so "from" a later day is caught too.
  if (s.from && s.to && *s.from >= *s.to) {
    query.add("to", {"Das Ende muss nach dem Anfang liegen.", "The end must lie after the start."});
  }
  s.keywords = read_keywords(query);
  s.remote = read_remote(query);
  s.municipality_id = read_id(query, "municipalityId");
  auto limit = query.whole("limit", 1, 100).value_or(20);
  // One more than the page, so that a page that happens to be the last one says so.
  s.limit = static_cast<int>(limit) + 1;
  if (!has_position && !query.given("municipalityId") && !query.given("q")) {
    query.add("lat", {"Bitte geben Sie eine Position (lat, lon), eine Kommune (municipalityId) "
                      "oder Suchbegriffe (q) an.",
                      "Please give a position (lat, lon), a municipality (municipalityId) or "
                      "keywords (q)."});
  }
  query.done();
  if (auto cursor = query.given("cursor")) {
    s.after = parse_search_cursor(*cursor, s.center.has_value());
  }

  json::array items;
  json::value next = nullptr;
  services.db.read([&](storage::Connection& c) {
    auto hits = storage::search_needs(c, s);
    bool more = hits.size() > static_cast<std::size_t>(limit);
    if (more) hits.resize(static_cast<std::size_t>(limit));
    auto needs = load_by_id(c, hits);
    items.reserve(hits.size());
    for (const auto& h : hits) {
      auto it = needs.find(h.need_id);
      if (it != needs.end()) {
        items.push_back(list_item(c, it->second, h.distance_km, user_of(current), now));
      }
    }
    if (more) next = json::value(encode_search_cursor(hits.back()));
  });
  return json_response(200, {{"items", std::move(items)}, {"nextCursor", std::move(next)}});
}

http::Response discover(Services& services, http::Request& request) {
  auto current = current_user(services, request);
  auto now = services.now();
  QueryParams query(request);
  storage::NeedSearch s;
  s.now = now;
  s.center = query.point(true);
  s.radius_km = query.number("radiusKm", 0.5, 100).value_or(25);
  s.categories = read_categories(query);
  s.limit = discover_candidates;
  auto seed = read_seed(query);
  auto limit = query.whole("limit", 1, 50).value_or(20);
  query.done();

  domain::DiscoverContext context;
  // Without a seed a signed-in user still sees the same order all day; visitors without one
  // share the order of the day.
  if (seed) {
    context.seed = *seed;
  } else if (current) {
    context.seed = "user-" + format_id(current->user.id);
  }
  context.day = domain::berlin_day(now);
  context.radius_km = s.radius_km;

  json::array items;
  services.db.read([&](storage::Connection& c) {
    auto hits = storage::search_needs(c, s);
    auto needs = load_by_id(c, hits);
    std::vector<domain::DiscoverCandidate> candidates;
    std::map<std::int64_t, double> distances;
    for (const auto& h : hits) {
      auto it = needs.find(h.need_id);
      if (it == needs.end()) continue;
      const auto& n = it->second;
      distances[n.id] = h.distance_km.value_or(0);
      candidates.push_back({n.id, n.organization_id, n.category, h.distance_km.value_or(0),
                            domain::next_start(n, now), domain::is_covered(n, now)});
    }
    auto order = domain::rank_for_discovery(candidates, context, static_cast<std::size_t>(limit));
    items.reserve(order.size());
    for (auto id : order) {
      items.push_back(list_item(c, needs.at(id), distances.at(id), user_of(current), now));
    }
  });
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void add_need_search_routes(http::Router& router, Services& services) {
  router.add(
      "GET", "/api/v1/needs", [&services](http::Request& r) { return search(services, r); },
      http::Execution::pool, http::Caching::anonymous);
  router.add(
      "GET", "/api/v1/needs/discover",
      [&services](http::Request& r) { return discover(services, r); }, http::Execution::pool,
      http::Caching::anonymous);
}

}  // namespace hk::api
