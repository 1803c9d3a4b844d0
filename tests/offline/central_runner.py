"""The reference central as its own process with an injected clock: ``python -m
tests.offline.central_runner DB PORT TERMINALS_JSON CLOCK_FILE``. Its clock is the instant written
in CLOCK_FILE (ISO 8601), read at every call, so a test moves a whole hall's time by rewriting one
file. Serves until SIGTERM or SIGKILL; a new one on the same file and port carries on."""

from __future__ import annotations

import json
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path

from central.cli import DEFAULT_CATALOG
from central.server import start


class FileClock:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self) -> datetime:
        return datetime.fromisoformat(self.path.read_text().strip())


def main() -> None:
    db, port, terminals, clock_file = sys.argv[1:5]
    running = start(Path(db), DEFAULT_CATALOG, json.loads(terminals), port=int(port), clock=FileClock(Path(clock_file)))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(running.url, flush=True)
    stop.wait()
    running.stop()


if __name__ == "__main__":
    main()
