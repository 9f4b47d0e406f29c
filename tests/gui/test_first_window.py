"""Paint first (issue 20): the first window, then the real one in its place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.gui import app as gui_app
from okrdesk.gui.app import Launch
from okrdesk.gui.core import crash, settings
from okrdesk.gui.first_window import FirstWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QTreeWidgetItem
from tests.builders import small_plan, small_plan_in_q1
from tests.fresh import run_fresh
from tests.gui.helpers import current, shown_titles


@pytest.fixture(autouse=True)
def no_crash_reporter_left() -> Iterator[None]:
    """The real window's launch installs the crash reporter; the next test starts without."""
    yield
    crash.uninstall()


def item_titled(first: FirstWindow, title: str) -> QTreeWidgetItem:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    (item,) = first.tree.findItems(title, flags)
    return item


def test_painting_it_loads_no_database_library_nor_matplotlib(plan_path: Path) -> None:
    # A fresh interpreter: this one has imported everything already.
    small_plan(plan_path)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from okrdesk.gui.app import Launch, application\n"
        "app = application()\n"
        f"launch = Launch(Path({str(plan_path)!r}))\n"
        "heavy = ('sqlalchemy', 'alembic', 'matplotlib', 'okrdesk.gui.shell')\n"
        "seen = {}\n"
        "def painted():\n"
        "    seen['loaded'] = [name for name in heavy if name in sys.modules]\n"
        "    seen['titles'] = launch.first.tree.topLevelItem(0).child(0).text(0)\n"
        "def ready(window):\n"
        "    seen['ready'] = window.tree.current_node() is not None\n"
        "    window.close()\n"
        "launch.painted.connect(painted)\n"
        "launch.ready.connect(ready)\n"
        "assert launch.paint_first()\n"
        "app.exec()\n"
        "assert seen['loaded'] == [], seen\n"
        "assert seen['titles'] == 'Care for customers', seen\n"
        "assert seen['ready'], seen\n"
        "assert 'matplotlib' not in sys.modules\n"
    )
    run_fresh(script)


def test_the_real_window_takes_over_what_was_done_meanwhile(qtbot: QtBot, plan_path: Path) -> None:
    ids = small_plan(plan_path)
    launch = Launch(plan_path)
    assert launch.paint_first()
    first = launch.first
    assert first is not None  # deleted once the real window has taken over
    assert first.windowTitle() == f"{plan_path.stem} — okrdesk"
    # The missions are open on a plan never opened before, as in the real window; what is
    # under them comes when they open.
    assert item_titled(first, "Missions").isExpanded()
    assert not first.tree.findItems("Answer fast", Qt.MatchFlag.MatchRecursive)
    first.resize(1024, 640)
    first.splitter.setSizes([450, 330, 244])
    item_titled(first, "Care for customers").setExpanded(True)
    item_titled(first, "Answer fast").setExpanded(True)
    first.tree.setCurrentItem(item_titled(first, "Reply time"))
    first.search_box.setText("repl")
    sizes = first.splitter.sizes()

    qtbot.waitUntil(lambda: launch.window is not None, timeout=60000)
    window = launch.window
    assert window is not None
    qtbot.addWidget(window)
    assert not first.isVisible()
    assert window.isVisible()
    assert (window.width(), window.height()) == (1024, 640)
    assert window.splitter.sizes() == sizes
    assert window.search_box.text() == "repl"
    assert current(window).id == ids["first"]
    assert ids["speed"] in window.tree.expanded_ids()
    window.close()


def test_closing_it_before_the_real_window_is_ready_quits(qtbot: QtBot, plan_path: Path) -> None:
    small_plan(plan_path)
    launch = Launch(plan_path)
    built: list[object] = []
    launch.ready.connect(built.append)
    assert launch.paint_first()
    assert launch.first is not None
    launch.first.close()
    qtbot.wait(500)
    assert built == [] and launch.window is None


def test_a_file_refused_after_the_first_paint_hides_it_for_the_question(
    qtbot: QtBot, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read-only: the first read needs no more, opening for real refuses it.
    small_plan(plan_path)
    plan_path.chmod(0o444)
    asked: list[tuple[bool, str]] = []

    def ask(refused: Path, message: str) -> Path | None:
        assert launch.first is not None
        asked.append((launch.first.isVisible(), message))
        return None

    monkeypatch.setattr(gui_app, "_ask_for_another", ask)
    launch = Launch(plan_path)
    given_up: list[bool] = []
    launch.given_up.connect(lambda: given_up.append(True))
    assert launch.paint_first()
    first = launch.first
    assert first is not None
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: bool(given_up), timeout=60000)
    ((visible, message),) = asked
    assert not visible
    assert "read-only" in message
    assert launch.window is None
    assert not first.isVisible()


def test_a_file_that_is_no_plan_is_not_painted_first(tmp_path: Path) -> None:
    junk = tmp_path / "junk.okrdesk"
    junk.write_bytes(b"junk")
    launch = Launch(junk)
    assert not launch.paint_first()
    assert launch.first is None


def test_it_shows_the_saved_cycle_and_selection_as_the_real_window_will(
    qtbot: QtBot, plan_path: Path
) -> None:
    ids, q1 = small_plan_in_q1(plan_path)
    view = settings.PlanViewState(plan_path)
    view.expanded = []
    view.cycle = q1
    view.selected = ids["first"]  # deep in a closed part of the tree
    launch = Launch(plan_path)
    assert launch.paint_first()
    first = launch.first
    assert first is not None
    assert first.selected_id() == ids["first"]
    assert item_titled(first, "Answer fast").isExpanded()
    assert not first.tree.findItems("Be trusted", Qt.MatchFlag.MatchRecursive)  # not in Q1
    qtbot.waitUntil(lambda: launch.window is not None, timeout=60000)
    window = launch.window
    assert window is not None
    qtbot.addWidget(window)
    assert window.controller.cycle_id == q1
    assert current(window).id == ids["first"]
    assert "Be trusted" not in shown_titles(window)
    window.close()
