"""The app's identity on the desktop, its translations, and colours from the palette."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.gui.core import desktop, i18n
from okrdesk.qt import BINDING_DIR
from okrdesk.qt.core import QCoreApplication, QLibraryInfo, QLocale
from okrdesk.qt.gui import QGuiApplication
from okrdesk.qt.widgets import QApplication

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HelpMenu</name>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    i18n.remove(instance)


def lrelease() -> Path:
    # PySide6 wheels carry Qt's lrelease in the package folder.
    for found in (
        BINDING_DIR / "lrelease",
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.BinariesPath)) / "lrelease",
    ):
        if found.exists():
            return found
    pytest.skip("Qt's lrelease is not installed with PySide6")


def test_integrate_names_the_app_and_gives_it_its_icon(app: QApplication) -> None:
    desktop.integrate(app)
    # The id the .desktop file and the metainfo carry, so docks match window to launcher.
    assert QGuiApplication.desktopFileName() == "io.github.okrdesk.okrdesk"
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes() or not app.windowIcon().pixmap(32).isNull()


def test_a_shipped_translation_is_loaded_for_its_language(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "okrdesk_de.ts"
    source.write_text(TS, encoding="utf-8")
    subprocess.run(
        [str(lrelease()), "-silent", str(source), "-qm", str(tmp_path / "okrdesk_de.qm")],
        check=True,
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    loaded = i18n.install(app, QLocale("de_DE"))
    assert str(tmp_path / "okrdesk_de.qm") in loaded
    assert QCoreApplication.translate("HelpMenu", "User guide") == "Benutzerhandbuch"
    # Another language: ours is gone, the English text is back.
    i18n.install(app, QLocale("fi_FI"))
    assert QCoreApplication.translate("HelpMenu", "User guide") == "User guide"


def test_a_language_without_a_translation_keeps_english(app: QApplication) -> None:
    loaded = i18n.install(app, QLocale("de_DE"))
    assert not any("okrdesk_" in path for path in loaded)
    assert QCoreApplication.translate("HelpMenu", "User guide") == "User guide"


def test_my_dialogs_use_palette_colours() -> None:
    # Fixed light colours break dark themes; the Help menu and crash dialog name none.
    gui = Path(desktop.__file__).parents[1]
    for name in ("features/help.py", "core/crash.py", "core/desktop.py"):
        text = (gui / name).read_text("utf-8")
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|QColor\(", text), name


MESSAGES_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context><name></name>
<message><source>{label} is required.</source><translation>{label} fehlt.</translation></message>
<message><source>objective</source><translation>Ziel</translation></message>
<message><source>Add {kind}</source><translation>{kind} hinzufügen</translation></message>
</context>
</TS>
"""


def test_a_sentence_written_below_the_gui_is_shown_translated(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from okrdesk.domain.entities import TYPE_NAMES, Objective
    from okrdesk.gui.core.i18n import translated
    from okrdesk.services.operations import AddItem

    source = tmp_path / "okrdesk_de.ts"
    source.write_text(MESSAGES_TS, encoding="utf-8")
    subprocess.run(
        [str(lrelease()), "-silent", str(source), "-qm", str(tmp_path / "okrdesk_de.qm")],
        check=True,
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.install(app, QLocale("de_DE"))
    from okrdesk.domain.validation import ValidationError, coerce

    with pytest.raises(ValidationError) as refused:
        coerce(Objective, {"title": None})
    assert translated(refused.value.message) == "Title fehlt."
    assert translated(TYPE_NAMES[Objective]) == "Ziel"
    assert translated(AddItem(Objective(title="x")).label) == "Ziel hinzufügen"
    # What a person typed is data: never translated.
    assert translated("objective") == "objective"
