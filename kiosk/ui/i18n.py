"""Switching the interface language per session with Qt's translation files.

Source strings are English; Indonesian comes from ``resources/i18n/anjungan_id.qm``, compiled
from the committed ``.ts`` by ``scripts/build_translations.sh`` during set-up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SOURCE_LANGUAGE = "en"


class Translations:
    def __init__(self, directory: Path = I18N_DIR) -> None:
        self._directory = directory
        self._translators: dict[str, QTranslator] = {}
        self._active: str | None = None

    def use(self, language: str) -> None:
        if language == self._active:
            return
        app = QCoreApplication.instance()
        if self._active and self._active in self._translators:
            app.removeTranslator(self._translators[self._active])
        translator = self._load(language) if language != SOURCE_LANGUAGE else None
        if translator is not None:
            app.installTranslator(translator)
        self._active = language

    def uninstall(self) -> None:
        """Remove this object's translators from the application (on shutdown)."""
        app = QCoreApplication.instance()
        for translator in self._translators.values():
            app.removeTranslator(translator)
        self._active = None

    def _load(self, language: str) -> QTranslator | None:
        if language in self._translators:
            return self._translators[language]
        translator = QTranslator()
        path = self._directory / f"anjungan_{language}.qm"
        if not translator.load(str(path)):
            log.error("translation %s missing (%s): run scripts/build_translations.sh", language, path)
            return None
        self._translators[language] = translator
        return translator
