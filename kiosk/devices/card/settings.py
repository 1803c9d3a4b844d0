"""Validated settings of the card reader (the ``[card_reader]`` table of the kiosk config)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class CardReaderSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    backend: Literal["pcsc", "none"] = "pcsc"
    """Card reader backend: PC/SC through pcscd, or none (citizens use the NIK keypad)."""

    reader_name_filter: str | None = None
    """Use only readers whose name contains this text (case-insensitive); unset = every reader."""

    poll_interval_s: float = Field(0.25, ge=0.02, le=5.0)
    """Longest single wait for reader events; bounds how fast stop() and MRZ retries react."""

    read_timeout_s: float = Field(5.0, gt=0.0, le=60.0)
    """A card read (connect plus every APDU) running longer than this is abandoned as timeout."""

    removal_grace_s: float = Field(1.0, ge=0.0, le=5.0)
    """After a failed APDU, how long to wait for pcscd to report the card gone (removed)."""

    restart_backoff_initial_s: float = Field(0.2, gt=0.0, le=10.0)
    """First wait before reconnecting to pcscd after it went away; doubles on each failure."""

    restart_backoff_max_s: float = Field(5.0, gt=0.0, le=120.0)
    """Longest wait between attempts to reach pcscd again."""

    ektp_atr_prefixes_hex: tuple[str, ...] = ()
    """ATR prefixes (hex) of the e-KTP chips in circulation here; read as UID + NIK without a SAM."""

    @field_validator("ektp_atr_prefixes_hex")
    @classmethod
    def _hex(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            try:
                if not bytes.fromhex(item):
                    raise ValueError
            except ValueError:
                raise ValueError(f"ATR prefix {item!r} is not non-empty hex like '3B8F80'") from None
        return value

    @model_validator(mode="after")
    def _backoff_order(self) -> CardReaderSettings:
        if self.restart_backoff_initial_s > self.restart_backoff_max_s:
            raise ValueError("restart_backoff_initial_s must not exceed restart_backoff_max_s")
        return self

    def ektp_atr_prefixes(self) -> tuple[bytes, ...]:
        return tuple(bytes.fromhex(p) for p in self.ektp_atr_prefixes_hex)
