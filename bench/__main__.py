"""``python -m bench [NAME ...]``: run every benchmark (or the named ones), one JSON object a line."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

HELPERS = {"stats", "window_driver", "central_process", "__main__"}


def main(argv: list[str]) -> int:
    known = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name not in HELPERS)
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip() + "\n\nbenchmarks: " + ", ".join(known))
        return 0
    unknown = [a for a in argv if a not in known]
    if unknown:  # before running anything: a typo must not cost a long run first
        print(f"unknown benchmark {unknown[0][:40]!r}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    names = argv or known
    failed = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        try:
            figures = module.run()
        except Exception as exc:
            print(json.dumps({"benchmark": name, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
            failed += 1
            continue
        for fig in figures:
            print(json.dumps({"benchmark": name, **fig}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
