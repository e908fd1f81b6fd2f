#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests on 127.0.0.1 and prints its URL.
# Installs PostgreSQL from Debian when no server binaries are found. Source it, or run
# `scripts/postgres.sh stop` to stop it (`restart` restarts it). Data lives in /tmp (one
# folder per port, so that two checkouts can test at once) and is thrown away.
set -euo pipefail

port=${TUGI_TEST_PG_PORT:-55432}
dir=/tmp/tugi-test-pg-$port
data=$dir/data
log=$dir/server.log

find_bin() {
  local name=$1
  command -v "$name" 2>/dev/null && return 0
  ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  local pg_ctl
  pg_ctl=$(find_bin pg_ctl)
  if [ -n "$pg_ctl" ] && [ -d "$data" ]; then
    as_postgres "$pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  fi
  # Every test made its own database: throw the whole cluster away.
  rm -rf "$dir"
}

if [ "${1:-start}" = stop ]; then
  stop
  exit 0
fi
# A restart as an operator makes one (sessions are ended, the data stays): for fault tests.
if [ "${1:-start}" = restart ]; then
  as_postgres "$(find_bin pg_ctl)" -D "$data" -l "$log" -m fast -w -t 60 restart >/dev/null
  exit 0
fi
# A fresh cluster for every run.
stop

if [ -z "$(find_bin initdb)" ] || { [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; }; then
  echo "==> installing PostgreSQL (Debian package)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)

mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
if [ ! -f "$data/PG_VERSION" ]; then
  as_postgres "$initdb" -D "$data" -A trust -U postgres --no-sync >/dev/null
fi
if ! as_postgres "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
  # Durability is not needed for tests: trade it for speed.
  as_postgres "$pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
