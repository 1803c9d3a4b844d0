#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the kiosk demo: the embedded reference central
# service, the virtual printer, full screen. With no display, runs the scripted walk-through
# offscreen and writes a PNG of every screen to out/walkthrough/ (or the folder given as $1).
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
