#!/bin/bash
# Removes the Anjungan kiosk installed by deploy/install.sh. Keeps the configuration and terminal
# token (/etc/anjungan), the data (/var/lib/anjungan: journal, caches) and the kiosk user, unless
# --purge is given. Apt packages stay (other software may use them).
#   sudo deploy/uninstall.sh [--purge]
set -euo pipefail
PURGE=0
case "${1:-}" in
  --purge) PURGE=1 ;;
  "") ;;
  *) echo "uninstall: unknown option $1 (only --purge)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "uninstall: run me as root" >&2; exit 1; }

if command -v systemctl >/dev/null 2>&1; then
  if [ -d /run/systemd/system ]; then
    systemctl disable --now anjungan-kiosk.service 2>/dev/null || true
  else
    systemctl disable anjungan-kiosk.service 2>/dev/null || true
  fi
fi
if command -v systemctl >/dev/null 2>&1; then
  systemctl unmask ctrl-alt-del.target autovt@.service 2>/dev/null || true
fi
rm -rf /etc/systemd/system/anjungan-kiosk.service.d
rm -f /etc/systemd/system/anjungan-kiosk.service /etc/pam.d/anjungan-kiosk \
      /etc/sysctl.d/60-anjungan-kiosk.conf /etc/systemd/logind.conf.d/60-anjungan-kiosk.conf \
      /etc/udev/rules.d/60-anjungan-receipt-printers.rules /etc/udev/rules.d/61-anjungan-card-readers.rules
rm -rf /opt/anjungan
if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
if command -v udevadm >/dev/null 2>&1 && [ -S /run/udev/control ]; then udevadm control --reload; fi

if [ "$PURGE" -eq 1 ]; then
  rm -rf /etc/anjungan /var/lib/anjungan /var/cache/anjungan
  if getent passwd kiosk >/dev/null; then userdel kiosk; fi
  if getent group kiosk >/dev/null; then groupdel kiosk 2>/dev/null || true; fi
  echo "uninstall: removed everything, configuration, token and data included"
else
  echo "uninstall: removed the kiosk; kept /etc/anjungan, /var/lib/anjungan and the kiosk user (--purge removes them)"
fi
