"""Search as you type, checked against a plain walk of the outline: what the tree shows,
what it opens and what it selects after each keystroke must be what the rules say, whether
the search narrows (served from the last matches), widens or starts again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    Mission,
    Objective,
)
from okrdesk.gui.panes.badges import BadgeDelegate
from okrdesk.gui.panes.tree import SEARCH_EXPANDS
from okrdesk.gui.panes.tree_model import Column
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QIdentityProxyModel, QModelIndex
from okrdesk.qt.widgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem
from okrdesk.services.demo import fill_demo
from okrdesk.services.outline import Branch, Outline
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow, RecordingDialogs


def many_objectives(path: Path) -> None:
    """More matches than the tree opens the way to (SEARCH_EXPANDS), over several missions,
    with texts that narrow and widen: "releases", "boring", "lesson 3"."""
    plan = PlanService.open(path)
    cycle = Cycle(name="Q4", start=date(2026, 10, 1), end=date(2026, 12, 31))
    records: list[Item] = [cycle]
    for m in range(4):
        mission = Mission(title=f"Mission {m}", statement="Help the team", position=m)
        records.append(mission)
        for o in range(20):
            objective = Objective(
                title=f"Objective {m}.{o}: make releases boring",
                mission_id=mission.id,
                cycle_id=cycle.id,
                position=o,
            )
            kr = KeyResult(objective_id=objective.id, title=f"KR {m}.{o}", target=10, position=0)
            milestone = Milestone(objective_id=objective.id, title=f"Step {m}.{o}", position=0)
            note = GrowthNote(
                milestone_id=milestone.id, date=date(2026, 10, 2), text=f"Lesson {o % 7}"
            )
            check_in = CheckIn(key_result_id=kr.id, date=date(2026, 10, 9), value=o % 10)
            records += [objective, kr, milestone, note, check_in]
    plan.add_all(records)
    plan.close()


def expected(outline: Outline, needle: str) -> tuple[list[str], list[str], set[str]]:
    """(matches in the outline's order, the ids shown depth first, the ids opened) by the
    search's rules, walking the whole outline."""
    words = needle.lower().split()
    matches = [
        node.id
        for node in outline.nodes.values()
        if all(word in (node.text or node.title.lower()) for word in words)
    ]
    shown: set[str] = set()
    for match in matches:
        shown |= {match, *outline.ancestors(match)}
    walked = [node.id for _depth, node in outline.walk() if node.id in shown]
    opened = {a for match in matches[:SEARCH_EXPANDS] for a in outline.ancestors(match)}
    return matches, walked, opened


def shown_ids(window: MainWindow) -> list[str]:
    proxy, source = window.tree.proxy, window.tree.source
    found: list[str] = []

    def visit(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            node = source.node(proxy.mapToSource(index))
            assert node is not None
            found.append(node.id)
            visit(index)

    visit(QModelIndex())
    return found


def opened_ids(window: MainWindow, ids: list[str]) -> set[str]:
    return {i for i in ids if window.tree.isExpanded(window.tree.node_index(i))}


KEYSTROKES = (
    "r",
    "re",
    "rel",
    "releases",
    "releases b",
    "releases bor",
    "releases bori",
    "re",  # wider again
    "lesson",
    "lesson 3",
    "lesson 3 ",  # the same search
    "LESSON 3",  # the same search again
    "mission 2",  # matches missions' titles and nothing below them
    "help",
    "nothing like this",
    "step 1.1",
    "",
)


@pytest.mark.parametrize("kind", ["many objectives", "demo"])
def test_each_keystroke_shows_opens_and_selects_what_the_rules_say(
    open_window: OpenWindow, plan_path: Path, kind: str
) -> None:
    if kind == "demo":
        plan = PlanService.open(plan_path)
        fill_demo(plan, date(2026, 5, 20))
        plan.close()
    else:
        many_objectives(plan_path)
    window = open_window(plan_path)
    window.choose_cycle(None)
    outline = window.tree.source.outline
    current = window.tree.current_node()
    for needle in KEYSTROKES:
        # What a person may do between keystrokes that leave the rows as they are: expand
        # everything (or all below an item, or to a depth), or open a folder the search
        # keeps closed; the next keystroke shows what the rules say all the same.
        if needle == "releases bor":
            window.tree.expandAll()
        elif needle == "lesson 3 ":
            window.tree.expandToDepth(1)
        elif needle == "LESSON 3":
            window.tree.expandRecursively(window.tree.node_index(Branch.MISSIONS.value))
        elif needle == "releases bori":
            closed = [i for i in shown_ids(window) if i not in opened_ids(window, [i])]
            for node_id in closed[-1:]:
                window.tree.setExpanded(window.tree.node_index(node_id), True)
        window.search_box.setText(needle)
        QApplication.processEvents()
        matches, walked, opened = expected(outline, needle)
        assert shown_ids(window) == walked, needle
        if needle.strip():
            assert opened_ids(window, walked) == opened, needle
        # The selection stays on an item that still matches (or, with no search, is
        # still shown); else it goes to the first match in the tree's order.
        searching = bool(needle.strip())
        keep = current is not None and current.id in (matches if searching else walked)
        firsts = [i for i in walked if i in set(matches)]
        wanted: str | None = None
        if keep and current is not None:
            wanted = current.id
        elif searching and firsts:
            wanted = firsts[0]
        node = window.tree.current_node()
        assert (node and node.id) == wanted, needle
        current = node


def test_a_node_patched_in_place_is_found_by_its_new_text(
    open_window: OpenWindow, plan_path: Path
) -> None:
    many_objectives(plan_path)
    window = open_window(plan_path)
    window.search_box.setText("objective 1.3")  # the search's texts are prepared
    window.search_box.clear()
    objective = next(n for n in window.tree.source.outline.nodes.values() if "1.3:" in n.title)
    outline = window.tree.source.outline
    window.controller.edit(Objective, objective.id, title="Calm deploys")
    assert window.tree.source.outline is outline  # patched, not built again
    window.search_box.setText("calm deploys")
    assert objective.id in shown_ids(window)
    window.search_box.setText("objective 1.3")
    assert objective.id not in shown_ids(window)


def test_the_delegates_read_through_the_filter_what_the_model_says(
    qtbot: QtBot, plan_path: Path
) -> None:
    """Delegates ask for many roles at once (multiData); through the tree's filter that
    must give what asking role by role gives."""
    many_objectives(plan_path)
    window = MainWindow(PlanService.open(plan_path))
    qtbot.addWidget(window)
    window.dialogs = RecordingDialogs()
    window.search_box.setText("releases")
    plain = QIdentityProxyModel()  # asks the model one role at a time
    plain.setSourceModel(window.tree.source)
    delegate = BadgeDelegate()
    checked = 0
    for node_id in shown_ids(window):
        for column in Column:
            through_filter = QStyleOptionViewItem()
            shown = window.tree.node_index(node_id).siblingAtColumn(column)
            delegate.initStyleOption(through_filter, shown)
            by_role = QStyleOptionViewItem()
            source_index = window.tree.source.index_of(node_id, column)
            QStyledItemDelegate().initStyleOption(by_role, plain.mapFromSource(source_index))
            assert through_filter.text == by_role.text
            assert through_filter.font == by_role.font
            assert through_filter.icon.cacheKey() == by_role.icon.cacheKey()
            assert through_filter.features == by_role.features
            assert through_filter.displayAlignment == by_role.displayAlignment
            checked += 1
    assert checked > 3 * SEARCH_EXPANDS
