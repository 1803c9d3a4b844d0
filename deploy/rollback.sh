#!/bin/bash
# Goes back to the previous release (or VERSION), restarts the kiosk and checks it comes up:
#   sudo rollback.sh [VERSION] [--list] [--timeout S] [--settle S] [--restart-command CMD]
# The previous release is the last one switched to before the current one that is still
# installed and did not fail a health check. --list shows the installed releases.
set -euo pipefail
SCRIPT_NAME=rollback
# shellcheck source=deploy/release-lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/release-lib.sh"

TARGET=""
TIMEOUT=120
SETTLE=15
RESTART_COMMAND=""
LIST=0
while [ $# -gt 0 ]; do
  case "$1" in
    --list) LIST=1 ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --settle) SETTLE="$2"; shift ;;
    --restart-command) RESTART_COMMAND="$2"; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "rollback: unknown option $1" >&2; exit 2 ;;
    *) TARGET="$1" ;;
  esac
  shift
done
for number in "$TIMEOUT" "$SETTLE"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "rollback: --timeout and --settle take whole numbers" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || die "run me as root"
current="$(current_release)"
[ -n "$current" ] || die "no release is installed here"

if [ "$LIST" -eq 1 ]; then
  for dir in "$RELEASES"/*/; do
    version="$(basename "$dir")"
    note=""
    [ "$version" = "$current" ] && note=" (current)"
    [ -e "$dir/.failed" ] && note="$note (failed its health check)"
    release_complete "$version" || note="$note (incomplete)"
    echo "$version$note"
  done
  exit 0
fi

[ -n "$TARGET" ] || TARGET="$(previous_release)"
[ -n "$TARGET" ] || die "no earlier release is installed to go back to (current: $current)"
[ "$TARGET" != "$current" ] || die "$TARGET is already the current release"
release_complete "$TARGET" || die "release ${TARGET:0:64} is not installed (see: rollback.sh --list)"

say "switching from $current to $TARGET"
activate_release "$TARGET"
set +e
health_check "$TARGET" "$RESTART_COMMAND" "$TIMEOUT" "$SETTLE"
health=$?
set -e
case "$health" in
  0) say "release $TARGET is running (welcome screen reached)" ;;
  2) say "switched to $TARGET; systemd is not running here, so it starts on the next boot" ;;
  *) say "switched to $TARGET, but it did not come up: $HEALTH_REASON"; exit 1 ;;
esac
