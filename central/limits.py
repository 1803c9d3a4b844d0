"""Request size limits for the central, ahead of routing (issue 12, defect 4).

An ASGI middleware, so nothing reaches FastAPI's body parsing or a handler oversized: the request
target (path + query) over ``max_target`` -> 414, headers over ``max_header_bytes`` in all -> 431,
a body over ``max_body`` (by Content-Length, or counted while it streams in) -> 413. Answers are
ApiError bodies and never repeat what was sent.
"""

from __future__ import annotations

import json
from typing import Any

MAX_TARGET = 2048
MAX_HEADER_BYTES = 16 * 1024
MAX_BODY = 1024 * 1024  # an events batch of 500 small events stays far below
IDEMPOTENCY_KEY: dict[str, Any] = {"min_length": 1, "max_length": 128, "pattern": r"^[!-~]+$"}
"""Header() limits of an Idempotency-Key: required, 1-128 visible ASCII characters (a UUID in practice)."""


async def _answer(send: Any, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLimitsMiddleware:
    def __init__(
        self,
        app: Any,
        *,
        max_target: int = MAX_TARGET,
        max_header_bytes: int = MAX_HEADER_BYTES,
        max_body: int = MAX_BODY,
    ) -> None:
        self.app = app
        self.max_target = max_target
        self.max_header_bytes = max_header_bytes
        self.max_body = max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if target > self.max_target:
            await _answer(send, 414, "uri_too_long", f"request path and query over {self.max_target} bytes")
            return
        headers = scope.get("headers", [])
        if sum(len(k) + len(v) for k, v in headers) > self.max_header_bytes:
            await _answer(send, 431, "headers_too_large", f"request headers over {self.max_header_bytes} bytes")
            return
        declared = next((v for k, v in headers if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _answer(send, 413, "body_too_large", f"request body over {self.max_body} bytes")
            return
        await self._call_counting(scope, receive, send)

    async def _call_counting(self, scope: Any, receive: Any, send: Any) -> None:
        # Read the whole body here (it is at most max_body) and replay it: raising from inside
        # receive() would reach FastAPI's body parsing, which turns any error there into a 400.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body:
                await _answer(send, 413, "body_too_large", f"request body over {self.max_body} bytes")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, replaying(b"".join(chunks), receive), send)


def replaying(body: bytes, receive: Any) -> Any:
    """An ASGI ``receive`` that hands on ``body`` (already read whole) as one message, then the
    server's own messages (the disconnect)."""
    sent = False

    async def replay() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
