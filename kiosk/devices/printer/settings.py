"""Printer configuration: which backend, which pinned profile, which paper, which timeouts."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.printing.profile import PrinterProfile

Backend = Literal["virtual", "network", "usb", "serial", "cups"]


@lru_cache(maxsize=1)
def known_profiles() -> frozenset[str]:
    """Capability profile names shipped with python-escpos (read as JSON: no escpos import)."""
    try:
        from importlib.resources import files

        data = json.loads((files("escpos") / "capabilities.json").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        return frozenset()  # cannot check here; the renderer will say so clearly
    return frozenset(data.get("profiles", {}))


class PrinterSettings(BaseModel):
    """The ``[printer]`` table of the kiosk configuration."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    backend: Backend = "virtual"
    """How the printer is reached: virtual (demo/tests), network (raw TCP 9100), usb, serial or cups."""
    profile: str = "default"
    """Pinned python-escpos capability profile name, e.g. "TM-T88V", "TM-T20II", "POS-5890"."""
    paper_width_mm: Literal[58, 80] = 80
    """Width of the paper roll loaded: 58 mm (384 dots, 32 columns) or 80 mm (576 dots, 48 columns)."""
    width_dots: int = Field(default=0, ge=0, le=2048)
    """Printable width in dots; 0 derives it from the paper (set 512 for 180 dpi 80 mm printers)."""
    columns: int = Field(default=0, ge=0, le=128)
    """Font A characters per line; 0 derives it from the paper (set 42 for 180 dpi 80 mm printers)."""
    native_qr: bool | None = None
    """Force native QR (GS ( k) on or off; unset lets the capability profile decide."""
    connect_timeout_s: float = Field(default=3.0, gt=0, le=60)
    """Seconds allowed to open the connection (TCP connect, USB claim, serial open)."""
    write_timeout_s: float = Field(default=10.0, gt=0, le=120)
    """Seconds allowed to hand one job to the printer before it counts as an I/O error."""
    read_timeout_s: float = Field(default=1.0, gt=0, le=60)
    """Seconds to wait for any other reply from the printer."""
    status_timeout_s: float = Field(default=0.5, gt=0, le=10)
    """Seconds to wait for each real-time status byte; silence means status unknown."""
    host: str | None = None
    """Network backend: printer host name or IP address."""
    port: int = Field(default=9100, ge=1, le=65535)
    """Network backend: TCP port of the raw print service."""
    vendor_id: int | None = None
    """USB backend: vendor id, e.g. 0x04b8 for Epson (hex strings like "04b8" are accepted)."""
    product_id: int | None = None
    """USB backend: product id, e.g. 0x0202 (hex strings accepted)."""
    in_ep: int | None = None
    """USB backend: bulk IN endpoint; unset uses the escpos default (0x82)."""
    out_ep: int | None = None
    """USB backend: bulk OUT endpoint; unset uses the escpos default (0x01)."""
    serial_port: str | None = None
    """Serial backend: device path, e.g. /dev/ttyUSB0 or /dev/ttyS0."""
    baudrate: int = Field(default=9600, ge=1200, le=921600)
    """Serial backend: line speed in baud."""
    queue: str | None = None
    """CUPS backend: name of a raw print queue (lp -d QUEUE -o raw)."""
    on_fault: Literal["virtual_ticket", "out_of_service"] = "virtual_ticket"
    """What the kiosk does when the printer cannot print: show tickets on screen, or close."""
    virtual_paper: Literal["ok", "near_end", "out"] = "ok"
    """Virtual backend: the paper state it reports at start (the demo can change it later)."""

    @field_validator("vendor_id", "product_id", "in_ep", "out_ep", mode="before")
    @classmethod
    def _hex_ids(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return int(value, 16)
            except ValueError:
                raise ValueError(f"expected a hexadecimal id like '04b8' or '0x04b8', got {value!r}") from None
        return value

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str) -> str:
        known = known_profiles()
        if known and value not in known:
            raise ValueError(f"unknown python-escpos capability profile {value!r}; known: {', '.join(sorted(known))}")
        return value

    @field_validator("vendor_id", "product_id")
    @classmethod
    def _usb_id_range(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= 0xFFFF:
            raise ValueError(f"USB ids are 16-bit (0..0xffff), got {value:#x}")
        return value

    @model_validator(mode="after")
    def _backend_needs(self) -> PrinterSettings:
        needs: dict[str, list[tuple[str, object]]] = {
            "network": [("host", self.host)],
            "usb": [("vendor_id", self.vendor_id), ("product_id", self.product_id)],
            "serial": [("serial_port", self.serial_port)],
            "cups": [("queue", self.queue)],
        }
        missing = needs.get(self.backend, [])
        names = [name for name, value in missing if value in (None, "")]
        if names:
            raise ValueError(f"printer backend {self.backend!r} needs {', '.join(names)}")
        return self

    def printer_profile(self) -> PrinterProfile:
        return PrinterProfile(
            name=self.profile,
            paper_width_mm=self.paper_width_mm,
            width_dots=self.width_dots,
            columns=self.columns,
            native_qr=self.native_qr,
        )
