"""The coach in the window: live findings in the editor, the Coach panel, dismissals, badges."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.coach import Finding
from okrdesk.domain.entities import Dismissal, KeyResult, Mission, Objective
from okrdesk.gui.features.coach import actions as coach_actions
from okrdesk.gui.features.coach.feature import Coach
from okrdesk.gui.features.coach.findings import FindingCard, FindingsPanel
from okrdesk.gui.features.coach.panel import CoachPanel, DataRole, Grouping
from okrdesk.gui.features.coach.state import CoachState
from okrdesk.gui.panes.tree_model import Role
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QModelIndex, Qt
from okrdesk.qt.widgets import QLabel, QToolButton
from okrdesk.services.changes import PlanChanges
from okrdesk.services.coach import review_plan
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow, current, field, type_into

TEAM_FILE = Path(__file__).parents[2] / "data" / "okr-plans" / "ipfs_bifrost_2019-q4.raw.txt"


def coach(window: MainWindow) -> CoachState:
    state = window.feature(Coach).state
    assert isinstance(state, CoachState)
    return state


def panel(window: MainWindow) -> CoachPanel:
    """The Coach panel, shown (it lists the findings only while someone can see them)."""
    window.feature(Coach).dock.show()
    found = window.feature(Coach).panel
    assert isinstance(found, CoachPanel)
    assert found.isVisible()
    return found


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the coach has reviewed the plan as it is now."""
    state = coach(window)
    qtbot.waitUntil(lambda: not state.busy and state.result is not None, timeout=10_000)


def findings_panel(window: MainWindow) -> FindingsPanel:
    page = window.editor.stack.currentWidget()
    panels = [p for p in page.findChildren(FindingsPanel) if p.isVisible()]
    assert len(panels) == 1
    return panels[0]


def shown_rules(window: MainWindow) -> list[str]:
    return [card.finding.rule_id for card in findings_panel(window).cards]


@pytest.fixture
def small_plan(plan_path: Path) -> dict[str, str]:
    """A mission, an objective with one outcome key result, and one without key results."""
    plan = PlanService.open(plan_path)
    mission = plan.add(
        Mission(
            title="Help customers close their month",
            statement="I help our customers close their books in one evening.",
        )
    )
    objective = plan.add(Objective(title="Month-end takes one evening", mission_id=mission.id))
    kr = plan.add(
        KeyResult(
            objective_id=objective.id,
            title="Cut month-end close time from 6 hours to 2 hours",
            baseline=6,
            target=2,
            unit="hours",
            direction="decrease",  # type: ignore[arg-type]
        )
    )
    empty = plan.add(Objective(title="Partners recommend us to clients", mission_id=mission.id))
    plan.close()
    return {"mission": mission.id, "objective": objective.id, "kr": kr.id, "empty": empty.id}


@pytest.fixture
def demo_window(open_window: OpenWindow, plan_path: Path, qtbot: QtBot) -> MainWindow:
    plan = PlanService.open(plan_path)
    fill_demo(plan)
    plan.close()
    window = open_window(plan_path)
    settle(qtbot, window)
    return window


@pytest.fixture
def answer_reason(monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """Dismissing asks for a reason: answer it without a dialog, and record the question."""
    asked: list[Finding] = []

    def answer(_parent: object, finding: Finding) -> str:
        asked.append(finding)
        return "The posts are the point this quarter."

    monkeypatch.setattr(coach_actions, "asker", answer)
    return asked


# -- the editor -----------------------------------------------------------------------------


def test_findings_appear_in_the_editor_as_an_output_title_is_typed(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    assert window.tree.select_node(small_plan["kr"])
    assert "KR-OUTPUT" not in shown_rules(window)

    title = field(window, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Publish 5 blog posts about closing the month")
    # No Enter: the coach reads the unsaved text after a pause in the typing.
    qtbot.waitUntil(lambda: "KR-OUTPUT" in shown_rules(window), timeout=5_000)
    card = next(c for c in findings_panel(window).cards if c.finding.rule_id == "KR-OUTPUT")
    assert "publish" in card.reason.text()
    assert card.fix.text().startswith("Fix: Move it to a milestone")
    assert window.plan.get(KeyResult, small_plan["kr"]).title.startswith("Cut month-end")

    # Saving it keeps the finding; the tree's badge follows once the plan is reviewed.
    qtbot.keyClick(title, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert "KR-OUTPUT" in shown_rules(window)
    badge = window.tree.source.index_of(small_plan["kr"]).data(Role.BADGE)
    assert badge is not None and "⚠" in badge[0]

    # Rewriting it as an outcome clears it, again before Enter.
    title.selectAll()
    qtbot.keyClicks(title, "Raise blog sign-ups from 200 to 500 a month")
    qtbot.waitUntil(lambda: "KR-OUTPUT" not in shown_rules(window), timeout=5_000)


def output_card(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, kr_id: str
) -> tuple[MainWindow, FindingCard]:
    """The window on the small plan with its key result reading as an output, that key
    result shown, and the card of its KR-OUTPUT finding."""
    plan = PlanService.open(plan_path)
    plan.update(KeyResult, kr_id, title="Publish 6 blog posts per week")
    plan.close()
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(kr_id)
    card = next(c for c in findings_panel(window).cards if c.finding.rule_id == "KR-OUTPUT")
    return window, card


def test_a_finding_in_other_words_keeps_its_card_and_changes_its_texts(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window, card = output_card(qtbot, open_window, plan_path, small_plan["kr"])
    card.why_button.setChecked(True)
    assert "from 6 to 2 hours" in card.why.text()
    # The principle names the numbers: a new target says it in other words, in the card
    # the person is reading (its "Why?" still open), not in a new one.
    window.controller.edit(KeyResult, small_plan["kr"], target="1")
    qtbot.waitUntil(lambda: "from 6 to 1 hours" in card.why.text(), timeout=5_000)
    settle(qtbot, window)
    assert findings_panel(window).cards[0] is card and card.why.isVisible()
    assert card.finding.why == window.feature(Coach).state.findings_for(small_plan["kr"])[0].why
    # Another rule in its place is a new card.
    window.controller.edit(KeyResult, small_plan["kr"], title="Cut month-end from 6 to 1 hours")
    qtbot.waitUntil(lambda: "KR-OUTPUT" not in shown_rules(window), timeout=5_000)
    assert card not in findings_panel(window).cards


def test_a_field_saved_from_the_form_is_coached_after_the_pause_a_commit_starts(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window, card = output_card(qtbot, open_window, plan_path, small_plan["kr"])
    target = field(window, "target")
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "1")
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert window.plan.get(KeyResult, small_plan["kr"]).target == 1
    # Saving returns without reviewing (it is the edit's own cost); the pause after the
    # commit reviews the saved record, in the card shown.
    assert "from 6 to 2 hours" in card.finding.why
    qtbot.waitUntil(lambda: "from 6 to 1 hours" in card.finding.why, timeout=5_000)
    assert findings_panel(window).cards[0] is card


def test_why_explains_how_the_classifier_read_the_key_result(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(small_plan["kr"])
    found = findings_panel(window)
    assert found.why_button.isVisible()
    assert not found.why.isVisible()
    qtbot.mouseClick(found.why_button, Qt.MouseButton.LeftButton)
    assert found.why.isVisible()
    assert found.why.text().startswith("The classifier reads this as an outcome")
    assert 'change verb "cut"' in found.why.text()
    # Only key results have a "Why?".
    window.tree.select_node(small_plan["objective"])
    assert not findings_panel(window).why_button.isVisible()


def test_the_objective_editor_shows_its_findings_and_strength(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(small_plan["empty"])
    assert "OBJ-NO-KR" in shown_rules(window)
    assert findings_panel(window).strength.text().startswith("· strength ")
    card = next(c for c in findings_panel(window).cards if c.finding.rule_id == "OBJ-NO-KR")
    severity = card.findChild(QLabel, "coachSeverity")
    assert severity is not None and "Error" in severity.text()


def test_user_text_in_findings_is_shown_as_text(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(small_plan["kr"])
    for label in findings_panel(window).findChildren(QLabel):
        assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
        if label.objectName() in ("coachReason", "coachFix", "coachWhy"):
            assert label.textFormat() is Qt.TextFormat.PlainText


# -- the panel ------------------------------------------------------------------------------


def group_rows(coach_panel: CoachPanel) -> list[QModelIndex]:
    proxy = coach_panel.proxy
    return [proxy.index(row, 0) for row in range(proxy.rowCount())]


def finding_rows(coach_panel: CoachPanel) -> list[QModelIndex]:
    proxy = coach_panel.proxy
    return [
        proxy.index(row, 0, group)
        for group in group_rows(coach_panel)
        for row in range(proxy.rowCount(group))
    ]


def listed(coach_panel: CoachPanel) -> set[tuple[str, str]]:
    return {
        (str(i.data(DataRole.RULE_ID)), str(i.data(DataRole.ITEM_ID)))
        for i in finding_rows(coach_panel)
    }


def test_f7_shows_the_panel_with_every_finding_grouped_by_item(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    dock = window.feature(Coach).dock
    assert not dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert dock.isVisible()
    coach_panel = window.feature(Coach).panel
    expected = review_plan(window.plan)
    assert listed(coach_panel) == {(f.rule_id, f.item_id) for f in expected.findings}
    assert len(group_rows(coach_panel)) == len({f.item_id for f in expected.findings})
    assert coach_panel.strength.text().startswith("Plan strength ")
    status = window.findChild(QToolButton, "coachStatus")
    assert status is not None and "strength" in status.text()


def test_grouping_by_rule_and_sorting_by_severity(qtbot: QtBot, demo_window: MainWindow) -> None:
    coach_panel = panel(demo_window)
    before = listed(coach_panel)
    coach_panel.grouping.setCurrentIndex(coach_panel.grouping.findData(Grouping.RULE))
    groups = group_rows(coach_panel)
    assert {str(g.data(DataRole.RULE_ID)) for g in groups} == {rule for rule, _ in before}
    assert listed(coach_panel) == before
    # Sorted by severity (the default): no warning group below an advice group.
    severities = [g.siblingAtColumn(1).data() for g in groups]
    words = [text.split()[-1] for text in severities]
    assert words == sorted(words, key=["Error", "Warning", "Advice"].index)
    coach_panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [str(g.data()) for g in group_rows(coach_panel)]
    assert titles == sorted(titles, key=str.casefold)


def test_double_click_selects_the_item_in_the_tree(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    coach_panel = panel(window)
    qtbot.waitUntil(lambda: coach_panel.view.viewport().height() > 40)
    row = next(i for i in finding_rows(coach_panel) if i.data(DataRole.RULE_ID) == "OBJ-BLIND")
    coach_panel.view.scrollTo(row)
    rect = coach_panel.view.visualRect(row)
    # A real double-click starts with a press (QTest's double-click event alone has none).
    viewport = coach_panel.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    objective = current(window)
    assert objective.id == row.data(DataRole.ITEM_ID)
    assert window.plan.get(Objective, objective.id).mission_id is None
    # The editor shows that objective's findings.
    assert "OBJ-BLIND" in shown_rules(window)


def test_dismiss_with_a_reason_then_undo_and_redo(
    qtbot: QtBot, demo_window: MainWindow, answer_reason: list[Finding]
) -> None:
    window = demo_window
    coach_panel = panel(window)
    key_results = {kr.title: kr.id for kr in window.plan.all(KeyResult)}
    target = ("KR-OUTPUT", key_results["Rustlings exercises completed"])
    assert coach_panel.select_finding(*target)
    assert coach_panel.dismiss_button.isEnabled()
    qtbot.mouseClick(coach_panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert [(f.rule_id, f.item_id) for f in answer_reason] == [target]
    settle(qtbot, window)
    assert target not in listed(coach_panel)
    stored = window.plan.where(Dismissal, rule_id=target[0], subject_id=target[1])
    assert [d.reason for d in stored] == ["The posts are the point this quarter."]
    assert window.undo_action.text().startswith("&Undo Dismiss KR-OUTPUT")
    badge = window.tree.source.index_of(target[1]).data(Role.BADGE)
    assert badge is None

    window.undo_action.trigger()
    settle(qtbot, window)
    assert target in listed(coach_panel)
    assert window.plan.where(Dismissal, rule_id=target[0], subject_id=target[1]) == []

    window.redo_action.trigger()
    settle(qtbot, window)
    assert target not in listed(coach_panel)


def test_dismissed_findings_show_on_request_and_can_be_restored(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    coach_panel = panel(window)
    mission = next(m for m in window.plan.all(Mission) if "craft" in m.title)
    dismissed = ("MIS-NO-TEAM-LINK", mission.id)
    assert dismissed not in listed(coach_panel)
    coach_panel.show_dismissed.setChecked(True)
    assert dismissed in listed(coach_panel)
    assert coach_panel.select_finding(*dismissed)
    assert coach_panel.restore_button.isEnabled()
    assert not coach_panel.dismiss_button.isEnabled()
    assert "Dismissed: Volunteering outside work" in coach_panel.detail.text()

    qtbot.mouseClick(coach_panel.restore_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    coach_panel.show_dismissed.setChecked(False)
    assert dismissed in listed(coach_panel)
    assert window.plan.all(Dismissal) == []
    window.undo_action.trigger()
    settle(qtbot, window)
    assert dismissed not in listed(coach_panel)


def test_dismissing_from_the_editor(
    qtbot: QtBot,
    open_window: OpenWindow,
    plan_path: Path,
    small_plan: dict[str, str],
    answer_reason: list[Finding],
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(small_plan["empty"])
    card = next(c for c in findings_panel(window).cards if c.finding.rule_id == "OBJ-NO-KR")
    assert isinstance(card, FindingCard)
    qtbot.mouseClick(card.dismiss_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "OBJ-NO-KR" not in shown_rules(window)
    assert len(window.plan.all(Dismissal)) == 1


# -- badges and strength --------------------------------------------------------------------


def test_tree_badges_count_warnings_and_errors_in_text_and_tooltip(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    model = window.tree.source
    empty = model.index_of(small_plan["empty"])
    text, tooltip = empty.data(Role.BADGE)
    assert text.startswith("✕1")
    assert "1 error" in tooltip
    assert "1 error" in empty.data(Qt.ItemDataRole.ToolTipRole)
    # An item with no warnings or errors has no badge.
    assert model.index_of(small_plan["kr"]).data(Role.BADGE) is None
    # Only the title column carries it.
    assert model.index_of(small_plan["empty"], 1).data(Role.BADGE) is None


def test_the_selected_objectives_strength_is_shown(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    coach_panel = panel(window)
    rust = next(o for o in window.plan.all(Objective) if o.title == "Get comfortable reading Rust")
    [kr] = [k for k in window.plan.all(KeyResult) if k.objective_id == rust.id]
    window.tree.select_node(kr.id)
    assert "“Get comfortable reading Rust”" in coach_panel.strength.text()
    state = coach(window)
    value = state.objective_strength(rust.id)
    assert value is not None and value < 1.0
    assert f"{round(value * 100)} %" in coach_panel.strength.text()


def test_the_hidden_panel_lists_the_findings_when_shown(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    coach_panel = window.feature(Coach).panel
    assert not coach_panel.isVisible()
    window.plan.add(Objective(title="Another objective without key results"))
    window.controller.announce(PlanChanges.all())
    settle(qtbot, window)
    assert ("OBJ-NO-KR", small_plan["empty"]) in listed(panel(window))
    assert sum(rule == "OBJ-NO-KR" for rule, _ in listed(coach_panel)) == 2


# -- whose items are whose ------------------------------------------------------------------


def coverage(coach_panel: CoachPanel) -> str:
    return coach_panel.coverage.text() if coach_panel.coverage.isVisible() else ""


def test_typing_the_owners_name_into_the_owner_field_keeps_the_findings(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    plan = PlanService.open(plan_path)
    plan.set_owner("Alex Kim")
    plan.close()
    window = open_window(plan_path)
    settle(qtbot, window)
    assert window.tree.select_node(small_plan["empty"])
    assert "OBJ-NO-KR" in shown_rules(window)

    # The person types their own name (in their own way) as the objective's owner.
    type_into(qtbot, field(window, "owner"), " alex kim")
    assert window.plan.get(Objective, small_plan["empty"]).owner == " alex kim"
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not findings_panel(window).timer.isActive())
    assert "OBJ-NO-KR" in shown_rules(window)
    assert ("OBJ-NO-KR", small_plan["empty"]) in listed(panel(window))
    assert coverage(panel(window)) == ""

    # Someone else's name: the coach leaves it out, and says so in the editor and the panel.
    type_into(qtbot, field(window, "owner"), "Sam Reyes")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: shown_rules(window) == [], timeout=5_000)
    summary = findings_panel(window).summary
    assert summary.isVisible()
    assert summary.text().startswith("The coach leaves this out: it is owned by Sam Reyes")
    assert coverage(panel(window)) == (
        "The coach leaves out “Partners recommend us to clients”, owned by Sam Reyes: only "
        "its owner can act on it."
    )
    assert ("OBJ-NO-KR", small_plan["empty"]) not in listed(panel(window))


def test_the_panel_says_which_imported_team_items_it_leaves_out(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    from okrdesk.services.okr_import import import_markdown

    plan = PlanService.open(plan_path)
    plan.add(Mission(title="Help customers close their month"))
    import_markdown(plan, TEAM_FILE, team="IPFS Bifrost")
    plan.close()
    window = open_window(plan_path)
    settle(qtbot, window)
    coach_panel = panel(window)
    lines = coverage(coach_panel).splitlines()
    assert lines == [
        "The coach leaves out 5 team items imported from other plans or documents: they "
        "change in their source, not here.",
        "Set the plan's owner to your name so the coach knows which items are yours.",
    ]
    assert coach_panel.coverage.textFormat() is Qt.TextFormat.PlainText
    assert not any(rule.startswith("OBJ") for rule, _ in listed(coach_panel))
    # A team's key result is left out with its objective, and its form says why.
    kr = window.plan.all(KeyResult)[0]
    assert window.reveal(kr.id)
    qtbot.waitUntil(lambda: findings_panel(window).summary.text().startswith("The coach"))
    assert "imported from a team" in findings_panel(window).summary.text()


def test_an_empty_plan_has_nothing_to_check_yet(qtbot: QtBot, window: MainWindow) -> None:
    settle(qtbot, window)
    coach_panel = panel(window)
    assert coach_panel.strength.text() == "Nothing to check yet"
    assert coverage(coach_panel) == ""
    status = window.statusBar().findChild(QToolButton, "coachStatus")
    assert isinstance(status, QToolButton)
    assert status.text() == "Coach: nothing to check yet"
    assert "100" not in status.text() + status.toolTip()


def test_each_finding_says_why_in_the_editor_and_the_panel(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, small_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    settle(qtbot, window)
    window.tree.select_node(small_plan["empty"])
    card = next(c for c in findings_panel(window).cards if c.finding.rule_id == "OBJ-NO-KR")
    why = card.finding.why
    assert why and why != card.finding.reason
    assert not card.why.isVisible()
    qtbot.mouseClick(card.why_button, Qt.MouseButton.LeftButton)
    assert card.why.isVisible()
    assert card.why.text() == f"Why: {why}"
    assert card.why_button.text() == "Hide why"

    coach_panel = panel(window)
    assert coach_panel.select_finding("OBJ-NO-KR", small_plan["empty"])
    assert f"Why: {why}" in coach_panel.detail.text().splitlines()
