"""The skills chart: each skill's level as a step line, its aim dashed, a marker at each step
naming the milestone behind it with the notes that led up to it, the level reached at each
cycle's end; one skill's story lists its steps. Drawn for the screen, the presentation
screen and print, and picked by the chart pane for the Skills branch and a skill."""

from __future__ import annotations

from datetime import date

import matplotlib.dates as mdates
import pytest
from matplotlib.lines import Line2D

from okrdesk.charts.board import Board
from okrdesk.charts.export import svg_chart
from okrdesk.charts.skills import SkillsChart, skills_height
from okrdesk.charts.style import Colours, presentation_style, print_style, screen_style
from okrdesk.domain.entities import Skill
from okrdesk.gui.panes.chart_data import series_for
from okrdesk.services.outline import Branch, Node, NodeKind
from okrdesk.services.plan import PlanService
from okrdesk.services.skill_growth import SkillsSeries, skills_series
from tests.charts.drawn import agg_figure, drawn_texts, outside
from tests.services.test_skill_growth import TODAY, grown

SCREEN = screen_style(Colours())


def lines(board: Board, gid: str) -> list[Line2D]:
    return [line for ax in board.figure.axes for line in ax.get_lines() if line.get_gid() == gid]


def days(line: Line2D) -> list[date]:
    return [mdates.num2date(x).date() for x in line.get_xdata()]  # type: ignore[no-untyped-call, union-attr]


def texts(board: Board) -> list[str]:
    return [text.get_text() for text, _box in drawn_texts(board.figure)]


def test_the_chart_draws_the_steps_the_aim_and_what_stood_behind(plan: PlanService) -> None:
    grown(plan)
    today = date(2026, 7, 5)  # Q1 and Q2 are over, Q3 is under way
    data = skills_series(plan, today)
    board = Board(agg_figure(440, skills_height(data, 440)))
    board.show_screen(data, SCREEN)
    facilitation, _writing = lines(board, "levels")
    assert days(facilitation) == [date(2026, 2, 10), date(2026, 2, 10), date(2026, 5, 20), today]
    assert list(facilitation.get_ydata()) == [2, 3, 4, 4]  # type: ignore[arg-type]
    assert facilitation.get_drawstyle() == "steps-post"
    (aim,) = lines(board, "aim")
    assert list(aim.get_ydata()) == [4, 4] and aim.get_linestyle() == "--"  # type: ignore[arg-type]
    steps = lines(board, "steps")[0]
    assert list(steps.get_ydata()) == [3, 4]  # type: ignore[arg-type]
    shown = texts(board)
    assert "Run the offsite · 2 notes" in shown and "1 note" in shown
    assert "aim 4" in shown and "Q1" in shown and "Q2" in shown and "Q3" in shown
    assert any(t.startswith("Facilitation · People · level 4, aim reached") for t in shown)
    # User text is text, never markup or mathematics.
    assert any(t.startswith("Writing <b>&</b>") for t in shown)
    # The Q1 end fell short of the aim (3 of 4): an open square; Q2 met it: a filled one;
    # Q3 is not over. Writing aims at nothing: no squares.
    short, met = lines(board, "cycle_ends")
    assert (list(short.get_ydata()), list(met.get_ydata())) == ([3], [4])  # type: ignore[arg-type]
    assert short.get_markerfacecolor() == SCREEN.colours.background
    assert met.get_markerfacecolor() == SCREEN.colours.good
    assert outside(board.figure) == []


def test_a_skill_listed_on_the_chart_s_last_day_is_a_dot(plan: PlanService) -> None:
    plan.add(Skill(name="Reading Rust", level=1, aim=3))
    today = date.today()
    board = Board(agg_figure(420, 320))
    board.show_screen(skills_series(plan, today), SCREEN)
    (line,) = lines(board, "levels")
    assert days(line) == [today, today] and line.get_marker() == "o"


def test_one_skill_s_story_lists_its_steps_notes_and_milestones(plan: PlanService) -> None:
    ids = grown(plan)
    node = Node(ids["skill"], NodeKind.SKILL, "Facilitation", Branch.SKILLS.value)
    data = series_for(node, plan, today=TODAY)
    assert isinstance(data, SkillsSeries) and data.story
    board = Board(agg_figure(420, skills_height(data, 420)))
    board.show_screen(data, SCREEN)
    shown = texts(board)
    assert "2026-02-10 · 2 → 3 · Run the offsite" in shown
    assert "“Ran it alone”" in shown and "note: Asked more" in shown
    assert "2026-05-20 · 3 → 4" in shown and "note: Let go" in shown
    assert outside(board.figure) == []
    branch = Node(Branch.SKILLS.value, NodeKind.BRANCH, "Skills", None)
    overview = series_for(branch, plan, today=TODAY)
    assert isinstance(overview, SkillsSeries) and len(overview.skills) == 2


@pytest.mark.parametrize("style", [print_style(), presentation_style()], ids=["print", "show"])
def test_it_draws_for_print_and_the_presentation_screen(plan: PlanService, style: object) -> None:
    grown(plan)
    data = skills_series(plan, TODAY)
    board = Board(agg_figure(640, 480))
    board.show(SkillsChart, data, style)  # type: ignore[arg-type]
    assert len(lines(board, "levels")) == 2
    assert outside(board.figure) == []
    svg = svg_chart(SkillsChart, data, print_style(), 483, 220).decode()
    assert "Writing &lt;b&gt;&amp;&lt;/b&gt;" in svg and "<b>" not in svg
    assert "Run the offsite" in svg


def test_without_skills_it_says_how_to_add_one(plan: PlanService) -> None:
    board = Board(agg_figure(420, 320))
    board.show_screen(skills_series(plan, TODAY), SCREEN)
    assert any("Add one from Edit ▸ Add ▸ Skill" in t for t in texts(board))
