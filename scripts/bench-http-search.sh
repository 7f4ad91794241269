#!/usr/bin/env bash
# Radius search over HTTP (issue 5): `helferkarte serve` on a database of BENCH_NEEDS
# (default 100,000) needs answers GET /api/v1/needs?lat&lon&radiusKm=10&limit=20 under wrk;
# beside it, nginx serves the very same response bytes from a static file, in the same run.
# Server, nginx and wrk share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
needs=${BENCH_NEEDS:-100000}
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}

sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
for tool in wrk:wrk nginx:nginx-light curl:curl; do
  command -v "${tool%%:*}" >/dev/null || $sudo apt-get install -y -qq "${tool#*:}" >/dev/null
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d)
pid=""; nginx_pid=""
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
  if [[ -n $nginx_pid ]]; then kill "$nginx_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The database the server reads: the real schema, the needs indexed as the server indexes them.
"$build/bench/radius_query" --needs "$needs" --skip-queries --write-sqlite "$tmp/search.db" \
  >"$tmp/load.txt"
read -r lat lon < <(sed -n 's/^dense centre: \([-0-9.]*\) \([-0-9.]*\).*/\1 \2/p' "$tmp/load.txt")
place=$(sed -n 's/^dense centre: [-0-9.]* [-0-9.]* (\(.*\))/\1/p' "$tmp/load.txt")

HELFERKARTE_LOG_LEVEL=warn "$build/helferkarte" serve --listen 127.0.0.1:0 \
  --database "sqlite:$tmp/search.db" --web-dir web/dist >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$tmp/out")
path="/api/v1/needs?lat=$lat&lon=$lon&radiusKm=10&limit=20"

# The answer once; nginx serves exactly these bytes with the same Content-Type.
mkdir -p "$tmp/www/api/v1"
code=$(curl -s -o "$tmp/www/api/v1/needs" -D "$tmp/headers" -w '%{http_code}' "$url$path")
[[ $code == 200 ]] || { echo "GET $path answered $code" >&2; cat "$tmp/www/api/v1/needs" >&2; exit 1; }
type=$(sed -n 's/^[Cc]ontent-[Tt]ype: *\(.*\)\r$/\1/p' "$tmp/headers")
items=$(grep -o '"distanceKm"' "$tmp/www/api/v1/needs" | wc -l)
# nginx's workers drop root; they must be able to read the file.
chmod -R a+rX "$tmp"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx/logs"
# worker_processes auto: one worker per core, as the server runs its two I/O threads.
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  types { }
  default_type "$type";
  server {
    listen 127.0.0.1:$port;
    root $tmp/www;
  }
}
EOF
"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx/logs/stderr" &
nginx_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
cmp -s "$tmp/www/api/v1/needs" <(curl -s "http://127.0.0.1:$port$path") ||
  { echo "nginx does not serve the same bytes" >&2; exit 1; }

# wrk's latency figures in milliseconds.
run() {
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" >"$tmp/wrk.txt"
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                         if (v ~ /s$/) return v * 1000; return v }
       /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
       /Non-2xx/ { bad = $NF }
       END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, bad + 0 }' "$tmp/wrk.txt"
}
echo "== HTTP radius search: $needs needs, GET $path ($place, $items items," \
  "$(wc -c <"$tmp/www/api/v1/needs") bytes, $type)"
echo "   wrk -t2 -c$connections -d${duration}s --latency; server (2 I/O threads, 4 workers)," \
  "nginx (worker_processes auto = $(nproc)) and wrk share the $(nproc) cores"
read -r s_rps s_p50 s_p99 s_bad < <(run "$url$path")
read -r n_rps n_p50 n_p99 n_bad < <(run "http://127.0.0.1:$port$path")
printf '%-12s %10s req/s  p50 %6s ms  p99 %6s ms  non-2xx %s\n' helferkarte "$s_rps" "$s_p50" "$s_p99" "$s_bad"
printf '%-12s %10s req/s  p50 %6s ms  p99 %6s ms  non-2xx %s\n' nginx "$n_rps" "$n_p50" "$n_p99" "$n_bad"
awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { printf "ratio: helferkarte answers %.0f%% of nginx'"'"'s requests per second\n", 100 * s / n }'
echo "server memory after the load: $(grep -E 'VmHWM' "/proc/$pid/status" | awk '{print $2/1024 " MB peak resident"}')"
