# Shared by the CLI test scripts (sourced): a scratch directory removed at exit, `fail`,
# `expect` and `finish`.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE DESCRIPTION -- command...   (stdout/stderr kept in $WORK/out, $WORK/err)
expect() {
  local code=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$code" ]; then
    fail "$what: exit $got, expected $code"
    sed 's/^/  stderr: /' "$WORK/err" | head -5
  fi
}

# finish WHAT: the verdict; exits non-zero when a check failed.
finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures $1 check(s) failed"
    exit 1
  fi
  echo "all $1 checks passed"
}
