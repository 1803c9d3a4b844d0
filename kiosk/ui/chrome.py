"""What frames every screen: the header with language choice, and the idle warning overlay."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.flow.citizen import FlowView
from kiosk.flow.steps import Step

from .journey import journey_step
from .metrics import current
from .widgets import button, centred_card, label, sized

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class Header(QWidget):
    """Site name, clock, and the language switch (always visible, always one touch)."""

    intent = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer = sized(QVBoxLayout(self), spacing=1.5, margins=(8, 1.5))
        row = sized(QHBoxLayout(), spacing=4)
        outer.addLayout(row)
        # On a portrait panel the buttons get a row of their own (they would not fit beside the name).
        self._buttons_row = sized(QHBoxLayout(), spacing=4)
        outer.addLayout(self._buttons_row)
        self.site = label(name="SiteName", wrap=False)
        self.clock = label(name="Clock", wrap=False)
        # Under the hall's name: "Step 2 of 4", where the eye goes first (and no extra height).
        self.step = label(name="StepIndicator", wrap=False)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.site)
        names.addWidget(self.step)
        row.addLayout(names, 1)
        row.addWidget(self.clock)
        self.access = button(role="lang", name="AccessibilityToggle")
        self.access.setCheckable(True)
        self.access.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.access.clicked.connect(lambda: self.intent.emit("easy_access", {}))  # on, then its options
        row.addWidget(self.access)
        self._portrait = False
        self._access_text = ""
        # Buttons before the accessibility switch ("Call staff"), with their long and short texts.
        self._actions: list[tuple[QPushButton, Callable[[], str], Callable[[], str]]] = []
        self._side = False
        self._last_step = False  # the ticket screen: the language is chosen, the phone code needs the room
        self.lang_buttons: dict[str, object] = {}
        self._zone: QTimeZone | None = None
        self._row = row
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()

    def add_action(self, widget: QPushButton, text: Callable[[], str], short: Callable[[], str]) -> None:
        """A button of the header's row, before the accessibility switch ("Call staff"); the
        header sets its text: ``short()`` when the row is too narrow for the long ones."""
        self._actions.append((widget, text, short))
        row = self._buttons_row if self._portrait else self._row
        row.insertWidget(row.indexOf(self.access), widget)

    def render(self, view: FlowView) -> None:
        catalog = view.status.catalog
        self.site.setText(catalog.site.name if catalog is not None else "Anjungan")
        if catalog is not None and (self._zone is None or self._zone.id() != catalog.site.timezone.encode()):
            # The hall's clock, not the kiosk's: tickets and counters use the site's time zone.
            self._zone = QTimeZone(catalog.site.timezone.encode())
            self._tick()
        if set(self.lang_buttons) != set(view.languages):
            for lang in view.languages:
                b = button(LANGUAGE_NAMES.get(lang, lang), role="lang", name=f"lang-{lang}")
                b.setCheckable(True)
                b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, code=lang: self.intent.emit("set_language", {"language": code}))
                (self._buttons_row if self._portrait else self._row).addWidget(b)
                self.lang_buttons[lang] = b
        for lang, b in self.lang_buttons.items():
            b.setChecked(lang == view.language)
        session = view.session
        where = journey_step(
            view.step, bool(session.booking_entry) or session.booking is not None or view.step is Step.BOOKING
        )
        self.step.setText(
            self.tr("Step %1 of %2").replace("%1", str(where[0])).replace("%2", str(where[1])) if where else ""
        )
        self.step.setVisible(where is not None)
        self._last_step = view.step is Step.TICKET
        # The symbol says it without reading; the words say it for those who do.
        self._access_text = "\u267f " + self.tr("Easy access")
        self.access.setAccessibleName(self.tr("Accessibility mode: large text, high contrast, speech, more time"))
        self.access.setChecked(view.session.accessible)
        self.setVisible(True)
        self._fit()

    def set_side(self, side: bool) -> None:
        """In a column beside the content (side mode): everything stacked, no clock, and only the
        language not in use (one touch switches; the other button would say what is shown)."""
        self._side = side
        self._row.setDirection(QBoxLayout.Direction.TopToBottom if side else QBoxLayout.Direction.LeftToRight)
        sized(self.layout(), margins=(0, 0) if side else (8, 1.5))
        self._fit()

    def _fit(self) -> None:
        # In the side column the hall's name goes too: its height is what "Call staff" needs on a
        # 10.1" tablet, and a citizen at the kiosk knows which hall they are in.
        self.site.setVisible(not self._side)
        if self._side:
            self.clock.setVisible(False)
            for b in self.lang_buttons.values():
                b.setVisible(not b.isChecked() and not self._last_step)
            return
        for b in self.lang_buttons.values():
            b.setVisible(True)
        # When the row is too narrow (large text on a 16:9 or 5:4 panel) the clock goes first: the
        # hall's name, the step and the buttons matter more. If the buttons still do not fit, the
        # ones with a short form use it: the accessibility switch its symbol, "Call staff" one word
        # (their accessible names keep the words). Decided from the long texts' widths, whatever
        # the buttons show now, so the choice cannot flip back and forth.
        texts = [(b, text(), short()) for b, text, short in self._actions if not b.isHidden()]
        texts.append((self.access, self._access_text, "\u267f"))
        langs = [b for b in self.lang_buttons.values() if isinstance(b, QPushButton)]
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        gap = self._row.spacing()
        names = 0 if self._portrait else max(self.site.sizeHint().width(), self.step.sizeHint().width())
        fixed = names + sum(b.sizeHint().width() + gap for b in langs)
        long_width = fixed + sum(_width(b, text) + gap for b, text, _ in texts)
        compact = self.width() > 0 and long_width > room
        touch = current().touch  # a short text must not make a button smaller than a fingertip
        for b, text, short in texts:
            b.setText(short if compact else text)
            b.setMinimumWidth(touch if compact else 0)
        shown = fixed + sum(max(_width(b, short if compact else text), touch) + gap for b, text, short in texts)
        # The clock comes with a gap of its own before the buttons.
        clock = gap + self.clock.sizeHint().width()
        self.clock.setVisible(self._portrait or self.width() <= 0 or shown + clock <= room)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_portrait(self, portrait: bool) -> None:
        self._portrait = portrait
        target = self._buttons_row if portrait else self._row
        for b in [*(a[0] for a in self._actions), self.access, *self.lang_buttons.values()]:
            hidden = b.isHidden()  # a button not in use yet ("Call staff" before its service starts)
            b.setParent(self)  # detached from whichever row held it, then re-added
            target.addWidget(b)
            b.setHidden(hidden)

    def _tick(self) -> None:
        now = QDateTime.currentDateTime()
        if self._zone is not None and self._zone.isValid():
            now = now.toTimeZone(self._zone)
        self.clock.setText(now.toString("HH:mm"))


def _width(b: QPushButton, text: str) -> int:
    """The button's width with ``text`` on it (its padding and border as they are now)."""
    metrics = b.fontMetrics()
    return b.sizeHint().width() - metrics.horizontalAdvance(b.text()) + metrics.horizontalAdvance(text)


class IdleOverlay(QWidget):
    """The WCAG 2.2.1 warning: the citizen can ask for more time with one touch."""

    intent = Signal(str, dict)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        inner = centred_card(self, spacing=5, margins=(10, 8), share=4)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.countdown = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.more = button(role="primary", name="MoreTime")
        self.more.clicked.connect(lambda: self.intent.emit("more_time", {}))
        self.end = button(name="EndSession")
        self.end.clicked.connect(lambda: self.intent.emit("cancel", {}))
        for w in (self.title, self.countdown, self.more, self.end):
            inner.addWidget(w)
        self._remaining = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.hide()

    def render(self, view: FlowView) -> None:
        if view.idle_warning and not self.isVisible():
            self._remaining = int(view.idle_answer_s)
            self.title.setText(self.tr("Do you need more time?"))
            self.more.setText(self.tr("Yes, more time please"))
            self.end.setText(self.tr("No, I am finished"))
            self._update_countdown()
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()
            self._timer.start(1000)
        elif not view.idle_warning and self.isVisible():
            self._timer.stop()
            self.hide()

    def spoken_text(self) -> str:
        """The question, the time left and both answers: someone who cannot see the overlay hears it."""
        return " ".join(
            f"{t.rstrip('.')}." if not t.endswith("?") else t
            for t in (self.title.text(), self.countdown.text(), self.more.text(), self.end.text())
            if t
        )

    def _tick(self) -> None:
        self._remaining = max(0, self._remaining - 1)
        self._update_countdown()

    def _update_countdown(self) -> None:
        self.countdown.setText(
            self.tr("For your privacy this session ends in %1 seconds.").replace("%1", str(self._remaining))
        )
