"""Which chart the pane draws for a tree node, and its series from okrdesk.services.series.

The chart pane calls ``series_for`` with what only it knows (the cycle shown, today,
whether the objective's roadmap is toggled on). The drawing code only draws what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    MilestoneSkill,
    Mission,
    MissionEvaluation,
    MissionLink,
    NextStep,
    NoteSkill,
    Objective,
    ObjectiveClose,
    Skill,
    SkillStep,
    Stakeholder,
)
from okrdesk.gui.core.i18n import QT_TR_NOOP
from okrdesk.services.changes import PlanChanges
from okrdesk.services.outline import Branch, Node, NodeKind
from okrdesk.services.plan import PlanService
from okrdesk.services.series import (
    KeyResultSeries,
    MissionSeries,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
    find_key_result_series,
    mission_series,
    objective_series,
    plan_series,
    roadmap_series,
)
from okrdesk.services.skill_growth import SkillsSeries, skills_series


@dataclass(frozen=True)
class Message:
    """No chart: a sentence instead (nothing selected, a one-on-one...)."""

    title: str
    text: str


ChartData = (
    KeyResultSeries
    | ObjectiveSeries
    | MissionSeries
    | PlanSeries
    | RoadmapSeries
    | SkillsSeries
    | Message
)

# Marked for translation; the chart draws a message in the user's language.
NO_SELECTION = Message(
    "", QT_TR_NOOP("Select a key result, an objective or a mission to see its chart.")
)
NO_CHART = QT_TR_NOOP("One-on-ones have no chart. Select a key result, an objective or a mission.")

# The branches whose chart is the plan's overview (of the cycle shown).
OVERVIEW_BRANCHES = frozenset({Branch.MISSIONS.value, Branch.TEAM.value, Branch.BLIND.value})


# A change to items of none of these kinds leaves every chart as it is.
CHART_KINDS: tuple[type[Item], ...] = (
    Mission,
    Stakeholder,
    Cycle,
    Objective,
    MissionLink,
    KeyResult,
    CheckIn,
    Milestone,
    GrowthNote,
    # A mission's chart draws its ratings beside its objectives' final scores.
    MissionEvaluation,
    ObjectiveClose,
    # The skills chart: the levels, their steps, and the milestones and notes behind them.
    Skill,
    SkillStep,
    MilestoneSkill,
    NoteSkill,
)


def may_change(data: ChartData | None, changes: PlanChanges) -> bool:
    """Whether ``changes`` may change the chart drawn from ``data`` (None: not yet read).
    A key result's chart is its own records', its objective's state and its cycle's: an
    edit of another key result (which touches its objective's numbers, not this one's)
    leaves it as it is."""
    if isinstance(data, KeyResultSeries) and not changes.everything:
        return data.key_result_id in changes.ids(KeyResult) or changes.touches(Objective, Cycle)
    return changes.touches(*CHART_KINDS)


def series_for(
    node: Node | None,
    plan: PlanService,
    *,
    cycle_id: str | None = None,
    today: date | None = None,
    roadmap: bool = False,
) -> ChartData:
    """The series to draw for ``node``; ``roadmap`` shows an objective's milestones."""
    day = today or date.today()
    if node is None:
        return NO_SELECTION
    match node.kind:
        case NodeKind.KEY_RESULT:
            return find_key_result_series(plan, node.id, day) or NO_SELECTION
        case NodeKind.OBJECTIVE if plan.find(Objective, node.id) is not None:
            if roadmap:
                return roadmap_series(plan, node.id, day)
            return objective_series(plan, node.id, day)
        case NodeKind.MISSION:
            return mission_series(plan, node.id, day, with_sub_missions=True, with_history=True)
        case NodeKind.MILESTONE:
            milestone = plan.find(Milestone, node.id)
            if milestone is not None:
                return roadmap_series(plan, milestone.objective_id, day, milestone.id)
        case NodeKind.GROWTH_NOTE:
            note = plan.find(GrowthNote, node.id)
            milestone = None if note is None else plan.find(Milestone, note.milestone_id)
            if milestone is not None:
                return roadmap_series(plan, milestone.objective_id, day, milestone.id)
        case NodeKind.NEXT_STEP:
            # A next step moves its key result: show where that one stands.
            step = plan.find(NextStep, node.id)
            if step is not None:
                return find_key_result_series(plan, step.key_result_id, day) or NO_SELECTION
        case NodeKind.BRANCH if node.id in OVERVIEW_BRANCHES:
            return plan_series(plan, cycle_id, day)
        case NodeKind.BRANCH if node.id == Branch.SKILLS.value:
            return skills_series(plan, day)
        case NodeKind.SKILL if plan.find(Skill, node.id) is not None:
            return skills_series(plan, day, skill_id=node.id)
        case NodeKind.BRANCH | NodeKind.MEETING | NodeKind.ACTION_ITEM:
            return Message(node.title, NO_CHART)
    return NO_SELECTION
