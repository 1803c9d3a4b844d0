"""Errors the central's domain code raises; the app turns them into ApiError answers."""

from __future__ import annotations


class ApiProblem(Exception):
    """An HTTP status + stable ApiError code + message for technicians."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
