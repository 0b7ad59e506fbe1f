#!/usr/bin/env bash
# The socred command line as a user meets it: exit codes, one-line errors, outputs.
# Usage: cli_test.sh path/to/socred source-dir
set -u
SOCRED=$1
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"

expect 0 "help" -- "$SOCRED" --help
grep -q "validate" "$WORK/out" || fail "help lists validate"
expect 0 "version" -- "$SOCRED" --version
grep -q "^socred " "$WORK/out" || fail "version prints socred"

# Every shipped scenario validates.
expect 0 "validate shipped scenarios" -- "$SOCRED" validate $(find "$SRC/scenarios" -name '*.json' | sort)
[ "$(grep -c ': ok$' "$WORK/out")" -ge 2 ] || fail "validate prints ok per file"

# A bad file: exit 2, every error on its own line, naming file and pointer.
cat >"$WORK/bad.json" <<'JSON'
{"policies": {"travel_ban": {"threshold": "low"}}, "socity": {}}
JSON
expect 2 "validate a bad file" -- "$SOCRED" validate "$WORK/bad.json"
grep -qF "$WORK/bad.json: /policies/travel_ban/threshold: expected a number in [350, 950], got \"low\"" "$WORK/err" \
  || fail "bad threshold message: $(cat "$WORK/err")"
grep -qF '/socity: unknown key "socity" (did you mean "society"?)' "$WORK/err" || fail "did-you-mean"
[ "$(wc -l <"$WORK/err")" = 2 ] || fail "two errors, two lines"
expect 2 "validate a missing file" -- "$SOCRED" validate "$WORK/missing.json"
grep -qF "$WORK/missing.json: no such file" "$WORK/err" || fail "missing file message"

# show-scenario prints JSON that loads again to the same scenario.
expect 0 "show-scenario" -- "$SOCRED" show-scenario --set policies.travel_ban.threshold=600
cp "$WORK/out" "$WORK/resolved.json"
grep -q '"threshold": 600' "$WORK/resolved.json" || fail "--set applied in show-scenario"
expect 0 "validate the printed scenario" -- "$SOCRED" validate "$WORK/resolved.json"
expect 0 "show it again" -- "$SOCRED" show-scenario "$WORK/resolved.json"
cmp -s "$WORK/out" "$WORK/resolved.json" || fail "show-scenario round trip differs"
expect 2 "bad --set" -- "$SOCRED" show-scenario --set policies.travel_ban.threshold=low
grep -qF -- '--set policies.travel_ban.threshold: expected a number in [350, 950], got "low"' "$WORK/err" \
  || fail "bad --set message: $(cat "$WORK/err")"

# The reference document is the program's own output.
expect 0 "reference" -- "$SOCRED" reference
cmp -s "$WORK/out" "$SRC/docs/scenario-reference.md" || fail "docs/scenario-reference.md is stale"

# A run writes its outputs and a summary.
expect 0 "run" -- "$SOCRED" run --agents 400 --ticks 30 --out "$WORK/run1" --threads 1
for f in metrics.csv histogram.csv events.csv agents_initial.csv agents_final.csv edges_initial.csv edges_final.csv run.json; do
  [ -s "$WORK/run1/$f" ] || fail "run wrote $f"
done
[ ! -e "$WORK/run1.partial" ] || fail "no .partial left after a run"
grep -q "Restrictions" "$WORK/out" || fail "summary on stdout"
[ "$(wc -l <"$WORK/run1/metrics.csv")" = 32 ] || fail "metrics.csv has header + 31 rows"

# Same seed, 2 threads: identical files.
expect 0 "run with 2 threads" -- "$SOCRED" -q run --agents 400 --ticks 30 --out "$WORK/run2" --threads 2
for f in metrics.csv histogram.csv events.csv agents_final.csv edges_final.csv; do
  cmp -s "$WORK/run1/$f" "$WORK/run2/$f" || fail "$f differs between 1 and 2 threads"
done

# Flags that override the scenario are checked like --set, and name the flag.
expect 2 "bad --agents" -- "$SOCRED" run --agents 1 --out "$WORK/never"
grep -qF -- "--agents: expected an integer in [2, 4000000000], got 1" "$WORK/err" || fail "--agents message: $(cat "$WORK/err")"
[ ! -e "$WORK/never" ] && [ ! -e "$WORK/never.partial" ] || fail "a rejected run writes nothing"
# A malformed --set is blamed on --set even when a flag sets the same parameter.
expect 2 "malformed --set beside --ticks" -- "$SOCRED" run --set ticks --ticks 1 --out "$WORK/never"
grep -qF -- "--set ticks: expected PATH=VALUE" "$WORK/err" || fail "malformed --set names --set: $(cat "$WORK/err")"
expect 2 "unknown option" -- "$SOCRED" run --frobnicate
expect 2 "bad network file" -- "$SOCRED" -q run --network "$WORK/bad.json" --ticks 1 --out "$WORK/never"
grep -qF "$WORK/bad.json: line 1: expected two non-negative integer node ids" "$WORK/err" || fail "network error: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" = 1 ] || fail "network error is one line"

# A real network.
expect 0 "run on the Facebook network" -- "$SOCRED" -q run --network "$SRC/tests/data/facebook_combined.txt.gz" --ticks 3 --out "$WORK/fb"
[ "$(wc -l <"$WORK/fb/agents_final.csv")" = 4040 ] || fail "4,039 citizens from the Facebook network"

# Refuses to overwrite a directory that is not a run.
mkdir -p "$WORK/mine" && echo keep >"$WORK/mine/notes.txt"
expect 2 "refuse to overwrite" -- "$SOCRED" run --agents 100 --ticks 1 --out "$WORK/mine"
[ -f "$WORK/mine/notes.txt" ] || fail "user's file kept"

# The benchmark runs end to end (its figures are not checked here: speed is measured, not
# asserted), writes JSON, and no tick allocates.
expect 0 "bench" -- "$SOCRED" -q bench --agents 3000 --degree 10 --ticks 3 --warmup 1 --probe-mib 16 --json "$WORK/bench.json"
python3 - "$WORK/bench.json" <<'PY' || fail "bench JSON"
import json, sys
d = json.load(open(sys.argv[1]))
runs = d["runs"]
assert [(r["config"], r["network"]) for r in runs] == [("degroot", "random"), ("degroot", "society"), ("full", "society")], runs
for r in runs:
    assert r["timed_allocations"] == 0, r
    assert r["tick_seconds"]["median"] > 0 and set(r["phase_seconds"]) >= {"contagion", "metrics"}
    assert [s["ranks"] for s in r["splits"]] == [2, 4, 16, 64], r["splits"]
    assert all(0 < s["cut_ties"] < s["ties"] and s["largest_rank_citizens"] < 3000 for s in r["splits"]), r["splits"]
assert d["machine"]["random_gathers_per_second"] > 0
PY
expect 2 "bench with a bad degree" -- "$SOCRED" bench --agents 1000 --degree 5000
expect 2 "bench with a negative warm-up" -- "$SOCRED" bench --warmup -1
grep -qF -- "--warmup: expected a whole number of weeks, 0 or more, got -1" "$WORK/err" \
  && [ "$(wc -c <"$WORK/err")" -lt 200 ] || fail "--warmup -1: one short line: $(cat "$WORK/err")"

# --edge-list alone times only the SNAP reader and counts what it dropped.
printf '# a comment\n0 1\n1 0\n2 2\n1 2\n' > "$WORK/tiny.txt"
expect 0 "bench --edge-list" -- "$SOCRED" -q bench --edge-list "$WORK/tiny.txt" --probe-mib 0 --json "$WORK/edges.json"
python3 - "$WORK/edges.json" <<'PY' || fail "bench --edge-list JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["runs"] == [], d["runs"]
e = d["edge_list"]
assert (e["lines"], e["nodes"], e["edges"], e["self_loops_dropped"], e["duplicates_dropped"]) == (5, 3, 2, 1, 1), e
assert e["bytes_per_second"] > 0
PY
expect 2 "bench --edge-list with a bad line" -- "$SOCRED" bench --edge-list "$SOCRED" --probe-mib 0

finish "CLI"
