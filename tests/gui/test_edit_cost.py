"""What one keypress that edits one field costs before it returns: one write transaction,
a few reads, a few service calls (the path of an edit in docs/architecture.md). Counted,
not timed: counts are the same on a busy machine."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.engine import Engine

from benchmarks.synthetic import make_plan
from okrdesk.domain.entities import KeyResult
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.services.outline import NodeKind
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow, field

WRITE_TRANSACTIONS = 1
MOST_READ_TRANSACTIONS = 3
MOST_SERVICE_CALLS = 4


@contextmanager
def counting(plan: PlanService) -> Iterator[Counter[str]]:
    """Count transactions (by how they begin) and service calls while the block runs."""
    counts: Counter[str] = Counter()

    def statement(_conn: Any, _cursor: Any, text: str, *_args: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # background work (the coach, the status bar's health) is not the edit
        if text == "BEGIN IMMEDIATE":
            counts["write transactions"] += 1
        elif text == "BEGIN":
            counts["read transactions"] += 1
        else:
            counts["statements"] += 1

    originals: dict[str, Callable[..., Any]] = {}
    for name in dir(PlanService):
        method = getattr(plan, name)
        if name.startswith("_") or not callable(method):
            continue
        originals[name] = method

        def counted(*args: Any, _name: str = name, _method: Any = method, **kw: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                counts["service calls"] += 1
                counts[f"call {_name}"] += 1
            return _method(*args, **kw)

        setattr(plan, name, functools.wraps(method)(counted))
    event.listen(Engine, "before_cursor_execute", statement)
    try:
        yield counts
    finally:
        event.remove(Engine, "before_cursor_execute", statement)
        for name in originals:
            delattr(plan, name)


def first_key_result(window: MainWindow) -> str:
    nodes = window.tree.source.outline.nodes.values()
    return next(n.id for n in nodes if n.kind is NodeKind.KEY_RESULT)


def test_one_field_edit_is_one_write_and_few_reads(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    path = tmp_path / "large.okrdesk"
    make_plan(path, 1000)
    window = open_window(path)
    window.tree.expandAll()
    kr_id = first_key_result(window)
    assert window.tree.select_node(kr_id)
    target = field(window, "target")
    qtbot.wait(50)  # let the selection's own drawing and reading happen first
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "123")
    with counting(window.plan) as counts:
        qtbot.keyClick(target, Qt.Key.Key_Return)
    summary = dict(counts)
    assert counts["write transactions"] == WRITE_TRANSACTIONS, summary
    assert counts["read transactions"] <= MOST_READ_TRANSACTIONS, summary
    assert counts["service calls"] <= MOST_SERVICE_CALLS, summary
    assert window.plan.get(KeyResult, kr_id).target == 123
    # The tree shows it at once; the chart draws after the keypress returned.
    assert window.tree.source.outline.nodes[kr_id].progress is not None
