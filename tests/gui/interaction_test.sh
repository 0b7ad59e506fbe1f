#!/usr/bin/env bash
# socred-gui driven as a person would, with real X input (xdotool) under Xvfb: play and
# pause with the space bar, one week with the right arrow, a click on the Travel ban
# checkbox, typing a citizen's id into the search box, Ctrl+Q to quit. Each action is
# checked in the program's log. The click positions are those of a 1280x800 window at text
# size 1 (see docs/user-guide.md); a layout change may move them.
#   interaction_test.sh SOCRED_GUI
set -u
GUI=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GUI WORK
xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
  "$GUI" --agents 600 --log-level info >"$WORK/log" 2>&1 &
  pid=$!
  wid=$(timeout 60 xdotool search --sync --name "^socred$" | head -1)
  [ -n "$wid" ] || { kill $pid; exit 1; }
  sleep 2
  # Real input (XTEST) to the focused window, as from a keyboard and a mouse.
  xdotool windowfocus --sync "$wid"
  key() { xdotool key "$@"; sleep 0.4; }
  click() { xdotool mousemove --window "$wid" "$1" "$2" click 1; sleep 0.6; }
  xdotool mousemove --window "$wid" 640 300
  key space; sleep 1; key space
  key Right
  click 18 185                     # the Travel ban checkbox
  click 1050 39                    # the search box
  xdotool type --delay 50 "17"; key Return
  key ctrl+q
  wait $pid
  echo "exit code $?" >>"$WORK/log"
'
failures=0
expect() { grep -q -- "$1" "$WORK/log" || { echo "FAIL: no \"$1\" in the log"; failures=1; }; }
expect "play at week 0"
expect "pause at week"
expect "one week on from week"
expect "Travel ban switched off from week"
expect "selected citizen #17"
expect "exit code 0"
[ "$failures" = 0 ] || { cat "$WORK/log"; exit 1; }
echo "interaction ok"
