"""Generate docs/openapi.json from the reference central.

python -m central.openapi docs/openapi.json
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from central.cli import DEFAULT_CATALOG


def generate() -> str:
    """The OpenAPI document as stable, pretty-printed JSON text (ends with a newline)."""
    from central.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Path(tmp) / "openapi.sqlite3", DEFAULT_CATALOG, {}, "http://127.0.0.1")
        schema = app.openapi()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_openapi(path: Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(generate(), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m central.openapi docs/openapi.json")
    write_openapi(Path(sys.argv[1]))
    print(f"wrote {sys.argv[1]}")
