"""Synthetic plans of a given size, shaped like a real person's (or a whole team's) plan."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

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
from okrdesk.domain.enums import NoteKind
from okrdesk.services.plan import PlanService

OBJECTIVES_PER_MISSION = 5
KEY_RESULTS_PER_OBJECTIVE = 4
CHECK_INS_PER_KEY_RESULT = 12  # weekly, one quarter
MILESTONES_PER_OBJECTIVE = 2
NOTES_PER_MILESTONE = 2
ITEMS_PER_MISSION = 1 + OBJECTIVES_PER_MISSION * (
    1
    + KEY_RESULTS_PER_OBJECTIVE * (1 + CHECK_INS_PER_KEY_RESULT)
    + MILESTONES_PER_OBJECTIVE * (1 + NOTES_PER_MILESTONE)
)
START = date(2026, 10, 1)


def build_records(items: int) -> list[Item]:
    """About ``items`` records (missions, objectives, key results with weekly check-ins,
    milestones, growth notes), parents first."""
    cycle = Cycle(name="2026 Q4", start=START, end=date(2026, 12, 31))
    records: list[Item] = [cycle]
    missions = max(1, round(items / ITEMS_PER_MISSION))
    for m in range(missions):
        mission = Mission(title=f"Mission {m}: help team {m % 17} ship calmly", position=m)
        records.append(mission)
        for o in range(OBJECTIVES_PER_MISSION):
            objective = Objective(
                title=f"Objective {m}.{o}: make releases boring",
                why="Because late nights are not a plan.",
                mission_id=mission.id,
                cycle_id=cycle.id,
                position=o,
            )
            records.append(objective)
            for k in range(KEY_RESULTS_PER_OBJECTIVE):
                kr = KeyResult(
                    objective_id=objective.id,
                    title=f"KR {m}.{o}.{k}: deploys per week",
                    baseline=10.0,
                    target=40.0,
                    unit="deploys",
                    position=k,
                )
                records.append(kr)
                records += [
                    CheckIn(
                        key_result_id=kr.id,
                        date=START + timedelta(weeks=w),
                        value=10.0 + w * (1 + (m + k) % 3),
                        confidence=0.5 + ((m + o + w) % 5) / 10,
                        note="steady" if w % 3 else "",
                        position=w,
                    )
                    for w in range(CHECK_INS_PER_KEY_RESULT)
                ]
            for s in range(MILESTONES_PER_OBJECTIVE):
                milestone = Milestone(
                    objective_id=objective.id,
                    title=f"Milestone {m}.{o}.{s}: pipeline step {s}",
                    due=START + timedelta(weeks=4 + 4 * s),
                    purpose="Cut the manual steps.",
                    growth_path="Learn the build system deeply.",
                    organisational_value="A release checklist others reuse.",
                    position=s,
                )
                records.append(milestone)
                records += [
                    GrowthNote(
                        milestone_id=milestone.id,
                        date=START + timedelta(weeks=n + 1),
                        text=f"Learnt something about caching, note {n}",
                        kind=NoteKind.LESSON,
                        position=n,
                    )
                    for n in range(NOTES_PER_MILESTONE)
                ]
    return records


def make_plan(path: Path, items: int) -> int:
    """Write a synthetic plan of about ``items`` items to ``path``; returns the count."""
    path.unlink(missing_ok=True)
    records = build_records(items)
    plan = PlanService.open(path)
    plan.add_all(records)
    plan.close()
    return len(records)
