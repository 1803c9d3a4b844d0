#!/bin/bash
# Installs (or upgrades) the Anjungan kiosk on a Debian 12 / Ubuntu 24.04 terminal. Run as root,
# from a checkout of the project:   sudo deploy/install.sh [--no-apt] [--source DIR]
# Idempotent: a second run changes nothing that was already right. An upgrade replaces the code
# and the virtualenv's packages but keeps /etc/anjungan (config, token) and /var/lib/anjungan
# (journal, caches). Works in a chroot (image building): files are placed and the unit enabled
# with `systemctl enable`, which works offline; nothing is started.
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX=/opt/anjungan
CONFIG_DIR=/etc/anjungan
DATA_DIR=/var/lib/anjungan
CACHE_DIR=/var/cache/anjungan
KIOSK_USER=kiosk
DO_APT=1

usage() { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --no-apt) DO_APT=0 ;;
    --source) SOURCE="$(cd "$2" && pwd)"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { echo "install: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "install: run me as root (sudo $0)" >&2; exit 1; }
if [ ! -f "$SOURCE/main.py" ] || [ ! -f "$SOURCE/pyproject.toml" ]; then
  echo "install: $SOURCE is not an Anjungan checkout" >&2
  exit 1
fi

# --- packages -------------------------------------------------------------------------------
# cage + Xwayland: the compositor; pam_systemd/dbus/logind: the seat; pcscd + libccid: readers;
# Qt's runtime libraries (Wayland client included); Python with venv and what builds pyscard;
# espeak-ng for easy-access speech.
APT_PACKAGES=(
  cage xwayland libpam-systemd dbus systemd udev
  pcscd libccid libpcsclite1 libusb-1.0-0
  python3 python3-venv python3-dev gcc swig libpcsclite-dev
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libwayland-client0 libwayland-cursor0 libwayland-egl1
  fonts-dejavu-core fonts-inter ca-certificates
  espeak-ng
)
if [ "$DO_APT" -eq 1 ]; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
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

# --- the code and its virtualenv ------------------------------------------------------------
install -d -m 0755 "$PREFIX"
stage="$PREFIX/app.new"
rm -rf "$stage"
install -d -m 0755 "$stage"
tar -C "$SOURCE" --exclude=./.git --exclude=./.venv --exclude=./var --exclude=./out \
    --exclude='__pycache__' --exclude='*.pyc' --exclude=./.pytest_cache -cf - . | tar -C "$stage" -xf -
chown -R root:root "$stage"
chmod -R u=rwX,go=rX "$stage"
chmod 0755 "$stage/deploy/run-kiosk.sh" "$stage/deploy/install.sh" "$stage/deploy/uninstall.sh"
rm -rf "$PREFIX/app.old"
[ -d "$PREFIX/app" ] && mv "$PREFIX/app" "$PREFIX/app.old"
mv "$stage" "$PREFIX/app"
rm -rf "$PREFIX/app.old"

VENV="$PREFIX/venv"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating virtualenv $VENV"
  python3 -m venv "$VENV"
fi
# Exactly the versions of locks/kiosk.txt, hash-checked (no resolving on the terminal), then the
# app itself on top with nothing more: the web stack of the central is not installed.
want="$(cat "$PREFIX/app/locks/kiosk.txt" "$PREFIX/app/pyproject.toml" | sha256sum | cut -d' ' -f1)"
stamp="$VENV/.anjungan-installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --require-hashes -r "$PREFIX/app/locks/kiosk.txt"
  "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation "$PREFIX/app"
  echo "$want" >"$stamp"
fi
if [ -x "$PREFIX/app/scripts/build_translations.sh" ] && [ -x "$VENV/bin/pyside6-lrelease" ]; then
  VENV="$VENV" "$PREFIX/app/scripts/build_translations.sh"
fi
# Byte-code once, here: the service cannot write into /opt (ProtectSystem=strict).
"$VENV/bin/python" -m compileall -q "$PREFIX/app" >/dev/null || true

# --- configuration, token, data -------------------------------------------------------------
install -d -m 0770 -o root -g "$KIOSK_USER" "$CONFIG_DIR"
if [ ! -e "$CONFIG_DIR/kiosk.toml" ]; then
  say "new configuration $CONFIG_DIR/kiosk.toml (edit it, then: $VENV/bin/python $PREFIX/app/main.py check-config $CONFIG_DIR/kiosk.toml)"
  install -m 0640 -o root -g "$KIOSK_USER" "$PREFIX/app/config/kiosk.example.toml" "$CONFIG_DIR/kiosk.toml"
fi
if [ ! -e "$CONFIG_DIR/kiosk.env" ]; then
  install -m 0640 -o root -g "$KIOSK_USER" "$PREFIX/app/deploy/kiosk.env" "$CONFIG_DIR/kiosk.env"
fi
# The terminal token: written by enrolment, never by this script; only its owner and mode are ours.
token="$CONFIG_DIR/terminal.token"
if [ ! -e "$token" ]; then
  install -m 0600 -o "$KIOSK_USER" -g "$KIOSK_USER" /dev/null "$token"
else
  chown "$KIOSK_USER:$KIOSK_USER" "$token"
  chmod 0600 "$token"
fi
install -d -m 0750 -o "$KIOSK_USER" -g "$KIOSK_USER" "$DATA_DIR" "$CACHE_DIR"

# --- system integration ---------------------------------------------------------------------
install -d -m 0755 /etc/udev/rules.d /etc/pam.d /etc/sysctl.d /etc/systemd/system
for rules in "$PREFIX"/app/deploy/udev/*.rules; do
  install -m 0644 "$rules" /etc/udev/rules.d/
done
install -m 0644 "$PREFIX/app/deploy/pam/anjungan-kiosk" /etc/pam.d/anjungan-kiosk
install -m 0644 "$PREFIX/app/deploy/sysctl/60-anjungan-kiosk.conf" /etc/sysctl.d/60-anjungan-kiosk.conf
install -m 0644 "$PREFIX/app/deploy/systemd/anjungan-kiosk.service" /etc/systemd/system/anjungan-kiosk.service

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
  systemctl set-default graphical.target 2>&1 | sed 's/^/install: /'
fi

say "done. Code $PREFIX/app, config $CONFIG_DIR, data $DATA_DIR."
if [ "$running_systemd" -eq 1 ]; then
  say "start it now with: systemctl restart anjungan-kiosk   (logs: journalctl -u anjungan-kiosk -f)"
else
  say "systemd is not running here (chroot or container): the kiosk starts on the next boot."
fi
