#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the kiosk demo: the embedded reference central
# service, the virtual printer, full screen. It prints the URLs of the counter app (/counter) and
# the hall displays (/display?zone=A) with the demo staff accounts: open them in a browser and call
# the tickets the kiosk issues. With no display, runs the scripted walk-through offscreen (it calls
# its own ticket from a counter too) and writes a PNG of every screen to out/walkthrough/ (or $1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${1:-}" ]; then
  exec "$ANJUNGAN_PYTHON" main.py demo
fi
export QT_QPA_PLATFORM=offscreen
exec "$ANJUNGAN_PYTHON" main.py demo --walkthrough "${1:-out/walkthrough}"
