#!/usr/bin/env bash
# CPU time one gunicorn worker spends per request on one URL, with the page cache off (every
# request a miss), user and system time apart: the figure behind "What each fix did" in
# docs/performance.md. Sequential requests (curl), so other load on the machine changes it
# little. Needs the bench database of a former `make bench` (horisont_bench).
#
#   bench/worker-cpu.sh '/initiatives/?phase=prototyping&per_page=50' [requests] [module:app]
#
# BENCH_DB (default horisont_bench), BENCH_REDIS_DB (default 11) and BENCH_PORT (default
# 18769) choose the database, the Redis database and the port; run it from a checkout (or an
# export of another commit: it uses the checkout it is started in).
set -euo pipefail
url=${1:?usage: bench/worker-cpu.sh PATH [requests] [module:app]}
requests=${2:-30}
app=${3:-config.wsgi:application}
port=${BENCH_PORT:-18769}
python=${PYTHON:-$(pwd)/.venv/bin/python}
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=bench-worker-cpu-not-secret-0123456789abcdefghijklmnopqrstuvwxyz
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/${BENCH_DB:-horisont_bench}
export REDIS_URL=redis://127.0.0.1:6379/${BENCH_REDIS_DB:-11}
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING HORISONT_PAGE_CACHE_SECONDS=0

log=$(mktemp)
"$python" -m gunicorn --workers 1 --bind "127.0.0.1:$port" --log-level warning "$app" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz/" && break
  sleep 0.2
done
target="http://127.0.0.1:$port$url"
# Warm-up: imports, templates, the connection. A distinct X-Forwarded-For per request, so
# the API's anonymous throttle sees many clients (as bench/report.lua does).
for n in $(seq 8); do curl -s -o /dev/null -H "X-Forwarded-For: warm-$n" "$target"; done
worker=$(pgrep -P "$server")
read -r user0 system0 < <(awk '{print $14, $15}' "/proc/$worker/stat")
for n in $(seq "$requests"); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: bench-$n" "$target")
  [ "$status" = 200 ] || { echo "HTTP $status for $target" >&2; exit 1; }
done
read -r user1 system1 < <(awk '{print $14, $15}' "/proc/$worker/stat")
ticks=$(getconf CLK_TCK)
awk -v u=$((user1 - user0)) -v s=$((system1 - system0)) -v n="$requests" -v t="$ticks" \
  'BEGIN { printf "user %.1f + system %.1f = %.1f ms CPU per request (%d requests)\n", 1000*u/t/n, 1000*s/t/n, 1000*(u+s)/t/n, n }'
