#!/usr/bin/env bash
# The research workflow as a user meets it: sweeps (parallel, resumable after SIGKILL, the
# same summary whatever --jobs), counterfactual twins, run --from, and real networks.
# Usage: research_test.sh path/to/socred source-dir
set -u
SOCRED=$(realpath "$1")
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

# --- Sweeps: 3 values x 2 parameters x 5 replicates on 2,000 citizens --------------------
SWEEP=(sweep --agents 2000 --ticks 20 --vary scoring.contagion.weight=0,0.05,0.1
       --vary adaptation.drop_probability=0.2:0.6:0.2 --replicates 5)

expect 0 "sweep with 1 job" -- "$SOCRED" "${SWEEP[@]}" --jobs 1 --threads 1 --out "$WORK/one" \
  --report assortativity
[ "$(wc -l <"$WORK/one/summary.csv")" = 46 ] || fail "summary.csv has a header and 45 rows"
head -1 "$WORK/one/summary.csv" | grep -q '^run,scoring.contagion.weight,adaptation.drop_probability,replicate,seed,final_scored,avg_scored,' \
  || fail "summary header: $(head -c 200 "$WORK/one/summary.csv")"
[ "$(cut -d, -f1 "$WORK/one/summary.csv" | sed -n '2p;3p;7p;46p' | tr '\n' ' ')" = "p0-r0 p0-r1 p1-r0 p8-r4 " ] \
  || fail "rows in plan order"
[ "$(sed -n 3p "$WORK/one/summary.csv" | cut -d, -f2-5)" = "0,0.2,1,6529064058449557" ] \
  || fail "replicate 1's values and seed: $(sed -n 3p "$WORK/one/summary.csv" | cut -d, -f1-5)"
[ "$(sed -n 4p "$WORK/one/summary.csv" | cut -d, -f3)" = "0.2" ] || fail "the same grid point for every replicate"
[ "$(sed -n 7p "$WORK/one/summary.csv" | cut -d, -f2,3)" = "0,0.4" ] || fail "the last --vary changes fastest"
[ -f "$WORK/one/sweep.json" ] || fail "sweep.json written"
[ "$(ls "$WORK/one/runs/p4-r2")" = "$(printf 'run.json\nsummary.csv')" ] || fail "runs keep run.json and their row only"
grep -q "final_assortativity" "$WORK/out" || fail "--report prints the column"
[ "$(grep -c ' ± [0-9]' "$WORK/out")" = 9 ] || fail "--report: one line per grid point"

expect 0 "sweep with 2 jobs" -- "$SOCRED" -q "${SWEEP[@]}" --jobs 2 --out "$WORK/two"
cmp -s "$WORK/one/summary.csv" "$WORK/two/summary.csv" || fail "summary.csv differs between 1 and 2 jobs"

# Killed half-way with SIGKILL, then the same command resumes to the same summary.
"$SOCRED" "${SWEEP[@]}" --jobs 2 --out "$WORK/killed" >/dev/null 2>&1 &
pid=$!
# Complete runs: directories renamed into place (a .partial one may already hold its row).
complete_runs() { find "$WORK/killed/runs" -name '*.partial' -prune -o -name summary.csv -print 2>/dev/null | wc -l; }
for _ in $(seq 1 2400); do
  done_runs=$(complete_runs)
  [ "$done_runs" -ge 20 ] && break  # of 45: about half-way
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
complete=$(complete_runs)
if [ -e "$WORK/killed/summary.csv" ] || [ "$complete" -ge 45 ]; then
  fail "the sweep finished before it could be killed ($complete runs)"
fi
[ "$complete" -ge 1 ] || fail "runs completed before the kill"
expect 0 "resume after SIGKILL" -- "$SOCRED" "${SWEEP[@]}" --jobs 2 --out "$WORK/killed"
grep -q "$complete already complete" "$WORK/err" || fail "resume skips the $complete complete runs: $(head -2 "$WORK/err")"
cmp -s "$WORK/one/summary.csv" "$WORK/killed/summary.csv" || fail "resumed summary.csv differs"
[ -z "$(find "$WORK/killed" -name '*.partial')" ] || fail "no .partial left after resuming"

expect 0 "re-run a finished sweep" -- "$SOCRED" "${SWEEP[@]}" --out "$WORK/one"
grep -q "all were already complete" "$WORK/out" || fail "nothing re-run: $(cat "$WORK/out")"
expect 2 "a different sweep on the same directory" -- "$SOCRED" sweep --agents 2000 --ticks 20 \
  --vary scoring.contagion.weight=0,0.05,0.2 --vary adaptation.drop_probability=0.2:0.6:0.2 \
  --replicates 5 --out "$WORK/one"
grep -qF "$WORK/one: holds a different sweep: it differs at /vary/0/values/2 (0.1 there, 0.2 now); use another --out" "$WORK/err" \
  || fail "different sweep message: $(cat "$WORK/err")"
cmp -s "$WORK/one/summary.csv" "$WORK/two/summary.csv" || fail "a refused sweep leaves the summary alone"

mkdir -p "$WORK/mine" && echo keep >"$WORK/mine/notes.txt"
expect 2 "refuse a directory that is not a sweep" -- "$SOCRED" "${SWEEP[@]}" --out "$WORK/mine"
[ "$(ls "$WORK/mine")" = notes.txt ] || fail "user's directory untouched"

expect 2 "bad --vary value" -- "$SOCRED" sweep --vary scoring.contagion.weight=0,2 --out "$WORK/never"
grep -qxF -- "--vary scoring.contagion.weight: expected a number in [0, 1], got 2" "$WORK/err" \
  || fail "bad --vary message: $(cat "$WORK/err")"
expect 2 "bad --vary path" -- "$SOCRED" sweep --vary policies.travel_ban.treshold=500:600:50 --out "$WORK/never"
grep -qxF -- '--vary policies.travel_ban.treshold: unknown parameter (did you mean "policies.travel_ban.threshold"?)' "$WORK/err" \
  || fail "bad --vary path message: $(cat "$WORK/err")"
expect 2 "bad --report" -- "$SOCRED" sweep --vary ticks=1,2 --report asortativity --out "$WORK/never"
grep -qF -- '--report asortativity: unknown metric (did you mean "assortativity"?)' "$WORK/err" || fail "bad --report message"
[ ! -e "$WORK/never" ] || fail "a rejected sweep writes nothing"

expect 0 "sweep keeping every run" -- "$SOCRED" -q sweep --agents 300 --ticks 3 --vary ticks=2,3 --keep-runs --out "$WORK/kept"
[ -f "$WORK/kept/runs/p1-r0/metrics.csv" ] && [ -f "$WORK/kept/runs/p1-r0/agents_final.csv" ] || fail "--keep-runs keeps outputs"
[ "$(wc -l <"$WORK/kept/runs/p1-r0/metrics.csv")" = 5 ] || fail "the varied ticks apply"

# --- run --from reproduces a run bit for bit ----------------------------------------------
# An edge list with a self-loop and a duplicate tie, gzip-compressed.
printf '# a small network\n1 2\n2 3\n3 3\n3 4\n2 1\n4 5\n5 1\n6 6\n6 2\n' | gzip >"$WORK/net.txt.gz"
expect 0 "run on a .gz edge list" -- "$SOCRED" run --network "$WORK/net.txt.gz" --ticks 12 \
  --snapshot-every 5 --set policies.travel_ban.threshold=600 --threads 2 --out "$WORK/orig"
grep -qF "Network $WORK/net.txt.gz: 10 lines, 6 distinct ties kept; dropped 2 self-loops and 1 duplicate ties; 6 node ids renumbered 0..5" "$WORK/err" \
  || fail "network counts logged: $(grep Network "$WORK/err")"
python3 - "$WORK/orig/run.json" <<'EOF' || fail "run.json records the network file"
import json, sys
n = json.load(open(sys.argv[1]))["network"]
assert n["self_loops_dropped"] == 2 and n["duplicates_dropped"] == 1 and n["edges_kept"] == 6, n
assert n["lines"] == 10 and n["content_hash"].startswith("fnv1a64:") and n["file"].endswith("net.txt.gz"), n
EOF
(cd "$WORK" && "$SOCRED" -q run --from orig/run.json --out "$WORK/again" --threads 2 >/dev/null) \
  || fail "run --from from another directory"
for f in $(cd "$WORK/orig" && find . -type f ! -name run.json | sort); do
  cmp -s "$WORK/orig/$f" "$WORK/again/$f" || fail "run --from: $f differs"
done
[ "$(cd "$WORK/orig" && find . -type f | sort)" = "$(cd "$WORK/again" && find . -type f | sort)" ] \
  || fail "run --from writes the same files (snapshots included)"
python3 - "$WORK/orig/run.json" "$WORK/again/run.json" <<'EOF' || fail "run.json differs beyond times and the command"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for key in ("started", "finished", "wall_seconds", "phase_seconds", "command", "peak_resident_bytes"):
    a.pop(key); b.pop(key)
assert a == b, [k for k in a if a[k] != b.get(k)]
EOF
expect 2 "--from with --set" -- "$SOCRED" run --from "$WORK/orig/run.json" --set ticks=3 --out "$WORK/never"
grep -qF -- "--from: reproduces $WORK/orig/run.json exactly, so it takes no SCENARIO, --set" "$WORK/err" || fail "--from --set message"
printf '1 2\n2 3\n' | gzip >"$WORK/net.txt.gz"
expect 2 "--from after the network file changed" -- "$SOCRED" -q run --from "$WORK/orig/run.json" --out "$WORK/never"
grep -qF "$WORK/orig/run.json: /network/content_hash: $WORK/net.txt.gz has changed since the run" "$WORK/err" \
  || fail "changed network message: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "one line"
expect 2 "--from a file that is not run.json" -- "$SOCRED" run --from "$WORK/one/summary.csv" --out "$WORK/never"
[ ! -e "$WORK/never" ] || fail "a rejected run writes nothing"

# A sweep over an edge list: a missing file is refused before anything is written, and a
# file changed between two sessions is a different sweep.
expect 2 "sweep on a missing edge list" -- "$SOCRED" sweep --network "$WORK/nowhere.txt" --vary ticks=1,2 --out "$WORK/never"
grep -qxF "$WORK/nowhere.txt: cannot open the edge list: no such file" "$WORK/err" || fail "missing edge list message: $(cat "$WORK/err")"
printf '1 2\n2 3\n3 1\n' >"$WORK/triangle.txt"
expect 0 "sweep on an edge list" -- "$SOCRED" -q sweep --network "$WORK/triangle.txt" --ticks 2 --vary scoring.contagion.weight=0,0.1 --out "$WORK/netsweep"
printf '1 2\n2 3\n3 4\n' >"$WORK/triangle.txt"
expect 2 "resume after the edge list changed" -- "$SOCRED" -q sweep --network "$WORK/triangle.txt" --ticks 2 --vary scoring.contagion.weight=0,0.1 --out "$WORK/netsweep"
grep -qF "holds a different sweep: it differs at /network_content_hash" "$WORK/err" || fail "changed edge list message: $(cat "$WORK/err")"

# A sweep's run, not kept, reproduced in full: its metrics end where its summary row says.
expect 0 "reproduce a sweep run" -- "$SOCRED" -q run --from "$WORK/one/runs/p7-r3/run.json" --out "$WORK/p7r3"
python3 - "$WORK/one/summary.csv" "$WORK/p7r3/metrics.csv" <<'EOF' || fail "a reproduced sweep run matches its summary row"
import csv, sys
row = next(r for r in csv.DictReader(open(sys.argv[1])) if r["run"] == "p7-r3")
series = list(csv.DictReader(open(sys.argv[2])))
for m in ("assortativity", "score_mean", "trips_blocked"):
    assert row["final_" + m] == series[-1][m], m
    weeks = [float(r[m]) for r in series[1:]]
    assert abs(float(row["avg_" + m]) - sum(weeks) / len(weeks)) <= 1e-9 * max(1, abs(float(row["avg_" + m]))), m
EOF

# --- compare: the counterfactual twin -------------------------------------------------------
COMPARE=(compare --agents 2000 --ticks 20 --base-set policies.travel_ban.threshold=640
         --set policies.travel_ban.enabled=false --at 8 --replicates 3)
expect 0 "compare a travel-ban toggle" -- "$SOCRED" "${COMPARE[@]}" --jobs 2 --out "$WORK/twins"
grep -q "Before week 8 every metric is identical in both twins" "$WORK/out" || fail "compare says the twins agree before week 8"
grep -q "^  trips_blocked " "$WORK/out" || fail "compare prints trips_blocked"
for f in difference.csv effects.csv compare.json runs/r0-baseline/run.json runs/r2-changed/run.json; do
  [ -f "$WORK/twins/$f" ] || fail "compare wrote $f"
done
python3 - "$WORK/twins/difference.csv" "$WORK/twins/effects.csv" <<'EOF' || fail "twins identical before the toggle, trips_blocked lower after"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 21 * 88, len(rows)
before = [r for r in rows if int(r["tick"]) < 8]
assert all(r["difference"] == r["low"] == r["high"] == "0" for r in before), "non-zero before week 8"
blocked = [float(r["difference"]) for r in rows if r["metric"] == "trips_blocked" and int(r["tick"]) >= 8]
assert min(blocked) < 0 and max(blocked) <= 0, blocked
effects = {r["metric"]: r for r in csv.DictReader(open(sys.argv[2]))}
assert int(effects["trips_blocked"]["first_different"]) >= 8
assert float(effects["trips_blocked"]["average_high"]) < 0
EOF
expect 0 "compare with 1 job" -- "$SOCRED" -q "${COMPARE[@]}" --jobs 1 --out "$WORK/twins1"
cmp -s "$WORK/twins/difference.csv" "$WORK/twins1/difference.csv" || fail "difference.csv depends on --jobs"
expect 2 "compare a parameter that shapes the society" -- "$SOCRED" compare --set society.agents=100 --out "$WORK/never"
grep -qF -- "--set society.agents: cannot change during a run" "$WORK/err" || fail "non-run-time --set message"
expect 2 "compare --at beyond the run" -- "$SOCRED" compare --ticks 10 --set policies.travel_ban.enabled=false --at 11 --out "$WORK/never"
grep -qxF -- "--at: expected a week in [1, 10] (the run's ticks), got 11" "$WORK/err" || fail "--at message: $(cat "$WORK/err")"
expect 2 "bad --base-set" -- "$SOCRED" compare --base-set policies.travel_ban.threshold=1 --set policies.travel_ban.enabled=false --out "$WORK/never"
grep -qxF -- "--base-set policies.travel_ban.threshold: expected a number in [350, 950], got 1" "$WORK/err" || fail "--base-set message: $(cat "$WORK/err")"
expect 2 "compare over a directory that is not a comparison" -- "$SOCRED" compare --ticks 2 --agents 100 --set policies.travel_ban.enabled=false --out "$WORK/mine"
[ "$(ls "$WORK/mine")" = notes.txt ] || fail "user's directory untouched by compare"
[ ! -e "$WORK/never" ] && [ ! -e "$WORK/never.partial" ] || fail "a rejected compare writes nothing"

expect 0 "reference --metrics" -- "$SOCRED" reference --metrics
grep -qF '| `trips_blocked` | trips | Trips refused under the travel ban this week |' "$WORK/out" || fail "metrics table"

finish "research workflow"
