"""The [payments] section of the kiosk config."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class PaymentSettings(BaseModel):
    """QRIS payments for services with a fee (through the central; no gateway keys here)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    enabled: bool = True
    """Take fees by QRIS; off = fee services are issued without payment (a free kiosk)."""
    merchant_nmid: str | None = Field(default=None, pattern=r"^ID[0-9A-Z]{10,13}$")
    """National merchant id (NMID) every QR must carry; None = any NMID, but one must be there."""
    poll_interval_s: float = Field(default=1.0, gt=0, le=10)
    """First delay between status checks while the QR is on screen."""
    poll_max_interval_s: float = Field(default=3.0, gt=0, le=30)
    """Status checks slow down (x1.5 each) to at most this."""
    live_fallback_poll_s: float = Field(default=5.0, gt=0, le=60)
    """While the central's live stream is up, "paid" arrives on it at once; status checks then only
    run this often, in case an event was lost."""
    offline_retry_max_s: float = Field(default=5.0, gt=0, le=60)
    """Longest pause between tries while the central cannot be reached."""
    create_timeout_s: float = Field(default=20.0, ge=1, le=120)
    """Give up on showing a QR after this long without an answer (the journal settles it later)."""
    unknown_after_s: float = Field(default=30.0, ge=1, le=600)
    """After the QR expired (or a cancel), how long to keep trying before saying "unknown"."""

    @model_validator(mode="after")
    def _intervals(self) -> PaymentSettings:
        if self.poll_max_interval_s < self.poll_interval_s:
            raise ValueError("poll_max_interval_s must be at least poll_interval_s")
        return self
