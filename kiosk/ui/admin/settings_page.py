"""Settings: pick a field, type the new value on the on-screen keyboard, save.

The controller validates exactly like ``check-config`` and answers with the problems, which are
shown in plain words (``plain_words``). Fields the role may not change are not offered at all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.admin.settings_edit import SettingsRefused, current_value
from kiosk.ui.widgets import button, label

from ..chrome import LANGUAGE_NAMES
from .base import AdminPage, touch_scroll
from .keyboard import TextKeyboard, apply_key
from .plain_words import plain_problem


def shown_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def display_value(field: str, value) -> str:
    """As people write it: languages by name ("Bahasa Indonesia, English", not "id, en")."""
    if field == "ui.languages" and isinstance(value, (list, tuple)):
        return ", ".join(LANGUAGE_NAMES.get(str(v), str(v)) for v in value)
    return shown_value(value)


class SettingsPage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._config = None
        self._field: str | None = None
        self._text = ""
        columns = QHBoxLayout()
        columns.setSpacing(32)
        self.fields_box = QGridLayout()
        self.fields_box.setSpacing(10)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        holder = QWidget()
        left = QVBoxLayout(holder)
        left.setContentsMargins(0, 0, 12, 0)
        left.addLayout(self.fields_box)
        left.addStretch(1)
        scroll = QScrollArea()  # a technician sees ~20 fields: they scroll rather than shrink
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        touch_scroll(scroll)
        columns.addWidget(scroll, 1)
        right = QVBoxLayout()
        self.field_name = label(name="Lead")
        self.entry = label(name="Entry")
        self.entry.setObjectName("Entry")
        self.keyboard = TextKeyboard()
        self.keyboard.pressed.connect(self._key)
        right.addWidget(self.field_name)
        right.addWidget(self.entry)
        right.addWidget(self.keyboard)
        right.addStretch(1)
        columns.addLayout(right, 1)
        self.body.addLayout(columns, 1)
        self.save = button(role="primary", name="SettingsSave")
        self.save.clicked.connect(self._save)
        self.bottom_row(self.back_button(), self.save)
        self._buttons: dict[str, object] = {}

    def labels(self) -> dict[str, str]:
        return {
            "terminal.name": self.tr("Kiosk location name"),
            "idle.warn_after_s": self.tr('Seconds before the "more time?" warning'),
            "idle.answer_s": self.tr("Seconds to answer the warning"),
            "idle.ticket_display_s": self.tr("Seconds the ticket stays on screen"),
            "ui.languages": self.tr("Languages (first = default)"),
            "printer.on_fault": self.tr("When the printer fails"),
            "central.base_url": self.tr("Central service address"),
            "central.terminal_id": self.tr("Terminal id"),
            "central.token_file": self.tr("Token file"),
            "central.connect_timeout_s": self.tr("Central connect timeout (s)"),
            "central.read_timeout_s": self.tr("Central answer timeout (s)"),
            "central.offline_after_failures": self.tr("Failures before offline"),
            "printer.backend": self.tr("Printer connection"),
            "printer.host": self.tr("Network printer address"),
            "printer.port": self.tr("Network printer port"),
            "printer.profile": self.tr("Printer model profile"),
            "printer.paper_width_mm": self.tr("Paper width (mm)"),
            "card_reader.backend": self.tr("Card reader"),
            "admin.session_timeout_s": self.tr("Admin mode timeout (s)"),
        }

    def entered(self) -> None:
        super().entered()
        self.title.setText(self.tr("Settings"))
        self.save.setText(self.tr("Save"))
        self.keyboard.retranslate()
        self.field_name.setText(self.tr("Choose a setting on the left."))
        self.entry.setText("")
        self._field = None
        self.save.setEnabled(False)
        try:
            self.controller.load_settings(self._loaded)
        except RuntimeError as exc:
            self.say(str(exc))

    def _loaded(self, config) -> None:
        if isinstance(config, Exception):
            self.say(self.tr("The settings file cannot be read: %1").replace("%1", str(config)))
            return
        self._config = config
        for b in list(self._buttons.values()):
            self._group.removeButton(b)
            b.setParent(None)
            b.deleteLater()
        self._buttons = {}
        names = self.labels()
        fields = self.controller.session.editable_fields() if self.controller.session else ()
        columns = 1  # one wide column: long values (URLs) stay readable
        for i, field in enumerate(fields):
            b = button(role="field", name=f"field-{field}")
            b.setCheckable(True)
            b.setMinimumHeight(88)
            b.setText(f"{names.get(field, field)}: {display_value(field, current_value(config, field))}")
            b.clicked.connect(lambda _=False, f=field: self._choose(f))
            self._group.addButton(b)
            self.fields_box.addWidget(b, i // columns, i % columns)
            self._buttons[field] = b

    def _choose(self, field: str) -> None:
        self.controller.touch()
        self._field = field
        if field in self._buttons:
            self._buttons[field].setChecked(True)
        self._text = shown_value(current_value(self._config, field))
        self.field_name.setText(self.labels().get(field, field))
        self.entry.setText(self._text)
        self.save.setEnabled(True)
        self.say(None)

    def _key(self, key: str) -> None:
        if self._field is None:
            return
        self._text = apply_key(self._text, key)
        self.entry.setText(self._text)

    def select(self, field: str, text: str) -> None:
        """Choose ``field`` and set its text (what a series of key presses would do)."""
        self._choose(field)
        self._text = text
        self.entry.setText(text)

    def _save(self) -> None:
        if self._field is None:
            return
        self.save.setEnabled(False)
        self.controller.save_settings({self._field: self._text}, self._saved)

    def _saved(self, result) -> None:
        self.save.setEnabled(True)
        if isinstance(result, SettingsRefused):
            labels = self.labels()
            self.say("\n".join(plain_problem(problem, labels) for problem in result.problems))
            return
        if isinstance(result, Exception):
            self.say(self.tr("Not saved: %1").replace("%1", str(result)))
            return
        self._loaded(result)
        if self._field in self._buttons:
            self._buttons[self._field].setChecked(True)
        self.say(self.tr("Saved. The kiosk uses the new value after its next restart."), "ok")
