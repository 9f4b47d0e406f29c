"""The demo's data file is checked whole: a mistake in it fails loudly, naming where."""

from __future__ import annotations

import copy
import tomllib
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources
from typing import Any

import pytest

from okrdesk.domain.entities import KeyResult
from okrdesk.domain.enums import StakeholderKind
from okrdesk.domain.validation import validate
from okrdesk.services.demo import DemoDataError, load_demo, parse_demo
from okrdesk.services.demo.curves import CURVES
from okrdesk.services.demo.data import DATA_FILE, SECTIONS

STAKEHOLDERS = {kind: f"stakeholder-{kind.value}" for kind in StakeholderKind}
Document = dict[str, Any]


def shipped() -> Document:
    text = resources.files("okrdesk.services.demo").joinpath(DATA_FILE).read_text("utf-8")
    return tomllib.loads(text)


def test_the_shipped_data_uses_every_section_and_every_curve() -> None:
    document = shipped()
    assert all(document.get(name) for name, _parse in SECTIONS)
    curves = Counter(
        kr.get("curve") for o in document["objectives"] for kr in o.get("key_results", [])
    )
    assert set(CURVES) <= set(curves)


def test_the_first_and_last_day_of_every_month_build_valid_records() -> None:
    demo = load_demo()
    firsts = [date(2028, month, 1) for month in range(1, 13)]
    days = [*firsts, *(d - timedelta(days=1) for d in firsts), date(2028, 12, 31)]
    for day in days:
        records = demo.records(day, STAKEHOLDERS)
        for record in records:
            validate(record)
        assert sum(isinstance(r, KeyResult) for r in records) == 22, day


def _objective(d: Document, title_start: str) -> Document:
    return next(o for o in d["objectives"] if o["title"].startswith(title_start))


def _key_result(d: Document, title_start: str) -> Document:
    return next(
        kr
        for o in d["objectives"]
        for kr in o.get("key_results", [])
        if kr["title"].startswith(title_start)
    )


def _set(
    target: Callable[[Document], Document], key: str, value: object
) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        target(d)[key] = value

    return change


def _drop(target: Callable[[Document], Document], key: str) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        del target(d)[key]

    return change


def root(d: Document) -> Document:
    return d


def first_mission(d: Document) -> Document:
    return d["missions"][0]  # type: ignore[no-any-return]


def pdf(d: Document) -> Document:
    return _objective(d, "Ship the new PDF export")


def failures(d: Document) -> Document:
    return _key_result(d, "PDF export failures")


def errors_kept_low(d: Document) -> Document:
    return _key_result(d, "Report errors stay below")


def first_note(d: Document) -> Document:
    return pdf(d)["milestones"][0]["notes"][0]  # type: ignore[no-any-return]


def first_skill(d: Document) -> Document:
    return d["skills"][0]  # type: ignore[no-any-return]


def meeting(d: Document) -> Document:
    return d["meetings"][0]  # type: ignore[no-any-return]


def dismissal(d: Document) -> Document:
    return d["dismissals"][0]  # type: ignore[no-any-return]


MISTAKES: dict[str, tuple[Callable[[Document], None], str]] = {
    "misspelt section": (
        _set(root, "objectivs", [{"title": "x"}]),
        "demo: unknown key 'objectivs'",
    ),
    "misspelt key-result key": (
        _set(failures, "curv", "on_track"),
        "demo.objectives[0].key_results[0]: unknown key 'curv'",
    ),
    "a key another kind of key result takes": (
        _set(errors_kept_low, "curve", "on_track"),
        "unknown key 'curve'",
    ),
    "misspelt key deep down": (
        _set(first_note, "privat", True),
        "demo.objectives[0].milestones[0].notes[0]: unknown key 'privat'",
    ),
    "no owner": (_drop(root, "owner"), "demo.owner: is required"),
    "a mission without a title": (
        _drop(first_mission, "title"),
        "demo.missions[0].title: is required",
    ),
    "a metric without a target": (
        _drop(failures, "target"),
        "demo.objectives[0].key_results[0].target: is required",
    ),
    "a metric without a curve": (_drop(failures, "curve"), "curve: is required"),
    "a curve that does not exist": (
        _set(failures, "curve", "wobbly"),
        "curve: 'wobbly' is not one of on_track, slipping, late_start, achieved, fell_short",
    ),
    "a kind that does not exist": (
        _set(pdf, "kind", "stretch"),
        "demo.objectives[0].kind: 'stretch' is not one of committed, aspirational, development",
    ),
    "a number written as text": (
        _set(failures, "baseline", "12"),
        "baseline: expected a number, found '12'",
    ),
    "a flag for a number": (_set(failures, "decimals", True), "expected a whole number"),
    "a fraction for whole days": (_set(first_note, "day", 30.5), "expected a whole number"),
    "three confidences": (_set(failures, "confidence", [0.1, 0.2, 0.3]), "expected two numbers"),
    "more notes than check-ins": (
        _set(failures, "notes", [f"note {i}" for i in range(9)]),
        "notes: at most 8 notes",
    ),
    "a table for a list": (_set(root, "missions", {"title": "x"}), "an array of tables"),
    "a reference to nothing": (
        _set(lambda d: _objective(d, "The month-end report loads"), "aligned_to", "trustd"),
        "aligned_to: 'trustd' is not the key of an item defined above",
    ),
    "a reference to an item defined later": (
        _set(first_mission, "parent", "open_craft"),
        "demo.missions[0].parent: 'open_craft' is not the key of an item defined above",
    ),
    "a reference to another kind": (
        _set(pdf, "mission", "last"),
        "demo.objectives[0].mission: 'last' is the key of kind cycle, not mission",
    ),
    "a key defined twice": (_set(first_mission, "key", "last"), "'last' is defined twice"),
    "a stakeholder every plan does not have": (
        _set(first_mission, "stakeholder", "self"),
        "stakeholder: 'self' is not one of customers",
    ),
    "a coach rule that does not exist": (
        _set(dismissal, "rule", "MIS-NOPE"),
        "'MIS-NOPE' is not the id of a coach rule",
    ),
    "a weekday that does not exist": (_set(meeting, "weekday", "tuesdy"), "'tuesdy' is not one"),
    "a misspelt meeting section": (_set(meeting, "progres", "x"), "unknown key 'progres'"),
    # missions with depth, and skills (issue 23)
    "a skill level off the scale": (
        _set(first_skill, "level", 6),
        "demo.skills[0].level: a skill level is 1 to 5, not 6",
    ),
    "a level without its meaning": (
        _set(first_skill, "meanings", ["only one"]),
        "meanings: one line for each of the levels 1 to 5",
    ),
    "a milestone naming no skill": (
        _set(lambda d: pdf(d)["milestones"][0], "skills", ["juggling"]),
        "skills: 'juggling' is not the key of a skill defined above",
    ),
    "a mission naming a value that is not one": (
        _set(lambda d: d["missions"][2], "values", ["last"]),
        "values: 'last' is not the key of a value defined above",
    ),
    "a further stakeholder every plan does not have": (
        _set(first_mission, "also_for", ["aliens"]),
        "also_for: 'aliens' is not one of customers",
    ),
    "a step behind a milestone that is not one": (
        _set(lambda d: d["skill_steps"][0], "milestone", "pdf_export"),
        "is the key of kind objective, not milestone",
    ),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_in_the_data_fails_loudly_and_says_where(case: str) -> None:
    change, said = MISTAKES[case]
    document = copy.deepcopy(shipped())
    change(document)
    with pytest.raises(DemoDataError) as failed:
        parse_demo(document)
    assert said in str(failed.value)


def test_the_shipped_document_itself_passes() -> None:
    demo = parse_demo(shipped())
    assert demo.owner == "Maya Lindqvist"


def test_text_that_is_not_toml_is_refused() -> None:
    with pytest.raises(DemoDataError, match="is not valid TOML"):
        load_demo('owner = "Maya"\n[[missions]\n')
