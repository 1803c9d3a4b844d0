"""The architecture, enforced: who may import whom (checked on the source, not by convention)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KIOSK = ROOT / "kiosk"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (lazy imports too), relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            # `from package import name` may import the submodule package.name.
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def offenders(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in paths:
        for name in sorted(imports_of(path)):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
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
    assert (
        offenders(
            ui,
            (
                "requests",
                "escpos",
                "smartcard",
                "sqlite3",
                "socket",
                "kiosk.api.client",
                "kiosk.devices",
                "kiosk.assembly",
            ),
        )
        == []
    )


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


def test_relative_imports_are_resolved_by_these_checks():
    # kiosk/ui/window.py reaches its screens with `from .screens...`: a rule that skipped relative
    # imports would miss them (the old check did).
    window = imports_of(KIOSK / "ui" / "window.py")
    assert "kiosk.ui.demo_panel" in window
    assert any(name.startswith("kiosk.ui.screens.") for name in window)


def test_services_do_not_import_the_citizen_flow():
    # The flow drives the services through the request types of kiosk/flow/ports.py; a service
    # importing the flow itself would tie it to the screens' state machine.
    wiring = {KIOSK / "assembly.py"}
    services = [
        p
        for p in modules(KIOSK)
        if p not in wiring and KIOSK / "flow" not in p.parents and KIOSK / "ui" not in p.parents
    ]
    assert offenders(services, ("kiosk.flow.citizen",)) == []


def test_diagnostics_do_not_import_admin():
    # Diagnostics only read; enrolment (which writes the token via kiosk.admin) is launcher/enrol.py.
    assert offenders(modules(KIOSK / "diagnostics"), ("kiosk.admin",)) == []


def import_cycles(package: Path) -> list[list[str]]:
    """Cycles among the modules of ``package``, counting lazy (in-function) imports as well."""
    names = {module_name(p): p for p in modules(package)}
    graph = {name: sorted(n for n in imports_of(path) if n in names and n != name) for name, path in names.items()}
    cycles, state = [], {}

    def visit(name: str, stack: list[str]) -> None:
        state[name] = "open"
        for nxt in graph[name]:
            if state.get(nxt) == "open":
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_no_import_cycle_among_the_printer_modules():
    # The virtual printer is a backend like the others: transports.py registers it, and
    # virtual.py does not import transports.py back.
    assert import_cycles(KIOSK / "devices" / "printer") == []
    assert "kiosk.devices.printer.virtual" in imports_of(KIOSK / "devices" / "printer" / "transports.py")
