#!/bin/bash
# Installs (or upgrades) the Anjungan kiosk on a Debian 12 / Ubuntu 24.04 terminal. Run as root:
#   sudo deploy/install.sh [--no-apt] [--source DIR | --release BUNDLE.tar] [--keep N]
# from a checkout (builds the release with deploy/build-release.sh: needs PyPI), from an unpacked
# release bundle, or with --release (packages from the bundle's wheelhouse: no PyPI).
# Idempotent: a second run changes nothing that was already right. The release goes beside the
# earlier ones (/opt/anjungan/releases/VERSION, deploy/release-lib.sh); /etc/anjungan (config,
# token) and /var/lib/anjungan (journal, caches) are kept. Works in a chroot (image building):
# files are placed and the unit enabled with `systemctl enable`, which works offline; nothing is
# started. Upgrades with a health check and automatic rollback: deploy/upgrade.sh.
set -euo pipefail
SCRIPT_NAME=install
# shellcheck source=deploy/release-lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/release-lib.sh"

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR=/var/lib/anjungan
CACHE_DIR=/var/cache/anjungan
KIOSK_USER=kiosk
DO_APT=1
RELEASE=""
KEEP=3

usage() { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --no-apt) DO_APT=0 ;;
    --source) SOURCE="$(cd "$2" && pwd)"; shift ;;
    --release) RELEASE="$(readlink -f "$2")"; shift ;;
    --keep) KEEP="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

[ "$(id -u)" -eq 0 ] || { echo "install: run me as root (sudo $0)" >&2; exit 1; }
[[ "$KEEP" =~ ^[0-9]+$ ]] || { echo "install: --keep takes a whole number" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/var/tmp}/anjungan-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bundle=""
if [ -n "$RELEASE" ]; then
  tar -C "$work" -xf "$RELEASE"
  bundle="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'anjungan-*' | head -1)"
  if [ -z "$bundle" ] || [ ! -f "$bundle/wheelhouse/requirements.txt" ]; then
    die "$RELEASE is not a release bundle (no wheelhouse)"
  fi
  SOURCE="$bundle/app"
elif [ -f "$SOURCE/VERSION" ] && [ -f "$SOURCE/../wheelhouse/requirements.txt" ]; then
  bundle="$(cd "$SOURCE/.." && pwd)"
fi
if [ ! -f "$SOURCE/main.py" ] || [ ! -f "$SOURCE/pyproject.toml" ]; then
  echo "install: $SOURCE is not an Anjungan checkout" >&2
  exit 1
fi

# --- packages (deploy/apt-packages.txt) ------------------------------------------------------
if [ "$DO_APT" -eq 1 ]; then
  mapfile -t missing < <(missing_apt_packages "$SOURCE/deploy/apt-packages.txt")
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

# --- time: a sync daemon, unless the site runs its own (chrony, ntp) -------------------------
time_daemon=0
for pkg in chrony ntp ntpsec openntpd systemd-timesyncd; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then time_daemon=1; fi
done
if [ "$DO_APT" -eq 1 ] && [ "$time_daemon" -eq 0 ]; then
  say "apt packages: systemd-timesyncd"
  apt-get install -y -q --no-install-recommends systemd-timesyncd
fi

# --- the kiosk user -------------------------------------------------------------------------
getent group "$KIOSK_USER" >/dev/null || groupadd --system "$KIOSK_USER"
if ! getent passwd "$KIOSK_USER" >/dev/null; then
  say "creating user $KIOSK_USER"
  useradd --system --gid "$KIOSK_USER" --home-dir "$DATA_DIR" --no-create-home \
          --shell /usr/sbin/nologin --comment "Anjungan kiosk" "$KIOSK_USER"
fi
# dialout: serial printers; lp: parallel/USB printer class devices; video/render/input: the
# display and touch panel when no logind seat ACLs apply (seatd); audio: spoken guidance
# (espeak-ng) on the sound card. Only groups that exist.
for group in dialout lp plugdev video render input audio; do
  if getent group "$group" >/dev/null && ! id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group"; then
    usermod -a -G "$group" "$KIOSK_USER"
  fi
done

# --- the release (releases/VERSION beside the earlier ones, see release-lib.sh) ------------
# From a release bundle (--release, or this script inside an unpacked one): its wheelhouse, no
# internet. From a checkout: the bundle is built here first (build-release.sh, needs PyPI), unless
# a release of the same version is installed already.
if [ -z "$bundle" ]; then
  version="$("$SOURCE/deploy/build-release.sh" --source "$SOURCE" --print-version)"
  if ! release_complete "$version"; then
    "$SOURCE/deploy/build-release.sh" --source "$SOURCE" --out "$work/out"
    tar -C "$work" -xf "$work/out/anjungan-$version.tar"
    bundle="$work/anjungan-$version"
  fi
fi
if [ -n "$bundle" ]; then
  stage_release "$bundle"
  version="$(cat "$bundle/app/VERSION")"
else
  say "release $version is already installed"
fi
[ "$(current_release)" = "$version" ] || activate_release "$version"
install_system_files
prune_releases "$KEEP"
VENV="$PREFIX/venv"

# --- configuration, token, data -------------------------------------------------------------
# /etc/anjungan: root's, read-only to the kiosk (secure_config in release-lib.sh); the kiosk's own
# files (token, settings.toml from the admin screens, journal) live in its data folder.
install -d -m 0750 -o "$KIOSK_USER" -g "$KIOSK_USER" "$DATA_DIR" "$CACHE_DIR"
chown "$KIOSK_USER:$KIOSK_USER" "$DATA_DIR" "$CACHE_DIR"
install -d -m 0750 -o root -g "$KIOSK_USER" "$CONFIG_DIR"
if [ ! -e "$CONFIG_DIR/kiosk.toml" ]; then
  say "new configuration $CONFIG_DIR/kiosk.toml (edit it, then: $VENV/bin/python $PREFIX/app/main.py check-config $CONFIG_DIR/kiosk.toml)"
  install -m 0640 -o root -g "$KIOSK_USER" "$PREFIX/app/config/kiosk.example.toml" "$CONFIG_DIR/kiosk.toml"
fi
if [ ! -e "$CONFIG_DIR/kiosk.env" ]; then
  install -m 0640 -o root -g "$KIOSK_USER" "$PREFIX/app/deploy/kiosk.env" "$CONFIG_DIR/kiosk.env"
fi
secure_config "$VENV/bin/python" "$PREFIX/app"
# The terminal token: written by enrolment, never by this script; only its owner and mode are ours.
token="$DATA_DIR/terminal.token"
if [ ! -e "$token" ]; then
  install -m 0600 -o "$KIOSK_USER" -g "$KIOSK_USER" /dev/null "$token"
fi
for token in "$DATA_DIR/terminal.token" "$CONFIG_DIR/terminal.token"; do
  if [ -f "$token" ]; then
    chown "$KIOSK_USER:$KIOSK_USER" "$token"
    chmod 0600 "$token"
  fi
done

# The site's time zone (terminal.time_zone): opening hours and "closed for the day" follow it.
time_zone="$(config_time_zone)"
if [ -n "$time_zone" ] && [ -f "/usr/share/zoneinfo/$time_zone" ]; then
  if [ "$(readlink /etc/localtime 2>/dev/null)" != "/usr/share/zoneinfo/$time_zone" ]; then
    say "time zone $time_zone"
    if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1; then
      timedatectl set-timezone "$time_zone"
    else
      ln -sfn "/usr/share/zoneinfo/$time_zone" /etc/localtime
      echo "$time_zone" >/etc/timezone
    fi
  fi
fi

# --- system integration ---------------------------------------------------------------------
write_network_allow "$VENV/bin/python" "$PREFIX/app"
if command -v udevadm >/dev/null 2>&1 && [ -S /run/udev/control ]; then
  udevadm control --reload
  udevadm trigger --subsystem-match=usb --action=change || true
fi

running_systemd=0
[ -d /run/systemd/system ] && running_systemd=1
if [ "$running_systemd" -eq 1 ]; then
  systemctl daemon-reload
  sysctl -q --load=/etc/sysctl.d/60-anjungan-kiosk.conf || true
fi
if command -v systemctl >/dev/null 2>&1; then
  # Offline (chroot) this only writes the symlinks, which is all that enabling is.
  systemctl enable anjungan-kiosk.service pcscd.socket 2>&1 | sed 's/^/install: /'
  if [ -f /lib/systemd/system/systemd-timesyncd.service ]; then
    systemctl enable systemd-timesyncd.service 2>&1 | sed 's/^/install: /'
  fi
  systemctl set-default graphical.target 2>&1 | sed 's/^/install: /'
  # No Ctrl+Alt+Del reboot, no login prompt on another console (logind's NAutoVTs=0 as well).
  systemctl mask ctrl-alt-del.target autovt@.service 2>&1 | sed 's/^/install: /'
fi

say "done. Code $PREFIX/app, config $CONFIG_DIR, data $DATA_DIR."
if [ "$running_systemd" -eq 1 ]; then
  say "start it now with: systemctl restart anjungan-kiosk   (logs: journalctl -u anjungan-kiosk -f)"
else
  say "systemd is not running here (chroot or container): the kiosk starts on the next boot."
fi
