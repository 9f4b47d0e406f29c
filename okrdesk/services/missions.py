"""Missions with depth: the person's purpose and values, and the stakeholders a mission
serves (its primary one, ``Mission.stakeholder_id``, then the further ones it links)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from okrdesk.domain.entities import (
    PURPOSE_INFO,
    Mission,
    MissionStakeholder,
    MissionValue,
    PersonalValue,
    Stakeholder,
)
from okrdesk.domain.messages import message
from okrdesk.services.links import set_links
from okrdesk.services.operations import (
    AddItem,
    DeleteItem,
    EditFields,
    Operation,
    SetPlanFact,
    Steps,
)
from okrdesk.services.plan import PlanService


def purpose(plan: PlanService) -> str:
    """The person's purpose statement (why I work, for whom); empty when not written."""
    return plan.info(PURPOSE_INFO).strip()


def set_purpose(text: str) -> SetPlanFact:
    return SetPlanFact(PURPOSE_INFO, text, message("Edit the purpose"))


def stakeholder_ids_by_mission(plan: PlanService) -> dict[str, list[str]]:
    """Every mission's stakeholders' ids, the primary one first (missions serving none
    left out)."""
    serves: dict[str, list[str]] = defaultdict(list)
    for mission in plan.all(Mission):
        if mission.stakeholder_id is not None:
            serves[mission.id].append(mission.stakeholder_id)
    for link in plan.all(MissionStakeholder):
        if link.stakeholder_id not in serves[link.mission_id]:
            serves[link.mission_id].append(link.stakeholder_id)
    return {mission_id: ids for mission_id, ids in serves.items() if ids}


def stakeholders_of(plan: PlanService, mission: Mission) -> list[Stakeholder]:
    """Whom ``mission`` serves: its primary stakeholder first, then the others in order."""
    ids = [] if mission.stakeholder_id is None else [mission.stakeholder_id]
    for link in plan.where(MissionStakeholder, mission_id=mission.id):
        if link.stakeholder_id not in ids:
            ids.append(link.stakeholder_id)
    by_id = {s.id: s for s in plan.all(Stakeholder)}
    return [by_id[i] for i in ids if i in by_id]


def set_stakeholders(
    plan: PlanService, mission_id: str, primary: str | None, others: Sequence[str]
) -> Operation:
    """One step that makes ``primary`` the mission's primary stakeholder and ``others`` its
    further ones (the primary is never also a further one). Undo puts back both."""
    mission = plan.get(Mission, mission_id)
    steps: list[Operation] = []
    if mission.stakeholder_id != primary:
        steps.append(EditFields(Mission, mission_id, {"stakeholder_id": primary}, mergeable=False))
    further = [i for i in others if i != primary]
    links = set_links(
        plan, MissionStakeholder, ("mission_id", mission_id), "stakeholder_id", further, ""
    )
    steps.extend(links.steps)
    return Steps(message("Choose whom the mission serves"), tuple(steps), focus=mission_id)


def values_of(plan: PlanService, mission: Mission) -> list[PersonalValue]:
    """The person's values ``mission`` expresses, in the order it names them."""
    by_id = {v.id: v for v in plan.all(PersonalValue)}
    links = plan.where(MissionValue, mission_id=mission.id)
    return [by_id[link.value_id] for link in links if link.value_id in by_id]


def set_values(plan: PlanService, mission_id: str, value_ids: Sequence[str]) -> Steps:
    """One step that makes the mission express exactly ``value_ids``."""
    return set_links(
        plan,
        MissionValue,
        ("mission_id", mission_id),
        "value_id",
        value_ids,
        message("Choose the mission's values"),
    )


@dataclass(frozen=True)
class ValueRow:
    """A value as the person typed it: an existing one (its id) or a new one (None)."""

    id: str | None
    name: str
    meaning: str = ""


def edit_values(plan: PlanService, rows: Sequence[ValueRow]) -> list[Operation]:
    """The steps that make the person's values read as ``rows``: those renamed or
    re-explained are edited, new ones added after the others, and those left out deleted
    (with the links of the missions that named them, which undo brings back)."""
    existing = {value.id: value for value in plan.all(PersonalValue)}
    kept = {row.id for row in rows if row.id is not None}
    steps: list[Operation] = [DeleteItem(PersonalValue, i) for i in existing if i not in kept]
    for row in rows:
        name, meaning = row.name.strip(), row.meaning.strip()
        old = existing.get(row.id or "")
        if old is None:
            steps.append(AddItem(PersonalValue(name=name, meaning=meaning)))
        elif (old.name, old.meaning) != (name, meaning):
            steps.append(
                EditFields(
                    PersonalValue, old.id, {"name": name, "meaning": meaning}, mergeable=False
                )
            )
    return steps
