#!/usr/bin/env bash
# Compiles resources/i18n/*.ts into .qm with Qt's lrelease (from PySide6). Run by setup.sh.
# To refresh the .ts sources after changing strings:  scripts/build_translations.sh --update
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
cd "$ROOT"
if [ "${1:-}" = "--update" ]; then
  mapfile -t sources < <(find kiosk/ui -name '*.py' | sort)
  "$VENV/bin/pyside6-lupdate" "${sources[@]}" -ts resources/i18n/anjungan_id.ts -no-obsolete
  # English is the source language: its file holds only the plural forms (%n).
  "$VENV/bin/pyside6-lupdate" "${sources[@]}" -ts resources/i18n/anjungan_en.ts -pluralonly -no-obsolete
fi
for ts in resources/i18n/*.ts; do
  "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
