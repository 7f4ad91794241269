// The radius search of issue 5 at the scale of a whole country: N published needs (default
// 1,000,000) clustered around German towns, loaded into SQLite through the real schema and
// storage functions, then 10 km queries through storage::search_needs on one thread. With
// --postgres the same needs go into PostgreSQL/PostGIS (geography column, GiST index) and the
// same queries run there through libpq, so both are measured in the same run.
//
// Its own main rather than Google Benchmark: the load takes most of the time and happens once,
// and the figures wanted are latency percentiles over many different query centres.
#include <libpq-fe.h>
#include <sched.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/municipality.hpp"
#include "domain/need.hpp"
#include "domain/organization.hpp"
#include "geo/cell.hpp"
#include "geo/places.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/municipalities.hpp"
#include "storage/needs.hpp"
#include "storage/organizations.hpp"
#include "storage/search.hpp"

namespace {

using namespace hk;
using Clock = std::chrono::steady_clock;

// A fixed "now", so that every run finds the same needs (all shifts lie after it).
constexpr std::int64_t kNow = 1'800'000'000;

struct Options {
  long needs = 1'000'000;
  int queries = 20'000;
  int warmup = 2'000;
  double radius_km = 10;
  int limit = 20;
  int municipalities = 100;
  int organizations_per_municipality = 20;
  double remote_share = 0.03;
  unsigned seed = 5;
  std::string postgres;      // libpq connection string; empty: SQLite only
  std::string write_sqlite;  // keep the SQLite database at this path
  bool skip_queries = false;
  // SQL run after the load, before the queries (to try an index or ANALYZE); printed.
  std::string after_load;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "radius_query: " << problem << "\n"
            << "usage: radius_query [--needs N] [--queries N] [--warmup N] [--radius-km KM]\n"
               "         [--limit N] [--seed N] [--postgres CONNINFO] [--write-sqlite PATH]\n"
               "         [--skip-queries] [--after-load SQL]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--needs") {
      o.needs = std::stol(value());
    } else if (a == "--queries") {
      o.queries = std::stoi(value());
    } else if (a == "--warmup") {
      o.warmup = std::stoi(value());
    } else if (a == "--radius-km") {
      o.radius_km = std::stod(value());
    } else if (a == "--limit") {
      o.limit = std::stoi(value());
    } else if (a == "--seed") {
      o.seed = static_cast<unsigned>(std::stoul(value()));
    } else if (a == "--postgres") {
      o.postgres = value();
    } else if (a == "--write-sqlite") {
      o.write_sqlite = value();
    } else if (a == "--after-load") {
      o.after_load = value();
    } else if (a == "--skip-queries") {
      o.skip_queries = true;
    } else {
      usage("unknown argument " + a);
    }
  }
  if (o.needs < 1 || o.queries < 1 || o.warmup < 0) usage("counts must be positive");
  return o;
}

// ---------------------------------------------------------------------------------------------
// Synthetic needs

struct Town {
  domain::GeoPoint point;
  double sigma_km;
  std::size_t municipality;  // index into the municipalities (the nearest big place)
};

// People and needs cluster where people live: a town is picked in proportion to its
// population, then a point scattered around it, the wider the bigger the town (a village
// a few hundred metres, a city tens of kilometres across).
class Scatter {
 public:
  Scatter(const std::vector<geo::Place>& places, std::size_t municipalities) {
    std::vector<double> weights;
    std::vector<std::size_t> order(places.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](auto a, auto b) { return places[a].population > places[b].population; });
    municipalities = std::min(municipalities, places.size());
    for (std::size_t m = 0; m < municipalities; ++m) centres_.push_back(places[order[m]]);
    for (const auto& p : places) {
      if (p.population <= 0) continue;
      Town t;
      t.point = p.point;
      t.sigma_km = std::min(0.5 * std::sqrt(static_cast<double>(p.population) / 1000.0), 12.0);
      double best = 1e300;
      for (std::size_t m = 0; m < centres_.size(); ++m) {
        double d = geo::distance_km(p.point, centres_[m].point);
        if (d < best) best = d, t.municipality = m;
      }
      towns_.push_back(t);
      weights.push_back(static_cast<double>(p.population));
    }
    if (towns_.empty()) throw std::runtime_error("geo::all_places() has no populated place");
    pick_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
  }

  const Town& town(std::mt19937_64& random) { return towns_[pick_(random)]; }

  domain::GeoPoint around(const Town& t, std::mt19937_64& random) const {
    std::normal_distribution<double> offset(0.0, t.sigma_km);
    constexpr double km_per_degree = 111.195;
    double lat = t.point.lat + offset(random) / km_per_degree;
    double lon = t.point.lon +
                 offset(random) / (km_per_degree * std::cos(t.point.lat * std::numbers::pi / 180));
    return {std::clamp(lat, -90.0, 90.0), std::clamp(lon, -180.0, 180.0)};
  }

  domain::GeoPoint point(std::mt19937_64& random) { return around(town(random), random); }

  const std::vector<geo::Place>& centres() const { return centres_; }

 private:
  std::vector<geo::Place> centres_;
  std::vector<Town> towns_;
  std::discrete_distribution<std::size_t> pick_;
};

// What PostgreSQL needs to hold the same rows.
struct LoadedNeed {
  std::int64_t id;
  std::int64_t organization_id;
  std::string category;
  bool remote;
  std::int64_t last_start;
  domain::GeoPoint point;  // where the search finds it (the municipality's centre if remote)
  std::string title;
  std::string description;
};

struct LoadedOrganization {
  std::int64_t id;
  std::string status;
};

struct Data {
  std::vector<LoadedOrganization> organizations;
  std::vector<LoadedNeed> needs;
  double load_seconds = 0;
  double index_seconds = 0;
  int indexed_afterwards = 0;
};

const char* kDescriptions[] = {
    "Wir suchen Unterstützung für einige Stunden. Eine kurze Einweisung gibt es vor Ort; "
    "Vorkenntnisse sind nicht nötig.",
    "Begleitung und Hilfe im Alltag, gern regelmäßig. Bitte melden Sie sich, wenn Sie "
    "Zeit und Freude daran haben.",
    "Für unsere Veranstaltung brauchen wir helfende Hände beim Auf- und Abbau, an der "
    "Kasse und am Kuchenstand.",
};

// Fills the SQLite database the way the server does: municipalities, approved (and a few
// suspended) organisations, needs with one shift each through storage::insert_need, then
// storage::index_unindexed_needs for whatever the insert did not index itself.
Data load_sqlite(storage::Database& db, Scatter& scatter, const Options& o) {
  Data data;
  std::mt19937_64 random(o.seed);
  const auto& categories = domain::need_categories();
  std::vector<std::int64_t> municipality_ids;
  std::vector<std::vector<std::int64_t>> organizations_of;
  auto start = Clock::now();
  db.write([&](storage::Connection& c) {
    for (std::size_t m = 0; m < scatter.centres().size(); ++m) {
      const auto& place = scatter.centres()[m];
      domain::Municipality mu;
      mu.name = place.name;
      char ags[16];
      std::snprintf(ags, sizeof ags, "%08zu", 5'000'000 + m);
      mu.ags = ags;
      mu.center = place.point;
      mu.contact_email = "rathaus" + std::to_string(m) + "@example.org";
      mu.moderation = "none";
      municipality_ids.push_back(storage::insert_municipality(c, mu, kNow - 86400 * 400));
      organizations_of.emplace_back();
      for (int k = 0; k < o.organizations_per_municipality; ++k) {
        domain::Organization org;
        org.municipality_id = municipality_ids.back();
        org.name = "Verein " + std::to_string(k + 1) + " " + place.name;
        org.kind = k % 4 == 0 ? "initiative" : "verein";
        org.contact_email = "verein" + std::to_string(k) + "@example.org";
        // One group in fifty was suspended after it had published: its needs must not appear.
        org.status = (data.organizations.size() % 50 == 49) ? "suspended" : "approved";
        auto id = storage::insert_organization(c, org, kNow - 86400 * 300);
        data.organizations.push_back({id, org.status});
        organizations_of.back().push_back(id);
      }
    }
  });

  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<std::int64_t> lead(3600, 60 * 86400);
  std::uniform_int_distribution<int> capacity(1, 10);
  data.needs.reserve(static_cast<std::size_t>(o.needs));
  constexpr long kBatch = 20'000;
  for (long done = 0; done < o.needs; done += kBatch) {
    db.write([&](storage::Connection& c) {
      for (long n = done; n < std::min(o.needs, done + kBatch); ++n) {
        const auto& town = scatter.town(random);
        const auto& orgs = organizations_of[town.municipality];
        domain::Need need;
        need.organization_id = orgs[static_cast<std::size_t>(random() % orgs.size())];
        need.municipality_id = municipality_ids[town.municipality];
        need.category = categories[static_cast<std::size_t>(random() % categories.size())];
        need.title = "Hilfe gesucht (" + need.category + ") Nr. " + std::to_string(n + 1);
        need.description = kDescriptions[n % 3];
        need.remote = unit(random) < o.remote_share;
        domain::GeoPoint at = scatter.centres()[town.municipality].point;
        if (!need.remote) {
          at = scatter.around(town, random);
          need.location =
              domain::NeedLocation{at, "Hauptstraße " + std::to_string(n % 200 + 1), std::nullopt};
        }
        need.status = "published";
        domain::Shift shift;
        shift.starts_at = kNow + lead(random);
        shift.ends_at = shift.starts_at + 7200;
        shift.capacity = capacity(random);
        need.shifts.push_back(shift);
        auto id = storage::insert_need(c, need, kNow - 86400);
        data.needs.push_back({id, need.organization_id, need.category, need.remote, shift.starts_at,
                              at, need.title, need.description});
      }
    });
  }
  data.load_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  db.write(
      [&](storage::Connection& c) { data.indexed_afterwards = storage::index_unindexed_needs(c); });
  data.index_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  // The search reads only these columns; a need the load left unindexed would silently make
  // the benchmark faster, so it stops instead.
  db.read([&](storage::Connection& c) {
    auto missing = c.query(
                        "SELECT COUNT(*) FROM needs WHERE geo_cell IS NULL OR geo_lat IS NULL "
                        "OR last_start IS NULL")
                       .one()
                       .int64(0);
    if (missing != 0) {
      throw std::runtime_error(std::to_string(missing) + " needs have no cell after the load");
    }
  });
  return data;
}

// ---------------------------------------------------------------------------------------------
// Measuring

struct Figures {
  std::vector<double> micros;
  double seconds = 0;
  double mean_hits = 0;
};

void print(const std::string& name, const Figures& f) {
  auto sorted = f.micros;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) {
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))];
  };
  double mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / sorted.size();
  std::printf(
      "%-8s queries %zu  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms  "
      "%.0f queries/s  (%.1f hits per query)\n",
      name.c_str(), sorted.size(), at(0.5) / 1000, at(0.9) / 1000, at(0.99) / 1000,
      sorted.back() / 1000, mean / 1000, sorted.size() / f.seconds, f.mean_hits);
}

double p50(const Figures& f) {
  auto s = f.micros;
  std::nth_element(s.begin(), s.begin() + s.size() / 2, s.end());
  return s[s.size() / 2];
}

using Answer = std::vector<std::int64_t>;

// Runs `once` (centre → the ids it found, nearest first) over the warm-up and then every
// centre, timing each query; keeps the first 1,000 answers for comparing both databases.
template <typename Query>
Figures measure(const std::vector<domain::GeoPoint>& centres, const Options& o,
                std::vector<Answer>& answers, Query once) {
  for (int i = 0; i < o.warmup; ++i) once(centres[static_cast<std::size_t>(i) % centres.size()]);
  Figures f;
  f.micros.reserve(centres.size());
  long hits = 0;
  auto begin = Clock::now();
  for (const auto& centre : centres) {
    auto t0 = Clock::now();
    Answer result = once(centre);
    auto t1 = Clock::now();
    f.micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    hits += static_cast<long>(result.size());
    if (answers.size() < 1000) answers.push_back(std::move(result));
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  f.mean_hits = static_cast<double>(hits) / centres.size();
  return f;
}

Figures run_sqlite(storage::Database& db, const std::vector<domain::GeoPoint>& centres,
                   const Options& o, std::vector<Answer>& answers) {
  return measure(centres, o, answers, [&](domain::GeoPoint centre) {
    storage::NeedSearch s;
    s.center = centre;
    s.radius_km = o.radius_km;
    s.limit = o.limit;
    s.now = kNow;
    Answer ids;
    // One read transaction per query, as the API handler runs it.
    db.read([&](storage::Connection& c) {
      for (const auto& h : storage::search_needs(c, s)) ids.push_back(h.need_id);
    });
    return ids;
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL / PostGIS

class Pg {
 public:
  explicit Pg(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      throw std::runtime_error(std::string("PostgreSQL: ") + PQerrorMessage(conn_));
    }
  }
  ~Pg() { PQfinish(conn_); }
  Pg(const Pg&) = delete;
  Pg& operator=(const Pg&) = delete;

  void exec(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    auto status = PQresultStatus(r);
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error("PostgreSQL: " + error + " in " + sql.substr(0, 80));
    }
  }

  std::string scalar(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) {
      std::string error = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("PostgreSQL: " + error);
    }
    std::string out;
    for (int i = 0; i < PQntuples(r); ++i) out += std::string(PQgetvalue(r, i, 0)) + "\n";
    PQclear(r);
    return out;
  }

  // COPY ... FROM STDIN with rows already in text format.
  void copy(const std::string& statement, const std::string& rows) {
    PGresult* r = PQexec(conn_, statement.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
      std::string error = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("PostgreSQL: " + error);
    }
    PQclear(r);
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t off = 0; off < rows.size(); off += kChunk) {
      auto n = std::min(kChunk, rows.size() - off);
      if (PQputCopyData(conn_, rows.data() + off, static_cast<int>(n)) != 1) {
        throw std::runtime_error(std::string("PostgreSQL COPY: ") + PQerrorMessage(conn_));
      }
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) {
      throw std::runtime_error(std::string("PostgreSQL COPY: ") + PQerrorMessage(conn_));
    }
    r = PQgetResult(conn_);
    auto status = PQresultStatus(r);
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    while ((r = PQgetResult(conn_)) != nullptr) PQclear(r);
    if (status != PGRES_COMMAND_OK) throw std::runtime_error("PostgreSQL COPY: " + error);
  }

  void prepare(const char* name, const std::string& sql) {
    PGresult* r = PQprepare(conn_, name, sql.c_str(), 0, nullptr);
    auto status = PQresultStatus(r);
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK) throw std::runtime_error("PostgreSQL prepare: " + error);
  }

  // Executes a prepared query with text parameters; returns the first column as ids.
  Answer ids(const char* name, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecPrepared(conn_, name, static_cast<int>(values.size()), values.data(),
                                 nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string error = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("PostgreSQL query: " + error);
    }
    Answer out;
    out.reserve(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0; i < PQntuples(r); ++i) out.push_back(std::atoll(PQgetvalue(r, i, 0)));
    PQclear(r);
    return out;
  }

 private:
  PGconn* conn_;
};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", v);
  return buf;
}

// The same rows in PostgreSQL, shaped as a PostGIS installation would hold them: the need's
// text columns stay in the table (their width is part of what a heap fetch costs), the point
// is a geography with a GiST index over the published needs.
double load_postgres(Pg& pg, const Data& data) {
  auto start = Clock::now();
  pg.exec("SET client_min_messages = warning");
  pg.exec("CREATE EXTENSION IF NOT EXISTS postgis");
  pg.exec("DROP TABLE IF EXISTS needs; DROP TABLE IF EXISTS organizations");
  pg.exec("CREATE TABLE organizations (id BIGINT PRIMARY KEY, status TEXT NOT NULL)");
  pg.exec(
      "CREATE TABLE needs (id BIGINT PRIMARY KEY, organization_id BIGINT NOT NULL "
      "REFERENCES organizations (id), title TEXT NOT NULL, description TEXT NOT NULL, "
      "category TEXT NOT NULL, remote INTEGER NOT NULL, status TEXT NOT NULL, "
      "last_start BIGINT NOT NULL, geog geography(Point, 4326) NOT NULL)");
  std::string rows;
  for (const auto& o : data.organizations) {
    rows += std::to_string(o.id) + "\t" + o.status + "\n";
  }
  pg.copy("COPY organizations (id, status) FROM STDIN", rows);
  rows.clear();
  rows.reserve(data.needs.size() * 220);
  for (const auto& n : data.needs) {
    rows += std::to_string(n.id) + "\t" + std::to_string(n.organization_id) + "\t" + n.title +
            "\t" + n.description + "\t" + n.category + "\t" + (n.remote ? "1" : "0") +
            "\tpublished\t" + std::to_string(n.last_start) + "\tSRID=4326;POINT(" +
            number(n.point.lon) + " " + number(n.point.lat) + ")\n";
  }
  pg.copy(
      "COPY needs (id, organization_id, title, description, category, remote, status, "
      "last_start, geog) FROM STDIN",
      rows);
  pg.exec("CREATE INDEX needs_geog ON needs USING GIST (geog) WHERE status = 'published'");
  pg.exec("VACUUM ANALYZE organizations");
  pg.exec("VACUUM ANALYZE needs");
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The same filters as the SQLite search (published, last shift not begun, approved group),
// the same circle and the same order. use_spheroid = false: S2 measures on the sphere too,
// so both answer the same set, and the sphere is the cheaper computation for PostGIS.
constexpr const char* kPostgisQuery =
    "SELECT n.id, n.geog <-> p.g AS meters FROM needs n "
    "JOIN organizations o ON o.id = n.organization_id, "
    "(SELECT ST_SetSRID(ST_MakePoint($2::float8, $1::float8), 4326)::geography AS g) p "
    "WHERE n.status = 'published' AND n.last_start > $3::bigint AND o.status = 'approved' "
    "AND ST_DWithin(n.geog, p.g, $4::float8, false) "
    "ORDER BY n.geog <-> p.g LIMIT $5::int";

// The query with its placeholders replaced by literals, for EXPLAIN.
std::string with_literals(std::string sql, const std::vector<std::string>& values) {
  for (std::size_t k = values.size(); k >= 1; --k) {
    auto token = "$" + std::to_string(k);
    for (auto at = sql.find(token); at != std::string::npos; at = sql.find(token)) {
      sql.replace(at, token.size(), "'" + values[k - 1] + "'");
    }
  }
  return sql;
}

Figures run_postgres(Pg& pg, const std::vector<domain::GeoPoint>& centres, const Options& o,
                     std::vector<Answer>& answers) {
  pg.prepare("radius", kPostgisQuery);
  return measure(centres, o, answers, [&](domain::GeoPoint c) {
    return pg.ids("radius", {number(c.lat), number(c.lon), std::to_string(kNow),
                             number(o.radius_km * 1000), std::to_string(o.limit)});
  });
}

// ---------------------------------------------------------------------------------------------

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

int cores_allowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
  return CPU_COUNT(&set);
}

// Removes the temporary folder also when a step throws (PostgreSQL unreachable, ...).
struct FolderGuard {
  std::string path;
  ~FolderGuard() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

std::string temp_folder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "radius-query-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

int run(int argc, char** argv) {
  auto o = parse(argc, argv);
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);
  std::printf("== radius query benchmark: %s\n", command.c_str());
  std::printf("machine: %ld cores online, %d allowed to this process, %s; SQLite %s\n",
              sysconf(_SC_NPROCESSORS_ONLN), cores_allowed(), cpu_model().c_str(),
              sqlite3_libversion());

  const auto& places = geo::all_places();
  Scatter scatter(places, static_cast<std::size_t>(o.municipalities));
  std::printf(
      "data: %ld published needs around %zu places weighted by population (sigma 0.5 km * "
      "sqrt(population / 1000), at most 12 km), %.0f%% remote at their municipality's "
      "centre; %d municipalities x %d groups (1 in 50 suspended); one shift each within 60 "
      "days; 15 categories\n",
      o.needs, places.size(), o.remote_share * 100, o.municipalities,
      o.organizations_per_municipality);
  std::fflush(stdout);

  FolderGuard folder;
  std::string path = o.write_sqlite;
  if (path.empty()) {
    folder.path = temp_folder();
    path = folder.path + "/radius.db";
  } else {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  int status = 0;
  {
    auto db = storage::open_database("sqlite:" + path, {});
    storage::migrate(*db);
    auto data = load_sqlite(*db, scatter, o);
    std::printf(
        "sqlite: loaded in %.1f s through storage::insert_need (%d needs indexed afterwards by "
        "index_unindexed_needs in %.1f s)\n",
        data.load_seconds, data.indexed_afterwards, data.index_seconds);
    if (!o.after_load.empty()) {
      auto start = Clock::now();
      db->write([&](storage::Connection& c) { c.execute_script(o.after_load); });
      std::printf("sqlite: after the load ran \"%s\" in %.1f s\n", o.after_load.c_str(),
                  std::chrono::duration<double>(Clock::now() - start).count());
    }
    auto size = std::filesystem::file_size(path);
    if (std::filesystem::exists(path + "-wal")) size += std::filesystem::file_size(path + "-wal");
    std::printf("sqlite: database and its WAL %.0f MB\n", static_cast<double>(size) / 1e6);
    // The biggest place: a dense centre for the HTTP benchmark (scripts/bench-http-search.sh).
    const auto& big = scatter.centres().front();
    std::printf("dense centre: %.5f %.5f (%s)\n", big.point.lat, big.point.lon, big.name.c_str());
    std::fflush(stdout);

    if (!o.skip_queries) {
      // Query centres are drawn like the needs: people search where they live.
      std::mt19937_64 random(o.seed + 1);
      std::vector<domain::GeoPoint> centres;
      for (int i = 0; i < o.queries; ++i) centres.push_back(scatter.point(random));
      std::printf(
          "queries: %d centres drawn like the needs, radius %.1f km, limit %d, %d "
          "warm-up queries first, one thread\n",
          o.queries, o.radius_km, o.limit, o.warmup);
      std::vector<Answer> sqlite_answers;
      auto sqlite = run_sqlite(*db, centres, o, sqlite_answers);
      print("sqlite", sqlite);
      std::fflush(stdout);

      if (!o.postgres.empty()) {
        Pg pg(o.postgres);
        std::printf("postgres: %s", pg.scalar("SELECT version()").c_str());
        double seconds = load_postgres(pg, data);
        std::printf("postgres: loaded (COPY, GiST index, VACUUM ANALYZE) in %.1f s\n", seconds);
        std::printf("postgis: %s", pg.scalar("SELECT postgis_lib_version()").c_str());
        auto c0 = centres[0];
        std::printf("postgres: plan of one query:\n%s",
                    pg.scalar("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " +
                              with_literals(kPostgisQuery,
                                            {number(c0.lat), number(c0.lon), std::to_string(kNow),
                                             number(o.radius_km * 1000), std::to_string(o.limit)}))
                        .c_str());
        std::vector<Answer> pg_answers;
        auto postgis = run_postgres(pg, centres, o, pg_answers);
        print("postgis", postgis);
        std::size_t same = 0;
        for (std::size_t i = 0; i < std::min(sqlite_answers.size(), pg_answers.size()); ++i) {
          // As sets: PostGIS orders ties (remote needs share their municipality's centre)
          // as it finds them, SQLite by id.
          auto a = sqlite_answers[i], b = pg_answers[i];
          std::sort(a.begin(), a.end());
          std::sort(b.begin(), b.end());
          same += a == b;
        }
        std::printf("agreement: %zu of the first %zu answers list the same needs\n", same,
                    std::min(sqlite_answers.size(), pg_answers.size()));
        std::printf(
            "ratio: SQLite is %.1fx faster at p50, %.1fx in queries per second\n",
            p50(postgis) / p50(sqlite),
            (sqlite.micros.size() / sqlite.seconds) / (postgis.micros.size() / postgis.seconds));
        // Both measure the sphere; apart from ties broken differently they must agree, or
        // one side is not answering the same question.
        if (same * 10 < std::min(sqlite_answers.size(), pg_answers.size()) * 9) {
          std::printf("WARNING: the answers differ; the comparison is not fair\n");
          status = 1;
        }
      }
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // not a line per migration in the report
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "radius_query: %s\n", e.what());
    return 1;
  }
}
