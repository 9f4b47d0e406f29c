"""What the benchmark runs in child processes, one measurement each, printing one JSON line.

python benchmarks/probes.py bare                  a bare QMainWindow, painted
python benchmarks/probes.py app PLAN              okrdesk's launch on PLAN: first paint, ready
python benchmarks/probes.py interact PLAN         open, search, edit, chart, memory
python benchmarks/probes.py open PLAN             open until the tree shows, memory
"""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any


def emit(**values: Any) -> None:
    print(json.dumps(values), flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM from /proc (ru_maxrss may carry a
    parent's peak over a fork), else ru_maxrss where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_window(path: Path) -> tuple[Any, float]:
    """okrdesk's window on ``path``, shown; and the seconds until the tree showed."""
    from okrdesk.gui.app import application
    from okrdesk.gui.shell import MainWindow
    from okrdesk.qt.widgets import QApplication
    from okrdesk.services.locations import open_plan

    application()
    started = time.perf_counter()
    window = MainWindow(open_plan(path), remember_layout=False)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    return window, time.perf_counter() - started


def bare() -> None:
    from okrdesk.qt.widgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    emit(painted=True)


def app_window(path: Path) -> None:
    """okrdesk's own launch (``run_app``, as ``okrdesk --db PLAN`` runs it): one line when
    the first window has painted, one when the real window is shown and painted."""
    from okrdesk.gui.app import Launch, run_app
    from okrdesk.qt.widgets import QApplication

    def painted() -> None:
        emit(
            painted=True,
            matplotlib_loaded="matplotlib" in sys.modules,
            sqlalchemy_loaded="sqlalchemy" in sys.modules,
        )

    def ready(window: Any) -> None:
        QApplication.processEvents()
        emit(ready=True, matplotlib_loaded="matplotlib" in sys.modules)
        window.remember_layout = False  # leave the temporary home's settings as they are
        window.close()

    def watch(launch: Launch) -> None:
        launch.painted.connect(painted)
        launch.ready.connect(ready)

    run_app(path, watch=watch)


def plain_fetch(path: Path) -> float:
    """Reading the same rows with nothing but sqlite3: the floor for opening the plan."""
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    for table in (
        "missions",
        "objectives",
        "key_results",
        "check_ins",
        "milestones",
        "growth_notes",
        "meetings",
        "action_items",
    ):
        connection.execute(f"SELECT * FROM {table}").fetchall()
    connection.close()
    return time.perf_counter() - started


def settle(window: Any) -> None:
    """Let background work finish (the coach's review, the status bar's health)."""
    from okrdesk.gui.features.coach.feature import Coach
    from okrdesk.qt.core import QThreadPool
    from okrdesk.qt.widgets import QApplication

    coach = window.feature(Coach).state
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        if not coach.busy and QThreadPool.globalInstance().activeThreadCount() == 0:
            QApplication.processEvents()
            return
        time.sleep(0.01)


def interact(path: Path) -> None:
    from okrdesk.domain.entities import CheckIn, KeyResult, Mission
    from okrdesk.gui.panes.fields import LineField
    from okrdesk.qt.widgets import QApplication

    fetch_s = statistics.median(plain_fetch(path) for _ in range(3))
    window, open_s = open_window(path)
    # The first keystroke right after opening, while the background work that opening
    # starts (the coach, the status bar's health, the chart) still runs: what a person who
    # searches at once meets.
    started = time.perf_counter()
    window.search_box.setText("r")
    QApplication.processEvents()
    filter_first_s = time.perf_counter() - started
    window.search_box.clear()
    QApplication.processEvents()
    # Let the chart pane load and draw, and the background work end, so that the
    # keystrokes below measure the search alone.
    window.chart.ensure_canvas()
    window.chart.draw_now()
    settle(window)

    # Search as you type: one keystroke at a time, each until the tree has redrawn.
    keystrokes = []
    for text in (
        "r",
        "re",
        "rel",
        "rele",
        "relea",
        "releas",
        "release",
        "releases",
        "releases b",
        "releases bo",
        "releases bor",
        "releases bori",
    ):
        started = time.perf_counter()
        window.search_box.setText(text)
        QApplication.processEvents()
        keystrokes.append(time.perf_counter() - started)
    window.search_box.clear()
    QApplication.processEvents()

    # An edit as a person makes it: a key result's target typed in its form and Enter,
    # until every pane shows it (the tree's row and its objective's progress, the editor,
    # the chart drawn again after the event loop). Background work (the coach, the status
    # bar's health) settles between edits, so each edit meets only its own.
    plan = window.plan
    kr = plan.all(KeyResult)[0]
    window.tree.select_node(kr.id)
    window.chart.draw_now()
    settle(window)
    target = window.editor.forms[KeyResult].editors["target"]
    assert isinstance(target, LineField)
    edits = []
    for n in range(15):
        started = time.perf_counter()
        target.edit.setText(str(100 + n))
        target.edit.editingFinished.emit()
        QApplication.processEvents()
        window.chart.draw_now()
        edits.append(time.perf_counter() - started)
        settle(window)
    assert plan.get(KeyResult, kr.id).target == 114

    # The commit alone: the service call that returns once the change is on disk.
    mission = plan.children(Mission, None)[0]
    commits = []
    for n in range(15):
        started = time.perf_counter()
        plan.update(Mission, mission.id, statement=f"Statement {n}")
        commits.append(time.perf_counter() - started)

    # The key result chart after a check-in.
    kr = plan.all(KeyResult)[0]
    window.tree.setCurrentIndex(window.tree.node_index(kr.id))
    charts = []
    window.chart.ensure_canvas()
    for n in range(10):
        window.controller.add(CheckIn(key_result_id=kr.id, date=date(2026, 12, 20), value=30.0 + n))
        started = time.perf_counter()
        window.chart.draw_now()
        charts.append(time.perf_counter() - started)
    emit(
        open_s=open_s,
        fetch_s=fetch_s,
        filter_first_ms=filter_first_s * 1000,
        filter_ms=statistics.median(keystrokes) * 1000,
        filter_max_ms=max(keystrokes) * 1000,
        edit_ms=statistics.median(edits) * 1000,
        commit_ms=statistics.median(commits) * 1000,
        chart_ms=statistics.median(charts) * 1000,
        peak_rss_mb=peak_rss_mb(),
    )
    window.close()


def open_only(path: Path) -> None:
    """Open a (large) plan and let the work opening starts end: the time to the tree, and
    the memory it took."""
    fetch_s = plain_fetch(path)
    window, open_s = open_window(path)
    settle(window)
    emit(open_s=open_s, fetch_s=fetch_s, peak_rss_mb=peak_rss_mb())
    window.close()


def pdf(path: Path, out: Path) -> None:
    from okrdesk.qt.gui import QGuiApplication
    from okrdesk.report.plan_report import export_plan_pdf
    from okrdesk.services.locations import open_plan

    QGuiApplication([])
    plan = open_plan(path)
    started = time.perf_counter()
    result = export_plan_pdf(plan, out, overwrite=True)  # three runs write the same file
    emit(pdf_s=time.perf_counter() - started, pages=getattr(result, "pages", None))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "app":
        app_window(Path(sys.argv[2]))
    elif mode == "interact":
        interact(Path(sys.argv[2]))
    elif mode == "open":
        open_only(Path(sys.argv[2]))
    elif mode == "pdf":
        pdf(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown probe {mode}")
