"""Diagnostics: every check's verdict as it arrives, a test page, and "export logs"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, clear_layout, label

from .base import AdminPage, touch_scroll


def _badge(status: str, text: str):
    badge = label(text, name="Badge", wrap=False, align=Qt.AlignmentFlag.AlignHCenter)
    badge.setObjectName("Badge")
    badge.setProperty("status", status)
    badge.setMinimumWidth(130)
    return badge


class DiagnosticsPage(AdminPage):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        holder = QWidget()
        holder.setObjectName("DiagRows")
        self.rows = QVBoxLayout(holder)
        self.rows.setSpacing(12)
        self.rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        touch_scroll(scroll)
        self.body.addWidget(scroll, 1)
        self.targets_row = QHBoxLayout()
        self.body.addLayout(self.targets_row)
        self.run = button(name="DiagRun")
        self.run.clicked.connect(self.start)
        self.test_page = button(name="DiagTestPage")
        self.test_page.clicked.connect(self._print_test_page)
        self.export = button(name="DiagExport")
        self.export.clicked.connect(self._offer_targets)
        self.bottom_row(self.back_button(), self.run, self.test_page, self.export)
        self.results: list = []
        self.running = False

    def names(self) -> dict[str, str]:
        return {
            "config": self.tr("Settings file"),
            "card_reader": self.tr("Card reader"),
            "printer": self.tr("Printer"),
            "central": self.tr("Central service"),
            "tls": self.tr("TLS certificate"),
            "disk": self.tr("Disk space"),
            "journal": self.tr("Journal backlog"),
            "versions": self.tr("Versions"),
            "qt_binding": self.tr("Qt binding"),
            "test_page": self.tr("Test page"),
        }

    def entered(self) -> None:
        super().entered()
        self.title.setText(self.tr("Diagnostics"))
        self.run.setText(self.tr("Run the checks again"))
        self.test_page.setText(self.tr("Print test page"))
        self.export.setText(self.tr("Export logs"))
        clear_layout(self.targets_row)
        self.start()

    def start(self) -> None:
        if self.running:
            return
        self.controller.touch()
        self.running = True
        self.run.setEnabled(False)
        self.results = []
        clear_layout(self.rows)
        self.rows.addStretch(1)
        self.say(self.tr("Running the checks…"), "ok")
        self.controller.run_diagnostics(self._add, self._finished)

    def _add(self, result) -> None:
        self.results.append(result)
        frame = QFrame()
        frame.setObjectName("Card")
        frame.setProperty("check", result.name)
        row = QHBoxLayout(frame)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(20)
        words = {"OK": self.tr("OK"), "WARN": self.tr("WARN"), "FAIL": self.tr("FAIL")}
        row.addWidget(_badge(result.status, words[result.status]), 0, Qt.AlignmentFlag.AlignTop)
        name = label(self.names().get(result.name, result.name), name="TileHeading", wrap=False)
        name.setMinimumWidth(280)
        row.addWidget(name, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        # Reasons and actions come from the checks in English: technicians read the same words
        # on screen, in the CLI output and in an exported bundle.
        text.addWidget(label(result.reason, name="TileDetail"))
        if result.action:
            text.addWidget(label("→ " + result.action, name="TileMeta"))
        row.addLayout(text, 1)
        self.rows.insertWidget(self.rows.count() - 1, frame)

    def _finished(self, results) -> None:
        self.running = False
        self.run.setEnabled(True)
        if isinstance(results, Exception):
            self.say(self.tr("The checks could not run: %1").replace("%1", str(results)))
            return
        worst = max((r.status for r in results), key=["OK", "WARN", "FAIL"].index, default="OK")
        self.say(
            {
                "OK": self.tr("All checks passed."),
                "WARN": self.tr("Some checks need attention."),
                "FAIL": self.tr("Some checks failed: see what to do beside each one."),
            }[worst],
            "ok" if worst == "OK" else "warning",
        )

    def _print_test_page(self) -> None:
        self.controller.touch()
        self.test_page.setEnabled(False)
        self.say(self.tr("Printing the test page…"), "ok")

        def done(result) -> None:
            self.test_page.setEnabled(True)
            if isinstance(result, Exception) or result.status != "OK":
                self.say(
                    self.tr("Test page not printed: %1").replace(
                        "%1", str(result) if isinstance(result, Exception) else result.reason
                    )
                )
            else:
                self.say(self.tr("Test page printed."), "ok")

        self.controller.print_test_page(done)

    def _offer_targets(self) -> None:
        self.controller.touch()
        self.controller.list_export_targets(self._show_targets)

    def _show_targets(self, targets) -> None:
        clear_layout(self.targets_row)
        if isinstance(targets, Exception):
            self.say(str(targets))
            return
        self.targets_row.addWidget(label(self.tr("Export to:"), name="Lead", wrap=False))
        for i, path in enumerate(targets):
            b = button(str(path), name=f"export-target-{i}")
            b.clicked.connect(lambda _=False, p=path: self.export_to(p))
            self.targets_row.addWidget(b)

    def export_to(self, folder) -> None:
        self.controller.touch()
        self.say(self.tr("Writing the log bundle…"), "ok")

        def done(result) -> None:
            clear_layout(self.targets_row)
            if isinstance(result, Exception):
                self.say(self.tr("Export failed: %1").replace("%1", str(result)))
            else:
                self.say(self.tr("Logs exported to %1").replace("%1", str(result)), "ok")

        self.controller.export_logs(folder, done)
