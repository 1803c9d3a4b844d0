#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite offscreen. The tests start
# what they need themselves (the reference central service, pcscd with the vpcd virtual reader,
# the loopback printer, PostgreSQL, chromium) on 127.0.0.1 and stop it again by process id.
#
# With no arguments the suite runs as three pytest sessions at once, which on two cores takes
# minutes off the whole run (a serial run leaves a core idle more than half the time): the
# throw-away-root and compositor tests (tests/deploy: mostly waiting on pip, dpkg and children),
# the central's tests (mostly waiting on PostgreSQL, HTTP and chromium) and the rest (mostly CPU).
# Each session keeps the serial order of its tests; pcscd (one per machine) is only used by the
# last. With arguments, one session runs exactly what was asked for.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
PYTEST=("$ANJUNGAN_PYTHON" -m pytest -q -p no:cacheprovider)
if [ "$#" -gt 0 ]; then
  exec "${PYTEST[@]}" "$@"
fi

mkdir -p var
started=$(date +%s)
BESIDE=(tests/deploy tests/central)
# The kiosk under the real compositor is judged on timing (its first frame, a start within 30 s):
# it runs alone at the end, on an otherwise quiet machine, not beside the CPU-bound sessions.
ALONE=tests/deploy/test_cage_kiosk.py
pids=()
for dir in "${BESIDE[@]}"; do
  "${PYTEST[@]}" "$dir" --ignore="$ALONE" >"var/test-$(basename "$dir").log" 2>&1 &
  pids+=($!)
done
# Stop the background sessions too if this one is interrupted (CI timeout, Ctrl-C).
trap 'kill -TERM "${pids[@]}" 2>/dev/null || true' INT TERM

failed=0
"${PYTEST[@]}" "${BESIDE[@]/#/--ignore=}" || failed=1
for i in "${!BESIDE[@]}"; do
  status=0
  wait "${pids[$i]}" || status=$?
  echo
  echo "=== ${BESIDE[$i]} (run beside the rest; exit $status) ==="
  cat "var/test-$(basename "${BESIDE[$i]}").log"
  [ "$status" -eq 0 ] || failed=1
done
trap - INT TERM
echo
echo "=== $ALONE (alone, after the others) ==="
"${PYTEST[@]}" "$ALONE" || failed=1
echo
echo "whole suite: $(($(date +%s) - started)) s, $([ "$failed" -eq 0 ] && echo passed || echo FAILED)"
exit "$failed"
