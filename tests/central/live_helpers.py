"""Reading the central's server-sent events in tests: a line parser over a streamed response."""

from __future__ import annotations

import json
import time
from typing import Any

import requests


class SseReader:
    """Events (and comment lines) of one SSE response, read as they arrive."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.response = requests.get(url, headers=headers or {}, stream=True, timeout=(5, 20))
        self.lines = self.response.iter_lines(decode_unicode=True)
        self.comments: list[str] = []
        self.retry: int | None = None

    def next_events(self, count: int, within_s: float = 10.0) -> list[tuple[int, dict[str, Any]]]:
        """The next ``count`` events as (id line, data)."""
        out: list[tuple[int, dict[str, Any]]] = []
        deadline = time.monotonic() + within_s
        event_id = None
        while len(out) < count:
            assert time.monotonic() < deadline, f"only {len(out)} of {count} events within {within_s} s"
            line = next(self.lines)
            if line.startswith(":"):
                self.comments.append(line)
            elif line.startswith("retry:"):
                self.retry = int(line.split(":", 1)[1])
            elif line.startswith("id:"):
                event_id = int(line.split(":", 1)[1])
            elif line.startswith("data:"):
                data = json.loads(line.split(":", 1)[1])
                assert event_id == data["id"], "the id: line and the event's id agree"
                out.append((event_id, data))
        return out

    def next_comment(self, within_s: float) -> str:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            line = next(self.lines)
            if line.startswith(":"):
                return line
        raise AssertionError(f"no comment line within {within_s} s")

    def close(self) -> None:
        self.response.close()
