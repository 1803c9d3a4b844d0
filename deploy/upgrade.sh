#!/bin/bash
# Upgrades an installed kiosk to a release bundle (deploy/build-release.sh), without internet:
#   sudo upgrade.sh BUNDLE.tar [--keep N] [--timeout S] [--settle S] [--restart-command CMD]
# The new release is installed beside the running one (nothing changes if that fails), checked
# against this terminal's configuration, switched to, and the kiosk restarted. Unless it reaches
# its welcome screen within --timeout seconds (120) and stays up --settle more (15), the previous
# release is switched back and restarted, and this exits 1. Keeps the --keep (3) latest releases.
# --restart-command: how to restart the kiosk where systemd does not run it (tests, image builds);
# without systemd and without it the switch is made and not checked (the next boot starts it).
set -euo pipefail
SCRIPT_NAME=upgrade
# shellcheck source=deploy/release-lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/release-lib.sh"

BUNDLE=""
KEEP=3
TIMEOUT=120
SETTLE=15
RESTART_COMMAND=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP="$2"; shift ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --settle) SETTLE="$2"; shift ;;
    --restart-command) RESTART_COMMAND="$2"; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "upgrade: unknown option $1" >&2; exit 2 ;;
    *) BUNDLE="$1" ;;
  esac
  shift
done
[ -n "$BUNDLE" ] || { echo "upgrade: which release bundle? (anjungan-VERSION.tar)" >&2; exit 2; }
for number in "$KEEP" "$TIMEOUT" "$SETTLE"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "upgrade: --keep, --timeout and --settle take whole numbers" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || die "run me as root"
[ -f "$BUNDLE" ] || die "no such bundle: $BUNDLE"
old="$(current_release)"
[ -n "$old" ] || die "no release is installed here: run deploy/install.sh first"

work="$(mktemp -d "${TMPDIR:-/var/tmp}/anjungan-upgrade.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$BUNDLE"
bundle="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'anjungan-*' | head -1)"
if [ -z "$bundle" ] || [ ! -f "$bundle/app/VERSION" ] || [ ! -f "$bundle/wheelhouse/requirements.txt" ]; then
  die "$BUNDLE is not a release bundle (no app/VERSION or wheelhouse)"
fi
new="$(cat "$bundle/app/VERSION")"
if [ "$new" = "$old" ]; then
  say "release $new is already the current one: nothing to do"
  exit 0
fi

# Before anything changes: the system packages the new release needs must be there already.
mapfile -t missing < <(missing_apt_packages "$bundle/app/deploy/apt-packages.txt")
if [ ${#missing[@]} -gt 0 ]; then
  die "release $new needs apt packages that are not installed: ${missing[*]} (run its deploy/install.sh instead)"
fi
stage_release "$bundle"
if ! check="$("$RELEASES/$new/venv/bin/python" "$RELEASES/$new/app/main.py" check-config "$CONFIG_DIR/kiosk.toml" 2>&1)"; then
  echo "$check" | tail -20 >&2
  die "release $new does not accept this terminal's configuration: still on $old"
fi

# An install from before the config folder became root's is brought to that layout (it works
# for the old release too, should this one be rolled back).
secure_config "$RELEASES/$new/venv/bin/python" "$RELEASES/$new/app"
write_network_allow "$RELEASES/$new/venv/bin/python" "$RELEASES/$new/app"
say "switching from $old to $new"
activate_release "$new"
set +e
health_check "$new" "$RESTART_COMMAND" "$TIMEOUT" "$SETTLE"
health=$?
set -e
if [ "$health" -eq 2 ]; then
  say "switched to $new; systemd is not running here, so it starts (unchecked) on the next boot"
elif [ "$health" -ne 0 ]; then
  say "release $new failed its health check: $HEALTH_REASON"
  : >"$RELEASES/$new/.failed"
  say "rolling back to $old"
  activate_release "$old"
  if health_check "$old" "$RESTART_COMMAND" "$TIMEOUT" "$SETTLE"; then
    say "rolled back: $old is running again"
  else
    say "rolled back to $old, but it did not come up either: $HEALTH_REASON"
  fi
  exit 1
else
  say "release $new is running (welcome screen reached)"
fi
prune_releases "$KEEP"
say "done: current $new, rollback.sh goes back to $(previous_release)"
