#!/usr/bin/env bash
# `registry import` of a generated set, until fingerprints and content checks are done, against `psql \copy` of the
# same files into tables with the CSV's columns and a primary key on each file's natural key (issue 14's target).
#
#   bench/duplicates-import.sh --port PORT --data DIR [--accounts 2000] [--seed 1] CLI_DIR [CLI_DIR ...]
#
# PORT: a PostgreSQL server on 127.0.0.1 where user postgres may create databases. Each CLI_DIR holds a published
# `registry` (e.g. the baseline commit's and this one's), imported in turn into a fresh database; the \copy runs last.
set -euo pipefail
port='' data='' accounts=2000 seed=1 clis=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) clis+=("$1"); shift ;;
  esac
done
[[ -n $port && -n $data && ${#clis[@]} -gt 0 ]] || { sed -n 2,8p "$0"; exit 2; }
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qX "$@"; }
connection() { echo "Host=127.0.0.1;Port=$port;Database=$1;Username=postgres"; }

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -f $data/posts.csv ]]; then
  "${clis[0]}/registry" generate --accounts "$accounts" --seed "$seed" --out "$data" >/dev/null
fi
for file in "$data"/*.csv; do echo "  $(basename "$file"): $(($(wc -l <"$file") - 1)) rows"; done

n=0
for cli in "${clis[@]}"; do
  n=$((n + 1)); db="dup_import_$n"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  "$cli/registry" --connection "$(connection $db)" migrate >/dev/null
  echo "## $cli (load before: $(cut -d' ' -f1 /proc/loadavg))"
  /usr/bin/time -f "  wall %e s, peak RSS %M KB, CPU user %U s system %S s" \
    "$cli/registry" --connection "$(connection $db)" import "$data" 2>&1 | grep -E "wall|fingerprint|near-duplicate|bulk" | tail -4
  psql_ -d "$db" -tAc "SELECT '  posts ' || (SELECT count(*) FROM posts) || ', fingerprints ' || (SELECT count(*) FROM post_fingerprints) || ', pairs ' || (SELECT count(*) FROM near_duplicates) || ', queued ' || (SELECT count(*) FROM post_fingerprint_queue)"
done

psql_ -d postgres -c "DROP DATABASE IF EXISTS dup_copy" -c "CREATE DATABASE dup_copy"
start=$(date +%s.%N)
for file in "$data"/*.csv; do
  table=$(basename "$file" .csv)
  columns=$(head -1 "$file" | tr -d '\r' | sed 's/[^,]*/"&" text/g')
  # The natural keys of spec/interchange.md: units by code, accounts by platform + id, posts by account + post id,
  # interactions by account + message id, reads by post + captured_at.
  case $table in units) width=1 ;; accounts) width=2 ;; posts | interactions) width=3 ;; reads) width=4 ;; *) width=2 ;; esac
  key=$(head -1 "$file" | tr -d '\r' | cut -d, -f1-$width | sed 's/[^,]*/"&"/g')
  psql_ -d dup_copy -c "CREATE TABLE \"$table\" ($columns, PRIMARY KEY ($key))" -c "\\copy \"$table\" FROM '$file' WITH (FORMAT csv, HEADER true)"
done
echo "## psql \\copy of the same files: $(echo "$(date +%s.%N) - $start" | bc) s (load: $(cut -d' ' -f1 /proc/loadavg))"
