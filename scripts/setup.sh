#!/usr/bin/env bash
# Sets up everything Anjungan needs on a fresh Debian 12 / Ubuntu 24.04 machine, idempotently:
# apt packages (installed when root, else the exact command is printed), a virtualenv in .venv
# with the locked test dependencies (locks/test.txt) and the project, and the compiled translations.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run on its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ANJUNGAN_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

# Qt offscreen/xcb runtime libraries, PC/SC (pcscd, the vpcd virtual reader, headers to build
# pyscard), fonts for the rendered tickets and screens.
APT_PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xkb1 libxkbcommon-x11-0
  pcscd libpcsclite-dev vsmartcard-vpcd swig gcc libusb-1.0-0
  fonts-dejavu-core fonts-inter
  openssl
  # The deployment tests: the kiosk under cage (wlroots, headless), screenshots of its output,
  # the installer in a throw-away Debian root, unit files checked by systemd-analyze, the unit's
  # system call filter applied with libseccomp (tests/deploy/syscall_filter.py).
  cage xwayland grim debootstrap libwayland-client0 libwayland-cursor0 libwayland-egl1 shellcheck
  systemd util-linux libseccomp2
  # Spoken guidance in easy-access mode (kiosk/speech) and its tests.
  espeak-ng
  # The central's production database; its tests and bench start a throw-away cluster (tests/pg.py).
  postgresql
  # deploy/central/nginx-central.conf in front of a central (tests/central/test_ops_tls_proxy.py).
  nginx-light
  # The hall display and phone page tests (tests/central/test_central_live_browser.py).
  chromium chromium-driver
)
# Only when the interpreter lacks them (a pyenv/uv Python brings its own venv and headers).
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then APT_PACKAGES+=(python3-venv); fi
if [ ! -f "$("$PY" -c 'import sysconfig; print(sysconfig.get_path("include"))')/Python.h" ]; then
  APT_PACKAGES+=(python3-dev)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing apt packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these apt packages are missing; run this, then run me again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating virtualenv $VENV"
  "$PY" -m venv "$VENV"
fi
# The exact, hash-checked versions of locks/test.txt (written by scripts/lock.sh), then the project
# itself without resolving anything; again only when the lock or the project's metadata changed.
stamp="$VENV/.anjungan-installed"
want="$(cat "$ROOT/locks/test.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python packages from locks/test.txt into $VENV"
  "$VENV/bin/python" -m pip install -q --require-hashes -r "$ROOT/locks/test.txt"
  # The lock brings setuptools, so the editable build needs nothing fetched beyond it.
  "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$ROOT"
  echo "$want" > "$stamp"
fi

# Bytecode ahead of time, as the installer does: a kiosk (re)start should not spend a tenth of a
# second compiling, even where PYTHONDONTWRITEBYTECODE keeps Python from caching it.
"$VENV/bin/python" -m compileall -q "$ROOT/kiosk" "$ROOT/launcher" "$ROOT/central" "$ROOT/main.py" >/dev/null || true

# Compiled translations (.qm) are build output, never committed.
if [ -x "$ROOT/scripts/build_translations.sh" ]; then
  VENV="$VENV" "$ROOT/scripts/build_translations.sh"
fi

export PATH="$VENV/bin:$PATH"
export ANJUNGAN_PYTHON="$VENV/bin/python"
