"""A terminal installs locks/kiosk.txt only, without the central's web stack (FastAPI, uvicorn,
Starlette): nothing on the kiosk's paths may need it, not even lazily."""

from __future__ import annotations

import subprocess
import sys

from test_layering import KIOSK, ROOT, module_name, modules, offenders

WEB_STACK = ("fastapi", "uvicorn", "starlette")
# launcher/cli.py reaches the central only through its `central` and `demo` commands (development).
KIOSK_PATHS = [*modules(KIOSK), ROOT / "launcher" / "enrol.py"]

# Run with the web stack made unimportable, as on a terminal: import every kiosk module and the
# command line, then check the kiosk's example configuration through `main.py check-config`.
PROBE = """
import importlib, importlib.abc, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
BLOCKED = {blocked!r}

class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (not on a kiosk)", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
for name in {names!r}:
    importlib.import_module(name)
from launcher.cli import main
code = main(["check-config", "config/kiosk.example.toml"])
assert code == 0, code
print("loaded", len({names!r}), [m for m in sys.modules if m.split(".")[0] in BLOCKED])
"""


def _module_names() -> list[str]:
    return [module_name(p) for p in KIOSK_PATHS] + ["launcher.cli"]


def test_no_kiosk_module_imports_the_web_stack_or_the_central():
    assert offenders(KIOSK_PATHS, (*WEB_STACK, "central")) == []


def test_kiosk_modules_and_check_config_run_without_the_web_stack():
    names = _module_names()
    code = PROBE.format(blocked=set(WEB_STACK), names=names)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == f"loaded {len(names)} []"
