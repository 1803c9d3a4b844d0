"""Sizes in millimetres on the real panel, turned into pixels for the panel at hand.

The same rules hold on every panel: a touch target is at least 15 mm whatever the resolution,
and text is sized by its height on the glass, not in pixels tuned for one screen. The density
(pixels per millimetre) comes from the configuration (``ui.panel_width_mm`` or
``ui.panel_diagonal_in``), else from what the compositor reports, else from the reference panel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The reference: a 24" 16:9 panel at 1920x1080 (527 mm wide), the density the design was drawn at.
REFERENCE_PX_PER_MM = 1920 / 527
TOUCH_RULE_MM = 15.0  # the project's rule (design.md): every target at least this on the glass
# A margin above the rule (rounding, borders); easy access larger again, for shaky hands.
TOUCH_MM = {False: 16.0, True: 19.0}
TABLET_ACCESSIBLE_TOUCH_MM = 16.5
# Em sizes in mm. Standard body text has capitals of ~4.7 mm (Inter: capitals ~0.73 em); easy
# access has capitals of at least 6 mm everywhere (design.md), so its smallest size is 8.4 mm (Inter's capitals are 0.72 em).
TYPE_MM = {"caption": 5.2, "body": 6.4, "lead": 7.6, "title": 10.5, "display": 15.0, "ticket": 36.0}
ACCESSIBLE_MIN_EM_MM = 8.4
ACCESSIBLE_SCALE = 1.25
# Those sizes are for reading at 500 mm (design.md: "capitals >= 6 mm at 500 mm"). People stand
# closer to a small screen (a 10" tablet kiosk is read from ~350 mm), so text there is as large to
# the eye with fewer mm; touch targets never shrink (a finger is a finger).
READING_MM = 500.0


@dataclass(frozen=True)
class Metrics:
    px_per_mm: float = REFERENCE_PX_PER_MM
    accessible: bool = False
    text_scale: float = 1.0  # reading distance / READING_MM (see ``reading_scale``)
    short: bool = False  # a panel under 250 mm tall: screens leave out what can go (see agency)

    def px(self, mm: float) -> int:
        return max(1, round(mm * self.px_per_mm))

    @property
    def touch(self) -> int:
        # On a tablet-sized panel the margin above the 15 mm rule shrinks (its height is scarce);
        # easy access there stays larger than standard, but 19 mm keys would not fit a keyboard
        # beside the navigation column (8 keys across ~140 mm).
        if self.cramped:
            return self.px(TABLET_ACCESSIBLE_TOUCH_MM if self.accessible else TOUCH_MM[False] - 0.6)
        return self.px(TOUCH_MM[self.accessible])

    def type_px(self) -> dict[str, int]:
        if not self.accessible:
            return {name: self.px(mm * self.text_scale) for name, mm in TYPE_MM.items()}
        return {
            name: self.px(max(ACCESSIBLE_MIN_EM_MM, mm * ACCESSIBLE_SCALE) * self.text_scale)
            for name, mm in TYPE_MM.items()
        }

    @property
    def cramped(self) -> bool:
        """A tablet-sized panel (read from closest): screens leave out their second lines."""
        return self.text_scale < 0.9

    def with_mode(self, accessible: bool) -> Metrics:
        return Metrics(self.px_per_mm, accessible, self.text_scale, self.short)


def reading_scale(panel_height_mm: float) -> float:
    """How close people read a panel this tall, relative to 500 mm: ~2.5 times its height, from
    350 mm (arm's length) up to the 500 mm the sizes are drawn for."""
    return min(READING_MM, max(350.0, 2.5 * panel_height_mm)) / READING_MM


def for_settings(ui, screen=None) -> Metrics:
    """Metrics for the configured panel (``UiSettings``), full screen on ``screen`` (a QScreen) or
    in a window of the configured size."""
    width, height, reported = ui.width_px, ui.height_px, None
    if ui.fullscreen and screen is not None:
        size, physical = screen.size(), screen.physicalSize()
        width, height, reported = size.width(), size.height(), (physical.width(), physical.height())
    return for_panel(width, height, px_per_mm(width, height, ui.panel_width_mm, ui.panel_diagonal_in, reported))


def for_panel(width_px: int, height_px: int, density: float) -> Metrics:
    """Standard-mode metrics for a panel of this many pixels at this density (px per mm)."""
    return Metrics(
        density, False, round(reading_scale(min(width_px, height_px) / density), 3), height_px / density < 250
    )


_current = Metrics()


def current() -> Metrics:
    """The metrics the window applied last (widgets built later size themselves from it)."""
    return _current


def use(metrics: Metrics) -> None:
    global _current
    _current = metrics


def px_per_mm(
    width_px: int,
    height_px: int,
    width_mm: float | None = None,
    diagonal_in: float | None = None,
    reported_mm: tuple[float, float] | None = None,
) -> float:
    """Density from the configured width or diagonal, else the compositor's report when it is
    plausible (EDIDs of kiosk panels often say 0x0 or a projector's 1600x900 mm), else the reference."""
    if width_mm:
        return width_px / width_mm
    if diagonal_in:
        return math.hypot(width_px, height_px) / (diagonal_in * 25.4)
    if reported_mm is not None:
        w_mm, h_mm = reported_mm
        if w_mm > 50 and h_mm > 50:
            density = width_px / w_mm
            # Anything between a 7" tablet and a 100" wall, at an aspect the pixels agree with.
            if 1.0 <= density <= 12.0 and abs(w_mm / h_mm - width_px / height_px) < 0.15 * width_px / height_px:
                return density
    return REFERENCE_PX_PER_MM
