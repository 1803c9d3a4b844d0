"""The "Call staff" button in the header and the line that answers it ("Staff are on their way",
then "Ani is coming"). The request itself is ``kiosk.help.HelpCaller``'s (off the GUI thread);
this only draws its status for the current session and hands it the press."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy

from kiosk.flow.citizen import FlowView

from .widgets import button, set_banner

if TYPE_CHECKING:
    from kiosk.help import HelpCaller, HelpStatus


class HelpCall(QObject):
    changed = Signal()  # the answer line changed (easy access reads it out)

    def __init__(self) -> None:
        super().__init__()
        self.button = button(role="lang", name="CallStaff")
        self.button.setCheckable(True)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self._pressed)
        self.button.hide()  # until a caller is attached (the services start after the first frame)
        self.banner = QLabel()
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.banner.hide()
        self._caller: HelpCaller | None = None
        self._view: FlowView | None = None

    def attach(self, caller: HelpCaller) -> None:
        self._caller = caller
        caller.add_listener(lambda _status: self._status_changed())  # on the GUI thread (the scheduler's)
        self.button.show()
        self._draw()

    def text(self) -> str:
        return self.tr("Call staff")

    def short_text(self) -> str:
        """For a header too narrow for the long texts (large text on a 16:9 panel)."""
        return self.tr("Staff")

    def _status_changed(self) -> None:
        self._draw()
        self.changed.emit()

    def render(self, view: FlowView) -> None:
        self._view = view
        self._draw()

    def _pressed(self) -> None:
        if self._caller is not None and self._view is not None:
            self._caller.request(self._view.session.id, self._view.step.value)
        self._draw()

    def _status(self) -> HelpStatus | None:
        if self._caller is None or self._view is None:
            return None
        status = self._caller.status
        # Only this citizen's request: what an earlier session asked is not theirs to see.
        return status if status.session_id == self._view.session.id else None

    def _draw(self) -> None:
        status = self._status()
        state = status.state if status is not None else "idle"
        self.button.setAccessibleName(self.tr("Call a staff member to help you"))
        self.button.setChecked(state in ("sending", "waiting", "coming"))
        text, tone = self.text_for(status)
        set_banner(self.banner, text, tone)

    def text_for(self, status: HelpStatus | None) -> tuple[str | None, str]:
        if status is None or status.state == "idle":
            return None, "ok"
        if status.state == "coming" and status.staff_name:
            return self.tr("%1 is coming to help you.").replace("%1", status.staff_name), "ok"
        if status.state == "failed":
            return self.tr("The call did not get through. Please ask at the information desk."), "warning"
        return self.tr("Staff are on their way. Please wait here."), "ok"
