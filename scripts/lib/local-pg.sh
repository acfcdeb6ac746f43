#!/usr/bin/env bash
# A local PostgreSQL cluster for scripts/run, kept between runs.
#   source scripts/lib/local-pg.sh; local_pg_start DIR   -> exports PG_PORT, PG_CONNECTION; PG_STARTED=1 if we started it
#   local_pg_stop
set -euo pipefail

_pg_as() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

local_pg_start() {
  local dir=$1 bin
  bin=$(bash "$(dirname "${BASH_SOURCE[0]}")/pg-bin.sh")
  [[ -n $bin ]] || { echo "PostgreSQL server binaries not found (install the 'postgresql' package)." >&2; return 1; }
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    # initdb refuses root: the cluster belongs to the postgres user, who must be able to reach the folder.
    if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
      chown postgres "$dir" 2>/dev/null || true
    fi
    if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
      echo "The postgres user cannot write $dir (is it under /root?). Set ACCOUNTREGISTRY_DATA to a folder it can reach." >&2
      return 1
    fi
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    echo "Creating a PostgreSQL cluster in $dir/data ..."
    _pg_as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || _pg_as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
  fi
  mkdir -p "$dir/sock"; [[ $(id -u) -eq 0 ]] && chown postgres "$dir/sock"
  if [[ -f $dir/port ]]; then PG_PORT=$(cat "$dir/port"); else PG_PORT=$(_free_port); echo "$PG_PORT" >"$dir/port"; fi
  PG_STARTED=0
  if ! _pg_as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    if ! _pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/sock" start >/dev/null; then
      # The remembered port may be taken by now: pick another once.
      PG_PORT=$(_free_port); echo "$PG_PORT" >"$dir/port"
      _pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir/sock" start >/dev/null
    fi
    PG_STARTED=1
  fi
  PG_DIR=$dir
  PG_BIN=$bin
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=registry;Username=postgres"
  _pg_as "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='registry'" | grep -q 1 \
    || _pg_as "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE registry" 2>/dev/null \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE registry"
  export PG_PORT PG_CONNECTION PG_STARTED PG_DIR PG_BIN
}

local_pg_stop() {
  [[ -n ${PG_DIR:-} ]] || return 0
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
