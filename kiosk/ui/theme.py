"""Design tokens and the style sheet built from them.

Colours are chosen for >= 7:1 text contrast (WCAG AAA) on the surfaces they are used on;
``tests/ui/test_theme_and_text.py`` recomputes the ratios from these values, so a palette change
that breaks contrast fails the build. Sizes come from ``kiosk.ui.metrics`` in millimetres, turned into pixels for the panel's density:
every touch target is at least the rule's 15 mm on any panel (Qt's min-height is the content box,
so the style sheet subtracts padding and border). Accessibility mode uses the high contrast
palette, larger targets, and capitals of at least 6 mm.
"""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import ACCESSIBLE_SCALE as _ACCESSIBLE_SCALE
from .metrics import Metrics


@dataclass(frozen=True)
class Palette:
    background: str = "#F3F5F7"
    surface: str = "#FFFFFF"
    text: str = "#14212B"
    text_muted: str = "#3A4752"
    primary: str = "#0B4F6C"  # deep civic blue
    primary_pressed: str = "#06354A"
    on_primary: str = "#FFFFFF"
    header: str = "#0B2E40"
    on_header: str = "#FFFFFF"
    border: str = "#5B6770"
    card_border: str = "#D5DBE0"
    pressed: str = "#DCE8EE"
    disabled: str = "#E7EBEE"
    disabled_primary: str = "#4A555C"
    on_disabled: str = "#FFFFFF"
    warning_surface: str = "#FFF4D6"
    warning_text: str = "#4A3300"
    ok_surface: str = "#E3F4EA"
    ok_text: str = "#0E3B22"


PALETTE = Palette()

# Accessibility mode: light on black, yellow for what can be touched (legible with low vision
# and cataracts; no meaning carried by colour alone: every state also has words).
HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    text_muted="#FFFFFF",
    primary="#FFD400",
    primary_pressed="#FFE766",
    on_primary="#000000",
    header="#000000",
    on_header="#FFFFFF",
    border="#FFFFFF",
    card_border="#FFFFFF",
    pressed="#333333",
    disabled="#1A1A1A",
    disabled_primary="#3A3A3A",
    on_disabled="#FFFFFF",
    warning_surface="#000000",
    warning_text="#FFD400",
    ok_surface="#000000",
    ok_text="#FFFFFF",
)

FONT_FAMILY = "Inter, DejaVu Sans, sans-serif"
ACCESSIBLE_SCALE = _ACCESSIBLE_SCALE
# Pixels on the reference panel, for code that has no panel at hand (tests of the palette).
TOUCH_MIN = Metrics().touch
ACCESSIBLE_MIN_PX = Metrics(accessible=True).type_px()["caption"]
TYPE = Metrics().type_px()
BORDER = 3  # px: a line, not a size; thin lines stay crisp at any density


def type_scale(accessible: bool = False, metrics: Metrics | None = None) -> dict[str, int]:
    return (metrics or Metrics()).with_mode(accessible).type_px()


_palette: Palette | None = None


def use_palette(palette: Palette) -> None:
    """The palette the window applied last (widgets that paint themselves draw in it)."""
    global _palette
    _palette = palette


def current_palette() -> Palette:
    return _palette or PALETTE


def style_sheet(p: Palette = PALETTE, accessible: bool = False, metrics: Metrics | None = None) -> str:
    m = (metrics or Metrics()).with_mode(accessible)
    t = m.type_px()
    touch = m.touch
    # Easy access on a tablet: the navigation stands in a column beside the content (side mode),
    # as narrow as its words allow.
    pad_v, pad_h = m.px(2.2), m.px(2.5 if accessible and m.cramped else 6)
    # Qt's min-height is the content box: the padding and border come on top of it.
    button_min = touch - 2 * (pad_v + BORDER)
    key_pad = m.px(1)
    key_min = touch - 2 * (key_pad + BORDER)
    radius, small_radius = m.px(5), m.px(4)
    return f"""
QWidget {{ font-family: {FONT_FAMILY}; font-size: {t["body"]}px; color: {p.text}; }}
#KioskArea, QStackedWidget > QWidget {{ background: {p.background}; }}
#Header {{ background: {p.header}; }}
#Header QLabel {{ color: {p.on_header}; }}
#SiteName {{ font-size: {t["lead"]}px; font-weight: 700; }}
#StepIndicator {{ font-size: {t["caption"]}px; font-weight: 600; }}
#Clock {{ font-size: {t["lead"]}px; font-weight: 600; }}
QLabel#Title {{ font-size: {t["title"]}px; font-weight: 800; }}
QLabel#Display {{ font-size: {t["display"]}px; font-weight: 800; color: {p.primary}; }}
QLabel#Lead {{ font-size: {t["lead"]}px; color: {p.text_muted}; }}
QLabel#Caption {{ font-size: {t["caption"]}px; color: {p.text_muted}; }}
QLabel#TicketWhere {{ font-size: {t["title"]}px; font-weight: 800; color: {p.text}; }}
QLabel#TicketAhead {{ font-size: {t["lead"]}px; font-weight: 700; color: {p.text}; }}
QLabel#QrisMark {{ font-size: {t["title"]}px; font-weight: 900; letter-spacing: {m.px(0.6)}px; color: {p.text}; }}
QLabel#TicketNumber {{ font-size: {t["ticket"]}px; font-weight: 900; color: {p.primary}; }}
QLabel#Banner[tone="warning"] {{ background: {p.warning_surface}; color: {p.warning_text};
    border: {BORDER}px solid {p.warning_text}; border-radius: {small_radius}px; padding: {m.px(2.5)}px {m.px(5)}px; font-weight: 600; }}
QLabel#Banner[tone="ok"] {{ background: {p.ok_surface}; color: {p.ok_text};
    border: {BORDER}px solid {p.ok_text}; border-radius: {small_radius}px; padding: {m.px(2.5)}px {m.px(5)}px; font-weight: 600; }}
QFrame#Card {{ background: {p.surface}; border: 2px solid {p.card_border}; border-radius: {radius}px; }}
QPushButton {{ min-height: {button_min}px; border-radius: {radius}px; padding: {pad_v}px {pad_h}px;
    font-size: {t["lead"]}px; font-weight: 700; background: {p.surface}; color: {p.primary};
    border: {BORDER}px solid {p.primary}; }}
QPushButton:pressed {{ background: {p.pressed}; }}
QPushButton:focus {{ outline: none; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="primary"]:disabled {{ background: {p.disabled_primary}; border-color: {p.disabled_primary};
    color: {p.on_disabled}; }}
QPushButton[role="hero"] {{ background: {p.primary}; color: {p.on_primary}; border: none;
    min-height: {m.px(28)}px; border-radius: {radius}px; font-size: {t["title"]}px; font-weight: 800; }}
QPushButton[role="hero"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="lang"] {{ background: transparent; color: {p.on_header}; border: {BORDER}px solid {p.on_header};
    min-height: {button_min}px; font-size: {t["body"]}px; padding: {pad_v}px {m.px(4)}px; }}
QPushButton[role="lang"]:checked {{ background: {p.on_header}; color: {p.header}; }}
QLabel#TileHeading {{ font-size: {t["lead"]}px; font-weight: 800; color: {p.text}; }}
QLabel#TileDetail {{ font-size: {t["body"]}px; color: {p.text}; }}
QLabel#TileMeta {{ font-size: {t["body"]}px; font-weight: 600; color: {p.primary}; }}
QPushButton[role="tile"] {{ text-align: left; background: {p.surface}; color: {p.text};
    border: 2px solid {p.card_border}; border-radius: {radius}px; padding: {m.px(3)}px {m.px(5)}px; font-weight: 600; }}
QPushButton[role="tile"]:pressed {{ background: {p.pressed}; border-color: {p.primary}; }}
QPushButton[role="tile"]:disabled {{ color: {p.text_muted}; background: {p.disabled};
    border: {BORDER}px dashed {p.border}; }}
QPushButton[role="key"] {{ min-height: {key_min}px; min-width: {key_min}px; padding: {key_pad}px;
    font-size: {t["lead"]}px;
    font-weight: 700; background: {p.surface}; color: {p.text}; border: {BORDER}px solid {p.border};
    border-radius: {small_radius}px; }}
QPushButton[role="key"]:pressed {{ background: {p.pressed}; border-color: {p.primary}; }}
QPushButton[role="key"]:disabled {{ color: {p.text_muted}; background: {p.disabled}; }}
QLabel#NikDisplay {{ font-size: {t["lead"] if accessible or m.cramped else t["title"]}px; font-weight: 700; letter-spacing: 2px;
    background: {p.background}; border: 2px solid {p.border}; border-radius: {small_radius}px;
    padding: {m.px(0.5)}px {m.px(3)}px; }}
QPushButton[role="choice"] {{ font-size: {t["body"]}px; padding: {pad_v}px {m.px(2)}px; background: {p.surface}; color: {p.text}; border: {BORDER}px solid {p.border}; }}
QPushButton[role="choice"]:checked {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
#Overlay {{ background: rgba(10, 20, 28, 190); }}
#OverlayCard {{ background: {p.surface}; border: {BORDER}px solid {p.card_border}; border-radius: {radius}px; }}
#DemoPanel {{ background: #2B3338; }}
#DemoPanel QLabel {{ color: #FFFFFF; }}
"""
