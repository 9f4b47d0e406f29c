"""The chart pane: every kind of chart drawn from the services' series, in light and dark
palettes, empty states, the roadmap toggle, the cycle shown, copy and save."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from pytestqt.qtbot import QtBot

from okrdesk.charts.layers import LayeredFigure
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Milestone, Mission, Objective
from okrdesk.gui.panes.chart_data import Message, series_for
from okrdesk.gui.panes.charts import board_for, draw
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.gui import QColor, QGuiApplication, QPalette
from okrdesk.qt.widgets import QApplication
from okrdesk.services.outline import Branch
from okrdesk.services.plan import PlanService
from okrdesk.services.series import (
    KeyResultSeries,
    MissionSeries,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
)
from tests.builders import small_plan
from tests.charts.drawn import outside, overlapping
from tests.charts.series import LONG, UNIT
from tests.gui.helpers import OpenWindow, drawn_figure

TODAY = date(2026, 2, 14)


@pytest.fixture
def ids(plan_path: Path) -> dict[str, str]:
    """The small plan in a Q1 cycle, with confidences and dated milestones."""
    found = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    plan.update(Objective, found["speed"], cycle_id=q1.id)
    plan.update(KeyResult, found["first"], baseline=1.0)
    plan.add(
        CheckIn(key_result_id=found["first"], date=date(2026, 1, 30), value=3.2, confidence=0.6)
    )
    plan.update(Milestone, found["milestone"], due=date(2026, 1, 20))
    late = plan.create(
        Milestone, objective_id=found["speed"], title="Train the team", due="2026-01-10"
    )
    plan.update(Milestone, late.id, done_on=date(2026, 1, 15))
    plan.close()
    return {**found, "q1": q1.id, "late": late.id}


def chart_window(qtbot: QtBot, open_window: OpenWindow, path: Path) -> MainWindow:
    window = open_window(path)
    window.chart.today = lambda: TODAY
    qtbot.waitUntil(lambda: window.chart.ready)
    return window


def texts(window: MainWindow) -> str:
    figure = drawn_figure(window)
    found = [t.get_text() for t in figure.texts]
    if figure._suptitle is not None:
        found.append(figure._suptitle.get_text())
    for ax in figure.axes:
        found += [t.get_text() for t in ax.texts]
        found += [ax.get_title(loc="left")]
    return "\n".join(found)


def line(window: MainWindow, gid: str) -> list[float]:
    for ax in drawn_figure(window).axes:
        for drawn in ax.get_lines():
            if drawn.get_gid() == gid:
                return [round(float(v), 4) for v in drawn.get_ydata()]
    raise AssertionError(f"no line {gid}")


def test_key_result_chart(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    data = window.chart.data
    assert isinstance(data, KeyResultSeries)
    assert data.values == (2.0, 3.0, 3.2) and data.today == TODAY
    assert line(window, "values") == [2.0, 3.0, 3.2]
    # Confidence on a second axis, in tenths.
    assert line(window, "confidence") == [6.0]
    assert len(drawn_figure(window).axes) == 2
    assert data.forecast is not None
    assert line(window, "forecast")[-1] == round(data.forecast.values[-1], 4)
    shown = texts(window)
    assert "Reply time" in shown and "progress" in shown
    legend = [t.get_text() for t in drawn_figure(window).legends[0].get_texts()]
    assert "baseline 1" in legend and "target 4" in legend and "expected pace" in legend


def test_a_key_result_without_check_ins_says_so(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["second"])
    assert isinstance(window.chart.data, KeyResultSeries) and window.chart.data.is_empty
    assert "No check-ins yet" in texts(window)
    assert "From 0 to 90" in texts(window)


def test_objective_chart_and_its_milestone_roadmap(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["speed"])
    data = window.chart.data
    assert isinstance(data, ObjectiveSeries)
    assert data.labels == ("Reply time", "Tickets closed")
    assert window.chart.roadmap_button.isVisible()
    bars = next(ax for ax in drawn_figure(window).axes if ax.get_gid() == "key_result_bars")
    widths = [round(p.get_width(), 1) for p in bars.patches]
    # A track to 100 % and the progress bar, per key result.
    assert widths == [100.0, round(data.key_results[0].progress * 100, 1), 100.0, 0.0]
    assert line(window, "burn_up")[-1] == round(data.burn_up.values[-1] * 100, 4)
    assert line(window, "ideal") == [0.0, 100.0]

    window.chart.roadmap_button.click()
    roadmap = window.chart.data
    assert isinstance(roadmap, RoadmapSeries)
    assert [m.title for m in roadmap.milestones] == ["Train the team", "New help desk"]
    assert roadmap.overdue == 1 and roadmap.milestones[0].late
    assert "overdue 25 d" in texts(window)
    assert "1 of 2 done" in texts(window)
    # The toggle stays on for the next objective, and only objectives show it.
    window.tree.select_node(ids["first"])
    assert not window.chart.roadmap_button.isVisible()
    window.tree.select_node(ids["speed"])
    assert isinstance(window.chart.data, RoadmapSeries)
    window.chart.roadmap_button.click()
    assert isinstance(window.chart.data, ObjectiveSeries)


def test_a_selected_milestone_shows_its_objective_roadmap(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["milestone"])
    data = window.chart.data
    assert isinstance(data, RoadmapSeries) and data.selected_id == ids["milestone"]
    assert data.objective_id == ids["speed"]


def test_empty_objective_and_roadmap(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["trust"])
    assert "No key results yet" in texts(window)
    window.chart.set_roadmap(True)
    assert "No milestones yet" in texts(window)


def test_mission_chart_groups_objectives_by_cycle(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["care"])
    data = window.chart.data
    assert isinstance(data, MissionSeries)
    assert [c.name for c in data.cycles] == ["2026 Q1", "No cycle"]
    shown = texts(window)
    assert "2026 Q1" in shown and "Answer fast" in shown and "Be trusted" in shown
    window.tree.select_node(ids["grow"])
    assert "No objectives yet" in texts(window)


def test_plan_overview_follows_the_cycle_shown(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(Branch.MISSIONS.value)
    data = window.chart.data
    assert isinstance(data, PlanSeries) and data.cycle_id is None
    gids = {ax.get_gid() for ax in drawn_figure(window).axes}
    assert {"missions", "balance", "Key results by result level", "health"} <= gids
    assert "Overview · The whole plan" in texts(window)
    window.choose_cycle(ids["q1"])
    window.tree.select_node(Branch.MISSIONS.value)
    data = window.chart.data
    assert isinstance(data, PlanSeries) and data.cycle_id == ids["q1"]
    assert "Overview · 2026 Q1" in texts(window)
    health = next(ax for ax in drawn_figure(window).axes if ax.get_gid() == "health")
    # Objectives' segments then key results' segments: one objective, two key results.
    assert sum(p.get_width() for p in health.patches) == 3


def test_meetings_have_no_chart(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(Branch.MEETINGS.value)
    assert isinstance(window.chart.data, Message)
    assert "One-on-ones have no chart" in texts(window)


def test_the_chart_redraws_after_an_edit_and_its_undo(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    before = window.chart.data
    assert isinstance(before, KeyResultSeries)
    assert line(window, "expected_pace") == [1.0, 4.0]
    window.controller.edit(KeyResult, ids["first"], target="6")
    after = window.chart.data
    assert isinstance(after, KeyResultSeries) and after.target == 6.0
    assert after.progress < before.progress
    assert line(window, "expected_pace") == [1.0, 6.0]
    window.undo_action.trigger()
    assert window.chart.data == before
    assert line(window, "expected_pace") == [1.0, 4.0]


def canvas_pixels(window: MainWindow) -> bytes:
    figure = drawn_figure(window)
    return bytes(figure.canvas.buffer_rgba())


def test_an_edit_of_the_key_result_redraws_in_place_as_a_fresh_chart_would(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    figure = drawn_figure(window)
    board = board_for(figure)
    builds, backgrounds = board.builds, figure.background_draws
    window.controller.edit(KeyResult, ids["first"], target="4.5")  # inside the scale
    window.controller.add(CheckIn(key_result_id=ids["first"], date=date(2026, 2, 6), value=3.5))
    in_place = canvas_pixels(window)
    assert board.builds == builds and figure.background_draws == backgrounds
    assert line(window, "values") == [2.0, 3.0, 3.2, 3.5]
    assert fresh_pixels(window) == in_place


def fresh_pixels(window: MainWindow) -> bytes:
    """The chart's series drawn on a new figure of the same size."""
    figure = window.chart.canvas.figure
    fresh = LayeredFigure(figsize=figure.get_size_inches(), dpi=figure.dpi)
    FigureCanvasAgg(fresh)
    draw(fresh, window.chart.data, window.chart.colours())
    fresh.canvas.draw()
    return bytes(fresh.canvas.buffer_rgba())


def test_draw_now_paints_the_picture_the_canvas_still_owes(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    drawn_figure(window)
    window.controller.edit(KeyResult, ids["first"], target="4.5")
    QApplication.processEvents()  # the pane's timer: the canvas is asked for an idle draw
    window.chart.draw_now()
    assert bytes(window.chart.canvas.buffer_rgba()) == fresh_pixels(window)


def test_another_kind_of_chart_is_built_anew(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    board = board_for(drawn_figure(window))
    builds = board.builds
    check_in = CheckIn(key_result_id=ids["second"], date=date(2026, 2, 6), value=4, confidence=0.5)
    window.controller.add(check_in)
    window.tree.select_node(ids["second"])  # a key result of the same shape: the same axes
    drawn_figure(window)
    assert board.builds == builds
    window.tree.select_node(ids["speed"])
    drawn_figure(window)
    assert board.builds == builds + 1 and isinstance(window.chart.data, ObjectiveSeries)


def test_a_change_the_chart_does_not_show_draws_nothing(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    drawn_figure(window)
    data, draws = window.chart.data, window.chart.draw_count
    # Changes that keep the selection: a new mission, a check-in of another key result.
    window.controller.add(Mission(title="Learn to sail"), focus=ids["first"])
    second = CheckIn(key_result_id=ids["second"], date=date(2026, 2, 6), value=40.0)
    window.controller.add(second, focus=ids["first"])
    drawn_figure(window)
    assert window.chart.draw_count == draws and window.chart.data is data  # not even read
    # A change to its objective reads the chart again, finds it as it was: not drawn.
    milestone = Milestone(objective_id=ids["speed"], title="Hire a second agent")
    window.controller.add(milestone, focus=ids["first"])
    drawn_figure(window)
    assert window.chart.draw_count == draws and window.chart.data == data
    assert window.chart.data is not data
    window.controller.edit(KeyResult, ids["first"], target="5")
    drawn_figure(window)
    assert window.chart.draw_count == draws + 1


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
        (QPalette.ColorRole.Highlight, "#1a4f8b"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_charts_take_the_app_palette_light_and_dark(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    light = window.chart.colours()
    figure = drawn_figure(window)
    assert to_hex(figure.get_facecolor()) == light.background
    drawn = window.chart.draw_count
    window.chart.setPalette(dark_palette())
    assert window.chart.draw_count > drawn
    dark = window.chart.colours()
    assert dark.background == "#202124" and dark.text == "#e8eaed"
    # Tones for a dark background: lighter accent and health colours than in light mode.
    assert dark.accent != "#1a4f8b" and dark.good != light.good
    assert to_hex(figure.get_facecolor()) == "#202124"
    title = figure._suptitle
    assert title is not None and to_hex(title.get_color()) == "#e8eaed"


def test_every_series_draws_in_both_palettes(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    nodes = window.tree.source.outline.nodes
    for palette in (QPalette(), dark_palette()):
        window.chart.setPalette(palette)
        for node_id in (ids["first"], ids["speed"], ids["care"], Branch.MISSIONS.value):
            for roadmap in (False, True):
                data = series_for(nodes[node_id], window.plan, today=TODAY, roadmap=roadmap)
                window.chart.show_data(data)
                window.chart.draw_now()
                assert window.chart.data is data


def test_copy_and_save_as_png_and_svg(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, ids: dict[str, str], tmp_path: Path
) -> None:
    window = chart_window(qtbot, open_window, plan_path)
    window.tree.select_node(ids["first"])
    menu = window.chart.context_menu()
    assert [a.text() for a in menu.actions()] == ["&Copy chart", "Save as &PNG…", "Save as &SVG…"]
    asked: list[str] = []

    def ask(_parent: object, _title: str, suggested: str, _filters: str) -> Path:
        asked.append(suggested)
        return tmp_path / suggested.replace(".png", "").replace(".svg", "")

    window.chart.ask_path = ask
    png = window.chart.save_as("png")
    svg = window.chart.save_as("svg")
    assert asked == ["Reply time.png", "Reply time.svg"]
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")
    assert svg is not None and b"<svg" in svg.read_bytes()[:400]
    assert {stat.S_IMODE(p.stat().st_mode) for p in (png, svg)} == {0o600}
    window.chart.copy_image()
    clipboard = QGuiApplication.clipboard()
    assert not clipboard.image().isNull()
    window.chart.ask_path = lambda *_args: None
    assert window.chart.save_as("png") is None


def long_plan(path: Path) -> dict[str, str]:
    """A mission, objective, key result and milestone with the longest titles and unit."""
    plan = PlanService.open(path)
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    mission = plan.create(Mission, title=LONG)
    objective = plan.create(Objective, title=LONG, mission_id=mission.id, cycle_id=q1.id)
    kr = plan.create(
        KeyResult, objective_id=objective.id, title=LONG, baseline="10", target="90", unit=UNIT
    )
    plan.create(KeyResult, objective_id=objective.id, title=LONG[:150], target="5")
    for day, value, confidence in ((9, 20.0, 0.7), (23, 35.0, 0.6), (37, 41.0, 0.5)):
        plan.add(
            CheckIn(
                key_result_id=kr.id,
                date=date(2026, 1, 1) + timedelta(days=day),
                value=value,
                confidence=confidence,
            )
        )
    milestone = plan.create(Milestone, objective_id=objective.id, title=LONG, due="2026-02-01")
    plan.close()
    return {
        "mission": mission.id,
        "objective": objective.id,
        "kr": kr.id,
        "milestone": milestone.id,
    }


@pytest.mark.parametrize("size", [(1024, 640), (1920, 1080)])
def test_long_titles_fit_every_chart_at_both_window_sizes(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, size: tuple[int, int]
) -> None:
    """A 300-character title or a 100-character unit is shortened or wrapped to the room
    it has: no text past the chart's edges, none over another (issue 17, point 6)."""
    found = long_plan(plan_path)
    window = chart_window(qtbot, open_window, plan_path)
    window.resize(*size)
    window.fit_splitter()
    qtbot.wait(50)
    for node_id in (found["kr"], found["objective"], found["mission"], Branch.MISSIONS.value):
        window.tree.select_node(node_id)
        figure = drawn_figure(window)
        assert outside(figure) == [], (size, node_id)
        assert overlapping(figure) == [], (size, node_id)
        assert "…" in texts(window)
    window.tree.select_node(found["milestone"])
    assert outside(drawn_figure(window)) == [] and overlapping(drawn_figure(window)) == []
