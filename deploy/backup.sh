#!/bin/bash
# Backs up every file of this terminal that matters into one tar (mode 0600: it holds the token):
#   sudo backup.sh [--out FILE.tar]        (default /var/backups/anjungan-HOST-DATE.tar)
# /etc/anjungan (config, service environment, token) and the data folder: the SQLite databases
# (ticket/payment journal, owed confirmations) copied with SQLite's online backup, so a kiosk
# that is running (WAL mode) gives a consistent copy; PINs, admin state, catalogue cache, crash
# markers. Not the logs (journalctl exports them) nor exports/. Restore: restore.sh FILE.tar.
set -euo pipefail
CONFIG_DIR=${CONFIG_DIR:-/etc/anjungan}
DATA_DIR=${DATA_DIR:-/var/lib/anjungan}
OUT="/var/backups/anjungan-$(hostname -s 2>/dev/null || echo kiosk)-$(date +%Y%m%d-%H%M%S).tar"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "backup: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" -eq 0 ] || { echo "backup: run me as root" >&2; exit 1; }
if [ ! -d "$CONFIG_DIR" ] || [ ! -d "$DATA_DIR" ]; then
  echo "backup: no $CONFIG_DIR or $DATA_DIR here" >&2
  exit 1
fi

umask 077
stage="$(mktemp -d "${TMPDIR:-/tmp}/anjungan-backup.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/config" "$stage/data"
cp -a "$CONFIG_DIR/." "$stage/config/"
# Everything of the data folder but the logs, exports and SQLite's own files (the backup API
# writes each database whole, WAL content included).
(cd "$DATA_DIR" && find . -mindepth 1 -maxdepth 1 ! -name logs ! -name exports ! -name '*.sqlite3' \
   ! -name '*.sqlite3-wal' ! -name '*.sqlite3-shm' -exec cp -a {} "$stage/data/" \;)
python3 - "$DATA_DIR" "$stage/data" <<'PY'
import pathlib, sqlite3, sys
source, target = map(pathlib.Path, sys.argv[1:])
for db in sorted(source.glob("*.sqlite3")):
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(target / db.name)
    with dst:
        src.backup(dst)
    dst.close()
    src.close()
    print(f"backup: {db.name}")
PY
cat >"$stage/MANIFEST" <<EOF
anjungan-backup 1
created $(date -u +%Y-%m-%dT%H:%M:%SZ)
release $(cat /opt/anjungan/app/VERSION 2>/dev/null || echo unknown)
config_dir $CONFIG_DIR
data_dir $DATA_DIR
EOF
mkdir -p "$(dirname "$OUT")"
tar -C "$stage" -cf "$OUT.partial" MANIFEST config data
chmod 0600 "$OUT.partial"
mv "$OUT.partial" "$OUT"
echo "backup: wrote $OUT ($(du -k "$OUT" | cut -f1) KiB; it holds the terminal token: keep it private)"
