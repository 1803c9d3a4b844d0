#!/bin/bash
# Shared by install.sh, upgrade.sh and rollback.sh (sourced, not run): releases side by side.
#
#   /opt/anjungan/releases/VERSION/{app,venv}   one folder per release, never changed once complete
#   /opt/anjungan/current -> releases/VERSION   switched atomically (rename of a symlink)
#   /opt/anjungan/app -> current/app, /opt/anjungan/venv -> current/venv   what the unit names
#   /opt/anjungan/releases/history              the versions in the order they were switched to
# A release that failed its health check gets releases/VERSION/.failed and is never gone back to.

# shellcheck disable=SC2034  # HEALTH_REASON is read by the scripts that source this file
PREFIX=${PREFIX:-/opt/anjungan}
RELEASES="$PREFIX/releases"
HISTORY="$RELEASES/history"
CONFIG_DIR=${CONFIG_DIR:-/etc/anjungan}
KIOSK_UNIT=anjungan-kiosk.service
STARTED_MARKER=release-started.json  # kiosk/runtime/started_marker.py

say() { echo "${SCRIPT_NAME:-release}: $*"; }
die() { echo "${SCRIPT_NAME:-release}: $*" >&2; exit 1; }

current_release() {
  if [ -L "$PREFIX/current" ]; then basename "$(readlink "$PREFIX/current")"; fi
}

release_complete() {
  [ -n "$1" ] && [ -d "$RELEASES/$1/venv" ] && [ ! -e "$RELEASES/$1/.incomplete" ]
}

# The apt packages a release needs (deploy/apt-packages.txt) that are not installed.
missing_apt_packages() {
  local pkg
  while read -r pkg; do
    case "$pkg" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done <"$1"
}

# stage_release BUNDLE: installs BUNDLE/app and a virtualenv from BUNDLE/wheelhouse (no index, no
# internet, every wheel hash-checked) as releases/VERSION. Nothing points at it yet.
stage_release() {
  local bundle=$1 version dir
  version="$(cat "$bundle/app/VERSION")"
  dir="$RELEASES/$version"
  if release_complete "$version"; then
    say "release $version is already installed"
    return 0
  fi
  say "installing release $version into $dir"
  rm -rf "$dir"
  install -d -m 0755 "$RELEASES" "$dir"
  : >"$dir/.incomplete"
  cp -a "$bundle/app" "$dir/app"
  chown -R root:root "$dir/app"
  chmod -R u=rwX,go=rX "$dir/app"
  chmod 0755 "$dir"/app/deploy/*.sh
  # Created at its final path: a virtualenv does not survive being moved.
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps \
      --find-links "$bundle/wheelhouse" --require-hashes -r "$bundle/wheelhouse/requirements.txt"
  "$dir/venv/bin/python" -m pip check >/dev/null || die "release $version: its packages do not fit together"
  if [ -x "$dir/app/scripts/build_translations.sh" ] && [ -x "$dir/venv/bin/pyside6-lrelease" ]; then
    VENV="$dir/venv" "$dir/app/scripts/build_translations.sh"
  fi
  # Byte-code once, here: the service cannot write into /opt (ProtectSystem=strict).
  "$dir/venv/bin/python" -m compileall -q "$dir/app" >/dev/null || true
  rm -f "$dir/.incomplete"
}

# secure_config PYTHON APP: /etc/anjungan is root's and read-only to the kiosk account (it may
# read the config, never change it: what staff change goes to its own settings.toml in the data
# folder). An install from before that layout is brought to it: the folder narrowed, files the
# kiosk wrote there (kiosk.toml, its .bak) given back to root, and the token moved into the data
# folder with the config pointing at it (kiosk/config/migrate.py of APP, run by PYTHON).
secure_config() {
  local python=$1 app=$2 kiosk_group file out line
  kiosk_group="$(id -gn "${KIOSK_USER:-kiosk}")"
  install -d -m 0750 -o root -g "$kiosk_group" "$CONFIG_DIR"
  chown root:"$kiosk_group" "$CONFIG_DIR"
  chmod 0750 "$CONFIG_DIR"
  if [ -f "$CONFIG_DIR/kiosk.toml" ] && [ -x "$python" ]; then
    # A failure here leaves the token where it was (still readable): say so, do not stop.
    if out="$(cd "$app" && "$python" -m kiosk.config.migrate "$CONFIG_DIR/kiosk.toml" 2>&1)"; then
      while read -r line; do [ -z "$line" ] || say "$line"; done <<<"$out"
    else
      say "warning: the token could not be moved out of $CONFIG_DIR: $(echo "$out" | tail -1)"
    fi
  fi
  for file in "$CONFIG_DIR"/* "$CONFIG_DIR"/.[!.]*; do
    if [ ! -f "$file" ] || [ -L "$file" ]; then continue; fi
    # A token the config still names here (an unmigrated custom path) stays the kiosk's to read.
    [ "$(basename "$file")" = terminal.token ] && continue
    chown root:"$kiosk_group" "$file"
    chmod 0640 "$file"
  done
}

# write_network_allow PYTHON APP: the unit's IP allow-list drop-in from the config
# (kiosk/config/network_allow.py). Without a valid config the unit keeps loopback only.
write_network_allow() {
  local python=$1 app=$2 dir="/etc/systemd/system/$KIOSK_UNIT.d" text
  [ -f "$CONFIG_DIR/kiosk.toml" ] || return 0
  if ! text="$(cd "$app" && "$python" -m kiosk.config.network_allow "$CONFIG_DIR/kiosk.toml")"; then
    say "warning: no IP allow-list written (the config does not load): the kiosk reaches loopback only"
    return 0
  fi
  install -d -m 0755 "$dir"
  printf '%s\n' "$text" >"$dir/.50-network.conf.new"
  chmod 0644 "$dir/.50-network.conf.new"
  mv -f "$dir/.50-network.conf.new" "$dir/50-network.conf"
  if grep -q '^IPAddressDeny=$' "$dir/50-network.conf"; then
    say "warning: $(grep -m1 'could not be resolved' "$dir/50-network.conf" | sed 's/^# //') (run deploy/network-allow.sh once the network is up)"
  else
    say "IP allow-list: $(grep '^IPAddressAllow=' "$dir/50-network.conf" | cut -d= -f2 | tr '\n' ' ')"
  fi
}

# The unit, PAM service, udev rules and sysctl of the current release.
install_system_files() {
  local app="$PREFIX/current/app" rules
  install -d -m 0755 /etc/udev/rules.d /etc/pam.d /etc/sysctl.d /etc/systemd/system /etc/systemd/logind.conf.d
  for rules in "$app"/deploy/udev/*.rules; do
    install -m 0644 "$rules" /etc/udev/rules.d/
  done
  install -m 0644 "$app/deploy/pam/anjungan-kiosk" /etc/pam.d/anjungan-kiosk
  install -m 0644 "$app/deploy/sysctl/60-anjungan-kiosk.conf" /etc/sysctl.d/60-anjungan-kiosk.conf
  install -m 0644 "$app/deploy/systemd/$KIOSK_UNIT" "/etc/systemd/system/$KIOSK_UNIT"
  install -m 0644 "$app/deploy/logind/60-anjungan-kiosk.conf" /etc/systemd/logind.conf.d/60-anjungan-kiosk.conf
  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
}

# activate_release VERSION: points current at it (one rename: a reader sees the old or the new
# release, never none), then the stable app/venv links and the system files.
activate_release() {
  local version=$1 name
  release_complete "$version" || die "release $version is not installed completely"
  ln -sfn "releases/$version" "$PREFIX/.current.new"
  mv -Tf "$PREFIX/.current.new" "$PREFIX/current"
  for name in app venv; do
    if [ -e "$PREFIX/$name" ] && [ ! -L "$PREFIX/$name" ]; then
      rm -rf "${PREFIX:?}/$name"  # the layout before side-by-side releases
    fi
    if [ "$(readlink "$PREFIX/$name" 2>/dev/null)" != "current/$name" ]; then
      ln -sfn "current/$name" "$PREFIX/.$name.new"
      mv -Tf "$PREFIX/.$name.new" "$PREFIX/$name"
    fi
  done
  echo "$version" >>"$HISTORY"
  install_system_files
}

# The release to go back to: the latest switched-to one before the current that is still
# installed and did not fail its health check.
previous_release() {
  local current version
  current="$(current_release)"
  [ -f "$HISTORY" ] || return 0
  tac "$HISTORY" | while read -r version; do
    if [ "$version" != "$current" ] && release_complete "$version" && [ ! -e "$RELEASES/$version/.failed" ]; then
      echo "$version"
      break
    fi
  done
}

# prune_releases KEEP: deletes installed releases beyond the KEEP most recently switched to
# (the current one and the one rollback.sh would go back to are always kept).
prune_releases() {
  local keep=$1 version dir
  local -A wanted=()
  for version in "$(current_release)" "$(previous_release)"; do
    if [ -n "$version" ]; then wanted["$version"]=1; fi
  done
  if [ -f "$HISTORY" ]; then
    while read -r version; do
      [ ${#wanted[@]} -ge "$keep" ] && break
      wanted["$version"]=1
    done < <(tac "$HISTORY" | awk '!seen[$0]++')
  fi
  for dir in "$RELEASES"/*/; do
    [ -d "$dir" ] || continue
    version="$(basename "$dir")"
    if [ -z "${wanted[$version]:-}" ]; then
      say "removing old release $version"
      rm -rf "$dir"
    fi
  done
}

# The kiosk's data folder according to the current release and the terminal's configuration.
data_directory() {
  "$PREFIX/current/venv/bin/python" - "$PREFIX/current/app" "$CONFIG_DIR/kiosk.toml" <<'PY' 2>/dev/null || echo /var/lib/anjungan
import sys
sys.path.insert(0, sys.argv[1])
from kiosk.config import load_config
print(load_config(sys.argv[2]).data.directory)
PY
}

# terminal.time_zone of the terminal's configuration, empty when unset or unreadable.
config_time_zone() {
  "$PREFIX/current/venv/bin/python" - "$PREFIX/current/app" "$CONFIG_DIR/kiosk.toml" <<'PY' 2>/dev/null || true
import sys
sys.path.insert(0, sys.argv[1])
from kiosk.config import load_config
print(load_config(sys.argv[2]).terminal.time_zone or "")
PY
}

# restart_kiosk COMMAND: COMMAND if given, else systemd's restart; 2 when there is no way to.
restart_kiosk() {
  if [ -n "$1" ]; then
    sh -c "$1"
  elif [ -d /run/systemd/system ]; then
    systemctl reset-failed "$KIOSK_UNIT" 2>/dev/null || true
    systemctl restart --no-block "$KIOSK_UNIT"
  else
    return 2
  fi
}

# health_check VERSION RESTART_COMMAND TIMEOUT SETTLE: restarts the kiosk and waits for it to
# reach its welcome screen as VERSION (the started marker) and to stay up SETTLE seconds more.
# Sets HEALTH_REASON when it fails; 2 when the kiosk cannot be restarted here (no systemd).
health_check() {
  local version=$1 command=$2 timeout=$3 settle=$4 data marker seen pid deadline waited
  data="$(data_directory)"
  marker="$data/$STARTED_MARKER"
  rm -f "$marker"
  restart_kiosk "$command" || return $?
  deadline=$((SECONDS + timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -f "$marker" ] && read -r seen pid < <(python3 -c \
        'import json, sys; d = json.load(open(sys.argv[1])); print(str(d["version"])[:64], int(d["pid"]))' \
        "$marker" 2>/dev/null) && [ "$seen" = "$version" ]; then
      for ((waited = 0; waited < settle; waited++)); do
        kill -0 "$pid" 2>/dev/null || { HEALTH_REASON="the kiosk $version stopped ${waited} s after its welcome screen"; return 1; }
        sleep 1
      done
      if [ -z "$command" ] && [ -d /run/systemd/system ] && ! systemctl is-active --quiet "$KIOSK_UNIT"; then
        HEALTH_REASON="$KIOSK_UNIT is not active"
        return 1
      fi
      return 0
    fi
    sleep 1
  done
  HEALTH_REASON="the kiosk $version did not reach its welcome screen within ${timeout} s"
  return 1
}
