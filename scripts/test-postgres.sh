#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the API tests (tests/CMakeLists.txt, fixture
# `postgres`):
#   scripts/test-postgres.sh start DIR   initdb into DIR/data, start it, write DIR/env
#   scripts/test-postgres.sh stop DIR    stop it and remove DIR
#   scripts/test-postgres.sh down DIR    stop it, keep its files; `up DIR` starts it again
# DIR/env holds HELFERKARTE_TEST_PG_HOST (the Unix socket folder) and HELFERKARTE_TEST_PG_PORT;
# the cluster also listens on 127.0.0.1 at that port. Superuser `postgres`, trust
# authentication: nothing in it outlives the test run. The Debian cluster `main` (port 5432),
# if there is one, is never used.
#
# One suite on PostgreSQL by hand:
#   scripts/test-postgres.sh start /tmp/hk-pg
#   HELFERKARTE_TEST_DATABASE=postgres HELFERKARTE_TEST_PG_DIR=/tmp/hk-pg \
#     node --import tsx --test tests/api/needs.test.ts
#   scripts/test-postgres.sh stop /tmp/hk-pg
set -euo pipefail

usage() { echo "usage: $0 start|stop|down|up DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
action=$1
dir=$(realpath -m "$2")

pgbin=/usr/lib/postgresql/15/bin
[[ -x $pgbin/initdb ]] || pgbin=$(dirname "$(command -v initdb 2>/dev/null || echo /missing/initdb)")
if [[ ! -x $pgbin/initdb || ! -x $pgbin/pg_ctl ]]; then
  echo "test-postgres: initdb and pg_ctl of PostgreSQL 15 are missing (scripts/setup.sh installs postgresql-15)" >&2
  exit 1
fi

# initdb refuses to run as root; then the cluster belongs to the postgres user.
as=()
if [[ $(id -u) -eq 0 ]]; then as=(runuser -u postgres --); fi

# The cluster's files live in DIR unless the postgres user cannot reach DIR (a home folder
# closed to others) or the socket's path would be too long for a Unix socket (107 bytes);
# then in a temporary folder whose name DIR/home keeps.
home_of() { if [[ -f $1/home ]]; then cat "$1/home"; else echo "$1"; fi; }

# The postmaster of a data folder, if it is running: its pid file's first line names it, and
# only a process whose command line names this data folder is ours to stop (a stale pid file
# after a crash may name a process that has nothing to do with us).
running_pid() {
  local data=$1/data pid
  [[ -f $data/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$data/postmaster.pid")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$data" || return 1
  echo "$pid"
}

stop_cluster() {
  local home
  home=$(home_of "$dir")
  if running_pid "$home" >/dev/null; then
    # Immediate: the data is thrown away, so there is nothing to write back first.
    "${as[@]}" "$pgbin/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null
  fi
  if [[ $home != "$dir" ]]; then rm -rf "$home"; fi
  rm -rf "$dir"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_cluster() {
  stop_cluster # a previous run that crashed leaves its cluster (or its stale pid file) behind
  mkdir -p "$dir"
  local home=$dir
  if ((${#dir} > 80)) || { ((${#as[@]})) && ! "${as[@]}" test -x "$(dirname "$dir")"; }; then
    home=$(mktemp -d /tmp/helferkarte-pg.XXXXXX)
    echo "$home" >"$dir/home"
  fi
  ((${#as[@]} == 0)) || chown postgres "$home"

  # UTF8 without a locale: the German text search configuration and unaccent (contrib, part
  # of postgresql-15) need none, and the cluster sorts the same on every machine.
  "${as[@]}" "$pgbin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --no-locale >"$home/initdb.log" 2>&1 ||
    { cat "$home/initdb.log" >&2; exit 1; }
  # Durability off (the cluster is thrown away); connections for many servers at once: each
  # test server holds a writer and a few readers, and ctest runs suites in parallel.
  cat >>"$home/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$home'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
EOF

  # The free port may be taken between asking and starting; then try another.
  local port tries
  for tries in 1 2 3 4 5; do
    port=$(free_port)
    if "${as[@]}" "$pgbin/pg_ctl" -D "$home/data" -l "$home/postgres.log" -o "-p $port" -w -t 60 start >/dev/null; then
      printf 'HELFERKARTE_TEST_PG_HOST=%s\nHELFERKARTE_TEST_PG_PORT=%s\n' "$home" "$port" >"$dir/env"
      echo "test-postgres: PostgreSQL 15 on $home (socket) and 127.0.0.1:$port"
      return 0
    fi
    echo "test-postgres: start on port $port failed (try $tries):" >&2
    tail -n 5 "$home/postgres.log" >&2 || true
  done
  exit 1
}

# For tests of an outage (tests/cluster/failover.test.ts): `down` stops the cluster and keeps
# its files, `up` starts it again on the same port.
down_cluster() {
  local home
  home=$(home_of "$dir")
  running_pid "$home" >/dev/null || return 0
  "${as[@]}" "$pgbin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null
}

up_cluster() {
  local home port
  home=$(home_of "$dir")
  port=$(sed -n 's/^HELFERKARTE_TEST_PG_PORT=//p' "$dir/env")
  [[ -n $port ]] || { echo "test-postgres: $dir/env names no port" >&2; exit 1; }
  "${as[@]}" "$pgbin/pg_ctl" -D "$home/data" -l "$home/postgres.log" -o "-p $port" -w -t 60 start >/dev/null
}

case $action in
  start) start_cluster ;;
  stop) stop_cluster ;;
  down) down_cluster ;;
  up) up_cluster ;;
  *) usage ;;
esac
