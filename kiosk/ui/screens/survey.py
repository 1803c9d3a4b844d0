"""The satisfaction survey's screens (issue 18): the ticket (scanned or typed), one question per
screen with four big worded answers, the optional questions about the respondent, the optional
suggestion on an on-screen keyboard, and thanks. They draw ``view.session.survey`` and send
intents; the flow (kiosk/flow/survey.py) decides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton

from kiosk.contract.survey import ELEMENTS
from kiosk.flow.citizen import FlowView
from kiosk.flow.survey import ABOUT_PAGES
from kiosk.ui.metrics import current
from kiosk.ui.widgets import button, card, label, sized

from .base import Screen
from .code_keypad import CodeKeypad
from .survey_words import SurveyWords

# The suggestion keyboard: alphabetical like the booking keypad (easier for someone who rarely types).
# No "." "," "-": their thin glyphs cannot reach 7:1 contrast on a key (launcher/panel_checks.py).
TEXT_KEYS = "abcdefghijklmnopqrstuvwxyz" + "1234567890" + "?!"
TEXT_COLUMNS = 11
SIDE_TEXT_COLUMNS = 8  # beside the navigation column (easy access on a tablet): every key as large


class SurveyTicketScreen(Screen):
    """Which ticket is rated: its QR code under the scanner, or its number on the keypad."""

    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title, self.lead = self.title_and_lead()
        self.keypad = CodeKeypad(self, "survey_key", "surveykey")  # the booking screen's
        self.display, self.keys = self.keypad.display, self.keypad.keys
        self.body.addWidget(self.keypad.box)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("SurveySubmit", "survey_submit")

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        # Ten keys across and the side column were wider than a 10" tablet in easy access.
        self.keypad.fit(self.side_mode)

    def render(self, view: FlowView) -> None:
        s = view.session
        self.title.setText(self.tr("Rate our service"))
        self.lead.setVisible(not current().cramped)
        self.lead.setText(
            self.tr(
                "Hold the QR code on your queue ticket under the scanner, or type the ticket's number, "
                "for example B-023. You can rate a service once it is finished."
            )
        )
        self.display.setText(" ".join(s.survey.entry) if s.survey.entry else "–")
        # Easy access's larger digits need the taller line (its size hint lags the style change).
        sized(self.display, min_height=14 if s.accessible else 10)
        for b in self.keys.values():
            b.setEnabled(not s.lookup_pending)
        self.name_edit_keys(self.keys)
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Checking…") if s.lookup_pending else self.tr("Continue"))
        self.submit.setEnabled(len(s.survey.entry) >= 2 and not s.lookup_pending)


class SurveyQuestionScreen(Screen):
    """One element of the regulation: its question and four answers, worst on the left."""

    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words = SurveyWords(self)
        self.progress = label(name="Caption")
        self.title = label(name="Title")
        self.body.addWidget(self.progress)
        self.body.addWidget(self.title)
        self.body.addStretch(1)
        row = sized(QHBoxLayout(), spacing=3)
        self.flexible_rows.append(row)
        self.answers: list[QPushButton] = []
        for score in range(1, 5):
            b = button(role="choice", name=f"SurveyAnswer-{score}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, s=score: self.send("survey_answer", score=s))
            row.addWidget(b)
            self.answers.append(b)
        self.body.addLayout(row)
        self.hint = label(name="Caption", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.hint)
        self.body.addStretch(2)
        self._style = ""
        self.back = self.back_only()

    def render(self, view: FlowView) -> None:
        # The answers are the point of this screen: lead-sized words on tall buttons, in mm.
        m = current()
        style = f'QPushButton[role="choice"] {{ font-size: {m.type_px()["lead"]}px; min-height: {m.px(20)}px; }}'
        if style != self._style:
            self._style = style
            self.setStyleSheet(style)
        draft = view.session.survey
        element = ELEMENTS[draft.index]
        question, answers = self.words.question(element)
        self.progress.setText(
            self.tr("Question %1 of %2 · ticket %3")
            .replace("%1", str(draft.index + 1))
            .replace("%2", str(len(ELEMENTS)))
            .replace("%3", draft.number)
        )
        self.title.setText(question)
        chosen = draft.scores[draft.index] if draft.index < len(draft.scores) else None
        # Easy access on a tablet: four answers in large type are wider than the row; two-word
        # answers ("Very expensive") go on two lines.
        two_lines = m.accessible and m.cramped
        for score, (b, words) in enumerate(zip(self.answers, answers, strict=True), start=1):
            b.setText(words.replace(" ", "\n", 1) if two_lines else words)
            b.setChecked(score == chosen)
        self.hint.setText(self.tr("Touch one answer. The next question follows at once."))
        self.back.setText(self.tr("Back"))

    def spoken_text(self, view: FlowView) -> str:
        # The question, then each answer with its place: "1, not fast. 2, somewhat fast. …"
        answers = " ".join(f"{i}, {' '.join(b.text().split())}." for i, b in enumerate(self.answers, start=1))
        return f"{self.progress.text()}. {self.title.text()} {answers}"


class SurveyAboutScreen(Screen):
    """The regulation's respondent questions, each optional: a touch chooses, a second one clears."""

    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words = SurveyWords(self)
        self.title, self.lead = self.title_and_lead()
        # Two questions a screen (ABOUT_PAGES), each one's words above its answers; as many answers
        # to a row as fit the panel's width (6, 3 or 2), so none is cut short.
        self.grid = sized(QGridLayout(), spacing=1)
        self.questions: dict[str, QLabel] = {}
        self.choices: dict[tuple[str, str], QPushButton] = {}
        for question, _, answers in self.words.respondent():
            self.questions[question] = label(name="Caption")
            for value in answers:
                b = button(role="choice", name=f"SurveyAbout-{question}-{value}")
                b.setCheckable(True)
                b.clicked.connect(
                    lambda _=False, q=question, v=value: self.send("survey_respondent", question=q, value=v)
                )
                self.choices[(question, value)] = b
        self._placed: tuple[int, int] | None = None
        self._page = 0
        self.body.addLayout(self.grid)
        self.body.addStretch(1)
        self.back, self.next = self.back_and_submit("SurveyNext", "survey_next")

    def _columns(self) -> int:
        shown = [b for (q, _), b in self.choices.items() if q in ABOUT_PAGES[self._page]]
        widest = max(b.sizeHint().width() for b in shown)
        # The window's width, not the page's: six columns too wide would widen the page itself.
        window = self.window()
        demo = getattr(window, "demo_panel", None)
        room = window.width() - (demo.width() if demo is not None else 0)
        room -= self.body.contentsMargins().left() + self.body.contentsMargins().right()
        for columns in (6, 3, 2):
            if columns * widest + (columns - 1) * self.grid.spacing() <= room:
                return columns
        return 2

    def _place(self) -> None:
        columns = self._columns()
        if self._placed == (self._page, columns):
            return
        self._placed = (self._page, columns)
        for widget in [*self.questions.values(), *self.choices.values()]:
            self.grid.removeWidget(widget)
            widget.hide()
        row = 0
        for question in ABOUT_PAGES[self._page]:
            heading = self.questions[question]
            self.grid.addWidget(heading, row, 0, 1, columns)
            heading.show()
            row += 1
            answers = [b for (q, _), b in self.choices.items() if q == question]
            for i, b in enumerate(answers):
                self.grid.addWidget(b, row + i // columns, i % columns)
                b.show()
            row += -(-len(answers) // columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._placed is not None:
            self._place()

    def spoken_text(self, view: FlowView) -> str:
        # Each question of this screen with its answers: "Usia: di bawah 20, 20–29, …".
        parts = [super().spoken_text(view)]
        for question in ABOUT_PAGES[self._page]:
            answers = [b.text() for (q, _), b in self.choices.items() if q == question]
            parts.append(f"{self.questions[question].text()}: {', '.join(answers)}.")
        return " ".join(parts)

    def render(self, view: FlowView) -> None:
        draft = view.session.survey
        chosen = draft.respondent
        self.title.setText(
            self.tr("About you (optional) · %1 of %2")
            .replace("%1", str(draft.about_page + 1))
            .replace("%2", str(len(ABOUT_PAGES)))
        )
        self.lead.setVisible(not current().cramped)
        self.lead.setText(self.tr("These answers help the hall understand who it serves. Skip any of them."))
        for question, heading, answers in self.words.respondent():
            self.questions[question].setText(heading)
            for value, words in answers.items():
                b = self.choices[(question, value)]
                b.setText(words)
                b.setChecked(chosen.get(question) == value)
        self._page = draft.about_page
        self._place()
        self.back.setText(self.tr("Back"))
        page_answered = any(q in chosen for q in ABOUT_PAGES[self._page])
        self.next.setText(self.tr("Next") if page_answered else self.tr("Skip"))


class SurveySuggestionScreen(Screen):
    """An optional suggestion, typed on an alphabetical keyboard; then the rating is sent."""

    offers_start_over = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title")
        self.body.addWidget(self.title)
        box, self.card_layout = card()
        self.display = label(name="NikDisplay", align=Qt.AlignmentFlag.AlignLeft)
        sized(self.display, min_height=14)
        self.card_layout.addWidget(self.display)
        self.grid = sized(QGridLayout(), spacing=1)
        self.keys: dict[str, QPushButton] = {
            key: self.add_key(self.grid, "survey_type", "textkey", key, 0, 0)
            for key in (*TEXT_KEYS, "space", "back", "clear")
        }
        self._columns = 0
        self._lay_out(TEXT_COLUMNS)
        self.card_layout.addLayout(self.grid)
        self.body.addWidget(box)
        self.body.addStretch(1)
        self.back, self.submit = self.back_and_submit("SurveySend", "survey_send")

    def apply_layout_mode(self, portrait: bool, reach: bool) -> None:
        super().apply_layout_mode(portrait, reach)
        # Eleven keys across and the side column were wider than a 10" tablet in easy access; its
        # six rows then want the card's margins and gaps a little tighter to stay in its height.
        self._lay_out(SIDE_TEXT_COLUMNS if self.side_mode else TEXT_COLUMNS)
        sized(self.card_layout, margins=(2, 1.5) if self.side_mode else (4, 2.5))
        sized(self.grid, spacing=0.6 if self.side_mode else 1)

    def _lay_out(self, columns: int) -> None:
        """``columns`` across; space, back and clear after the characters (a row of their own when
        the last row has no room for them)."""
        if columns == self._columns:
            return
        self._columns = columns
        used = len(TEXT_KEYS) % columns
        space = columns - used - 3 if used + 4 <= columns else columns - 3
        tail = [(self.keys["space"], space), (self.keys["back"], 1), (self.keys["clear"], 2)]
        Screen.flow_keys(self.grid, [self.keys[k] for k in TEXT_KEYS], columns, tail)

    def render(self, view: FlowView) -> None:
        draft = view.session.survey
        # On a tablet the question keeps one line (the height goes to the keys); the entry line
        # still says it may stay empty.
        cramped = current().cramped
        self.title.setText(
            self.tr("Any suggestion for us?") if cramped else self.tr("Any suggestion for us? (optional)")
        )
        sized(self.display, min_height=9 if current().cramped else 14)  # a tablet needs the height for keys
        self.display.setText(draft.suggestion + "▏" if draft.suggestion else self.tr("Type here, or send without."))
        for b in self.keys.values():
            b.setEnabled(not draft.sending)
        self.keys["space"].setText(self.tr("Space"))
        self.name_edit_keys(self.keys)
        self.back.setText(self.tr("Back"))
        self.submit.setText(self.tr("Sending…") if draft.sending else self.tr("Send my rating"))
        self.submit.setEnabled(not draft.sending)


class SurveyThanksScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body.addStretch(2)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label(name="Lead", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.body.addStretch(2)
        self.done = button(role="primary", name="Done")
        self.done.clicked.connect(lambda: self.send("done"))
        self.nav_row(self.done)

    def render(self, view: FlowView) -> None:
        self.title.setText(self.tr("Thank you!"))
        self.lead.setText(
            self.tr("Your rating of ticket %1 was received. It helps this hall serve everyone better.").replace(
                "%1", view.session.survey.number
            )
        )
        self.done.setText(self.tr("Done"))
