#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on their usual local ports, starting local
# servers when they do not. Used by `make test`.
set -euo pipefail

PGHOST=${POSTGRES_HOST:-127.0.0.1}
PGPORT=${POSTGRES_PORT:-5432}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}

pg_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }
redis_up() { [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_isready >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "Installing the PostgreSQL and Redis clients and servers from Debian's packages..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
fi

if ! pg_up; then
  echo "Starting PostgreSQL..."
  if [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  for version in $(ls /etc/postgresql); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL does not answer on $PGHOST:$PGPORT" >&2; exit 1; }
fi

if ! redis_up; then
  echo "Starting Redis..."
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "Redis does not answer on $REDIS_HOST:$REDIS_PORT" >&2; exit 1; }
fi

# The suite connects as postgres over TCP; make sure that works (trust auth locally).
if ! psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atqc "select 1" >/dev/null 2>&1; then
  echo "Cannot connect to PostgreSQL as postgres on $PGHOST:$PGPORT (set DATABASE_URL)." >&2
  exit 1
fi
echo "PostgreSQL and Redis are up."
