#!/usr/bin/env bash
# A day of the per-post path against one stored corpus, with two builds of the duplicates bench in turn (before and
# after a change), on the same store and the same day: each run first deletes the days an earlier run added, vacuums,
# analyses and checkpoints, so both pay the same full-page writes.
#
#   [CORPUS=template] bench/duplicates-day-ab.sh --port P --db DB BEFORE_CHECKOUT AFTER_CHECKOUT
#   (CORPUS names the corpus the store was made with: realistic, the default, or template)
#
# The store comes first, once: dotnet run -c Release --project bench/AccountRegistry.Bench.Duplicates -- scale
#   --corpus realistic --stored 2000000 --new 20000 --fast-load --connection "Host=127.0.0.1;Port=P;Username=postgres;Database=DB"
# Each checkout must have built bench/AccountRegistry.Bench.Duplicates in Release.
set -euo pipefail
port= db=
while [[ $# -gt 2 ]]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n $port && -n $db && $# -eq 2 ]] || { echo "usage: $0 --port P --db DB BEFORE_CHECKOUT AFTER_CHECKOUT" >&2; exit 2; }
for checkout in "$@"; do
  psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" -Atq \
    -c "DELETE FROM posts WHERE platform_post_id LIKE 'd%'" -c "VACUUM ANALYZE posts" -c "VACUUM ANALYZE post_fingerprints" -c "CHECKPOINT"
  echo "=== $checkout on $db $(date -u +%FT%TZ) load average $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$checkout" && dotnet run -c Release --no-build --project bench/AccountRegistry.Bench.Duplicates -- scale --reuse --new 20000 \
    --corpus "${CORPUS:-realistic}" \
    --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=$db" | grep -E "day |phases|planted|post_fingerprints with")
  echo "    load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
