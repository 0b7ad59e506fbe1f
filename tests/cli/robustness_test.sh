#!/usr/bin/env bash
# socred run under stress, as a user meets it: runs too big for the machine, a run killed
# with SIGKILL and resumed, Ctrl-C once and twice, damaged checkpoints.
# Usage: robustness_test.sh path/to/socred
set -u
SOCRED=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE DESCRIPTION -- command...   (stdout/stderr kept in out, err)
expect() {
  local code=$1 what=$2
  shift 3
  "$@" >out 2>err
  local got=$?
  if [ "$got" != "$code" ]; then
    fail "$what: exit $got, expected $code"
    sed 's/^/  stderr: /' err | head -5
  fi
}
one_line() { [ "$(wc -l <err)" = 1 ] || fail "$1: expected one line on stderr, got: $(cat err)"; }

# Every output file identical to the reference run's; run.json identical but for what
# describes this process (times, threads, memory, resumes).
same_outputs() {
  local ref=$1 dir=$2 what=$3 f
  [ -d "$dir" ] && [ ! -e "$dir.partial" ] || fail "$what: $dir is complete and alone"
  for f in $(cd "$ref" && find . -type f ! -name run.json | sort); do
    cmp -s "$ref/$f" "$dir/$f" || fail "$what: $f differs from the uninterrupted run"
  done
  [ "$(cd "$ref" && find . -type f | wc -l)" = "$(cd "$dir" && find . -type f | wc -l)" ] ||
    fail "$what: not the same files as the uninterrupted run"
  python3 - "$ref/run.json" "$dir/run.json" <<'PY' || fail "$what: run.json differs beyond times and threads"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert b["resumed_at"], "resumed_at records the resume"
for m in (a, b):
    for key in ("started", "finished", "wall_seconds", "phase_seconds", "threads", "command",
                "peak_resident_bytes", "resumed_at"):
        m.pop(key)
assert a == b, (a, b)
PY
}

# Waits until FILE exists and metrics.csv in DIR has at least LINES lines.
wait_for() {
  local dir=$1 file=$2 lines=$3 pid=$4
  for _ in $(seq 1 3000); do
    if [ -e "$file" ] && [ "$(wc -l <"$dir/metrics.csv" 2>/dev/null || echo 0)" -ge "$lines" ]; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

RUN=(-q run --agents 3000 --ticks 60 --snapshot-every 20)

# --- Runs too big for the machine are refused before anything is allocated or written.
expect 2 "a billion citizens" -- "$SOCRED" run --agents 1000000000 --out big
one_line "a billion citizens"
grep -qE '^socred run: not enough memory: this run needs about [0-9.]+ [GT]iB \(1,000,000,000 citizens' err ||
  fail "memory message: $(cat err)"
[ ! -e big ] && [ ! -e big.partial ] || fail "a refused run writes nothing"
if [ "$(df -Pk . | awk 'NR==2 {print $4}')" -lt $((1 << 30)) ]; then  # under 1 TiB free
  expect 2 "a billion weeks" -- "$SOCRED" run --agents 500 --ticks 1000000000 --out long
  one_line "a billion weeks"
  grep -q "not enough disk space: the outputs need about" err || fail "disk message: $(cat err)"
fi

# --- The reference: an uninterrupted run, on one thread.
expect 0 "reference run" -- "$SOCRED" "${RUN[@]}" --threads 1 --out ref

# --- Killed with SIGKILL after a checkpoint, then resumed: the same files.
"$SOCRED" "${RUN[@]}" --threads 2 --checkpoint-every 5 --out killed >/dev/null 2>&1 &
pid=$!
wait_for killed.partial killed.partial/checkpoint.socred 12 "$pid" || fail "no checkpoint appeared"
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ ! -e killed ] || fail "the run finished before it was killed; make the test run longer"
[ -e killed.partial/checkpoint.socred ] || fail "a checkpoint is kept in killed.partial"
cp -r killed.partial damaged.partial
expect 0 "resume after SIGKILL" -- "$SOCRED" -q run --resume killed --threads 2
same_outputs ref killed "resumed after SIGKILL"

# --- A damaged or truncated checkpoint is refused with one line, and nothing changes.
python3 - damaged.partial/checkpoint.socred <<'PY'
import sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
d[len(d) // 2] ^= 0x40
open(p, "wb").write(d)
PY
before=$(cd damaged.partial && ls -lR)
expect 2 "resume a damaged checkpoint" -- "$SOCRED" run --resume damaged
one_line "damaged checkpoint"
grep -qF "damaged.partial/checkpoint.socred: checksum mismatch: the file is damaged" err ||
  fail "damaged message: $(cat err)"
[ "$before" = "$(cd damaged.partial && ls -lR)" ] || fail "a refused resume changes nothing"
truncate -s 1000 damaged.partial/checkpoint.socred
expect 2 "resume a truncated checkpoint" -- "$SOCRED" run --resume damaged.partial
one_line "truncated checkpoint"
grep -qF "damaged.partial/checkpoint.socred: truncated: the header promises" err ||
  fail "truncated message: $(cat err)"

# --- Ctrl-C: stops at the end of the week, saves a checkpoint and the outputs so far
# (marked interrupted), exits 130; resuming gives the same files.
"$SOCRED" "${RUN[@]}" --threads 2 --out stopped >/dev/null 2>err.stopped &
pid=$!
wait_for stopped.partial stopped.partial/metrics.csv 6 "$pid" || fail "the run did not start"
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" = 130 ] || fail "Ctrl-C exits 130, got $code: $(cat err.stopped)"
[ ! -e stopped ] || fail "an interrupted run does not look complete"
[ -e stopped.partial/checkpoint.socred ] || fail "Ctrl-C saves a checkpoint"
grep -q '"status": "interrupted"' stopped.partial/run.json || fail "run.json says interrupted"
grep -q "continue with: socred run --resume stopped" err.stopped || fail "says how to resume: $(cat err.stopped)"
expect 0 "resume after Ctrl-C" -- "$SOCRED" -q run --resume stopped.partial
same_outputs ref stopped "resumed after Ctrl-C"

# --- A second signal stops at once, leaving only the .partial directory.
"$SOCRED" "${RUN[@]}" --threads 2 --out twice >/dev/null 2>err.twice &
pid=$!
wait_for twice.partial twice.partial/metrics.csv 6 "$pid" || fail "the run did not start"
kill -TERM "$pid"
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" = 130 ] || fail "a second signal exits 130, got $code"
[ ! -e twice ] && [ -d twice.partial ] || fail "a second signal leaves only twice.partial"
! grep -qs '"status": "complete"' twice.partial/run.json || fail "nothing says complete"
grep -q "stopping now" err.twice || fail "says it stops at once: $(cat err.twice)"

# --- Resuming what cannot be resumed.
expect 2 "resume a complete run" -- "$SOCRED" run --resume ref
grep -qF "ref: the run is complete; there is nothing to resume" err || fail "complete: $(cat err)"
expect 2 "resume nothing" -- "$SOCRED" run --resume nowhere
one_line "resume nothing"
expect 2 "resume with scenario options" -- "$SOCRED" run --resume killed --agents 10
grep -qF -- "--agents excludes --resume" err || fail "option conflict: $(cat err)"
mkdir -p fresh.partial
expect 2 "resume without a checkpoint" -- "$SOCRED" run --resume fresh
grep -q "has no checkpoint" err || fail "no checkpoint: $(cat err)"

# --- A fresh run refuses to throw away an interrupted one.
"$SOCRED" "${RUN[@]}" --threads 2 --out keep >/dev/null 2>&1 &
pid=$!
wait_for keep.partial keep.partial/metrics.csv 6 "$pid" || fail "the run did not start"
kill -INT "$pid"
wait "$pid"
expect 2 "start over an interrupted run" -- "$SOCRED" "${RUN[@]}" --out keep
grep -q "holds an interrupted run; continue it with \`socred run --resume keep\`" err ||
  fail "refusal: $(cat err)"
[ -e keep.partial/checkpoint.socred ] || fail "the interrupted run is kept"

# --- Resident memory on request.
expect 0 "rss every 10" -- "$SOCRED" -q run --agents 500 --ticks 20 --rss-every 10 --out rss
[ "$(grep -cE '^week (0|10|20): resident memory [0-9.]+ [KMG]iB \(peak' out)" = 3 ] ||
  fail "resident memory at weeks 0, 10, 20: $(cat out)"

if [ "$failures" -gt 0 ]; then
  echo "$failures robustness check(s) failed"
  exit 1
fi
echo "all robustness checks passed"
