"""The services serve the flow through ``kiosk/flow/ports.py`` and never import the flow itself."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = [
    "kiosk/tickets",
    "kiosk/payments",
    "kiosk/journal",
    "kiosk/api",
    "kiosk/devices",
    "kiosk/identity",
    "kiosk/bookings.py",
    "kiosk/identification.py",
]


def flow_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        )
        found.update(n for n in names if n.startswith("kiosk.flow"))
    return found


def test_services_import_only_the_flow_ports():
    files = [
        p for entry in SERVICES for p in ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir() else [ROOT / entry])
    ]
    assert len(files) > 20
    used = {f"{p.relative_to(ROOT)}: {name}" for p in files for name in flow_imports(p)}
    assert {u for u in used if not u.endswith("kiosk.flow.ports")} == set()
    assert any(u.startswith("kiosk/tickets") for u in used)  # the issuer does take its request from there


def test_ports_stay_small_and_free_of_the_flow():
    source = (ROOT / "kiosk/flow/ports.py").read_text(encoding="utf-8")
    assert flow_imports(ROOT / "kiosk/flow/ports.py") == set() and "from ." not in source
    assert len(source.splitlines()) < 120
