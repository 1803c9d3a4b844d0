"""Behind the TLS proxy of docs/central-operations.md every peer is 127.0.0.1. Without
``--trusted-proxy`` the rate limiter then counts the whole fleet as one client: a few wrong
tokens from one place block every kiosk. With it, the address the proxy forwards is the client."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.central.central_process import CentralProcess

TERMINALS = {"kiosk-proxy-01": "proxy-token-0123456789abcdef"}


def _wrong_token(url: str, forwarded_for: str) -> int:
    headers = {"X-Terminal-Id": "kiosk-proxy-01", "Authorization": "Bearer wrong", "X-Forwarded-For": forwarded_for}
    return requests.get(f"{url}/v1/catalog", headers=headers, timeout=5).status_code


def _blocked_then_other_client(url: str) -> int:
    """Wrong tokens from one forwarded client until it is blocked; the next one's answer."""
    answers = [_wrong_token(url, "203.0.113.5")]
    while answers[-1] == 401 and len(answers) < 10:
        answers.append(_wrong_token(url, "203.0.113.5"))
    assert answers[-1] == 429
    return _wrong_token(url, "198.51.100.7")


def test_rate_limit_is_per_forwarded_client_only_behind_a_trusted_proxy(tmp_path: Path):
    # Both centrals start at once (the start is most of this test's time).
    behind = CentralProcess(
        str(tmp_path / "a.sqlite3"), tmp_path, TERMINALS, workers=1, extra=["--trusted-proxy", "127.0.0.1"]
    )
    direct = CentralProcess(str(tmp_path / "b.sqlite3"), tmp_path, TERMINALS, workers=1)
    try:
        with behind, direct:
            assert _blocked_then_other_client(behind.url) == 401
            # Not trusted (the default): the header is ignored (a client cannot escape its block by
            # inventing one), so both are 127.0.0.1: one blocked client.
            assert _blocked_then_other_client(direct.url) == 429
    finally:
        if direct.proc.poll() is None:  # `behind` failed to start before `direct` was entered
            direct.stop()
