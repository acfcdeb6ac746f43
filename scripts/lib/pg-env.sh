#!/usr/bin/env bash
# Turns an Npgsql connection string ("Host=…;Port=…;Database=…;Username=…;Password=…") into libpq's PG* variables,
# so pg_dump/pg_restore/psql reach the same database as the app. The password goes in PGPASSWORD, never on a command line.
#   source scripts/lib/pg-env.sh; pg_env_from "$connection"
pg_env_from() {
  local connection=$1 pair key value
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [[ $pair == *=* ]] || continue
    key=$(echo "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${pair#*=}
    case $key in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database|db) export PGDATABASE=$value ;;
      username|userid|user|uid) export PGUSER=$value ;;
      password|pwd) export PGPASSWORD=$value ;;
    esac
  done
  [[ -n ${PGDATABASE:-} ]] || { echo "The connection string names no Database." >&2; return 2; }
}

# The PostgreSQL client tools: the server's own folder first (same major version as the cluster), then PATH.
pg_tool() {
  local bin
  bin=$(bash "$(dirname "${BASH_SOURCE[0]}")/pg-bin.sh")
  if [[ -n $bin && -x $bin/$1 ]]; then echo "$bin/$1"; else command -v "$1" || { echo "$1 not found (install postgresql-client)." >&2; return 1; }; fi
}
