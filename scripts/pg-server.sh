#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster on 127.0.0.1 for tests and CI.
#
#   scripts/pg-server.sh start <dir> [port]   # initdb if needed, start (idempotent), print DATABASE_URL
#   scripts/pg-server.sh stop  <dir>          # fast shutdown (no-op when not running)
#   scripts/pg-server.sh url   <dir> [port]   # print DATABASE_URL
#
# Default port 54329. Trust auth on loopback only (listen_addresses=127.0.0.1, unix socket in <dir>),
# UTF8 / C.UTF-8, max_connections=200. As root the server runs as the `postgres` system user
# (PostgreSQL refuses to run as root); as any other user it runs as that user.
# Set PG_FAST=1 to also turn off fsync/synchronous_commit/full_page_writes (fine for a cluster you
# delete afterwards; faster CREATE DATABASE). Off by default.
set -euo pipefail

usage() { echo "usage: $0 start|stop|url <dir> [port]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$2
port_arg=${3:-}

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "pg-server: $PG_BIN/pg_ctl not found (install the Debian 'postgresql' package, or set PG_BIN)" >&2
  exit 1
fi

# Absolute path: pg_ctl runs with a different cwd/user.
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if [ -n "$port_arg" ]; then
  port=$port_arg
elif [ -f "$dir/port" ]; then
  port=$(cat "$dir/port")
else
  port=54329
fi

url="postgres://postgres@127.0.0.1:${port}/postgres"

if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  owner=postgres
else
  as_pg() { "$@"; }
  owner=$(id -un)
fi

running() { as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case "$cmd" in
  start)
    # The cluster directory must belong to the server's user (and every parent must be
    # traversable by it: mktemp -d makes a 0700 directory, so use that directory itself).
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$dir"
    fi
    chmod 0700 "$dir"
    if ! as_pg test -x "$dir"; then
      echo "pg-server: user $owner cannot enter $dir (check the parent directories' permissions)" >&2
      exit 1
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
      }
    fi
    if running; then
      echo "pg-server: already running in $dir" >&2
    else
      opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200"
      if [ "${PG_FAST:-0}" = 1 ]; then
        opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      fi
      if ! as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -o "$opts" -w -t 60 start >/dev/null; then
        echo "pg-server: start failed; last lines of $dir/log:" >&2
        tail -n 20 "$dir/log" >&2 || true
        exit 1
      fi
      echo "$port" >"$dir/port"
    fi
    echo "$url"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ] && running; then
      as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
      echo "pg-server: stopped ($dir)" >&2
    else
      echo "pg-server: not running ($dir)" >&2
    fi
    ;;
  url)
    echo "$url"
    ;;
  *)
    usage
    ;;
esac
