#!/bin/bash
# One backup of the central's database into ANJUNGAN_BACKUP_DIR (central-YYYYmmddTHHMMSSZ.backup,
# 0600), then removal of backups older than ANJUNGAN_BACKUP_KEEP_DAYS. Run by
# anjungan-central-backup.service; settings from /etc/anjungan/central.env.
set -euo pipefail

: "${ANJUNGAN_CENTRAL_DB:?set in /etc/anjungan/central.env}"
: "${ANJUNGAN_BACKUP_DIR:?set in /etc/anjungan/central.env}"
keep_days="${ANJUNGAN_BACKUP_KEEP_DAYS:-14}"
python="${ANJUNGAN_PYTHON:-python3}"
app="${ANJUNGAN_APP:-/opt/anjungan/app}"

case "$keep_days" in
  '' | *[!0-9]*) echo "central-backup: ANJUNGAN_BACKUP_KEEP_DAYS must be a number of days" >&2; exit 2 ;;
esac

umask 077
mkdir -p "$ANJUNGAN_BACKUP_DIR"
out="$ANJUNGAN_BACKUP_DIR/central-$(date -u +%Y%m%dT%H%M%SZ).backup"
cd "$app"
"$python" main.py central backup --db "$ANJUNGAN_CENTRAL_DB" --out "$out"
# Only after a good backup: never prune down to nothing because backups started failing.
find "$ANJUNGAN_BACKUP_DIR" -maxdepth 1 -name 'central-*.backup' -type f -mtime "+$keep_days" -print -delete \
  | sed 's/^/central-backup: removed old backup /'
