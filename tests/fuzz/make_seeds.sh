#!/usr/bin/env bash
# Regenerates the seed inputs of tests/fuzz/corpus/ (seed-*): shipped scenarios, small
# edge lists, run.json files and checkpoints made by a real socred. Inputs the fuzzers
# found (found-*) are kept. Run it after changing a format the seeds exercise:
#   tests/fuzz/make_seeds.sh build/release/src/cli/socred
set -euo pipefail
SOCRED=$(realpath "$1")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS=$HERE/corpus
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for target in scenario edge_list run_manifest checkpoint; do
  mkdir -p "$CORPUS/$target"
  rm -f "$CORPUS/$target"/seed-*
done

# Scenarios: a file, "%%", the file it may extend, "%%", --set lines (see fuzz_scenario.cpp).
S=$CORPUS/scenario
cp "$ROOT/scenarios/default.json" "$S/seed-default.json"
cp "$ROOT/scenarios/validation/degroot.json" "$S/seed-degroot.json"
for f in "$ROOT"/scenarios/*.json; do
  name=$(basename "$f" .json)
  [ "$name" = default ] || cp "$f" "$S/seed-shipped-$name.json"
done
printf '%s\n%%%%\n%s\n%%%%\nticks=30\nsociety.agents=500\n' \
  '{"extends": "b.json", "name": "child", "policies": {"travel_ban": {"threshold": 600}}}' \
  "$(cat "$ROOT/scenarios/validation/degroot.json")" >"$S/seed-extends-and-set"
printf '%s\n' '{"events": [{"tick": 3, "set": {"policies.travel_ban.enabled": false}, "note": "repeal"},' \
  '{"tick": 1, "set": {"scoring.contagion.weight": 0.1}}], "metrics": {"component_every": 4}}' \
  >"$S/seed-events"
printf '%s\n%%%%\n%s\n' '{"extends": "b.json"}' '{"extends": "a.json"}' >"$S/seed-cycle"
printf '%s\n%%%%\n{}\n%%%%\n%s\n' '{}' 'network.generator=file
network.file=edges.txt
policies.travel_ban.treshold=1
seed=3' >"$S/seed-set-errors"
printf '%s\n' '{"policies": {"travel_ban": {"threshold": "low"}}, "socity": {}, "ticks": 1e400,' \
  '"network": {"mean_degree": 5000}, "society": {"agents": 4000000000, "regions": 65535}}' \
  >"$S/seed-errors"
printf '{"name": "x\\u0000\\n", "description": "\\ud83d\\ude00", "seed": 9007199254740991}\n' \
  >"$S/seed-strings"
# A byte-order mark, a key given twice and numbers beyond their range (issue 19).
printf '\xef\xbb\xbf{"seed": 7, "seed": 18446744073709551616,\n "society": {"agents": 2.50},\n %s\n' \
  '"events": [{"tick": 1, "tick": 2, "set": {"ticks": 1e20}}]}' >"$S/seed-duplicates-bom"

# Edge lists: plain text for parse_edge_list; gzip for read_edge_list.
E=$CORPUS/edge_list
{ zcat "$ROOT/tests/data/facebook_combined.txt.gz" || true; } | head -300 >"$E/seed-facebook-head.txt"
printf '# a comment\n%% another\n\n10\t20\n20 30 0.5\n  30,10\r\n40 40\n10 20\n' >"$E/seed-formats.txt"
printf '3000000000 7\n7 123456789\n0 3999999999\n' >"$E/seed-sparse.txt"
printf '1 2\n3 x\n' >"$E/seed-bad-line.txt"
printf '\xef\xbb\xbf1 2\n2 3\n' >"$E/seed-bom.txt"
printf '1 2 1577836800\n2 3 1577836801\n3 1 1577836802\n' | gzip -9n >"$E/seed-small.txt.gz"

# run.json and checkpoints from real runs: complete, interrupted (Ctrl-C saves both).
M=$CORPUS/run_manifest
C=$CORPUS/checkpoint
cd "$WORK"
cp "$E/seed-sparse.txt" edges.txt
# As a user types it: "socred" found on the PATH, paths relative to the run's directory.
socred() { PATH="$(dirname "$SOCRED"):$PATH" command socred "$@"; }
interrupted_run() {
  local name=$1
  shift
  (PATH="$(dirname "$SOCRED"):$PATH" exec socred -q run --ticks 100000 --checkpoint-every 1 \
    --out "$name" "$@" >/dev/null 2>&1) &
  local pid=$!
  for _ in $(seq 1 500); do
    [ -e "$name.partial/checkpoint.socred" ] && [ "$(wc -l <"$name.partial/metrics.csv")" -ge 5 ] && break
    sleep 0.02
  done
  kill -INT "$pid"
  wait "$pid" || true
  cp "$name.partial/run.json" "$M/seed-$name.json"
  cp "$name.partial/checkpoint.socred" "$C/seed-$name.socred"
}
socred -q run --agents 40 --ticks 5 --seed 3 --out done >/dev/null
cp done/run.json "$M/seed-complete.json"
interrupted_run interrupted --agents 30 --seed 5 --set metrics.component_every=3 \
  --set 'policies.rewards.enabled=false'
interrupted_run sparse-network --network edges.txt --set 'scoring.variant="points"'
echo "seeds written to $CORPUS"
