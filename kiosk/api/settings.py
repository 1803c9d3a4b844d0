"""Settings for talking to the central service (one ``[central]`` table in the kiosk config)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

log = logging.getLogger(__name__)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class CentralSettings(BaseModel):
    """Where the central is and how patiently to talk to it."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    base_url: str
    """Central API root, https://... (plain http only to a loopback address such as 127.0.0.1)."""
    terminal_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    """This kiosk's id at the central, sent as X-Terminal-Id with every call."""
    connect_timeout_s: float = Field(default=3.0, gt=0, le=60)
    """Seconds to wait for the TCP/TLS connection."""
    read_timeout_s: float = Field(default=5.0, gt=0, le=120)
    """Seconds to wait for the answer once connected."""
    retries: int = Field(default=3, ge=0, le=10)
    """Extra attempts for idempotent calls after a transient failure (0 = try once)."""
    backoff_s: float = Field(default=0.2, ge=0, le=10)
    """First retry delay; doubles after every further failure."""
    offline_after_failures: int = Field(default=3, ge=1, le=100)
    """Consecutive failed calls before the kiosk declares itself offline."""
    verify_tls: bool = True
    """Verify the central's TLS certificate (only ever off on a lab bench)."""
    ca_bundle: Path | None = None
    """PEM bundle of the CA that signed the central's certificate; None = system CAs."""
    token_file: Path | None = None
    """File holding the terminal token written at enrolment (mode 0600); None = no token yet."""

    @field_validator("base_url")
    @classmethod
    def _safe_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"base_url must look like https://central.example.id, got {value!r}")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise ValueError(
                f"base_url {value!r} uses plain http to a non-loopback host; the terminal token "
                "would travel unencrypted. Use https:// (http is allowed only for 127.0.0.1)."
            )
        if parts.query or parts.fragment:
            raise ValueError("base_url must not carry a query string or fragment")
        return value.strip().rstrip("/")

    def read_token(self) -> str | None:
        """The token from ``token_file`` (stripped), or None when there is no such file."""
        if self.token_file is None or not self.token_file.exists():
            return None
        from kiosk.api.token_file import token_file_too_open

        if token_file_too_open(self.token_file):
            log.warning("token file %s is readable by group/others; chmod 600 it", self.token_file)
        return self.token_file.read_text(encoding="utf-8").strip() or None
