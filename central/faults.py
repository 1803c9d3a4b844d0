"""Fault injection for tests and the demo (only installed when ``faults_enabled``).

An ASGI middleware in front of /v1/*: it counts every request (so tests can prove how many
attempts a client made, from the server's side) and can answer slowly, with HTTP 500, with a
200 carrying broken JSON, or by dropping the connection without any answer.

The switches (``/__faults__``) are a test/demo mode: the server only enables them on a loopback
address (``central.server.start``, ``central.cli.run``), and every call must come from loopback
and carry ``Authorization: Bearer <faults token>``, a secret made for each run.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from central.errors import ApiProblem

log = logging.getLogger(__name__)

FaultMode = Literal["ok", "slow", "error500", "malformed", "drop"]


class FaultRequest(BaseModel):
    """Body of POST /__faults__."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    mode: FaultMode
    """What to do with the following /v1/* requests."""
    delay_s: float = Field(default=0.0, ge=0, le=60)
    """Delay for "slow"."""
    times: int | None = Field(default=None, ge=1)
    """Apply the fault to this many requests, then go back to "ok"; None = until changed."""
    reset_counts: bool = False
    """Also zero the request counters."""


class FaultInjector:
    """Shared, thread-safe fault state and request counters."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mode: FaultMode = "ok"
        self._delay = 0.0
        self._remaining: int | None = None
        self._counts: Counter[str] = Counter()

    def configure(self, req: FaultRequest) -> None:
        with self._lock:
            self._mode, self._delay, self._remaining = req.mode, req.delay_s, req.times
            if req.reset_counts:
                self._counts.clear()

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {
                "mode": self._mode,
                "delay_s": self._delay,
                "remaining": self._remaining,
                "requests": dict(self._counts),
            }

    def take(self, key: str) -> tuple[FaultMode, float]:
        """Count one request and return the fault to apply to it."""
        with self._lock:
            self._counts[key] += 1
            mode, delay = self._mode, self._delay
            if mode != "ok" and self._remaining is not None:
                self._remaining -= 1
                if self._remaining <= 0:
                    self._mode, self._remaining = "ok", None
            return mode, delay


async def _send(send: Any, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class FaultMiddleware:
    def __init__(self, app: Any, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        mode, delay = self.injector.take(f"{scope['method']} {scope['path']}")
        if mode == "slow":
            await asyncio.sleep(delay)
        elif mode == "error500":
            await _send(send, 500, b'{"code":"injected_fault","message":"fault injection: error500"}')
            return
        elif mode == "malformed":
            await _send(send, 200, b'{"version": "x", "generated_at": [1, 2,')
            return
        elif mode == "drop":
            await self._drop(receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    async def _drop(receive: Any, send: Any) -> None:
        # ASGI has no "close without answering"; uvicorn's receive() is a bound method of the
        # request cycle, which holds the transport. Abort it (TCP RST, no response bytes).
        cycle = getattr(receive, "__self__", None)
        transport = getattr(cycle, "transport", None)
        if transport is None:  # another server: the nearest thing is an empty 500
            log.warning("fault 'drop': transport not reachable, answering 500 instead")
            await _send(send, 500, b"")
            return
        transport.abort()
        await asyncio.sleep(0.01)  # let connection_lost mark the cycle disconnected


# Faults token of every central this process started (base URL -> token), so test helpers in the
# same process (``central.testing.Faults``) find it from the URL alone.
FAULT_TOKENS: dict[str, str] = {}


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


_bearer = HTTPBearer(auto_error=False)


def fault_router(injector: FaultInjector, token: str, mark_paid: Callable[[str], Any]) -> APIRouter:
    """The switches, each behind the loopback + token check."""
    if not token:
        raise ValueError("fault switches need a token")

    def guard(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        if not is_loopback(request.client.host if request.client else None):
            raise ApiProblem(403, "faults_loopback_only", "fault switches answer on loopback only")
        given = creds.credentials if creds is not None else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiProblem(401, "unauthorized", "fault switches need the faults token")

    router = APIRouter(dependencies=[Depends(guard)], include_in_schema=False)

    @router.get("/__faults__")
    def fault_state() -> dict[str, Any]:
        return injector.state()

    @router.post("/__faults__")
    def set_fault(body: FaultRequest) -> dict[str, Any]:
        injector.configure(body)
        return injector.state()

    @router.post("/__faults__/payments/{payment_id}/pay")
    def simulate_payment(payment_id: str) -> Any:
        return mark_paid(payment_id)

    return router
