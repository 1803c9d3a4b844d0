"""Central checks for the technician (diagnostics screen and ``main.py diagnose``).

Blocking, like the client: run on the API worker. Never raises for central problems; the result
says what failed in words a technician can act on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError, CentralRejected

MAX_SKEW_S = 60.0


@dataclass(frozen=True)
class CentralCheck:
    """Outcome of ``check_central``."""

    reachable: bool
    authorized: bool
    latency_ms: float | None  # round trip of GET /v1/time
    clock_skew_s: float | None  # kiosk clock minus central clock (positive: kiosk ahead)
    site_timezone: str | None
    catalog_version: str | None
    problem: str | None  # first problem found, for the technician; None when all is well

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_central(client: CentralClient) -> CentralCheck:
    """Reachability and latency (GET /v1/time), clock skew, then the token (GET /v1/catalog)."""
    t0 = time.monotonic()
    local_before = datetime.now(UTC)
    try:
        server = client.get_time()
    except CentralError as exc:
        return CentralCheck(False, False, None, None, None, None, f"central not reachable: {exc}")
    rtt = time.monotonic() - t0
    # The central read its clock roughly half way through the round trip.
    local_mid = local_before + timedelta(seconds=rtt / 2)
    skew = (local_mid - server.now).total_seconds()
    problem = None
    if abs(skew) > MAX_SKEW_S:
        problem = f"clock skew {skew:+.0f} s against the central (limit ±{MAX_SKEW_S:.0f} s): fix NTP"
    try:
        catalog = client.get_catalog()
    except CentralRejected as exc:
        return CentralCheck(
            True,
            False,
            rtt * 1000,
            skew,
            None,  # /v1/time's zone is the default site's, perhaps not this kiosk's: unknown
            None,
            problem or f"central refused this terminal: {exc.code} ({exc.detail})",
        )
    except CentralError as exc:
        return CentralCheck(True, False, rtt * 1000, skew, None, None, problem or f"catalogue unavailable: {exc}")
    # The catalogue's zone is this kiosk's own site's; /v1/time (public) can only say the default site's.
    return CentralCheck(True, True, rtt * 1000, skew, catalog.site.timezone, catalog.version, problem)
