"""Every text the GUI shows can be translated: lupdate finds it, and no Qt text setter is
handed a bare English literal (see okrdesk/gui/i18n.py for the convention)."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrdesk.gui.core import i18n
from okrdesk.gui.core.i18n import tr
from okrdesk.qt.core import QCoreApplication, QTranslator

GUI = Path(i18n.__file__).parents[1]
TEMPLATE = GUI / "translations" / "okrdesk.ts"
TOOLS = GUI.parents[1] / "tools"

# Every module is converted.
NOT_YET_CONVERTED: set[str] = set()

# Calls whose (first) text argument a person reads.
TEXT_SETTERS = {
    "setText",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setWindowTitle",
    "setPlaceholderText",
    "setAccessibleName",
    "setLabelText",
    "setInformativeText",
    "setTitle",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "showMessage",
    "addAction",
    "addMenu",
    "addButton",
    "addItem",
    "addItems",
    "addRow",
    "addTab",
    "begin_macro",
    "begin_busy",
    "setHorizontalHeaderLabels",
    "setHeaderLabels",
}
TEXT_WIDGETS = {
    "QAction",
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "QDockWidget",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QStandardItem",
    "QProgressDialog",
}
MESSAGE_BOX_FUNCTIONS = {"information", "warning", "critical", "question", "about"}
# Words that are the same in every language: names of the app, of software, of paper sizes.
ALLOWED = {"okrdesk", "Python", "Qt", "PySide6", "A4", "Letter"}


def _lupdate() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lupdate")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("pyside6-lupdate")


def _has_words(text: str) -> bool:
    return any(c.isalpha() for w in text.split() if w not in ALLOWED for c in w)


def _english(node: ast.expr) -> list[ast.AST]:
    """Literal English in ``node``, not inside a call (tr(...), "".join(...) and the like
    decide for themselves)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if _has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        words = [v for v in node.values if isinstance(v, ast.Constant) and _has_words(str(v.value))]
        return [node] if words else []
    if isinstance(node, ast.IfExp):
        return _english(node.body) + _english(node.orelse)
    if isinstance(node, ast.BinOp):
        return _english(node.left) + _english(node.right)
    if isinstance(node, ast.BoolOp):
        return [found for value in node.values for found in _english(value)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [found for element in node.elts for found in _english(element)]
    return []


def _text_arguments(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
    if name == "QMessageBox":
        return list(call.args[1:3])
    if owner == "QMessageBox" and name in MESSAGE_BOX_FUNCTIONS:
        return list(call.args[1:3])
    if name in TEXT_SETTERS or name in TEXT_WIDGETS:
        # The text comes first, or second after an icon: addAction(icon, text).
        return list(call.args[:2])
    return []


def untranslated_texts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for argument in _text_arguments(node):
                for literal in _english(argument):
                    found.append(f"{path.name}:{literal.lineno}: {ast.unparse(literal)[:70]}")
    return found


def test_no_qt_text_setter_gets_untranslated_english() -> None:
    files = [p for p in sorted(GUI.rglob("*.py")) if p.name not in NOT_YET_CONVERTED]
    assert len(files) > 30
    problems = [problem for path in files for problem in untranslated_texts(path)]
    assert problems == []


def test_the_scan_catches_a_bare_literal(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "label = QLabel('Hello', parent)\n"
        "box.setToolTip(f'Open {name}')\n"
        "menu.addAction(icon, 'Quit')\n"
        "QMessageBox.warning(self, 'Oops', message)\n"
        "button.setText(tr('Fine'))\n"
        "button.setText('×')\n",
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in untranslated_texts(source)] == ["1", "2", "3", "4"]


def _messages(ts_file: Path) -> list[str]:
    root = ET.parse(ts_file).getroot()
    return [source.text or "" for source in root.iter("source")]


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_lupdate_finds_the_gui_text(tmp_path: Path) -> None:
    target = tmp_path / "okrdesk.ts"
    lupdate = _lupdate()
    assert lupdate is not None
    subprocess.run(
        [lupdate, "-extensions", "py", "-locations", "none", str(GUI), "-ts", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    messages = _messages(target)
    assert len(messages) > 300
    for known in ("Restore from &backup…", "&Coach", "Check &in…", "&User guide"):
        assert known in messages
    # Templates, not filled-in text: the placeholders reach the translator.
    assert "Plan strength {strength}; {counts}" in messages
    # Sentences written below the GUI reach it too (tools/extract_messages.py).
    for below in ("Add {kind}", "{label} is required.", "objective"):
        assert below in messages


def test_the_sentences_below_the_gui_are_collected_for_the_translators() -> None:
    spec = importlib.util.spec_from_file_location("extract_messages", TOOLS / "extract_messages.py")
    assert spec is not None and spec.loader is not None
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    assert extract.main(["--check"]) == 0, "run make translations"
    source = 'raise ValidationError("x", message("At most {n} items.", n=3))\nN_("later")\n'
    assert extract.templates_in(source) == ["At most {n} items.", "later"]


def test_the_committed_template_is_current_enough() -> None:
    """``make translations`` was run: the shipped template holds the menus' text."""
    messages = _messages(TEMPLATE)
    assert len(messages) > 300
    assert "&Keyboard shortcuts" in messages


def test_a_translation_replaces_the_english(tmp_path: Path, qapp: QCoreApplication) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed")
    ts_file = tmp_path / "okrdesk_de.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        "<context><name></name>"
        "<message><source>Coach: {counts} (see the Coach panel, F7)</source>"
        "<translation>Coach: {counts} (siehe Coach-Bereich, F7)</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    subprocess.run([str(lrelease), str(ts_file)], check=True, capture_output=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "okrdesk_de.qm"))
    qapp.installTranslator(translator)
    try:
        from okrdesk.gui.features.coach.state import Badge

        assert Badge(0, 2).tooltip == "Coach: 2 warnings (siehe Coach-Bereich, F7)"
    finally:
        qapp.removeTranslator(translator)
    assert tr("Coach: {counts} (see the Coach panel, F7)").startswith("Coach: {counts} (see")
