#!/bin/bash
# Lets the kiosk's unit reach its central, its network printer and the name servers, and nothing
# else but loopback (IPAddressDeny=any in the unit; this writes the allow-list drop-in):
#   sudo network-allow.sh
# Run by install.sh and upgrade.sh; run it again after changing the central's or the printer's
# address (from the staff screens too), or when the central moved to another IP address.
set -euo pipefail
SCRIPT_NAME=network-allow
# shellcheck source=deploy/release-lib.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/release-lib.sh"
case "${1:-}" in
  -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "network-allow: unknown option $1" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || die "run me as root"
write_network_allow "$PREFIX/venv/bin/python" "$PREFIX/app"
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  say "restart the kiosk to apply it: systemctl restart anjungan-kiosk"
fi
