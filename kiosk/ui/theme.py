"""Design tokens and the style sheet built from them.

Colours are chosen for >= 7:1 text contrast (WCAG AAA) on the surfaces they are used on;
``tests/ui/test_theme_and_text.py`` recomputes the ratios from these values, so a palette change
that breaks contrast fails the build. Sizes are in pixels for a ~24" 1920x1080 panel (~3.6 px/mm),
where 15 mm is ~55 px: every touch target is at least ``TOUCH_MIN`` tall (Qt's min-height is the
content box, so the style sheet subtracts padding and border). Accessibility mode uses the high
contrast palette and scales type and targets by ``ACCESSIBLE_SCALE``.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    background="#000000", surface="#000000", text="#FFFFFF", text_muted="#FFFFFF",
    primary="#FFD400", primary_pressed="#FFE766", on_primary="#000000",
    header="#000000", on_header="#FFFFFF", border="#FFFFFF", card_border="#FFFFFF",
    pressed="#333333", disabled="#1A1A1A", disabled_primary="#3A3A3A", on_disabled="#FFFFFF",
    warning_surface="#000000", warning_text="#FFD400", ok_surface="#000000", ok_text="#FFFFFF",
)

FONT_FAMILY = "Inter, DejaVu Sans, sans-serif"
TOUCH_MIN = 88  # px; ~24 mm on the reference panel, well above 15 mm
ACCESSIBLE_SCALE = 1.25
# Large-text mode: capital letters of at least 6 mm on the reference panel (3.64 px/mm; Inter's
# capitals are ~0.73 of the font size), so no text is smaller than this in accessibility mode.
ACCESSIBLE_MIN_PX = 31
SPACING = {"xs": 8, "s": 16, "m": 24, "l": 40, "xl": 64}
TYPE = {"caption": 22, "body": 28, "lead": 34, "title": 48, "display": 72, "ticket": 180}


def type_scale(accessible: bool = False) -> dict[str, int]:
    if not accessible:
        return dict(TYPE)
    return {name: max(ACCESSIBLE_MIN_PX, round(px * ACCESSIBLE_SCALE)) for name, px in TYPE.items()}


def style_sheet(p: Palette = PALETTE, accessible: bool = False) -> str:
    t = type_scale(accessible)
    touch = round(TOUCH_MIN * (1.2 if accessible else 1.0))
    return f"""
QWidget {{ font-family: {FONT_FAMILY}; font-size: {t['body']}px; color: {p.text}; }}
#KioskArea, QStackedWidget > QWidget {{ background: {p.background}; }}
#Header {{ background: {p.header}; }}
#Header QLabel {{ color: {p.on_header}; }}
#SiteName {{ font-size: {t['lead']}px; font-weight: 700; }}
#Clock {{ font-size: {t['lead']}px; font-weight: 600; }}
QLabel#Title {{ font-size: {t['title']}px; font-weight: 800; }}
QLabel#Display {{ font-size: {t['display']}px; font-weight: 800; color: {p.primary}; }}
QLabel#Lead {{ font-size: {t['lead']}px; color: {p.text_muted}; }}
QLabel#Caption {{ font-size: {t['caption']}px; color: {p.text_muted}; }}
QLabel#TicketNumber {{ font-size: {t['ticket']}px; font-weight: 900; color: {p.primary}; }}
QLabel#Banner[tone="warning"] {{ background: {p.warning_surface}; color: {p.warning_text};
    border: 3px solid {p.warning_text}; border-radius: 16px; padding: 16px 24px; font-weight: 600; }}
QLabel#Banner[tone="ok"] {{ background: {p.ok_surface}; color: {p.ok_text};
    border: 3px solid {p.ok_text}; border-radius: 16px; padding: 16px 24px; font-weight: 600; }}
QFrame#Card {{ background: {p.surface}; border: 2px solid {p.card_border}; border-radius: 24px; }}
QPushButton {{ min-height: {touch - 30}px; border-radius: 20px; padding: 12px 32px;
    font-size: {t['lead']}px; font-weight: 700; background: {p.surface}; color: {p.primary};
    border: 3px solid {p.primary}; }}
QPushButton:pressed {{ background: {p.pressed}; }}
QPushButton:focus {{ outline: none; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="primary"]:disabled {{ background: {p.disabled_primary}; border-color: {p.disabled_primary};
    color: {p.on_disabled}; }}
QPushButton[role="hero"] {{ background: {p.primary}; color: {p.on_primary}; border: none;
    min-height: 170px; border-radius: 32px; font-size: {t['display'] - 16}px; font-weight: 800; }}
QPushButton[role="hero"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="lang"] {{ background: transparent; color: {p.on_header}; border: 3px solid {p.on_header};
    min-height: 52px; min-width: 200px; font-size: {t['body']}px; padding: 8px 20px; }}
QPushButton[role="lang"]:checked {{ background: {p.on_header}; color: {p.header}; }}
QLabel#TileHeading {{ font-size: {t['lead']}px; font-weight: 800; color: {p.text}; }}
QLabel#TileDetail {{ font-size: {t['body']}px; color: {p.text}; }}
QLabel#TileMeta {{ font-size: {t['body']}px; font-weight: 600; color: {p.primary}; }}
QPushButton[role="tile"] {{ text-align: left; background: {p.surface}; color: {p.text};
    border: 2px solid {p.card_border}; border-radius: 24px; padding: 24px 32px; font-weight: 600; }}
QPushButton[role="tile"]:pressed {{ background: {p.pressed}; border-color: {p.primary}; }}
QPushButton[role="tile"]:disabled {{ color: {p.text_muted}; background: {p.disabled}; }}
QPushButton[role="key"] {{ min-height: {touch - 24}px; padding: 4px 8px; font-size: {t['title'] - 8}px;
    font-weight: 700; background: {p.surface}; color: {p.text}; border: 3px solid {p.border};
    border-radius: 20px; }}
QPushButton[role="key"]:pressed {{ background: {p.pressed}; border-color: {p.primary}; }}
QPushButton[role="key"]:disabled {{ color: {p.text_muted}; background: {p.disabled}; }}
QLabel#NikDisplay {{ font-size: {t['title']}px; font-weight: 700; letter-spacing: 2px;
    background: {p.background}; border: 2px solid {p.border}; border-radius: 16px; padding: 8px 16px; }}
QPushButton[role="choice"] {{ background: {p.surface}; color: {p.text}; border: 3px solid {p.border}; }}
QPushButton[role="choice"]:checked {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
#Overlay {{ background: rgba(10, 20, 28, 190); }}
#OverlayCard {{ background: {p.surface}; border: 3px solid {p.card_border}; border-radius: 32px; }}
#DemoPanel {{ background: #2B3338; }}
#DemoPanel QLabel {{ color: #FFFFFF; }}
"""
