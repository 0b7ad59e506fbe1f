#!/usr/bin/env bash
# socred-gui's command line, as a script or a person uses it: bad flags get one line and exit
# code 2; a GUI run and a CLI run of the same scenario and seed write the same metrics.csv;
# scripted outputs (a chart PNG, metrics.csv) appear whole.
#   gui_cli_test.sh SOCRED_GUI SOCRED SOURCE_DIR
set -u
# One virtual X server for the whole script (starting one per run now and then trips
# xvfb-run's own clean-up, which then replaces the program's exit code with its own).
if [ -z "${SOCRED_UNDER_XVFB:-}" ]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' env SOCRED_UNDER_XVFB=1 bash "$0" "$@"
fi
GUI=$1
CLI=$2
SRC=$3
source "$(dirname "${BASH_SOURCE[0]}")/../cli/test_lib.sh"  # WORK, fail, finish

# Bad input: exit 2 and exactly one line on stderr naming the problem.
expect_bad() {
  local what=$1 pattern=$2
  shift 2
  "$GUI" -q "$@" --exit >"$WORK/out" 2>"$WORK/err"
  local code=$?
  # xvfb-run and Mesa may add their own lines; count ours.
  local ours
  ours=$(grep -c "" <(grep -v -e "vertical sync" -e "^$" "$WORK/err"))
  [ "$code" = 2 ] || fail "$what: exit code $code, expected 2"
  [ "$ours" = 1 ] || fail "$what: $ours lines on stderr, expected 1: $(cat "$WORK/err")"
  grep -q -- "$pattern" "$WORK/err" || fail "$what: stderr lacks \"$pattern\": $(cat "$WORK/err")"
}
expect_bad "unknown flag" "--no-such-flag" --no-such-flag
expect_bad "change without =" "expected \[WEEK:\]PATH=VALUE" --change 5:policies.travel_ban.enabled
expect_bad "change of an unknown field" "unknown parameter" --change policies.nope=1
expect_bad "change out of range" "950" --change 3:policies.travel_ban.threshold=2000
expect_bad "change of a build-time field" "cannot change during a run" --change society.agents=500
expect_bad "bad week" "WEEK a whole number" --change x:policies.travel_ban.enabled=true
expect_bad "unknown panel" "--panel" --panel nope
expect_bad "unknown chart" "unknown chart \"nope\"" --chart-screenshot nope=x.png
expect_bad "bad --set" "/policies/travel_ban/threshold\|policies.travel_ban.threshold" \
  --set policies.travel_ban.threshold=low
expect_bad "missing scenario" "nonexistent.json" --scenario "$WORK/nonexistent.json"
expect_bad "bad size" "expected WIDTHxHEIGHT" --size 100x100
expect_bad "unknown area" "unknown area \"nope\"" --area-screenshot nope=x.png
expect_bad "citizen out of range" "--select 999: no such citizen" --agents 200 --select 999

# A network that cannot be read ends a scripted run at once (issue 19: it never exited):
# missing (caught before the window opens), or a bad line (found by the simulation thread).
printf '1 2\n3 x\n' >"$WORK/bad-edges.txt"
for network in /missing.txt "$WORK/bad-edges.txt"; do
  timeout 60 "$GUI" -q --network "$network" --ticks 2 --exit >"$WORK/out" 2>"$WORK/err"
  code=$?
  [ "$code" = 2 ] || fail "--network $network: exit code $code, expected 2 (124: it hung)"
  [ "$(grep -c -e "cannot open the edge list: no such file" -e "line 2: expected two" "$WORK/err")" = 1 ] ||
    fail "--network $network: one line naming the problem: $(cat "$WORK/err")"
done

# No display: one line, exit 2.
env -u DISPLAY "$GUI" -q >"$WORK/out" 2>"$WORK/err"
code=$?
[ "$code" = 2 ] || fail "no display: exit code $code"
grep -q "no display" "$WORK/err" || fail "no display: $(cat "$WORK/err")"

# The same scenario and seed: the GUI's metrics.csv equals socred run's, byte for byte.
"$GUI" -q --agents 600 --seed 9 --set policies.travel_ban.threshold=620 --ticks 25 \
  --metrics-csv "$WORK/gui.csv" --exit || fail "GUI run failed"
"$CLI" -q run --agents 600 --seed 9 --set policies.travel_ban.threshold=620 --ticks 25 \
  --out "$WORK/cli" >/dev/null || fail "CLI run failed"
cmp -s "$WORK/gui.csv" "$WORK/cli/metrics.csv" || fail "GUI and CLI metrics.csv differ"
[ "$(wc -l <"$WORK/gui.csv")" = 27 ] || fail "metrics.csv has $(wc -l <"$WORK/gui.csv") lines, expected 27"

# A chart saved as PNG has the chart's size, and no temporary file is left behind.
"$GUI" -q --agents 300 --ticks 10 --chart-screenshot "cross_line_share=$WORK/chart.png" \
  --exit || fail "chart screenshot run failed"
python3 - "$WORK/chart.png" <<'PY' || fail "chart PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert 150 <= width <= 400 and 80 <= height <= 200, f"unexpected chart size {width}x{height}"
PY
leftovers=$(find "$WORK" -name '*.partial*' | wc -l)
[ "$leftovers" = 0 ] || fail "temporary files left behind"

# The frame benchmark prints its percentiles and the CPU time per frame.
"$GUI" -q --agents 300 --benchmark-frames 20 >"$WORK/bench" 2>/dev/null || fail "benchmark run failed"
grep -q "frame time median .* p95 " "$WORK/bench" || fail "benchmark: no percentiles: $(cat "$WORK/bench")"
grep -q "CPU time per frame [0-9.]* ms" "$WORK/bench" || fail "benchmark: no CPU time: $(cat "$WORK/bench")"

# A scenario file from the picker's folder loads by name, as a positional argument too.
"$GUI" -q "$SRC/scenarios/validation/degroot.json" --agents 200 --ticks 2 --exit \
  || fail "positional scenario"

finish "socred-gui command line"
