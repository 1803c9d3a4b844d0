"""Design tokens and the style sheet built from them.

Colours are chosen for >= 7:1 text contrast (WCAG AAA) on the surfaces they are used on;
``tests/ui/test_theme.py`` recomputes the ratios from these values, so a palette change that
breaks contrast fails the build. Sizes are in pixels for a ~24" 1920x1080 panel (~92 px/inch),
where 15 mm is ~55 px: every touch target is at least ``TOUCH_MIN`` tall (Qt's min-height is the
content box, so the style sheet subtracts padding and border).
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
    accent: str = "#8A1C1C"  # merah putih red, used for emphasis only, never alone
    header: str = "#0B2E40"
    on_header: str = "#FFFFFF"
    border: str = "#5B6770"
    warning_surface: str = "#FFF4D6"
    warning_text: str = "#4A3300"
    ok_surface: str = "#E3F4EA"
    ok_text: str = "#0E3B22"
    focus: str = "#E8A317"


PALETTE = Palette()

FONT_FAMILY = "Inter, DejaVu Sans, sans-serif"
TOUCH_MIN = 88  # px; ~24 mm on the reference panel, well above 15 mm
SPACING = {"xs": 8, "s": 16, "m": 24, "l": 40, "xl": 64}
TYPE = {"caption": 22, "body": 28, "lead": 34, "title": 48, "display": 72, "ticket": 180}


def style_sheet(p: Palette = PALETTE) -> str:
    t = TYPE
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
QFrame#Card {{ background: {p.surface}; border: 2px solid #D5DBE0; border-radius: 24px; }}
QPushButton {{ min-height: {TOUCH_MIN - 30}px; border-radius: 20px; padding: 12px 32px;
    font-size: {t['lead']}px; font-weight: 700; background: {p.surface}; color: {p.primary};
    border: 3px solid {p.primary}; }}
QPushButton:pressed {{ background: #DCE8EE; }}
QPushButton:focus {{ outline: none; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="primary"]:disabled {{ background: #7E8B94; border-color: #7E8B94; color: #FFFFFF; }}
QPushButton[role="hero"] {{ background: {p.primary}; color: {p.on_primary}; border: none;
    min-height: 170px; border-radius: 32px; font-size: {t['display'] - 16}px; font-weight: 800; }}
QPushButton[role="hero"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="lang"] {{ background: transparent; color: {p.on_header}; border: 3px solid {p.on_header};
    min-height: 52px; min-width: 200px; font-size: {t['body']}px; }}
QPushButton[role="lang"]:checked {{ background: {p.on_header}; color: {p.header}; }}
QPushButton[role="tile"] {{ text-align: left; background: {p.surface}; color: {p.text};
    border: 2px solid #C9D1D8; border-radius: 24px; padding: 24px 32px; font-weight: 600; }}
QPushButton[role="tile"]:pressed {{ background: #DCE8EE; border-color: {p.primary}; }}
QPushButton[role="tile"]:disabled {{ color: {p.text_muted}; background: #E7EBEE; }}
QLabel#TileHeading {{ font-size: {t['lead']}px; font-weight: 800; color: {p.text}; }}
QLabel#TileDetail {{ font-size: {t['body']}px; color: {p.text}; }}
QLabel#TileMeta {{ font-size: {t['body']}px; font-weight: 600; color: {p.primary}; }}
QPushButton[role="key"] {{ min-height: 64px; padding: 4px 8px; font-size: {t['title'] - 8}px; font-weight: 700;
    background: {p.surface}; color: {p.text}; border: 3px solid {p.border}; border-radius: 20px; }}
QPushButton[role="key"]:pressed {{ background: #DCE8EE; border-color: {p.primary}; }}
QPushButton[role="key"]:disabled {{ color: {p.text_muted}; background: #E7EBEE; }}
QLabel#NikDisplay {{ font-size: {t['title']}px; font-weight: 700; letter-spacing: 2px;
    background: {p.background}; border: 2px solid {p.border}; border-radius: 16px; padding: 8px 16px; }}
QPushButton[role="choice"] {{ background: {p.surface}; color: {p.text}; border: 3px solid {p.border}; }}
QPushButton[role="choice"]:checked {{ background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
#Overlay {{ background: rgba(10, 20, 28, 190); }}
#OverlayCard {{ background: {p.surface}; border-radius: 32px; }}
#DemoPanel {{ background: #2B3338; }}
#DemoPanel QLabel {{ color: #FFFFFF; }}
"""
