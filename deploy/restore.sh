#!/bin/bash
# Restores a backup.sh tar onto an installed terminal (install.sh first, e.g. on a replacement):
#   sudo restore.sh FILE.tar
# Stops the kiosk while it works and starts it again if it was running. Files get the owners
# install.sh gives them: config root:kiosk 0640, token kiosk:kiosk 0600, data kiosk:kiosk.
# Stale SQLite -wal/-shm files beside a restored database are removed (they belong to the old one).
set -euo pipefail
SCRIPT_NAME=restore
# shellcheck source=deploy/release-lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/release-lib.sh"
CONFIG_DIR=${CONFIG_DIR:-/etc/anjungan}
DATA_DIR=${DATA_DIR:-/var/lib/anjungan}
KIOSK_USER=${KIOSK_USER:-kiosk}
UNIT=anjungan-kiosk.service
BACKUP="${1:-}"
case "$BACKUP" in
  -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "restore: unknown option $BACKUP" >&2; exit 2 ;;
  "") echo "restore: which backup? (restore.sh FILE.tar)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "restore: run me as root" >&2; exit 1; }
[ -f "$BACKUP" ] || { echo "restore: no such file: $BACKUP" >&2; exit 1; }
getent passwd "$KIOSK_USER" >/dev/null || { echo "restore: no user $KIOSK_USER: run install.sh first" >&2; exit 1; }
KIOSK_GROUP="$(id -gn "$KIOSK_USER")"

stage="$(mktemp -d "${TMPDIR:-/tmp}/anjungan-restore.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
tar -C "$stage" --no-same-owner -xf "$BACKUP"
if [ "$(head -1 "$stage/MANIFEST" 2>/dev/null)" != "anjungan-backup 1" ]; then
  echo "restore: $BACKUP is not a backup made by backup.sh" >&2
  exit 1
fi

was_active=0
if [ -d /run/systemd/system ] && systemctl is-active --quiet "$UNIT"; then
  was_active=1
  systemctl stop "$UNIT"
fi

install -d -m 0750 -o root -g "$KIOSK_GROUP" "$CONFIG_DIR"
chmod 0750 "$CONFIG_DIR"
for file in "$stage"/config/*; do
  [ -f "$file" ] || continue
  name="$(basename "$file")"
  if [ "$name" = terminal.token ]; then
    install -m 0600 -o "$KIOSK_USER" -g "$KIOSK_GROUP" "$file" "$CONFIG_DIR/$name"
  else
    install -m 0640 -o root -g "$KIOSK_GROUP" "$file" "$CONFIG_DIR/$name"
  fi
done
install -d -m 0750 -o "$KIOSK_USER" -g "$KIOSK_GROUP" "$DATA_DIR"
for db in "$stage"/data/*.sqlite3; do
  [ -f "$db" ] || continue
  rm -f "$DATA_DIR/$(basename "$db")-wal" "$DATA_DIR/$(basename "$db")-shm"
done
cp -a "$stage/data/." "$DATA_DIR/"
chown -R "$KIOSK_USER:$KIOSK_GROUP" "$DATA_DIR"
chmod -R go-rwx "$DATA_DIR"
chmod 0750 "$DATA_DIR"
# A backup from before the config folder became root's: the same layout an upgrade gives it.
secure_config "$PREFIX/venv/bin/python" "$PREFIX/app"

echo "restore: restored $(sed -n 's/^created //p' "$stage/MANIFEST") backup (release $(sed -n 's/^release //p' "$stage/MANIFEST")) into $CONFIG_DIR and $DATA_DIR"
if [ "$was_active" -eq 1 ]; then
  systemctl start "$UNIT"
  echo "restore: kiosk started again"
fi
