"""The demo's data file, read and checked whole before anything is built from it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Protocol

from okrdesk.domain.entities import Item
from okrdesk.domain.enums import StakeholderKind
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.items import CycleSpec, DismissalSpec, MissionLinkSpec, MissionSpec
from okrdesk.services.demo.meetings import MeetingSpec
from okrdesk.services.demo.objectives import ObjectiveSpec
from okrdesk.services.demo.reader import DemoDataError, Keys, Table
from okrdesk.services.demo.retrospective import CloseSpec, EvaluationSpec
from okrdesk.services.demo.skills import SkillSpec, SkillStepSpec, ValueSpec

DATA_FILE = "demo_plan.toml"


class Spec(Protocol):
    """One item of the data, checked, that knows the records it makes."""

    def build(self, into: Builder) -> None: ...


# The data file's arrays of tables, read and built in this order: an item may refer only
# to a key defined above it, here or in an earlier section (parents before children).
SECTIONS: tuple[tuple[str, Callable[[Table, Keys], Spec]], ...] = (
    ("cycles", CycleSpec.parse),
    # missions with depth, and skills (issue 23): values before the missions naming them,
    # skills before the milestones and notes naming them, steps after those milestones
    ("values", ValueSpec.parse),
    ("missions", MissionSpec.parse),
    ("skills", SkillSpec.parse),
    ("objectives", ObjectiveSpec.parse),
    ("skill_steps", SkillStepSpec.parse),
    ("mission_links", MissionLinkSpec.parse),
    ("dismissals", DismissalSpec.parse),
    ("meetings", MeetingSpec.parse),
    # closing a cycle (issue 21): after the objectives (and check-ins) they grade
    ("closes", CloseSpec.parse),
    ("evaluations", EvaluationSpec.parse),
)


@dataclass(frozen=True)
class DemoPlan:
    owner: str
    specs: tuple[Spec, ...]
    purpose: str = ""

    def records(self, today: date, stakeholders: Mapping[StakeholderKind, str]) -> list[Item]:
        """Every record of the demo as of ``today``, parents first; ``stakeholders`` are the
        plan's, by kind."""
        into = Builder(today=today, owner=self.owner, stakeholders=stakeholders)
        for spec in self.specs:
            spec.build(into)
        return into.records


def parse_demo(document: Mapping[str, object]) -> DemoPlan:
    """Check a parsed data file whole: DemoDataError names the first thing wrong in it."""
    root = Table(document, "demo")
    keys = Keys()
    owner = root.text("owner")
    purpose = root.text("purpose", "")
    specs: list[Spec] = []
    for name, parse in SECTIONS:
        specs += [parse(table, keys) for table in root.tables(name)]
    root.close()
    return DemoPlan(owner=owner, specs=tuple(specs), purpose=purpose)


def load_demo(text: str | None = None) -> DemoPlan:
    """The demo shipped in the package (or ``text`` in its format), checked."""
    if text is None:
        text = (
            resources.files("okrdesk.services.demo").joinpath(DATA_FILE).read_text(encoding="utf-8")
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{DATA_FILE} is not valid TOML: {error}") from error
    return parse_demo(document)
