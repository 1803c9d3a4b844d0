#!/usr/bin/env bash
# Sets everything up (see setup.sh) and runs the whole test suite offscreen. The tests start
# what they need themselves (the reference central service, pcscd with the vpcd virtual reader,
# the loopback printer) on 127.0.0.1 and stop it again by process id.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$ANJUNGAN_PYTHON" -m pytest -q -p no:cacheprovider "$@"
