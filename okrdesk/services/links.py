"""Links between two items (a mission's further stakeholders and values, the skills a
milestone or a growth note names) set as a whole: the step that makes exactly the chosen
ones linked, keeping the links already there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okrdesk.domain.entities import Item
from okrdesk.services.operations import AddItem, DeleteItem, Operation, Steps
from okrdesk.services.plan import PlanService


def linked_ids(
    plan: PlanService, cls: type[Item], owner_field: str, owner_id: str, other_field: str
) -> list[str]:
    """The ids ``owner_id`` links to through ``cls``, in the links' order."""
    return [str(getattr(link, other_field)) for link in plan.where(cls, **{owner_field: owner_id})]


def set_links(
    plan: PlanService,
    cls: type[Item],
    owner: tuple[str, str],
    other_field: str,
    wanted: Sequence[str],
    label: str,
) -> Steps:
    """One step that links ``owner`` (its field and id) to exactly ``wanted`` through
    ``cls``: links to an id no longer wanted go, links to a new one are added (in the order
    given), and those that stay are left as they are. Nothing to do: a step of no steps."""
    owner_field, owner_id = owner
    have = {
        str(getattr(link, other_field)): link for link in plan.where(cls, **{owner_field: owner_id})
    }
    chosen = list(dict.fromkeys(wanted))
    steps: list[Operation] = [
        DeleteItem(cls, link.id, focus=owner_id)
        for other, link in have.items()
        if other not in chosen
    ]
    for other in chosen:
        if other not in have:
            fields: dict[str, Any] = {owner_field: owner_id, other_field: other}
            steps.append(AddItem(cls(**fields), focus=owner_id))
    return Steps(label, tuple(steps), focus=owner_id)
