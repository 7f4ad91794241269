#!/usr/bin/env bash
# Several servers on one PostgreSQL (issue 8): bench/cluster.ts measures anonymous radius
# searches and sign-ups with one server process and with two on a throw-away PostgreSQL 15
# cluster started here (scripts/test-postgres.sh, durability off) and stopped on exit.
# BENCH_SECONDS, BENCH_CLIENTS, BENCH_SERVERS as in bench/cluster.ts; BUILD_DIR or
# HELFERKARTE_BIN for the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
export HELFERKARTE_BIN=${HELFERKARTE_BIN:-$PWD/$build/helferkarte}
[[ -x $HELFERKARTE_BIN ]] || { echo "missing $HELFERKARTE_BIN (make build)" >&2; exit 1; }

pg=$(mktemp -d)
trap 'scripts/test-postgres.sh stop "$pg" >/dev/null 2>&1 || true' EXIT
scripts/test-postgres.sh start "$pg" >/dev/null
export HELFERKARTE_TEST_PG_DIR=$pg

echo "== several servers on one PostgreSQL ($(nproc) cores shared by PostgreSQL, the servers and the clients; load $(cut -d' ' -f1-3 /proc/loadavg))"
node --import tsx bench/cluster.ts
