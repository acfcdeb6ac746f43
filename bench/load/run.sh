#!/usr/bin/env bash
# Load benchmark (docs/benchmarks.md, "Load"): publishes our app and a stock `dotnet new blazor --interactivity Server`
# app, starts both against a throwaway PostgreSQL (demo data), then runs bench/AccountRegistry.Bench.Load against both.
#   bash bench/load/run.sh [CIRCUITS]     (default 200; work folder /tmp/load)
#   BEFORE_REF=<commit> bash bench/load/run.sh   also publishes that commit's web app (git archive) and measures its
#   register on the same database in the same run, next to this tree's.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${LOAD_WORK:-/tmp/load}
circuits=${1:-200}
mkdir -p "$work"
source "$root/scripts/lib/local-pg.sh"
local_pg_start "$work/pg"
# The limits only guard production; left on they turn the load into 429s.
export ConnectionStrings__Registry="$PG_CONNECTION" RateLimiting__LoginPerMinute=100000 RateLimiting__ApiPerMinute=100000000

dotnet publish "$root/src/AccountRegistry.Web" -c Release -o "$work/web" >"$work/publish-web.log"
dotnet publish "$root/src/AccountRegistry.Cli" -c Release -o "$work/cli" >"$work/publish-cli.log"
dotnet "$work/cli/registry.dll" --connection "$PG_CONNECTION" migrate
# A second run against the kept cluster finds the demo county already loaded.
dotnet "$work/cli/registry.dll" --connection "$PG_CONNECTION" seed-demo || true
if [[ ! -d $work/stock ]]; then dotnet new blazor -o "$work/stock" --interactivity Server >/dev/null; fi
dotnet publish "$work/stock" -c Release -o "$work/stock-out" >"$work/publish-stock.log"
dotnet build "$root/bench/AccountRegistry.Bench.Load" -c Release -o "$work/bench" >"$work/build-bench.log"
before_args=()
if [[ -n ${BEFORE_REF:-} ]]; then
  rm -rf "$work/before-src" && mkdir -p "$work/before-src"
  git -C "$root" archive "$BEFORE_REF" | tar -x -C "$work/before-src"
  dotnet publish "$work/before-src/src/AccountRegistry.Web" -c Release -o "$work/before-web" >"$work/publish-before.log"
  (cd "$work/before-web" && exec dotnet AccountRegistry.Web.dll --urls http://127.0.0.1:5813 >"$work/before.log" 2>&1) & before=$!
  before_args=(--before http://127.0.0.1:5813/ --before-pid "$before")
fi

(cd "$work/web" && exec dotnet AccountRegistry.Web.dll --urls http://127.0.0.1:5811 >"$work/web.log" 2>&1) & ours=$!
(cd "$work/stock-out" && exec dotnet stock.dll --urls http://127.0.0.1:5812 >"$work/stock.log" 2>&1) & stock=$!
trap 'kill $ours $stock ${before:-} 2>/dev/null || true; local_pg_stop' EXIT
for url in http://127.0.0.1:5811/health http://127.0.0.1:5812/ ${BEFORE_REF:+http://127.0.0.1:5813/health}; do
  for _ in $(seq 60); do curl -fsS -o /dev/null "$url" && break; sleep 1; done
done
dotnet "$work/bench/AccountRegistry.Bench.Load.dll" --ours http://127.0.0.1:5811/ --ours-pid $ours \
  --stock http://127.0.0.1:5812/ --stock-pid $stock "${before_args[@]}" --circuits "$circuits" | tee "$work/result.md"
