"""What can go wrong talking to the central, sorted by what the kiosk should do about it.

* ``CentralUnavailable``: transient (no connection, timeout, 5xx, 429). Retry later / go offline.
* ``CentralRejected``: the central answered and said no (4xx with an ApiError). Do not retry.
* ``CentralProtocolError``: the answer was not what the contract promises. A bug or a
  misconfigured proxy; counts as a connectivity failure.

``user_message_key`` is a translation key for what the citizen sees; messages are for logs.
"""

from __future__ import annotations


class CentralError(Exception):
    """Base of every error raised by ``CentralClient``."""

    user_message_key = "central.error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CentralUnavailable(CentralError):
    """No usable answer: connection refused/reset, timeout, HTTP 5xx or 429."""

    user_message_key = "central.unavailable"

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class CentralRejected(CentralError):
    """The central refused the request (HTTP 4xx) and said why in an ApiError body."""

    user_message_key = "central.rejected"

    def __init__(self, code: str, message: str, *, status: int) -> None:
        super().__init__(f"HTTP {status} {code}: {message}")
        if status == 401:  # a revoked/missing token needs staff, not a retry by the citizen
            self.user_message_key = "central.unauthorized"
        self.code = code
        self.status = status
        self.detail = message


class CentralProtocolError(CentralError):
    """The answer broke the contract: not JSON, or not the expected shape."""

    user_message_key = "central.protocol"
