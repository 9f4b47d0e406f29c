"""Translations: okrdesk's own for the system language when the package ships one, and
Qt's for its standard buttons and dialogs.

okrdesk's translations are compiled ``.qm`` files in ``okrdesk/gui/translations`` named
``okrdesk_<locale>.qm`` (``okrdesk_de.qm``, ``okrdesk_pt_BR.qm``); none ship yet. The
template translators start from is ``okrdesk.ts`` in the same folder (``make translations``).

How the GUI marks its text (the one convention ``pyside6-lupdate`` reads from our sources):

- ``tr("Open plan…")`` for every text a person sees; a template is translated first and
  filled in after: ``tr("{count} findings").format(count=n)``, never ``tr(f"...")``.
  ``tr("Open", "verb")`` tells translators which meaning a short word has;
  ``tr("%n finding(s)", "", n)`` gives languages their plural forms.
- ``QT_TR_NOOP("...")`` marks a module-level constant (built before any translator is
  installed) and ``tr(CONSTANT)`` translates it where it is shown.
- Text people typed is data and never goes through ``tr``.

Everything lives in one unnamed context: the call ``tr(...)`` is what lupdate knows, and a
context per class would break when a subclass inherits the text.
"""

from __future__ import annotations

from pathlib import Path

from okrdesk.domain.messages import render
from okrdesk.qt.core import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# The GUI's data folders sit in okrdesk/gui, beside core/.
TRANSLATIONS_DIR = Path(__file__).parents[1] / "translations"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the user's language (as it is when no translation is installed)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def translated(text: str) -> str:
    """Text from below the GUI in the user's language: a ``Message`` (a validation error,
    a coach finding, a kind's name) is translated, its template first, then filled in; any
    other text is data (what someone typed) and shown as it is."""
    return render(text, tr)


def error_text(error: BaseException) -> str:
    """An error's sentence in the user's language (``str(error)`` would drop the Message
    it was raised with, and with it the translation)."""
    first = error.args[0] if error.args else None
    return translated(first) if isinstance(first, str) else str(error)


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation without translating it yet (see the module's notes)."""
    return text


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
