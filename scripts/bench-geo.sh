#!/usr/bin/env bash
# Radius search at country scale (issue 5): build/bench/radius_query loads BENCH_NEEDS
# (default 1,000,000) needs into SQLite and into a throw-away PostgreSQL/PostGIS cluster
# started here, and runs the same 10 km queries against both on one thread. The cluster lives
# in a temporary folder, listens only on a Unix socket there, and is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
needs=${BENCH_NEEDS:-1000000}
queries=${BENCH_QUERIES:-20000}
pgbin=/usr/lib/postgresql/15/bin

sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
if [[ ! -f /usr/share/postgresql/15/extension/postgis.control ]]; then
  $sudo apt-get install -y -qq postgresql-15-postgis-3 >/dev/null
fi
[[ -x $build/bench/radius_query ]] || { echo "missing $build/bench/radius_query (make build)" >&2; exit 1; }

tmp=$(mktemp -d)
# initdb refuses to run as root; then the cluster belongs to the postgres user.
as=()
if [[ $(id -u) -eq 0 ]]; then
  as=(runuser -u postgres --)
  chown postgres "$tmp"
fi
cleanup() {
  "${as[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Only the port's number names the socket file (.s.PGSQL.PORT in $tmp); no TCP listener, so
# nothing can collide with another PostgreSQL on this machine.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
# Memory for a database of this size (about 300 MB); durability off, since the cluster is
# thrown away (it only speeds up the load, not the queries); JIT off, it only costs a short
# query time.
cat >>"$tmp/data/postgresql.conf" <<EOF
listen_addresses = ''
port = $port
unix_socket_directories = '$tmp'
shared_buffers = 1GB
effective_cache_size = 4GB
max_wal_size = 4GB
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
EOF

# One core each: the benchmark (and SQLite in it) on the last core, PostgreSQL on the first,
# so PostgreSQL's server process never waits for the benchmark's core. That favours PostGIS.
pin_pg=(); pin_bench=()
cores=$(nproc)
if command -v taskset >/dev/null && [[ $cores -ge 2 ]]; then
  pin_pg=(taskset -c 0); pin_bench=(taskset -c $((cores - 1)))
fi
"${pin_pg[@]}" "${as[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w start >/dev/null

echo "== radius query: SQLite (storage::search_needs) and PostGIS, $needs needs" \
  "(${pin_bench[*]:-no pinning} for the benchmark, ${pin_pg[*]:-no pinning} for PostgreSQL)"
"${pin_bench[@]}" "$build/bench/radius_query" --needs "$needs" --queries "$queries" "$@" \
  --postgres "host=$tmp port=$port dbname=postgres user=postgres"
