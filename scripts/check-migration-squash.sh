#!/usr/bin/env bash
# Proves that the squashed Initial migration builds the same database as the chain of migrations it replaced.
#   scripts/check-migration-squash.sh [OLD_REVISION [NEW_REVISION]]
# OLD_REVISION (default: the commit before the squash) is taken with `git archive`, and so is NEW_REVISION when given
# (else the working tree is the new side; once later migrations are added, give the squash's commit).
# In a throwaway PostgreSQL cluster, each side's `registry migrate` migrates its own empty database, and the script
# compares `pg_dump --schema-only` of both, then the rows the migrations seed (pg_dump --data-only), leaving out
# __ef_migrations_history: the ids it lists are the one thing that differs by design (see docs/operations.md).
# Last, the new `registry migrate` runs against the old chain's database, as an upgraded installation would.
# KEEP_WORK=1 keeps the temporary folder (sources, builds, dumps). Exit codes: 0 equal, 1 different or failed, 2 usage.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

migrations=src/AccountRegistry.Infrastructure/Persistence/Migrations
if [[ $# -gt 2 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2
fi
if [[ $# -ge 1 ]]; then
  old_rev=$1
else
  # The squash deleted RulesAndFlags: its parent is the last revision with the old chain.
  squash=$(git log -1 --format=%H --diff-filter=D -- "$migrations/20261123123255_RulesAndFlags.cs")
  [[ -n $squash ]] || { echo "No commit deletes the old chain yet: give the old revision." >&2; exit 2; }
  old_rev=$squash^
fi
old_rev=$(git rev-parse --verify "$old_rev^{commit}") || exit 2
new_rev=
if [[ $# -eq 2 ]]; then new_rev=$(git rev-parse --verify "$2^{commit}") || exit 2; fi

work=$(mktemp -d /tmp/ar-squash-XXXXXX)
chmod 755 "$work"
source scripts/lib/local-pg.sh
cleanup() { local_pg_stop; if [[ -n ${KEEP_WORK:-} ]]; then echo "Kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

echo "Old chain: $(git log -1 --format='%h %s' "$old_rev" | cut -c1-100)"
mkdir -p "$work/old-src"
git archive "$old_rev" | tar -x -C "$work/old-src"
echo "  $(ls "$work/old-src/$migrations" | grep -cv -e Designer -e Snapshot) migrations"
new_src=$root
if [[ -n $new_rev ]]; then
  new_src=$work/new-src
  mkdir -p "$new_src"
  git archive "$new_rev" | tar -x -C "$new_src"
  echo "New: $(git log -1 --format='%h %s' "$new_rev" | cut -c1-100)"
else
  echo "New: the working tree"
fi
echo "  $(ls "$new_src/$migrations" | grep -cv -e Designer -e Snapshot) migration(s)"

echo "Building both command lines ..."
dotnet publish "$work/old-src/src/AccountRegistry.Cli" -c Release -o "$work/old-cli" -nologo -v q >"$work/old-build.log" 2>&1 \
  || { cat "$work/old-build.log"; exit 1; }
dotnet publish "$new_src/src/AccountRegistry.Cli" -c Release -o "$work/new-cli" -nologo -v q >"$work/new-build.log" 2>&1 \
  || { cat "$work/new-build.log"; exit 1; }

local_pg_start "$work/pg" >/dev/null
psql_admin() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=postgres;Pooling=false"; }
for db in old_chain squashed; do psql_admin -d postgres -c "CREATE DATABASE $db"; done

dotnet "$work/old-cli/registry.dll" --connection "$(connection old_chain)" migrate | sed 's/^/  old: /' | cut -c1-140
dotnet "$work/new-cli/registry.dll" --connection "$(connection squashed)" migrate | sed 's/^/  new: /'

# pg_dump 15.14+ fences its output with a random \restrict key per run: the one line left out of the comparison.
dump() {
  "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres --no-owner --no-privileges "$@" | grep -v -e '^\\restrict ' -e '^\\unrestrict '
}
status=0
for db in old_chain squashed; do
  dump --schema-only -d "$db" >"$work/$db.schema.sql"
  # Seeded rows (roles, settings, templates ...): --inserts with ordered rows so the files compare line by line.
  dump --data-only --inserts --rows-per-insert=1 --exclude-table-data='"__ef_migrations_history"' -d "$db" 2>"$work/$db.data.log" \
    | grep -v -e '^--' -e '^SET ' -e '^SELECT pg_catalog.set_config' -e '^$' | sort >"$work/$db.data.sql"
done
if diff -u "$work/old_chain.schema.sql" "$work/squashed.schema.sql" >"$work/schema.diff"; then
  echo "Schema: identical ($(grep -c '^CREATE TABLE' "$work/squashed.schema.sql") tables, $(grep -c '^CREATE FUNCTION' "$work/squashed.schema.sql") functions, $(grep -c '^CREATE TRIGGER' "$work/squashed.schema.sql") triggers, $(grep -c '^CREATE .*INDEX' "$work/squashed.schema.sql") indexes, $(grep -c 'COLLATE' "$work/squashed.schema.sql") collated columns; pg_dump --schema-only, $(wc -l <"$work/squashed.schema.sql") lines)"
else
  echo "Schema: DIFFERENT"; cat "$work/schema.diff"; status=1
fi
if diff -u "$work/old_chain.data.sql" "$work/squashed.data.sql" >"$work/data.diff"; then
  echo "Seeded rows: identical ($(grep -c '^INSERT' "$work/squashed.data.sql") rows)"
else
  echo "Seeded rows: DIFFERENT"; cat "$work/data.diff"; status=1
fi
history() { psql_admin -d "$1" -c 'SELECT string_agg("MigrationId", $$, $$ ORDER BY "MigrationId") FROM __ef_migrations_history'; }
echo "History: old chain $(psql_admin -d old_chain -c 'SELECT count(*) FROM __ef_migrations_history') rows, squashed $(history squashed)"

# An installation migrated by the old chain, upgraded: the new command line must find nothing to do.
if upgrade=$(dotnet "$work/new-cli/registry.dll" --connection "$(connection old_chain)" migrate 2>&1); then
  echo "New migrate on the old chain's database: $upgrade"
  dump --schema-only -d old_chain | diff -q - "$work/old_chain.schema.sql" >/dev/null \
    || { echo "  ... but it changed the schema"; status=1; }
  echo "  its history now: $(history old_chain)"
  [[ $(history old_chain) == "$(history squashed)" ]] || { echo "  ... which is not the squashed database's"; status=1; }
else
  echo "New migrate on the old chain's database FAILED: $upgrade"; status=1
fi

[[ $status -eq 0 ]] && echo "OK: the squashed migration builds the old chain's database." || echo "FAILED"
exit $status
