"""Turn raw HTTP answers into contract models or the right ``CentralError``.

Pure functions (no I/O) so that hypothesis can feed them garbage: whatever the bytes, the only
exceptions that leave this module are ``CentralError`` subclasses.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kiosk.api.errors import CentralProtocolError, CentralRejected, CentralUnavailable
from kiosk.contract import ApiError

M = TypeVar("M", bound=BaseModel)

_MAX_DETAIL = 160


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return "invalid"
    first = errors[0]
    loc = ".".join(str(p) for p in first.get("loc", ())) or "(body)"
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return _short(f"{loc}: {first.get('msg', 'invalid')}") + more


def parse_body(endpoint: str, body: bytes, model: type[M]) -> M:
    """Validate a 2xx body as ``model``; ``CentralProtocolError`` naming the endpoint otherwise."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        # pydantic reports malformed JSON as a "json_invalid" ValidationError too.
        kind = exc.errors()[0].get("type") if exc.errors() else ""
        what = "malformed JSON" if kind == "json_invalid" else f"unexpected {model.__name__}"
        raise CentralProtocolError(f"{endpoint}: {what}: {_first_error(exc)}") from None
    except (ValueError, RecursionError, UnicodeError, TypeError) as exc:
        raise CentralProtocolError(f"{endpoint}: unreadable answer: {type(exc).__name__}") from None


def raise_for_status(endpoint: str, status: int, body: bytes) -> None:
    """Raise the ``CentralError`` a non-2xx answer stands for; return for 2xx."""
    if 200 <= status < 300:
        return
    api_error: ApiError | None
    try:
        api_error = ApiError.model_validate_json(body)
    except (ValidationError, ValueError, RecursionError, UnicodeError, TypeError):
        api_error = None
    if status == 429 or status >= 500:
        detail = f"{api_error.code}: {_short(api_error.message)}" if api_error else "no ApiError body"
        raise CentralUnavailable(f"{endpoint}: HTTP {status} ({detail})", status=status)
    if 400 <= status < 500:
        if api_error is None:
            raise CentralProtocolError(f"{endpoint}: HTTP {status} without an ApiError body")
        raise CentralRejected(api_error.code, _short(api_error.message), status=status)
    raise CentralProtocolError(f"{endpoint}: unexpected HTTP status {status}")
