"""A mission's chart across cycles: once evaluated, its rating per cycle (1-5) beside its
objectives' mean score, read from services.retrospective.mission_history."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

from matplotlib.lines import Line2D

from okrdesk.charts.board import Board
from okrdesk.charts.style import Colours, screen_style
from okrdesk.domain.entities import MissionEvaluation
from okrdesk.gui.panes.chart_data import series_for
from okrdesk.services.demo import fill_demo
from okrdesk.services.outline import Node, NodeKind
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import mission_history
from okrdesk.services.series import MissionSeries, RatedCycle, mission_series
from tests.charts.drawn import agg_figure, drawn_texts
from tests.charts.series import mission

TODAY = date(2026, 5, 20)
STYLE = screen_style(Colours())


def lines(board: Board) -> dict[str, Line2D]:
    return {str(line.get_gid()): line for ax in board.figure.axes for line in ax.get_lines()}


def values(line: Line2D) -> list[float | None]:
    return [None if math.isnan(v) else float(v) for v in line.get_ydata()]  # type: ignore[union-attr]


def test_the_pane_s_mission_series_carries_its_ratings_per_cycle(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    evaluation = plan.all(MissionEvaluation)[0]
    history = mission_history(plan, evaluation.mission_id)
    node = Node(evaluation.mission_id, NodeKind.MISSION, "", None)
    data = series_for(node, plan, today=TODAY)
    assert isinstance(data, MissionSeries)
    assert [h.rating for h in data.history] == [h.rating for h in history]
    assert [h.mean_score for h in data.history] == [h.mean_score for h in history]
    assert evaluation.rating in [h.rating for h in data.history]
    # Without an evaluation there is nothing to draw beside the scores.
    plan.delete(MissionEvaluation, evaluation.id)
    assert mission_series(plan, evaluation.mission_id, TODAY, with_history=True).history == ()
    plan.close()


def test_the_chart_draws_the_ratings_beside_the_scores() -> None:
    data = replace(
        mission(),
        history=(RatedCycle("2026 Q3", 4, 0.8), RatedCycle("2026 Q4", None, 0.56)),
    )
    board = Board(agg_figure(520, 560))
    board.show_screen(data, STYLE)
    drawn = lines(board)
    assert values(drawn["mission_ratings"]) == [4.0, None]
    assert values(drawn["objective_scores"]) == [0.8, 0.56]
    texts = [t.get_text() for t, _ in drawn_texts(board.figure)]
    assert "2026 Q3" in texts and "rating" in texts and "score" in texts
    # A rating given later moves the line in place.
    builds = board.builds
    board.show_screen(
        replace(data, history=(data.history[0], RatedCycle("2026 Q4", 2, 0.56))), STYLE
    )
    assert board.builds == builds
    assert values(lines(board)["mission_ratings"]) == [4.0, 2.0]


def test_without_evaluations_the_chart_is_as_before() -> None:
    board = Board(agg_figure(520, 560))
    board.show_screen(mission(), STYLE)
    assert "mission_ratings" not in lines(board)
    assert len(board.figure.axes) == 1
