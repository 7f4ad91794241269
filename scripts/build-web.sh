#!/usr/bin/env bash
# Builds the web app into web/dist unless nothing under web/ changed since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=web/dist/.build-stamp
want=$( (find web -path web/dist -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum package-lock.json) | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  exit 0
fi
npm run --silent build:web
echo "$want" >"$stamp"
