#!/usr/bin/env bash
# socred run, sweep and compare under the attacks of issue 19, one group per ctest test:
#   reliability_test.sh path/to/socred GROUP
# GROUP: disk (a tiny tmpfs filled at the start, mid-run and during a checkpoint; root only,
# skipped with exit code 77 otherwise), locks (two writers on one directory), ownership
# (reruns beside files socred did not write), signals, inputs (FIFOs, directories, devices,
# a checkpoint copied from another run), flags (threads, --agents, numbers, JSON keys, byte-
# order marks). Races are made deterministic with SIGSTOP: the first writer is paused while
# it holds the directory, the second must be refused, then the first finishes.
set -u
SOCRED=$(realpath "$1")
GROUP=$2
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"  # WORK, fail, expect, finish
cd "$WORK" || exit 1

# Background runs are ended, and a tmpfs unmounted, whatever happens (even on failure).
BACKGROUND=()
TINY=""
cleanup() {
  local pid
  for pid in "${BACKGROUND[@]}"; do kill -CONT "$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  if [ -n "$TINY" ]; then umount "$TINY" 2>/dev/null || umount -l "$TINY" 2>/dev/null; fi
  cd / && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP  # a ctest timeout still unmounts and ends the runs

one_line() { [ "$(wc -l <"$WORK/err")" = 1 ] || fail "$1: expected one line on stderr, got: $(cat "$WORK/err")"; }
has() { grep -qF -- "$2" "$WORK/err" || fail "$1: stderr lacks \"$2\": $(cat "$WORK/err")"; }

# start NAME -- command...: runs it in the background, stdout in NAME.out, stderr in NAME.err;
# its pid in $pid.
start() {
  local name=$1
  shift 2
  "$@" >"$name.out" 2>"$name.err" &
  pid=$!
  BACKGROUND+=("$pid")
}
# until WHAT -- test...: waits (at most a minute) for the test to succeed while $pid lives,
# looking every 5 ms so that a short run is caught early.
until_true() {
  local what=$1
  shift 2
  for _ in $(seq 1 12000); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { fail "$what: the process ended first: $(cat ./*.err 2>/dev/null | tail -3)"; return 1; }
    sleep 0.005
  done
  fail "$what: timed out"
  return 1
}
# holds LOCKFILE: the background process $pid holds the lock (its pid is in the file).
holds() { grep -qs "^pid $pid\b" "$1"; }
# Waits for $pid and checks its exit code.
ends_with() {
  local code=$1 what=$2 got=0
  kill -CONT "$pid" 2>/dev/null
  wait "$pid" || got=$?
  [ "$got" = "$code" ] || fail "$what: exit $got, expected $code"
}

# Every file of DIR as in REF, run.json aside (it holds times, threads and the command).
same_files() {
  local ref=$1 dir=$2 what=$3 f
  [ -d "$dir" ] && [ ! -e "$dir.partial" ] || { fail "$what: $dir is not complete and alone"; return; }
  for f in $(cd "$ref" && find . -type f ! -name run.json | sort); do
    cmp -s "$ref/$f" "$dir/$f" || fail "$what: $f differs from the uninterrupted run"
  done
  [ "$(cd "$ref" && find . -type f | sort)" = "$(cd "$dir" && find . -type f | sort)" ] ||
    fail "$what: not the same files as the uninterrupted run"
  grep -q '"status": "complete"' "$dir/run.json" || fail "$what: run.json says complete"
}

# Small enough to stay cheap under AddressSanitizer; the races are held by SIGSTOP, not by
# the runs' length. The disk group sizes its own runs to a 2 MiB disk.
RUN=(-q run --agents 500 --ticks 300 --threads 1)

case "$GROUP" in
# ---------------------------------------------------------------------------------------
disk)
  RUN=(-q run --agents 1000 --ticks 300 --threads 1)
  if [ "$(id -u)" != 0 ]; then
    echo "SKIPPED: the full-disk tests mount a 2 MiB tmpfs, which needs root"
    exit 77
  fi
  mkdir tiny
  if ! mount -t tmpfs -o size=2m tmpfs "$WORK/tiny" 2>/dev/null; then
    echo "SKIPPED: cannot mount a tmpfs here (a container without the right?)"
    exit 77
  fi
  TINY=$WORK/tiny
  fill() { dd if=/dev/zero of="$TINY/filler" bs=16k 2>/dev/null; sync; }
  nothing_complete() {
    [ ! -e "$TINY/$1" ] || fail "$2: $TINY/$1 exists, looking complete"
    ! grep -qs '"status": "complete"' "$TINY/$1.partial/run.json" || fail "$2: run.json says complete"
    [ ! -e "$TINY/$1.partial/checkpoint.socred.tmp" ] || fail "$2: a half checkpoint is left"
  }

  # Full before the start: the resource check refuses; without it, the first write fails.
  fill
  expect 2 "full disk, checked" -- "$SOCRED" "${RUN[@]}" --out "$TINY/a"
  one_line "full disk, checked"
  has "full disk, checked" "not enough disk space"
  expect 2 "full disk at the start" -- "$SOCRED" "${RUN[@]}" --out "$TINY/a" --no-resource-check
  one_line "full disk at the start"
  grep -qE "^$TINY/a\.partial/[a-z_.]+: cannot [a-z ]+ \(No space left on device\)" "$WORK/err" ||
    fail "full disk at the start: names the file and the OS error: $(cat "$WORK/err")"
  nothing_complete a "full disk at the start"
  rm -rf "$TINY/filler" "$TINY/a.partial"

  # Outputs larger than the disk (issue 19: a double free, exit 134): one line, exit 2.
  expect 2 "disk fills mid-run" -- "$SOCRED" -q run --agents 5000 --ticks 60 --threads 1 \
    --out "$TINY/b" --no-resource-check
  one_line "disk fills mid-run"
  grep -qE "^$TINY/b\.partial/[a-z_.]+: cannot [a-z ]+ \(No space left on device\)" "$WORK/err" ||
    fail "disk fills mid-run: names the file and the OS error: $(cat "$WORK/err")"
  nothing_complete b "disk fills mid-run"
  rm -rf "$TINY/b.partial"

  # Another process fills the disk while the run waits between checkpoints: the next
  # checkpoint fails (flushing the series, or, with 96 KiB left, the 210 KB checkpoint
  # itself), the previous one stays whole, and once there is room the run resumes to the
  # very files of an uninterrupted run.
  "$SOCRED" "${RUN[@]}" --out ref >/dev/null || fail "reference run"
  for room in 0 96K; do
    start c -- "$SOCRED" "${RUN[@]}" --checkpoint-every 5 --out "$TINY/c"
    until_true "first checkpoint" -- test -e "$TINY/c.partial/checkpoint.socred"
    kill -STOP "$pid"
    fill
    [ "$room" = 0 ] || truncate -s "-$room" "$TINY/filler"
    ends_with 2 "disk filled by another process ($room left)"
    [ "$(grep -c . c.err)" = 1 ] || fail "during the checkpoint: one line: $(cat c.err)"
    grep -qE "^$TINY/c\.partial/[a-z_.]+: cannot [a-z ]+ \(No space left on device\).*continue with: socred run --resume $TINY/c$" c.err ||
      fail "during the checkpoint: names the file, the OS error and the way on: $(cat c.err)"
    if [ "$room" != 0 ]; then
      grep -q "^$TINY/c.partial/checkpoint.socred.tmp: cannot write" c.err ||
        fail "with room for the series, the checkpoint itself fails: $(cat c.err)"
    fi
    nothing_complete c "during the checkpoint ($room left)"
    rm -f "$TINY/filler"
    expect 0 "resume once there is room" -- "$SOCRED" -q run --resume "$TINY/c" --threads 1
    same_files ref "$TINY/c" "resumed after a full disk ($room left)"
    rm -rf "$TINY/c"
  done
  ;;

# ---------------------------------------------------------------------------------------
locks)
  "$SOCRED" "${RUN[@]}" --seed 1 --out ref >/dev/null || fail "reference run"

  # second_refused TAG DIR FIRST... -- SECOND...: starts FIRST, pauses it once it holds
  # DIR.lock, runs SECOND (refused: exit 2, one line naming the holder, nothing changed), then
  # lets FIRST finish.
  second_refused() {
    local tag=$1 dir=$2 first=() before
    shift 2
    while [ "$1" != -- ]; do first+=("$1"); shift; done
    shift
    start "$tag" -- "${first[@]}"
    until_true "$tag: the first holds $dir.lock" -- holds "$dir.lock"
    kill -STOP "$pid"
    before=$(ls -lR "$dir.partial" "$dir" 2>/dev/null)
    expect 2 "$tag: the second" -- "$@"
    one_line "$tag: the second"
    has "$tag: the second" "$dir: another socred is writing it (pid $pid"
    [ "$before" = "$(ls -lR "$dir.partial" "$dir" 2>/dev/null)" ] || fail "$tag: the refused one changed $dir"
    ends_with 0 "$tag: the first"
  }

  # Two runs on one --out (different seeds): the second is refused while the first writes.
  second_refused runs one "$SOCRED" "${RUN[@]}" --seed 1 --out one -- "$SOCRED" "${RUN[@]}" --seed 2 --out one
  same_files ref one "the run that held --out"
  grep -q '"seed": 1,' one/run.json || fail "run.json has the first run's seed"
  [ ! -e one.lock ] || fail "the lock file is removed when the run ends"

  # Two --resume of one directory: the second is refused; the first ends with 301 rows.
  start b -- "$SOCRED" "${RUN[@]}" --seed 1 --checkpoint-every 10 --out two
  until_true "a checkpoint to stop at" -- test -e two.partial/checkpoint.socred
  kill -INT "$pid"
  ends_with 130 "interrupted run"
  second_refused resumes two "$SOCRED" -q run --resume two --threads 1 -- "$SOCRED" -q run --resume two --threads 1
  [ "$(wc -l <two/metrics.csv)" = 302 ] || fail "resumed once: header and 301 rows, got $(wc -l <two/metrics.csv)"
  same_files ref two "the resume that held the directory"

  # Two sweeps, and two comparisons, on one directory.
  SWEEP=(-q sweep --agents 300 --ticks 60 --vary scoring.contagion.weight=0,0.1 --replicates 2 --jobs 1 --threads 1)
  second_refused sweeps sw "$SOCRED" "${SWEEP[@]}" --out sw -- "$SOCRED" "${SWEEP[@]}" --out sw
  [ "$(wc -l <sw/summary.csv)" = 5 ] || fail "the sweep's summary has 4 rows"
  COMPARE=(-q compare --agents 300 --ticks 60 --set policies.travel_ban.enabled=false --replicates 2 --jobs 1 --threads 1)
  second_refused comparisons cmp "$SOCRED" "${COMPARE[@]}" --out cmp -- "$SOCRED" "${COMPARE[@]}" --out cmp
  [ -s cmp/difference.csv ] || fail "the comparison finished"

  # A lock left by a killed run (the kernel released it) does not block the next one.
  start f -- "$SOCRED" "${RUN[@]}" --out three
  until_true "run holds three.lock" -- holds three.lock
  kill -KILL "$pid"
  ends_with 137 "killed run"
  [ -e three.lock ] || fail "kill -9 leaves the lock file"
  expect 0 "a run after a killed one" -- "$SOCRED" "${RUN[@]}" --out three
  ;;

# ---------------------------------------------------------------------------------------
ownership)
  "$SOCRED" "${RUN[@]}" --snapshot-every 100 --out d >/dev/null || fail "first run"
  echo x >d/my_analysis.txt
  mkdir d/figs && echo png >d/figs/plot.png
  cp d/run.json run.before

  # A rerun beside the user's files is refused, naming them and the way out.
  expect 2 "rerun beside user files" -- "$SOCRED" "${RUN[@]}" --seed 7 --out d
  one_line "rerun beside user files"
  has "rerun beside user files" "d: holds files socred did not write (figs/ and my_analysis.txt)"
  has "rerun beside user files" "choose another --out, or add --force"
  cmp -s d/run.json run.before || fail "a refused rerun changes nothing"
  [ -e d/my_analysis.txt ] && [ -e d/figs/plot.png ] || fail "the user's files are kept"

  # --force replaces socred's files (old snapshots included) and keeps the user's.
  expect 0 "rerun with --force" -- "$SOCRED" run --agents 500 --ticks 300 --threads 1 --seed 7 --out d --force
  grep -q "kept figs/ and my_analysis.txt beside the new outputs" "$WORK/err" ||
    fail "--force says what it kept: $(cat "$WORK/err")"
  [ "$(cat d/my_analysis.txt)" = x ] && [ "$(cat d/figs/plot.png)" = png ] || fail "--force keeps the user's files"
  grep -q '"seed": 7,' d/run.json || fail "--force writes the new run"
  [ ! -e d/snapshots ] || fail "--force removes the earlier run's snapshots (socred's own files)"
  [ ! -e d.partial ] || fail "--force leaves no .partial"

  # A directory of socred's files only is replaced whole.
  rm -rf d/my_analysis.txt d/figs
  expect 0 "rerun into a run directory" -- "$SOCRED" "${RUN[@]}" --seed 8 --out d
  grep -q '"seed": 8,' d/run.json || fail "the rerun replaced the run"
  [ ! -e d.partial ] || fail "nothing left of the old run"

  # Files added while a rerun runs are kept too, and said so.
  start a -- "$SOCRED" run --agents 500 --ticks 300 --threads 1 --out d
  until_true "rerun started writing" -- test -e d.partial/identity.json
  kill -STOP "$pid"
  echo notes >d/notes.txt
  ends_with 0 "rerun while the user adds a file"
  [ "$(cat d/notes.txt)" = notes ] || fail "a file added during the run is kept"
  grep -q "kept notes.txt beside the new outputs" a.err || fail "says what it kept: $(cat a.err)"

  # DIR.partial holding a user's file (no checkpoint) is not cleared.
  mkdir e.partial && echo mine >e.partial/keep.txt
  expect 2 "a .partial with user files" -- "$SOCRED" "${RUN[@]}" --out e
  one_line "a .partial with user files"
  has "a .partial with user files" "e.partial: holds files socred did not write (keep.txt)"
  [ "$(cat e.partial/keep.txt)" = mine ] || fail "the .partial's user file is kept"

  # A directory that is not a run is refused, --force or not.
  mkdir photos && echo jpg >photos/holiday.jpg
  for force in "" --force; do
    expect 2 "not a run directory $force" -- "$SOCRED" "${RUN[@]}" --out photos $force
    has "not a run directory $force" "photos: exists and is not a socred run directory"
  done
  [ "$(cat photos/holiday.jpg)" = jpg ] || fail "the photo is kept"

  # The same for comparisons.
  COMPARE=(-q compare --agents 400 --ticks 40 --set policies.travel_ban.enabled=false --replicates 2 --jobs 1 --threads 1)
  "$SOCRED" "${COMPARE[@]}" --out cmp >/dev/null || fail "first comparison"
  echo x >cmp/notes.md
  expect 2 "comparison beside user files" -- "$SOCRED" "${COMPARE[@]}" --out cmp
  has "comparison beside user files" "cmp: holds files socred did not write (notes.md)"
  expect 0 "comparison with --force" -- "$SOCRED" "${COMPARE[@]}" --out cmp --force
  [ -e cmp/notes.md ] && [ -s cmp/difference.csv ] || fail "--force keeps notes.md beside the new comparison"
  ;;

# ---------------------------------------------------------------------------------------
signals)
  "$SOCRED" "${RUN[@]}" --out ref >/dev/null || fail "reference run"
  # --rss-every 1 prints from inside the tick loop: once "week 0" is out, the handlers are in.
  for sig in INT TERM HUP QUIT; do
    start "$sig" -- "$SOCRED" "${RUN[@]}" --rss-every 1 --out "s$sig"
    until_true "SIG$sig run started" -- grep -q "^week 0:" "$sig.out"
    kill -"$sig" "$pid"
    ends_with 130 "SIG$sig"
    [ -e "s$sig.partial/checkpoint.socred" ] || fail "SIG$sig saves a checkpoint"
    grep -q '"status": "interrupted"' "s$sig.partial/run.json" || fail "SIG$sig: run.json says interrupted"
    grep -q "interrupted by SIG$sig at week" "$sig.err" || fail "SIG$sig named: $(cat "$sig.err")"
    grep -q "continue with: socred run --resume s$sig" "$sig.err" || fail "SIG$sig: says how to resume"
    expect 0 "resume after SIG$sig" -- "$SOCRED" -q run --resume "s$sig" --threads 1
    same_files ref "s$sig" "resumed after SIG$sig"
  done

  # SIGUSR1: a checkpoint, and the run carries on (killed later, it resumes from there).
  start USR1 -- "$SOCRED" run --agents 500 --ticks 300 --threads 1 --rss-every 1 --out usr1
  until_true "SIGUSR1 run started" -- grep -q "^week 0:" USR1.out
  kill -USR1 "$pid"
  until_true "SIGUSR1 checkpoint" -- test -e usr1.partial/checkpoint.socred
  kill -0 "$pid" 2>/dev/null || fail "SIGUSR1 does not end the run"
  kill -KILL "$pid"
  ends_with 137 "killed after SIGUSR1"
  grep -q "checkpoint saved (SIGUSR1)" USR1.err || fail "SIGUSR1 is logged: $(cat USR1.err)"
  expect 0 "resume after SIGUSR1 and SIGKILL" -- "$SOCRED" -q run --resume usr1 --threads 1
  same_files ref usr1 "resumed from the SIGUSR1 checkpoint"
  ;;

# ---------------------------------------------------------------------------------------
inputs)
  printf '0 1\n1 2\n2 0\n2 3\n' >net.txt
  mkfifo fifo
  mkdir adir
  # An edge list that is a FIFO, a directory or a device: refused at once (timeout: a hang).
  for bad in fifo adir /dev/zero; do
    expect 2 "network $bad" -- timeout 20 "$SOCRED" -q run --network "$bad" --ticks 1 --out n
    one_line "network $bad"
    has "network $bad" "cannot open the edge list: is "
  done
  has "network /dev/zero" "/dev/zero: cannot open the edge list: is not a regular file (a device, pipe or socket)"
  printf '{"network": {"generator": "file", "file": "fifo"}}\n' >uses-fifo.json
  expect 2 "validate a scenario naming a FIFO" -- timeout 20 "$SOCRED" validate uses-fifo.json
  one_line "validate a scenario naming a FIFO"
  has "validate a scenario naming a FIFO" "uses-fifo.json: /network/file: $WORK/fifo: cannot open the edge list: is not a regular file"
  [ ! -e n ] && [ ! -e n.partial ] || fail "a refused network writes nothing"

  # A checkpoint that is a FIFO, a directory or /dev/zero: refused, before its "size".
  start a -- "$SOCRED" "${RUN[@]}" --checkpoint-every 5 --out cp
  until_true "checkpoint" -- test -e cp.partial/checkpoint.socred
  kill -INT "$pid"
  ends_with 130 "interrupted"
  mv cp.partial/checkpoint.socred good.socred
  mkfifo cp.partial/checkpoint.socred
  expect 2 "checkpoint FIFO" -- timeout 20 "$SOCRED" run --resume cp --threads 1
  one_line "checkpoint FIFO"
  has "checkpoint FIFO" "cp.partial/checkpoint.socred: is not a regular file (a device, pipe or socket)"
  rm cp.partial/checkpoint.socred && mkdir cp.partial/checkpoint.socred
  expect 2 "checkpoint directory" -- "$SOCRED" run --resume cp --threads 1
  has "checkpoint directory" "cp.partial/checkpoint.socred: is a directory"
  rmdir cp.partial/checkpoint.socred && ln -s /dev/zero cp.partial/checkpoint.socred
  expect 2 "checkpoint /dev/zero" -- timeout 20 "$SOCRED" run --resume cp --threads 1
  has "checkpoint /dev/zero" "checkpoint.socred: is not a regular file"
  ! grep -q "EiB" "$WORK/err" || fail "no size is believed: $(cat "$WORK/err")"
  rm cp.partial/checkpoint.socred

  # A checkpoint copied from another run is refused; nothing changes.
  start b -- "$SOCRED" "${RUN[@]}" --seed 99 --checkpoint-every 5 --out other
  until_true "other checkpoint" -- test -e other.partial/checkpoint.socred
  kill -INT "$pid"
  ends_with 130 "other interrupted"
  cp other.partial/checkpoint.socred cp.partial/checkpoint.socred
  before=$(ls -lR cp.partial)
  expect 2 "a checkpoint of another run" -- "$SOCRED" -q run --resume cp --threads 1
  one_line "a checkpoint of another run"
  has "a checkpoint of another run" "cp.partial/checkpoint.socred: belongs to another run ("
  has "a checkpoint of another run" "seed 99, a generated network) than the one in cp.partial ("
  [ "$before" = "$(ls -lR cp.partial)" ] || fail "a refused resume changes nothing"
  mv good.socred cp.partial/checkpoint.socred
  expect 0 "its own checkpoint resumes" -- "$SOCRED" -q run --resume cp --threads 1
  ;;

# ---------------------------------------------------------------------------------------
flags)
  cores=$(nproc)
  expect 0 "--threads 10000" -- timeout 60 "$SOCRED" -q run --agents 300 --ticks 5 --threads 10000 --out t
  has "--threads 10000" "--threads 10000: more than this machine's $cores cores; using $cores"
  grep -q "\"threads\": $cores," t/run.json || fail "run.json records the threads used"
  expect 2 "--threads -1" -- "$SOCRED" run --threads -1 --ticks 1 --out t2
  one_line "--threads -1"
  has "--threads -1" "--threads: expected a whole number of threads, 1 or more (0: every core), got -1"
  expect 0 "sweep --jobs 10000" -- "$SOCRED" -q sweep --agents 200 --ticks 3 --vary scoring.contagion.weight=0,0.1 --jobs 10000 --threads 10000 --out sw
  has "sweep --jobs 10000" "--threads 10000: more than this machine's"
  expect 2 "sweep --jobs -1" -- "$SOCRED" sweep --vary scoring.contagion.weight=0 --jobs -1 --out sw2
  one_line "sweep --jobs -1"
  has "sweep --jobs -1" "--jobs: expected a whole number of runs at once, 1 or more, got -1"

  # Errors blame what the user set.
  expect 2 "--agents 2" -- "$SOCRED" run --agents 2 --ticks 1 --out a2
  one_line "--agents 2"
  grep -qE "^--agents: network.mean_degree \([0-9.]+\) must be smaller than society.agents \(2\)$" "$WORK/err" ||
    fail "--agents 2 is blamed on --agents: $(cat "$WORK/err")"
  for v in 99999999999999999999 18446744073709551615 1e20 2.50; do
    expect 2 "--seed $v" -- "$SOCRED" run --seed "$v" --ticks 1 --out s
    has "--seed $v" "--seed: expected an integer in [0, 9007199254740991], got $v"
  done
  printf '{"seed": 18446744073709551615}\n' >seed.json
  expect 2 "seed beyond the range in a file" -- "$SOCRED" validate seed.json
  has "seed beyond the range in a file" "seed.json: /seed: expected an integer in [0, 9007199254740991], got 18446744073709551615"
  printf '{"seed": 7,\n "policies": {"travel_ban": {"threshold": 500}},\n "seed": 9}\n' >dup.json
  expect 2 "duplicate keys" -- "$SOCRED" validate dup.json
  one_line "duplicate keys"
  has "duplicate keys" "dup.json: /seed: given twice in one object (line 1 and line 3)"

  # --agents beside a network file: only its size.
  printf '0 1\n1 2\n2 0\n2 3\n' >net.txt
  expect 2 "--agents beside a network" -- "$SOCRED" run --network net.txt --agents 100 --ticks 1 --out n
  one_line "--agents beside a network"
  has "--agents beside a network" "--agents 100: the network file $WORK/net.txt makes a society of 4 citizens (one per node id); leave --agents out, or give 4"
  expect 0 "--agents equal to the network" -- "$SOCRED" -q run --network net.txt --agents 4 --ticks 1 --out n

  # A UTF-8 byte-order mark at the start of an edge list or a scenario.
  printf '\xef\xbb\xbf0 1\n1 2\n2 0\n' >bom.txt
  expect 0 "edge list with a byte-order mark" -- "$SOCRED" -q run --network bom.txt --ticks 1 --out b
  [ "$(grep -c '"citizens": 3' b/run.json)" = 1 ] || fail "the marked edge list reads 3 citizens"
  printf '\xef\xbb\xbf{"seed": 5}\n' >bom.json
  expect 0 "scenario with a byte-order mark" -- "$SOCRED" validate bom.json
  ;;
*)
  echo "reliability_test.sh: unknown group $GROUP" >&2
  exit 2
  ;;
esac
finish "reliability ($GROUP)"
