"""Enrolment (technician): the terminal id and the one-time code from the central's operator."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.widgets import button, label

from .base import AdminPage
from .keyboard import TextKeyboard, apply_key


class EnrolPage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._values = {"terminal": "", "code": ""}
        self._target = "code"
        self.hint = label(name="Lead")
        self.body.addWidget(self.hint)
        row = QHBoxLayout()
        self.targets = {}
        for key in ("terminal", "code"):
            b = button(role="field", name=f"enrol-{key}")
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, k=key: self._choose(k))
            row.addWidget(b)
            self.targets[key] = b
        self.body.addLayout(row)
        self.keyboard = TextKeyboard()
        self.keyboard.pressed.connect(self._key)
        self.body.addWidget(self.keyboard)
        self.body.addStretch(1)
        self.enrol = button(role="primary", name="EnrolSubmit")
        self.enrol.clicked.connect(self._submit)
        self.bottom_row(self.back_button(), self.enrol)

    def entered(self) -> None:
        super().entered()
        self.title.setText(self.tr("Enrolment"))
        self.hint.setText(
            self.tr(
                "Type the one-time code from the central service's operator. "
                "The token is stored on this kiosk only (file mode 0600)."
            )
        )
        self.keyboard.retranslate()
        self.enrol.setText(self.tr("Enrol this kiosk"))
        self._values = {"terminal": self.controller.config.central.terminal_id, "code": ""}
        self._choose("code")

    def _choose(self, key: str) -> None:
        self.controller.touch()
        self._target = key
        self.targets[key].setChecked(True)
        self._render()

    def _render(self) -> None:
        self.targets["terminal"].setText(self.tr("Terminal id: %1").replace("%1", self._values["terminal"]))
        code = self._values["code"]
        # The code is shown while typed (it is single-use and useless once spent).
        self.targets["code"].setText(self.tr("Code: %1").replace("%1", code or "…"))
        self.enrol.setEnabled(len(code) >= 6 and bool(self._values["terminal"]))

    def _key(self, key: str) -> None:
        self._values[self._target] = apply_key(self._values[self._target], key, 64)
        self._render()

    def set_values(self, terminal: str, code: str) -> None:
        self._values = {"terminal": terminal, "code": code}
        self._render()

    def _submit(self) -> None:
        self.enrol.setEnabled(False)
        self.say(self.tr("Contacting the central service…"), "ok")
        self.controller.enrol(self._values["code"], self._values["terminal"], self._done)

    def _done(self, result) -> None:
        self._render()
        if isinstance(result, Exception):
            self.say(self.tr("Enrolment failed: %1").replace("%1", str(result)))
            return
        self._values["code"] = ""
        self._render()
        self.say(
            self.tr("Enrolled as %1. Restart the kiosk to use the new identity.").replace("%1", result.terminal_id),
            "ok",
        )
