"""The kiosk window: header, one stacked page per flow step, idle overlay, optional demo panel.

It only routes: flow views go to the screen for the current step, intents from screens go to the
flow. Anything else belongs in a screen (drawing) or in the core (deciding).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.flow.citizen import CitizenFlow, FlowView
from kiosk.flow.steps import Step

from .access_panel import AccessPanel
from .chrome import Header, IdleOverlay
from .demo_panel import DemoPrinterPanel
from .help_call import HelpCall
from .i18n import Translations
from .metrics import Metrics, use
from .notice import NoticeBar
from .screens.agency import AgencyScreen
from .screens.base import Screen
from .screens.booking import BookingScreen
from .screens.confirm import ConfirmScreen
from .screens.identify import IdentifyScreen
from .screens.passport import PassportScreen
from .screens.payment import PaymentScreen
from .screens.problem import ProblemScreen
from .screens.progress import IssuingScreen
from .screens.service import ServiceScreen
from .screens.survey import (
    SurveyAboutScreen,
    SurveyQuestionScreen,
    SurveySuggestionScreen,
    SurveyThanksScreen,
    SurveyTicketScreen,
)
from .screens.ticket import TicketScreen
from .screens.welcome import WelcomeScreen
from .widgets import rescale, sized


class KioskWindow(QWidget):
    rendered = Signal(str)  # step value, after each render; for tests and the walk-through
    first_frame = Signal()  # the window was painted for the first time (start-up benchmark)

    def __init__(
        self,
        flow: CitizenFlow,
        translations: Translations,
        demo_panel: bool = False,
        portrait: bool = False,
        metrics: Metrics | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Anjungan")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._flow = flow
        self._translations = translations
        self._portrait = portrait
        self._metrics = metrics or Metrics()  # the panel's, in standard mode
        self._mode: tuple | None = None  # (accessible, reach, metrics) currently applied
        self._side = False  # the header and navigation beside the content (``_apply_mode``)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.kiosk_area = QWidget()
        self.kiosk_area.setObjectName("KioskArea")
        self.kiosk_area.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self.kiosk_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = Header()
        self.header.intent.connect(self._on_intent)
        self.header.set_portrait(portrait)
        column.addWidget(self.header)
        self._column = column
        self.notice = NoticeBar()
        notice_row = sized(QHBoxLayout(), margins=(8, 0))
        notice_row.addWidget(self.notice)
        column.addLayout(notice_row)
        self.help_call = HelpCall()  # "Call staff" in the header, its answer under the notice
        self.header.add_action(self.help_call.button, self.help_call.text, self.help_call.short_text)
        self.help_call.changed.connect(self._help_changed)
        help_row = sized(QHBoxLayout(), margins=(8, 0))
        help_row.addWidget(self.help_call.banner)
        column.addLayout(help_row)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        outer.addWidget(self.kiosk_area, 1)
        self.demo_panel = DemoPrinterPanel() if demo_panel else None
        if self.demo_panel is not None:
            outer.addWidget(self.demo_panel)

        problem = ProblemScreen()
        self.screens: dict[Step, Screen] = {
            Step.WELCOME: WelcomeScreen(),
            Step.AGENCY: AgencyScreen(),
            Step.SERVICE: ServiceScreen(),
            Step.CONFIRM: ConfirmScreen(),
            Step.IDENTIFY: IdentifyScreen(),
            Step.PASSPORT: PassportScreen(),
            Step.BOOKING: BookingScreen(),
            Step.ISSUING: IssuingScreen(),
            Step.PAYMENT: PaymentScreen(),
            Step.TICKET: TicketScreen(),
            Step.ISSUE_FAILED: problem,
            Step.UNAVAILABLE: problem,
            Step.SURVEY_TICKET: SurveyTicketScreen(),
            Step.SURVEY_QUESTION: SurveyQuestionScreen(),
            Step.SURVEY_ABOUT: SurveyAboutScreen(),
            Step.SURVEY_SUGGESTION: SurveySuggestionScreen(),
            Step.SURVEY_THANKS: SurveyThanksScreen(),
        }
        for screen in dict.fromkeys(self.screens.values()):
            self.stack.addWidget(screen)
            screen.intent.connect(self._on_intent)
        self.overlay = IdleOverlay(self.kiosk_area)
        self.overlay.intent.connect(self._on_intent)
        self.access_panel = AccessPanel(self.kiosk_area)
        self.access_panel.portrait = self._portrait
        self.access_panel.intent.connect(self._on_intent)
        self.view: FlowView | None = None
        # Easy-access speech: say(text, language) and stop(), both non-blocking (kiosk/speech).
        self._say: Callable[[str, str], object] | None = None
        self._hush: Callable[[], None] | None = None
        # What was read aloud: a screen is read again only when its text changes, a notice when it
        # is new; ``_said`` is the last utterance.
        self._spoken = self._spoken_notice = self._said = ""
        self._typed: list[str] = []
        self._typed_timer = QTimer(self)
        self._typed_timer.setSingleShot(True)
        self._typed_timer.setInterval(300)
        self._typed_timer.timeout.connect(self._flush_typed)
        self.screens[Step.WELCOME].installEventFilter(self)
        flow.subscribe(self._render)

    def screen(self, step: Step) -> Screen:
        return self.screens[step]

    def _on_intent(self, name: str, payload: dict) -> None:
        self._tapped_elsewhere()  # a button pressed is a tap outside the hidden corner
        if name == "easy_access":  # the header's button: on at the first touch, then its options
            if self.view is None or not self.view.session.accessible:
                self._flow.send("toggle_accessibility")
            # The flow refuses the mode while a ticket is issued: no choices for a mode that is off.
            if self._flow.view().session.accessible:
                self.access_panel.open()
            return
        self._flow.send(name, **payload)

    def set_panel(self, metrics: Metrics, portrait: bool) -> None:
        """Lay out again for another panel (density and orientation); the caller sizes the window."""
        self._metrics, self._portrait = metrics, portrait
        self.header.set_portrait(portrait)
        self.access_panel.portrait = portrait
        if self.view is not None:
            self._render(self.view)

    @property
    def metrics(self) -> Metrics:
        return self._metrics.with_mode(bool(self._mode and self._mode[0]))  # larger text and targets

    def mousePressEvent(self, event) -> None:
        # Presses that no child took (labels, backgrounds) end up here: a tap outside the corner.
        self._tapped_elsewhere()
        event.accept()

    def _tapped_elsewhere(self) -> None:
        taps = getattr(self, "corner_taps", None)
        if taps is not None:
            taps.reset()

    def _apply_mode(self, session) -> None:
        # Easy access: each option on its own (larger text and targets; high contrast); the
        # lower layout and the longer time limits come with the mode itself.
        accessible = session.accessible
        large = accessible and "large_text" not in session.access_off
        contrast = accessible and "high_contrast" not in session.access_off
        # Everything within reach from a wheelchair: on a portrait panel the header and the
        # navigation come down to the lower part (a landscape panel's controls already are).
        reach = accessible and self._portrait and "within_reach" not in session.access_off
        metrics = self._metrics.with_mode(large)
        if self._mode == (large, reach, metrics, self._portrait, contrast):
            return
        self._mode = (large, reach, metrics, self._portrait, contrast)
        use(metrics)
        from .app_wide import set_style_sheet
        from .theme import HIGH_CONTRAST, PALETTE, style_sheet, use_palette

        use_palette(HIGH_CONTRAST if contrast else PALETTE)
        # Through app_wide: a garbage collection in the middle of it could free widgets Qt polishes.
        set_style_sheet(style_sheet(HIGH_CONTRAST if contrast else PALETTE, large, metrics))
        rescale(self, metrics)
        # Side mode: easy access on a short landscape panel (a 10" tablet) has no height for a
        # row of large buttons above and below the content; the header and the navigation stand
        # beside it instead (each screen holds the header while it shows, see ``_place_header``).
        self._side = large and metrics.cramped and not self._portrait
        for screen in dict.fromkeys(self.screens.values()):
            screen.set_side(None)
        self.header.set_side(self._side)
        # In reach mode even the language and accessibility buttons come down to the bottom.
        self._column.removeWidget(self.header)
        self._column.insertWidget(self._column.count() if reach else 0, self.header)
        self.header.show()
        for screen in dict.fromkeys(self.screens.values()):
            screen.side_mode = self._side
            screen.apply_layout_mode(self._portrait, reach)

    def _place_header(self, screen: Screen) -> None:
        if not self._side:
            return
        for other in dict.fromkeys(self.screens.values()):
            if other is not screen:
                other.set_side(None)
        screen.set_side(self.header)
        self.header.show()

    def _render(self, view: FlowView) -> None:
        self.view = view
        self._translations.use(view.language)
        self._apply_mode(view.session)
        screen = self.screens[view.step]
        self._place_header(screen)
        screen.render_common()
        screen.render(view)
        if self.stack.currentWidget() is not screen:
            self.stack.setCurrentWidget(screen)
        self.header.render(view)
        self.notice.render(view)
        self.help_call.render(view)
        self.overlay.render(view)
        self.access_panel.render(view)
        self._speak(view, screen)
        self.rendered.emit(view.step.value)

    @property
    def last_spoken(self) -> str:
        """The text last handed to speech ("" when easy-access mode is off)."""
        return self._said

    def attach_speech(
        self, say: Callable[..., object], stop: Callable[[], None], working: Callable[[], bool | None] | None = None
    ) -> None:
        """Read each screen aloud while the session is in easy-access mode. ``working``: False when
        the kiosk cannot speak (speech off, or the last utterance failed), so the screen says so."""
        self._say, self._hush = say, stop
        self.access_panel.speech_working = working or (lambda: True)

    def _speak(self, view: FlowView, screen: Screen) -> None:
        if self._say is None or self._hush is None:
            return
        session = view.session
        if not session.accessible or "read_aloud" in session.access_off:
            if self._said:
                self._hush()  # the citizen turned it off, or the session ended
                self._said = self._spoken = self._spoken_notice = ""
            return
        # The idle warning covers the screen: it is what must be heard (it asks for an answer).
        text = self.overlay.spoken_text() if view.idle_warning else screen.spoken_text(view)
        # What just happened, and the answer to "Call staff" (a blind citizen hears that help comes).
        notice = " ".join(w.text() for w in (self.notice, self.help_call.banner) if not w.isHidden() and w.text())
        if text and text != self._spoken:
            # A new screen: what just happened (the notice) first, then the screen itself.
            self._spoken, self._spoken_notice = text, notice
            self._said = " ".join(t for t in (notice, text) if t)
        elif notice and notice != self._spoken_notice:
            # Same screen, new message (a code refused, a card taken away): just the message.
            self._spoken_notice = self._said = notice
        else:
            self._spoken_notice = notice
            return
        # The citizen's pace and volume: slower speech at three quarters of the configured rate.
        pace = 0.75 if "slow_speech" not in session.access_off else 1.0
        self._say(self._said, view.language, pace=pace, loudness=session.volume / 4)

    def _help_changed(self) -> None:
        if self.view is not None:
            self._speak(self.view, self.screens[self.view.step])

    def eventFilter(self, watched, event) -> bool:
        # The window itself is covered by its children; the welcome page's paint is the frame.
        if event.type() == QEvent.Type.Paint and watched is self.screens[Step.WELCOME]:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.first_frame.emit)
        return False

    # The touch UI offers no way out: keys that close, switch or open menus do nothing. Plain
    # characters are passed on as typed text, for scanners that type (MRZ, booking QR codes).
    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()
        if self._admin_showing():
            # Input goes to the screen that is showing: the staff panel takes no typed text, so a
            # code scanned (or a PIN typed) under it is dropped, never handed to the citizen flow.
            self._typed.clear()
            self._typed_timer.stop()
            return
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
        if text and text.isprintable() and modifiers == Qt.KeyboardModifier.NoModifier:
            self._typed.append(text)
            self._typed_timer.start()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._typed:
            self._flush_typed()

    def _flush_typed(self) -> None:
        # A scanner types a whole code in a burst; it reaches the flow as one piece of text.
        self._typed_timer.stop()
        text, self._typed = "".join(self._typed), []
        if text and not self._admin_showing():  # the panel may have opened mid-burst
            self._flow.send("text_input", text=text)

    def _admin_showing(self) -> bool:
        panel = getattr(self, "admin_panel", None)
        return panel is not None and panel.isVisible()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()

    def closeEvent(self, event) -> None:
        # Only the app (on shutdown) may close the window, never a stray Alt+F4.
        if getattr(self, "_allow_close", False):
            event.accept()
        else:
            event.ignore()

    def close_for_shutdown(self) -> None:
        from .qr_image import QrImageMaker

        for maker in self.findChildren(QrImageMaker):  # the payment and ticket screens' drawing threads
            maker.close()
        self._allow_close = True
        self.close()

    def attach_help(self, caller) -> None:
        """The kiosk's help requests (kiosk.help.HelpCaller): the "Call staff" button appears."""
        self.help_call.attach(caller)
        if self.view is not None:
            self._render(self.view)  # the header makes room for the button

    def attach_admin(self, controller) -> None:
        """Staff mode: five taps in the top-left corner (or a staff card), the PIN, then the panel."""
        from .admin.gesture import CornerTaps
        from .admin.panel import AdminPanel

        def language() -> str:
            return self.view.language if self.view else "id"

        self.admin_panel = AdminPanel(controller, self.kiosk_area, language)
        self.corner_taps = CornerTaps(self, lambda: controller.request("gesture"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.overlay.setGeometry(self.kiosk_area.rect())
        self.access_panel.setGeometry(self.kiosk_area.rect())
