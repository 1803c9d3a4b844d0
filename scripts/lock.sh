#!/usr/bin/env bash
# Writes the hash-pinned lock files from pyproject.toml, for the platform the kiosks run on
# (Debian 12, x86_64, CPython 3.11):
#   locks/kiosk.txt  what a terminal installs (deploy/install.sh): base + usb + serial printers
#   locks/test.txt   what scripts/setup.sh installs for development and CI: every extra
# Pins already in a lock are kept unless pyproject.toml rules them out; `--upgrade` takes the
# newest allowed versions. `--check` writes nothing and fails when a lock is not what this script
# would write now (needs the package index, as writing does).
# Needs uv (in the test extra); UV=/path/to/uv to use another one.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV="${UV:-$(command -v uv || echo "${ANJUNGAN_VENV:-$ROOT/.venv}/bin/uv")}"
mode=write
extra_args=()
case "${1:-}" in
  --check) mode=check ;;
  --upgrade) extra_args+=(--upgrade) ;;
  "") ;;
  *) echo "usage: scripts/lock.sh [--check|--upgrade]" >&2; exit 2 ;;
esac

# manylinux_2_36 is Debian 12's glibc: no wheel is picked that its loader cannot run.
compile() {  # compile OUT EXTRA...
  local out="$1"; shift
  local extras=()
  for e in "$@"; do extras+=(--extra "$e"); done
  (cd "$ROOT" && "$UV" pip compile pyproject.toml "${extras[@]}" "${extra_args[@]}" \
      --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_36 \
      --no-header --annotation-style line --quiet -o "$out")
}

header='# Written by scripts/lock.sh from pyproject.toml; do not edit. Install with pip --require-hashes.'
status=0
for lock in kiosk test; do
  case "$lock" in
    kiosk) extras=(usb serial) ;;
    test) extras=(test) ;;
  esac
  target="$ROOT/locks/$lock.txt"
  work="$(mktemp -d)"
  # Start from the committed pins so that only what pyproject.toml forces changes.
  if [ -f "$target" ]; then cp "$target" "$work/body.txt"; fi
  compile "$work/body.txt" "${extras[@]}"
  { echo "$header"; grep -v '^# Written by scripts/lock.sh' "$work/body.txt"; } > "$work/$lock.txt"
  if [ "$mode" = check ]; then
    if ! diff -u "$target" "$work/$lock.txt" >&2; then
      echo "lock: locks/$lock.txt is not current; run scripts/lock.sh" >&2
      status=1
    fi
  else
    mkdir -p "$ROOT/locks"
    mv "$work/$lock.txt" "$target"
  fi
  rm -rf "$work"
done
exit $status
