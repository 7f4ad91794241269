#!/usr/bin/env bash
# Brings a Debian 12 machine to the point where the project builds and its tests run.
# Idempotent and quick when everything is already there: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libs2-dev libsodium-dev libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libcurl4-openssl-dev libical-dev
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3
  nodejs npm chromium python3-aiosmtpd strace
  postgresql-15 postgresql-client-15 nginx-light
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js may come from outside Debian (a newer one); then its npm is already there.
if command -v node >/dev/null && command -v npm >/dev/null; then
  keep=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || keep+=("$p"); done
  missing=("${keep[@]}")
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  # The tests run their own PostgreSQL clusters (scripts/test-postgres.sh); the cluster `main`
  # that Debian would create and start on port 5432 is of no use to them, so a machine that
  # gets PostgreSQL from here gets none.
  if [[ " ${missing[*]} " == *" postgresql-15 "* && ! -d /etc/postgresql/15 ]]; then
    $sudo mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | $sudo tee /etc/postgresql-common/createcluster.d/helferkarte.conf >/dev/null
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.helferkarte-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
