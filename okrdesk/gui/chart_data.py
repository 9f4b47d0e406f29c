"""What the chart pane draws for a node, as plain data (the drawing code only draws).

Kept deliberately simple: the charts issue moves richer series into the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import KeyResult
from okrdesk.services.outline import Node, NodeKind, Outline
from okrdesk.services.plan import PlanService


@dataclass(frozen=True)
class ValueSeries:
    """A key result's values over time, with the lines it moves between."""

    title: str
    unit: str
    dates: tuple[date, ...]
    values: tuple[float, ...]
    baseline: float | None
    target: float | None


@dataclass(frozen=True)
class ProgressBars:
    """Progress (0.0-1.0, None when unknown) of the items below a node."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    empty_message: str


@dataclass(frozen=True)
class Message:
    title: str
    text: str


ChartData = ValueSeries | ProgressBars | Message

NO_SELECTION = Message("", "Select a key result, an objective or a mission to see its chart.")


def chart_for(node: Node | None, plan: PlanService, outline: Outline) -> ChartData:
    if node is None:
        return NO_SELECTION
    if node.kind is NodeKind.KEY_RESULT:
        kr = plan.find(KeyResult, node.id)
        if kr is None:
            return NO_SELECTION
        check_ins = plan.check_ins(kr.id)
        return ValueSeries(
            kr.title,
            kr.unit,
            tuple(c.date for c in check_ins),
            tuple(c.value for c in check_ins),
            kr.baseline,
            kr.target,
        )
    if node.kind is NodeKind.OBJECTIVE:
        return _bars(node, outline, NodeKind.KEY_RESULT, "No key results yet")
    if node.kind is NodeKind.MISSION:
        return _bars(node, outline, NodeKind.OBJECTIVE, "No objectives in this cycle yet")
    if node.kind is NodeKind.MILESTONE:
        return Message(node.title, "Done." if node.state == "done" else "Not done yet.")
    return Message(node.title, NO_SELECTION.text)


def _bars(node: Node, outline: Outline, kind: NodeKind, empty: str) -> ProgressBars:
    children = [n for n in outline.child_nodes(node.id) if n.kind is kind]
    return ProgressBars(
        node.title,
        tuple(n.title for n in children),
        tuple(n.progress for n in children),
        empty,
    )
