#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite offscreen. The tests start
# what they need themselves (the reference central service, pcscd with the vpcd virtual reader,
# the loopback printer, PostgreSQL, chromium) on 127.0.0.1 and stop it again by process id.
#
# With no arguments the suite runs as two pytest sessions at once: the throw-away-root and
# compositor tests (tests/deploy: mostly waiting on pip, dpkg and child processes) beside the
# rest (mostly CPU), which on two cores takes minutes off the whole run. Each session keeps the
# serial order of its tests; pcscd (one per machine) is only used by the second. With arguments,
# one session runs exactly what was asked for.
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
deploy_log="var/test-deploy.log"
started=$(date +%s)
"${PYTEST[@]}" tests/deploy >"$deploy_log" 2>&1 &
deploy_pid=$!
# Stop the background session too if this one is interrupted (CI timeout, Ctrl-C).
trap 'kill -TERM "$deploy_pid" 2>/dev/null || true' INT TERM

rest_status=0
"${PYTEST[@]}" --ignore=tests/deploy || rest_status=$?
deploy_status=0
wait "$deploy_pid" || deploy_status=$?
trap - INT TERM

echo
echo "=== tests/deploy (run beside the rest; full output in $deploy_log) ==="
cat "$deploy_log"
echo
echo "suite: rest exit $rest_status, tests/deploy exit $deploy_status, $(($(date +%s) - started)) s"
if [ "$rest_status" -ne 0 ] || [ "$deploy_status" -ne 0 ]; then
  exit 1
fi
