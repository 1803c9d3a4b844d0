"""Typed settings for one kiosk terminal. Every field documents itself (shown by check-config)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.admin.settings import AdminSettings
from kiosk.api.settings import CentralSettings
from kiosk.devices.card.settings import CardReaderSettings
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.payments.settings import PaymentSettings
from kiosk.speech.settings import SpeechSettings

_STRICT = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

Language = Literal["id", "en"]


class TerminalSettings(BaseModel):
    model_config = _STRICT

    name: str = Field(min_length=1, max_length=80)
    """Where the kiosk stands, for technicians and the fleet page, e.g. "Lobby, left of the entrance"."""
    opening_hours: bool = True
    """Offer each service only within its catalogue opening hours (off for demos run at any hour)."""
    time_zone: str | None = None
    """The site's IANA time zone, e.g. "Asia/Jakarta" (WIB), "Asia/Makassar" (WITA), "Asia/Jayapura"
    (WIT); install.sh sets the terminal's clock to it (opening hours, "closed for the day")."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                "not a time zone this system knows, e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura"
            ) from None
        return value


class IdleSettings(BaseModel):
    model_config = _STRICT

    warn_after_s: float = Field(45.0, ge=10, le=600)
    """Seconds without a touch before the "do you need more time?" warning appears."""
    answer_s: float = Field(30.0, ge=20, le=300)
    """Seconds the citizen has to answer the warning (WCAG 2.2.1 asks for at least 20)."""
    ticket_display_s: float = Field(20.0, ge=5, le=120)
    """Seconds the issued ticket stays on screen before the kiosk returns to the welcome screen."""


class UiSettings(BaseModel):
    model_config = _STRICT

    languages: tuple[Language, ...] = ("id", "en")
    """Languages offered, the first being the default each session starts in."""
    orientation: Literal["landscape", "portrait"] = "landscape"
    """How the panel is mounted; layouts differ (portrait keeps controls within wheelchair reach)."""
    fullscreen: bool = True
    """Fill the screen with no window decorations (off only for development)."""
    width_px: int = Field(1920, ge=640, le=7680)
    """Panel width in pixels, used when no real screen is present (offscreen demo, screenshots)."""
    height_px: int = Field(1080, ge=480, le=7680)
    """Panel height in pixels, used when no real screen is present."""
    demo_panel: bool = False
    """Show the virtual printer's output beside the kiosk (demo and training only)."""
    panel_width_mm: float | None = Field(None, ge=100, le=3000)
    """Physical width of the picture along its width in pixels, in mm (a 24" 16:9 panel: 527): touch
    targets and text are sized in mm from it. Unset: ``panel_diagonal_in``, else what the display
    reports, else the density of a 24" 1920x1080 panel."""
    panel_diagonal_in: float | None = Field(None, ge=7, le=120)
    """The panel's diagonal in inches (15.6, 21.5, ...), when its width in mm is not at hand."""

    @field_validator("languages")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one language is needed")
        if len(set(value)) != len(value):
            raise ValueError("each language may be listed once")
        return value


class DataSettings(BaseModel):
    model_config = _STRICT

    directory: Path = Path("var")
    """Folder for the catalogue cache, the journal and logs (relative paths: to the config file)."""


class KioskConfig(BaseModel):
    model_config = _STRICT

    terminal: TerminalSettings
    """Where this kiosk stands (its id is ``central.terminal_id``, as enrolled)."""
    central: CentralSettings
    """How to reach the central service."""
    printer: PrinterSettings
    """The ticket and receipt printer."""
    card_reader: CardReaderSettings = Field(default_factory=CardReaderSettings)
    """The ID card reader (PC/SC)."""
    idle: IdleSettings = Field(default_factory=IdleSettings)
    """Time limits for an unattended session."""
    ui: UiSettings = Field(default_factory=UiSettings)
    """Screen and languages."""
    data: DataSettings = Field(default_factory=DataSettings)
    """Where the kiosk keeps its files."""
    admin: AdminSettings = Field(default_factory=AdminSettings)
    """Staff mode, heartbeat and logs."""
    payments: PaymentSettings = Field(default_factory=PaymentSettings)
    """QRIS payments for services with a fee."""
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    """Spoken guidance in easy-access mode (espeak-ng)."""
