"""The display and the touch panel as the kernel sees them (sysfs, udev), without Qt or a compositor:
``diagnose --acceptance`` runs while the kiosk is stopped, often over SSH."""

from __future__ import annotations

from pathlib import Path

from kiosk.config.models import KioskConfig
from kiosk.diagnostics.result import CheckResult

SIZE_TOLERANCE_MM = 10.0


def connected_outputs(sysfs: Path) -> list[dict[str, object]]:
    """Each connected DRM connector: name, preferred mode, and size in mm from its EDID."""
    outputs: list[dict[str, object]] = []
    for connector in sorted((sysfs / "class/drm").glob("card*-*")):
        try:
            if (connector / "status").read_text().strip() != "connected":
                continue
            modes = (connector / "modes").read_text().split()
        except OSError:
            continue
        width_mm = height_mm = None
        try:
            edid = (connector / "edid").read_bytes()
            if len(edid) >= 23 and edid[21] and edid[22]:
                width_mm, height_mm = edid[21] * 10, edid[22] * 10  # the EDID gives whole cm
        except OSError:
            pass
        name = connector.name.split("-", 1)[1]
        outputs.append(
            {"name": name, "mode": modes[0] if modes else None, "width_mm": width_mm, "height_mm": height_mm}
        )
    return outputs


def touchscreens(sysfs: Path, udev_data: Path) -> list[str]:
    """Names of the input devices udev tags as touchscreens (ID_INPUT_TOUCHSCREEN=1)."""
    found = []
    for event in sorted((sysfs / "class/input").glob("event*")):
        try:
            major, minor = (event / "dev").read_text().strip().split(":")
            tags = (udev_data / f"c{major}:{minor}").read_text()
        except (OSError, ValueError):
            continue
        if "E:ID_INPUT_TOUCHSCREEN=1" in tags.splitlines():
            try:
                found.append((event / "device/name").read_text().strip()[:80])
            except OSError:
                found.append(event.name)
    return found


def check_panel(config: KioskConfig, sysfs: Path = Path("/sys")) -> CheckResult:
    outputs = connected_outputs(sysfs)
    details: dict[str, object] = {"outputs": outputs}
    if not outputs:
        return CheckResult(
            "panel",
            "FAIL",
            "no connected display (none in /sys/class/drm)",
            "check the panel's power and its video cable (HDMI/DP/eDP); then run this again",
            details,
        )
    first = outputs[0]
    size = f"{first['width_mm']}x{first['height_mm']} mm" if first["width_mm"] else "size unknown (no EDID)"
    reason = f"{first['name']}: {first['mode']}, {size}"
    configured = config.ui.panel_width_mm
    measured = first["width_mm"]
    if configured is not None and isinstance(measured, int) and abs(measured - configured) > SIZE_TOLERANCE_MM:
        return CheckResult(
            "panel",
            "WARN",
            f"{reason}; ui.panel_width_mm is {configured:g}: touch targets would be sized wrongly",
            f"measure the picture's width and set ui.panel_width_mm (the display says {measured} mm)",
            details,
        )
    if configured is None and config.ui.panel_diagonal_in is None and not measured:
        return CheckResult(
            "panel",
            "WARN",
            f"{reason}; neither the display nor the config gives the panel's size",
            "measure the picture's width and set ui.panel_width_mm in the config",
            details,
        )
    return CheckResult("panel", "OK", reason, details=details)


def check_touch(sysfs: Path = Path("/sys"), udev_data: Path = Path("/run/udev/data")) -> CheckResult:
    found = touchscreens(sysfs, udev_data)
    if not found:
        return CheckResult(
            "touch",
            "FAIL",
            "no touchscreen among the input devices",
            "check the touch panel's USB cable (it is a separate cable from the video one)",
        )
    return CheckResult("touch", "OK", f"touchscreen: {', '.join(found)}", details={"devices": found})
