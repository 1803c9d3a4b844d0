"""The ``[admin]`` table of the kiosk config (every field has a default: old configs stay valid)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class AdminSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    session_timeout_s: float = Field(120.0, ge=30, le=1800)
    """Seconds without a touch before admin mode closes and the citizen screens return."""
    max_pin_attempts: int = Field(5, ge=3, le=10)
    """Wrong PINs in a row before admin mode locks."""
    lockout_base_s: float = Field(60.0, ge=10, le=3600)
    """First lockout in seconds; each further lockout doubles it (at most a day)."""
    pin_file: Path | None = None
    """File with the PIN hashes (mode 0600); unset = admin-pins.json in the data folder."""
    heartbeat_interval_s: float = Field(60.0, ge=10, le=3600)
    """Seconds between two heartbeats to the central service."""
    log_max_bytes: int = Field(2_000_000, ge=100_000, le=100_000_000)
    """Size at which the JSON-lines log file is rotated."""
    log_backups: int = Field(5, ge=1, le=50)
    """Rotated log files kept."""
