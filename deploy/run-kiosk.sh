#!/bin/bash
# ExecStart of anjungan-kiosk.service: the kiosk as the only client of the cage compositor.
#
#   run-kiosk.sh                 python main.py run --config $ANJUNGAN_CONFIG under cage
#   run-kiosk.sh -- CMD [ARG…]   CMD under cage instead (tests, a technician's experiments)
#
# Why a script and not `ExecStart=cage -- python …`: cage (0.1.4, Debian 12) exits 0 whatever
# happened to its client, so systemd could never tell a killed or crashed kiosk from a clean stop
# and Restart=on-failure would not restart it. This script runs the kiosk through a small wrapper
# inside cage that writes the kiosk's exit status to a file, and exits with that status itself.
# It also hands the stop and watchdog signals to the kiosk process directly (the unit uses
# KillMode=mixed, so they reach this script only): SIGTERM for a clean stop, SIGABRT from the
# watchdog so Python's faulthandler writes every thread's stack before the restart.
set -u

if [ "${1:-}" = "--inside-cage" ]; then
  state=$2
  shift 2
  "$@" &
  app=$!
  echo "$app" >"$state/app.pid"
  trap 'kill -TERM "$app" 2>/dev/null' TERM INT HUP
  while :; do
    wait "$app"
    rc=$?
    kill -0 "$app" 2>/dev/null || break  # wait was only interrupted by a trapped signal
  done
  echo "$rc" >"$state/app.status"
  exit "$rc"
fi

ANJUNGAN_APP=${ANJUNGAN_APP:-/opt/anjungan/app}
ANJUNGAN_PYTHON=${ANJUNGAN_PYTHON:-/opt/anjungan/venv/bin/python}
ANJUNGAN_CONFIG=${ANJUNGAN_CONFIG:-/etc/anjungan/kiosk.toml}
# -d: no client-side decorations. No -s: VT switching (Ctrl+Alt+Fn to a console) stays off.
# Extra flags from /etc/anjungan/kiosk.env, e.g. ANJUNGAN_CAGE_ARGS="-d -r" for a rotated panel.
read -r -a cage_args <<<"${ANJUNGAN_CAGE_ARGS:--d}"

if [ "${1:-}" = "--" ]; then
  shift
  command=("$@")
else
  command=("$ANJUNGAN_PYTHON" "$ANJUNGAN_APP/main.py" run --config "$ANJUNGAN_CONFIG")
fi

if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
  echo "<3>run-kiosk: XDG_RUNTIME_DIR is not set or missing (no logind session: check PAMName= and pam_systemd)" >&2
  exit 78  # EX_CONFIG: restarting will not help
fi
if ! command -v cage >/dev/null 2>&1; then
  echo "<3>run-kiosk: cage is not installed" >&2
  exit 78
fi

export QT_QPA_PLATFORM=wayland
export QT_WAYLAND_DISABLE_WINDOWDECORATION=1
# systemd names the unit's main process (this script) as the one to ping; the kiosk, two levels
# down, is the one that pings (NotifyAccess=all lets systemd accept it).
unset WATCHDOG_PID

state=${RUNTIME_DIRECTORY:-}
if [ -z "$state" ]; then
  state=$(mktemp -d "${TMPDIR:-/tmp}/run-kiosk.XXXXXX") || exit 71
  trap 'rm -rf "$state"' EXIT
fi
rm -f "$state/app.pid" "$state/app.status"

# shellcheck disable=SC2317  # called from the traps below
forward() {
  local signal=$1 pid=
  [ -s "$state/app.pid" ] && pid=$(cat "$state/app.pid")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -"$signal" "$pid" 2>/dev/null
  else
    kill -"$signal" "$cage_pid" 2>/dev/null  # the kiosk is not running (yet): stop cage itself
  fi
}
trap 'forward TERM' TERM INT HUP
trap 'forward ABRT' ABRT

cage "${cage_args[@]}" -- "$0" --inside-cage "$state" "${command[@]}" &
cage_pid=$!
echo "$cage_pid" >"$state/cage.pid"
while :; do
  wait "$cage_pid"
  cage_rc=$?
  kill -0 "$cage_pid" 2>/dev/null || break
done

if [ -s "$state/app.status" ]; then
  rc=$(cat "$state/app.status")
  [ "$rc" -eq 0 ] || echo "<3>run-kiosk: the kiosk ended with status $rc" >&2
else
  echo "<3>run-kiosk: cage ended (status $cage_rc) before the kiosk reported its status" >&2
  rc=$cage_rc
  [ "$rc" -eq 0 ] && rc=70
fi
exit "$rc"
