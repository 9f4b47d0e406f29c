"""A demo plan a newcomer can explore: one product engineer's missions and OKRs.

Maya Lindqvist is a product engineer on the Reports team at Fieldnote, a small company
that makes bookkeeping software for accounting practices. Her plan has a company and a
team mission, three personal missions (for customers, for her team, for people starting
out in tech), last quarter's closed objectives, this quarter's objectives with weekly
check-ins (some on track, some slipping), milestones with growth notes, team objectives
her missions serve, and a one-on-one with her manager.

What the plan says lives in ``demo_plan.toml`` (its content: titles, statements, numbers,
curve names, notes, the meeting); the Python here only turns it into records. Dates in
the data are relative to ``today``: cycles are quarters counted from today's, other days
are counted from the start of a cycle (or after a meeting), and check-ins fall on Fridays.
Early in a quarter the first check-ins of the current cycle fall in the weeks before it
starts (the baseline measurements taken while planning), so every key result always has
at least eight weekly check-ins; nothing is dated after today.

TOML rather than JSON: the file is written by people, with comments and long sentences
(multi-line strings), and the standard library reads it (``tomllib``).

The modules: ``reader`` reads the file strictly (an unknown key, a missing field, a wrong
type, a curve or key that does not exist: ``DemoDataError``, never a smaller demo);
``items``, ``objectives`` and ``meetings`` hold one frozen spec per kind of item, each with
``parse`` (one table of the data, checked) and ``build`` (its records); ``data`` lists the
sections in the order they are built; ``curves`` and ``dates`` are the check-ins' story
and calendar; ``builder`` collects the records, numbering siblings.

To add a new kind of item to the demo (a cycle close, a weekly review, skills…):

1. Write its spec next to its neighbours (or in a new module): a frozen dataclass with
   ``parse(cls, table, keys)`` reading every field with ``table.text/number/choice/…``
   (``keys.define`` if others will refer to it, ``keys.refer`` for what it points at)
   and ``build(self, into)`` adding records with ``into.add(record, key)``. A kind that
   belongs to an objective or a meeting is a nested table read by its parent's ``parse``
   (as milestones are) and built by its parent's ``build``.
2. Add ``("section_name", Spec.parse)`` to ``data.SECTIONS`` after the kinds it refers to.
3. Write the items in ``demo_plan.toml`` as ``[[section_name]]`` tables, with relative
   days only.
4. Regenerate the golden file (``python -m tests.services.test_demo_golden``), read its
   diff, and add a case for the new kind's mistakes to ``tests/services/test_demo_data.py``.
"""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import PURPOSE_INFO, Item, Mission, Stakeholder
from okrdesk.domain.enums import StakeholderKind
from okrdesk.domain.messages import message
from okrdesk.domain.okr_cycles import quarter_name, quarter_of
from okrdesk.services.demo.data import DemoPlan, load_demo, parse_demo
from okrdesk.services.demo.reader import DemoDataError
from okrdesk.services.plan import DEFAULT_STAKEHOLDERS, PlanService

__all__ = [
    "DemoDataError",
    "DemoPlan",
    "DemoRefused",
    "fill_demo",
    "load_demo",
    "parse_demo",
    "quarter_name",
    "quarter_of",
]


class DemoRefused(ValueError):
    """The plan is not empty enough for a demo."""


def fill_demo(plan: PlanService, today: date | None = None) -> None:
    """Fill ``plan`` with the demo, in one transaction. Refuses a plan that has missions."""
    if plan.count(Mission) > 0:
        raise DemoRefused(
            message(
                "This plan already has missions; the demo fills only a new, empty plan "
                "(use --db to choose another file)."
            )
        )
    demo = load_demo()
    # The demo brings its own quarters, the current one among them: not a second one.
    plan.drop_unused_starting_cycle()
    added, stakeholders = _stakeholders(plan)
    plan.add_all([*added, *demo.records(today or date.today(), stakeholders)])
    plan.set_info("owner", demo.owner)
    if demo.purpose:
        plan.set_info(PURPOSE_INFO, demo.purpose)


def _stakeholders(plan: PlanService) -> tuple[list[Item], dict[StakeholderKind, str]]:
    """The plan's stakeholders' ids by kind, and the default ones the person deleted,
    made again (to be added with the demo)."""
    found: dict[StakeholderKind, str] = {}
    existing = plan.all(Stakeholder)
    for s in existing:
        found.setdefault(s.kind, s.id)
    added: list[Item] = []
    next_position = max((s.position for s in existing), default=-1) + 1
    for name, kind in DEFAULT_STAKEHOLDERS:
        if kind not in found:
            stakeholder = Stakeholder(name=name, kind=kind, position=next_position + len(added))
            added.append(stakeholder)
            found[kind] = stakeholder.id
    return added, found
