#!/usr/bin/env bash
# `make bench`: micro-benchmarks of the request path, then HTTP load with wrk against the
# real server on loopback (demo data). Results go into docs/PERFORMANCE.md by hand, with
# the machine they were measured on.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y -qq wrk >/dev/null
fi
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for bench in build/bench/*_bench; do
  echo "== micro-benchmarks ($bench)"
  "$bench" --benchmark_min_time=0.5 2>/dev/null
done

tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
db="sqlite:$tmp/bench.db"
build/helferkarte demo --database "$db" >/dev/null
HELFERKARTE_LOG_LEVEL=warn build/helferkarte serve --listen 127.0.0.1:0 --database "$db" \
  --web-dir web/dist >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$tmp/out")
asset=$(cd web/dist && ls assets/*.js | head -1)

echo "== HTTP load: wrk, 1 thread, $connections connections, ${duration}s per path (server and wrk share the cores)"
for path in /healthz /api/v1/municipalities /api/v1/municipalities/1 /api/v1/needs/2 \
  /api/v1/needs/2/calendar.ics /api/v1/organizations/1/needs / "/$asset"; do
  echo "-- GET $path"
  wrk -t1 -c"$connections" -d"${duration}s" --latency "$url$path" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
done
echo "== server memory after the load"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"

# Discovery (issue 5): the radius search at country scale beside PostGIS, then over HTTP
# beside nginx serving the same bytes.
kill $pid 2>/dev/null || true
scripts/bench-geo.sh
scripts/bench-http-search.sh

# Several servers on one PostgreSQL (issue 8): reads and sign-ups with one server and two.
scripts/bench-cluster.sh
