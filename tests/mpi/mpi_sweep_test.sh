#!/usr/bin/env bash
# `socred-mpi sweep` as a user meets it: the same summary.csv as `socred sweep` for 1, 2 and 4
# ranks; a worker killed with SIGKILL loses only its run and the same command resumes; bad
# input is refused on one line by rank 0 alone.
# Usage: mpi_sweep_test.sh path/to/socred path/to/socred-mpi mpirun source-dir
set -u
SOCRED=$(realpath "$1")
SOCRED_MPI=$(realpath "$2")
MPIRUN=$3
SRC=$4
source "$SRC/tests/cli/test_lib.sh"
# As root on a small machine (the CI container): allowed explicitly, more ranks than cores.
MPI=("$MPIRUN" --allow-run-as-root --oversubscribe)

SWEEP=(sweep --agents 1500 --ticks 15 --vary scoring.contagion.weight=0,0.1
       --vary adaptation.drop_probability=0.2,0.6 --replicates 3)

expect 0 "socred sweep" -- "$SOCRED" -q "${SWEEP[@]}" --threads 1 --out "$WORK/plain"
for ranks in 1 2 4; do
  expect 0 "socred-mpi sweep on $ranks ranks" -- "${MPI[@]}" -np "$ranks" "$SOCRED_MPI" \
    "${SWEEP[@]}" --threads 1 --out "$WORK/r$ranks" --report assortativity
  cmp -s "$WORK/plain/summary.csv" "$WORK/r$ranks/summary.csv" \
    || fail "summary.csv differs between socred sweep and socred-mpi on $ranks ranks"
  grep -q "^socred-mpi sweep: 12 runs (4 grid points x 3 replicates, 15 weeks each); 12 run now" "$WORK/out" \
    || fail "$ranks ranks: summary line printed once: $(head -3 "$WORK/out")"
  [ "$(grep -c ' ± [0-9]' "$WORK/out")" = 4 ] || fail "$ranks ranks: --report printed once per grid point"
done
[ "$(ls "$WORK/r4/runs/p2-r1")" = "$(printf 'run.json\nsummary.csv')" ] || fail "runs keep run.json and their row"

# socred sweep resumes what socred-mpi started, and the other way round: one directory format.
expect 0 "socred resumes a finished socred-mpi sweep" -- "$SOCRED" "${SWEEP[@]}" --out "$WORK/r2"
grep -q "all were already complete" "$WORK/out" || fail "nothing re-run: $(cat "$WORK/out")"

# A worker killed mid-run: mpirun ends the job; the same command resumes to the same summary.
SLOW=(sweep --agents 6000 --ticks 40 --vary scoring.contagion.weight=0,0.05,0.1
      --replicates 4 --threads 1)
expect 0 "slow sweep, socred" -- "$SOCRED" -q "${SLOW[@]}" --jobs 2 --out "$WORK/slow"
# Complete runs: directories renamed into place (a .partial one may already hold its row).
complete_runs() { find "$WORK/killed/runs" -name '*.partial' -prune -o -name summary.csv -print 2>/dev/null | wc -l; }
"${MPI[@]}" -np 3 "$SOCRED_MPI" -q "${SLOW[@]}" --out "$WORK/killed" >"$WORK/killed.log" 2>&1 &
job=$!
victim=""
for _ in $(seq 1 1200); do
  done_runs=$(complete_runs)
  if [ "$done_runs" -ge 2 ]; then
    # The worker rank 2, found by the rank Open MPI gives it in its environment.
    for pid in $(pgrep -f "$SOCRED_MPI"); do
      if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=2'; then
        victim=$pid
        break
      fi
    done
    break
  fi
  sleep 0.05
done
[ -n "$victim" ] || fail "found the worker to kill"
[ -n "$victim" ] && kill -9 "$victim"
wait "$job"
code=$?
[ "$code" != 0 ] || fail "mpirun reports the killed worker (exit $code)"
complete=$(complete_runs)
if [ -e "$WORK/killed/summary.csv" ] || [ "$complete" -ge 12 ]; then
  fail "the sweep finished before a worker could be killed ($complete runs)"
fi
[ "$complete" -ge 2 ] || fail "runs completed before the kill ($complete)"
expect 0 "resume after a worker was killed" -- "${MPI[@]}" -np 3 "$SOCRED_MPI" "${SLOW[@]}" \
  --out "$WORK/killed"
grep -q "$complete already complete" "$WORK/err" || fail "resume skips the $complete complete runs: $(grep runs "$WORK/err" | head -2)"
cmp -s "$WORK/slow/summary.csv" "$WORK/killed/summary.csv" || fail "resumed summary.csv differs"
[ -z "$(find "$WORK/killed" -name '*.partial')" ] || fail "no .partial left after resuming"

# Bad input: exit 2, one line, from rank 0 only.
expect 2 "unknown parameter" -- "${MPI[@]}" -np 2 "$SOCRED_MPI" sweep --agents 500 --ticks 2 \
  --vary scoring.contagion.wieght=0,1 --out "$WORK/bad"
[ "$(grep -c 'scoring.contagion.wieght' "$WORK/err")" = 1 ] || fail "one error line: $(cat "$WORK/err")"
[ ! -e "$WORK/bad" ] || fail "nothing written on bad input"
expect 2 "--jobs refused" -- "${MPI[@]}" -np 2 "$SOCRED_MPI" "${SWEEP[@]}" --jobs 2 --out "$WORK/jobs"
grep -q -- "--jobs: socred-mpi runs one plan per rank at a time" "$WORK/err" || fail "--jobs message: $(cat "$WORK/err")"
expect 2 "a different sweep on the same directory" -- "${MPI[@]}" -np 2 "$SOCRED_MPI" sweep \
  --agents 1500 --ticks 15 --vary scoring.contagion.weight=0,0.2 --out "$WORK/r1"
[ "$(grep -c 'holds a different sweep' "$WORK/err")" = 1 ] || fail "different sweep refused once: $(cat "$WORK/err")"

finish "socred-mpi sweep"
