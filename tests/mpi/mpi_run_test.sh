#!/usr/bin/env bash
# `socred-mpi run` as a user meets it: one society split across 1-4 ranks gives the files of
# `socred run` byte for byte (metrics, histogram, events, snapshots, final agents and ties),
# for scenarios that exercise every mechanism, a timeline, voluntary participation, a city
# split between ranks and a real network; bad input is refused on one line by rank 0 alone.
# Usage: mpi_run_test.sh path/to/socred path/to/socred-mpi mpirun source-dir
set -u
SOCRED=$(realpath "$1")
SOCRED_MPI=$(realpath "$2")
MPIRUN=$3
SRC=$(realpath "$4")
source "$SRC/tests/cli/test_lib.sh"
MPI=("$MPIRUN" --allow-run-as-root --oversubscribe)
FILES=(metrics.csv histogram.csv events.csv agents_final.csv edges_final.csv)

# same_run NAME RANKS... -- RUN-ARGUMENTS: socred run once, socred-mpi run on each rank count.
same_run() {
  local name=$1
  shift
  local ranks=()
  while [ "$1" != "--" ]; do ranks+=("$1"); shift; done
  shift
  expect 0 "$name: socred run" -- "$SOCRED" -q run "$@" --threads 1 --out "$WORK/$name-plain"
  for r in "${ranks[@]}"; do
    expect 0 "$name: socred-mpi run on $r ranks" -- "${MPI[@]}" -np "$r" "$SOCRED_MPI" -q run \
      "$@" --threads 1 --out "$WORK/$name-r$r"
    cp "$WORK/out" "$WORK/$name-r$r.log"
    for f in "${FILES[@]}"; do
      cmp -s "$WORK/$name-plain/$f" "$WORK/$name-r$r/$f" \
        || fail "$name: $f differs between socred run and socred-mpi run on $r ranks"
    done
    if [ -d "$WORK/$name-plain/snapshots" ]; then
      diff -r -q "$WORK/$name-plain/snapshots" "$WORK/$name-r$r/snapshots" >/dev/null \
        || fail "$name: snapshots differ on $r ranks"
    fi
    [ "$(grep -c '^socred run:' "$WORK/out")" = 1 ] || fail "$name: one summary, from rank 0"
    grep -q "^socred-mpi: $r ranks, " "$WORK/out" || fail "$name: exchange report: $(tail -3 "$WORK/out")"
  done
}

# Every mechanism and policy of the default scenario, snapshots on.
same_run default 1 2 3 4 -- --agents 2500 --ticks 16 --seed 11 --snapshot-every 5
# run.json of a distributed run reproduces it on one machine (`socred run --from`).
expect 0 "socred run --from a socred-mpi run.json" -- "$SOCRED" -q run --from "$WORK/default-r4/run.json" \
  --out "$WORK/default-from"
cmp -s "$WORK/default-plain/metrics.csv" "$WORK/default-from/metrics.csv" \
  || fail "socred run --from a socred-mpi run gives other metrics"
# The 2020 state plan's timeline (policies switched on mid-run), and one city split between
# ranks (two cities, four ranks): strangers met across the cut must be fetched.
same_run state-plan 2 4 -- "$SRC/scenarios/state-plan-2020.json" --agents 2000 --ticks 30 \
  --set society.regions=2 --seed 3
awk '$1 ~ /^[0-9]+$/ && $4 > 0 { found = 1 } END { exit !found }' "$WORK/state-plan-r4.log" \
  || fail "state-plan: no stranger was fetched from another rank: $(tail -6 "$WORK/state-plan-r4.log")"
# Voluntary participation (Sesame Credit, 2015), and guilt by association.
same_run sesame 3 -- "$SRC/scenarios/sesame-credit-2015.json" --agents 2000 --ticks 20 --seed 5
same_run guilt 2 -- "$SRC/scenarios/guilt-by-association.json" --agents 2000 --ticks 20 --seed 9
# A real network: the 4,039 Facebook users (numbered as read, not city by city).
same_run facebook 3 -- --network "$SRC/tests/data/facebook_combined.txt.gz" --ticks 8 --seed 2

# More ranks than firms (some ranks own no one), and two threads per rank.
same_run few-firms 4 -- --agents 60 --ticks 10 --set society.regions=1 \
  --set society.mean_firm_size=1000 --set network.mean_degree=6
grep -qE "^ +[0-9]+ +0 " "$WORK/few-firms-r4.log" || fail "few-firms: no rank was empty: $(tail -6 "$WORK/few-firms-r4.log")"
# Adaptation switched off, then on again, by the timeline (proposals stop, then resume).
cat > "$WORK/toggle.json" <<JSON
{"extends": "$SRC/scenarios/default.json",
 "events": [{"tick": 4, "set": {"adaptation.enabled": false}},
            {"tick": 9, "set": {"adaptation.enabled": true}}]}
JSON
same_run toggle 3 -- "$WORK/toggle.json" --agents 1500 --ticks 14 --seed 4
if [ "$(nproc)" -ge 2 ]; then
  expect 0 "two threads per rank" -- "${MPI[@]}" --bind-to none -np 2 "$SOCRED_MPI" -q run \
    --agents 2500 --ticks 16 --seed 11 --snapshot-every 5 --threads 2 --out "$WORK/threads"
  cmp -s "$WORK/default-plain/metrics.csv" "$WORK/threads/metrics.csv" \
    && cmp -s "$WORK/default-plain/agents_final.csv" "$WORK/threads/agents_final.csv" \
    || fail "two threads per rank give other results"
fi

# Bad input: one line from rank 0, exit 2, no output directory.
expect 2 "missing scenario" -- "${MPI[@]}" -np 3 "$SOCRED_MPI" run "$WORK/nope.json" --out "$WORK/bad"
[ "$(grep -c 'nope.json' "$WORK/err")" = 1 ] || fail "missing scenario: reported once: $(cat "$WORK/err")"
expect 2 "bad --set" -- "${MPI[@]}" -np 2 "$SOCRED_MPI" run --set scoring.contagion.weight=2 --out "$WORK/bad"
[ "$(grep -c 'scoring.contagion.weight' "$WORK/err")" = 1 ] || fail "bad --set: reported once: $(cat "$WORK/err")"
# Every rank holds a whole world: the memory check counts one per rank on the node.
expect 2 "too big for 4 ranks on this machine" -- "${MPI[@]}" -np 4 "$SOCRED_MPI" run \
  --agents 4000000000 --ticks 1 --out "$WORK/bad"
grep -q "not enough memory.*4 ranks on this node" "$WORK/err" || fail "memory check per node: $(cat "$WORK/err")"
# An output directory that is not a run's is refused before the society is built.
mkdir -p "$WORK/not-a-run" && touch "$WORK/not-a-run/precious.txt"
expect 2 "foreign output directory" -- "${MPI[@]}" -np 2 "$SOCRED_MPI" run --agents 500 --ticks 1 \
  --out "$WORK/not-a-run"
grep -q "not a socred run directory" "$WORK/err" && ! grep -q "citizens" "$WORK/err" \
  || fail "foreign output directory: refused before building: $(cat "$WORK/err")"
[ -e "$WORK/not-a-run/precious.txt" ] || fail "foreign output directory: its file is gone"
[ ! -e "$WORK/bad" ] && [ ! -e "$WORK/bad.partial" ] || fail "bad input left an output directory"

finish socred-mpi-run
