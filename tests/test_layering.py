"""The architecture, enforced: who may import whom (checked on the source, not by convention)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KIOSK = ROOT / "kiosk"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in paths:
        for name in imports_of(path):
            if name.split(".")[0] in forbidden or any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


def test_core_never_imports_qt():
    core = [p for p in modules(KIOSK) if KIOSK / "ui" not in p.parents]
    assert len(core) > 20
    assert offenders(core, ("PySide6", "shiboken6")) == []


def test_kiosk_never_imports_the_reference_central_or_the_launcher():
    assert offenders(modules(KIOSK), ("central", "launcher")) == []


def test_screens_do_no_io():
    # kiosk/ui/app.py is the wiring that builds the runtime; everything else in kiosk/ui only draws.
    ui = [p for p in modules(KIOSK / "ui") if p.name != "app.py"]
    assert offenders(ui, ("requests", "escpos", "smartcard", "sqlite3", "socket", "kiosk.api.client",
                          "kiosk.devices", "kiosk.assembly")) == []


def test_devices_know_nothing_of_screens_or_the_flow():
    devices = modules(KIOSK / "devices")
    assert offenders(devices, ("PySide6", "kiosk.ui", "kiosk.flow")) == []


def test_start_path_leaves_heavy_printing_and_card_libraries_unloaded():
    # escpos + qrcode + PIL cost ~0.36 s to import; the welcome screen must not wait for them.
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "import launcher.cli, kiosk.ui.app, kiosk.assembly, kiosk.ui.window;"
        "heavy=[m for m in ('escpos','qrcode','PIL','smartcard') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
