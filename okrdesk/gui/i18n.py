"""Translations: okrdesk's own for the system language when the package ships one, and
Qt's for its standard buttons and dialogs.

okrdesk's translations are compiled ``.qm`` files in ``okrdesk/gui/translations`` named
``okrdesk_<locale>.qm`` (``okrdesk_de.qm``, ``okrdesk_pt_BR.qm``); none ship yet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).with_name("translations")

# Kept here: a QTranslator that Python collects stops translating.
_installed: list[QTranslator] = []


def install(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Load the translations for ``locale`` (the system's by default) into ``app``; returns
    the files loaded. A language with no translation keeps the English text."""
    locale = locale or QLocale.system()
    remove(app)
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("okrdesk", str(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            _installed.append(translator)
            loaded.append(translator.filePath())
    return loaded


def remove(app: QCoreApplication) -> None:
    """Take the translations out again (English text comes back)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
