"""A short way through the app for the two calls every ticket makes, when they can be answered
exactly as the app would answer them.

Why: under a hall's load, after the database and the socket, the largest part of the central's
CPU per ticket was the framework's own per-request work: routing through every router, solving the
dependencies, validating the same headers again, serializing through the response model (bench
central_fleet, profiled: about a quarter). For ``POST /v1/tickets`` and ``POST /v1/tickets/{id}/
confirm`` from a terminal this process already authenticated with the same token
(``TerminalRegistry.vouched``), this ASGI middleware validates with the same models and limits,
runs the same guarded statement (``TicketDesk.reserve_async`` / ``confirm_async``) and writes the
same JSON.

Everything else is handed to the app untouched, body included, and the app answers as it always
did: the first call of a terminal, anything that does not validate, a refusal, a lapse or a
repeat, a token that is no longer live, an unexpected error (the statements are idempotent, so
the app may run them again), SQLite. A database that is busy or away gets the app's own 503 here,
at once: handing it on would wait for the database a second time. It sits inside the metrics and request-limit middlewares, which
count and bound it as any request (under the route the app would have matched).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi.routing import APIRoute
from pydantic import Field, TypeAdapter

from central.errors import unavailable_response
from central.limits import IDEMPOTENCY_KEY, replaying
from central.metrics import HOT_LANE
from central.store import StoreUnavailable
from central.terminals import TerminalRegistry
from central.tickets import TicketDesk
from kiosk.contract import Ticket, TicketConfirmRequest, TicketReserveRequest

log = logging.getLogger(__name__)

_IDEMPOTENCY_KEY: TypeAdapter[str] = TypeAdapter(Annotated[str, Field(**IDEMPOTENCY_KEY)])
_CONFIRM_PATH = re.compile(r"/v1/tickets/([^/]{1,64})/confirm")
_RESERVE_PATH = "/v1/tickets"
_WANTED = {b"authorization", b"x-terminal-id", b"idempotency-key", b"content-type"}
_JSON_HEADERS = [(b"content-type", b"application/json")]


class HotLane:
    def __init__(
        self,
        app: Any,
        *,
        registry: TerminalRegistry,
        desk: TicketDesk,
        on_loop: Callable[[], bool],
        routes: Callable[[], list[Any]],
    ) -> None:
        self.app = app
        self.registry = registry
        self.desk = desk
        self.on_loop = on_loop
        self._routes = routes
        self._route_of: dict[str, Any] | None = None

    def _route(self, template: str) -> Any:
        """The app's route for a path template (the metrics label requests by it)."""
        if self._route_of is None:
            self._route_of = {
                r.path: r for r in self._routes() if isinstance(r, APIRoute) and "POST" in (r.methods or ())
            }
        return self._route_of.get(template)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not self.on_loop():
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        confirm = None if path == _RESERVE_PATH else _CONFIRM_PATH.fullmatch(path)
        if path != _RESERVE_PATH and confirm is None:
            await self.app(scope, receive, send)
            return
        body, more = await _whole_body(receive)
        if more is None:  # the client went away
            return
        answer = None
        scope["route"] = self._route(_RESERVE_PATH if confirm is None else "/v1/tickets/{ticket_id}/confirm")
        try:
            answer = await self._answer(scope, body, None if confirm is None else confirm.group(1))
        except StoreUnavailable:
            # The app's own 503, at once: asking the app would wait for the database a second time.
            await unavailable_response()(scope, receive, send)
            return
        except Exception:  # any doubt: the app answers (and reports) it
            log.debug("hot lane handed a call to the app", exc_info=True)
        if answer is None:
            await self.app(scope, replaying(body, receive), send)
            return
        HOT_LANE.labels(call="reserve" if confirm is None else "confirm").inc()
        headers = [*_JSON_HEADERS, (b"content-length", str(len(answer)).encode("ascii"))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    async def _answer(self, scope: Any, body: bytes, ticket_id: str | None) -> bytes | None:
        """The answer's bytes when this call settles here, else None (the app answers)."""
        found: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _WANTED:
                if name in found:
                    return None  # a repeated header: the app decides which counts
                found[name] = value
        if found.get(b"content-type") != b"application/json":
            return None
        scheme, _, token = found.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme != "Bearer" or not token or " " in token:
            return None
        caller = self.registry.vouched(found.get(b"x-terminal-id", b"").decode("latin-1"), token)
        if caller is None:
            return None
        ticket: Ticket | None
        if ticket_id is None:
            key = _IDEMPOTENCY_KEY.validate_python(found.get(b"idempotency-key", b"").decode("latin-1"))
            request = TicketReserveRequest.model_validate_json(body)
            ticket = await self.desk.reserve_async(caller, key, request)
        else:
            mode = TicketConfirmRequest.model_validate_json(body).mode
            ticket = await self.desk.confirm_async(caller, ticket_id, mode)
        return None if ticket is None else ticket.model_dump_json(by_alias=True).encode()


async def _whole_body(receive: Any) -> tuple[bytes, bool | None]:
    """The request's body (the limits middleware outside has bounded it); None: disconnected."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"", None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False
