"""Every real published document in the tests is read whole: all its objectives and key
results, titles clean, owners, grades, priorities and status notes apart.

The expected structures (``tests/data/okr-docs/*.expected.json``) were written by hand
before the reader ever ran on these documents; ``tests/data/okr-plans`` holds the curated
structures of the shared GitLab and IPFS documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from okrdesk.domain.okr_cycles import normalise_cycle_name
from okrdesk.domain.okr_markdown import parse_okr_markdown
from okrdesk.domain.okr_parsed import ParsedDocument

DATA = Path(__file__).parent.parent / "data"
DOCS = sorted(p.stem for p in (DATA / "okr-docs").glob("*.md") if p.name != "README.md")


def clean(text: str) -> str:
    # Code spans keep their backticks in a title; the hand-written files have them or not.
    return text.replace("`", "")


def load(name: str) -> tuple[dict[str, Any], ParsedDocument]:
    folder = DATA / "okr-docs"
    expected = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    return expected, parse_okr_markdown((folder / f"{name}.md").read_text(encoding="utf-8"))


def test_there_are_at_least_eight_documents_from_seven_organisations() -> None:
    assert len(DOCS) >= 8
    assert len({name.split("-")[0] for name in DOCS}) >= 7


@pytest.mark.parametrize("name", DOCS)
def test_every_objective_and_key_result_is_read(name: str) -> None:
    expected, document = load(name)
    assert [clean(o.title) for o in document.objectives] == [
        clean(o["title"]) for o in expected["objectives"]
    ]
    assert [[clean(k.text) for k in o.key_results] for o in document.objectives] == [
        [clean(k["text"]) for k in o["key_results"]] for o in expected["objectives"]
    ]


@pytest.mark.parametrize("name", DOCS)
def test_owners_grades_priorities_and_status_notes_are_apart(name: str) -> None:
    expected, document = load(name)
    for found, wanted in zip(document.objectives, expected["objectives"], strict=True):
        assert (found.owner, found.grade) == (wanted["owner"], wanted["grade"]), found.title
        if wanted["cycle"]:
            assert normalise_cycle_name(found.cycle) == wanted["cycle"], found.title
        for kr, kr_wanted in zip(found.key_results, wanted["key_results"], strict=True):
            assert (kr.owner, kr.grade, kr.priority, kr.status) == (
                kr_wanted["owner"],
                kr_wanted["grade"],
                kr_wanted["priority"],
                kr_wanted["status"],
            ), kr.text


def test_sections_of_one_page_keep_their_quarters_apart() -> None:
    _, document = load("mayadata-kiran-mova")
    assert [o.cycle for o in document.objectives] == ["Q2"] * 4 + ["Q1"] * 4
    _, squad = load("setmatchgames-squad")
    assert [o.cycle for o in squad.objectives] == [
        "2020-Q1",
        "2020-Q1",
        "2020-Q2",
        "2020-Q3",
        "2020",
        "2020",
        "2020",
    ]


def test_what_is_not_an_okr_is_listed_with_its_line() -> None:
    _, document = load("terraforma-places-conflation")
    (notes,) = document.not_understood
    assert (notes.line, notes.reason) == (
        20,
        "a note under a key result, not imported (13 in a row)",
    )
    _, wevolver = load("wevolver-handbook")
    reasons = {entry.line: entry.reason for entry in wevolver.not_understood}
    assert reasons[62] == "a quote, not an objective"


@pytest.mark.parametrize(
    ("name", "objectives", "key_results"),
    [
        ("gitlab_fy21-q1", 138, 336),
        ("ipfs_project-ops_2019-q3", 5, 23),
        ("ipfs_bifrost_2019-q4", 5, 18),
    ],
)
def test_the_shared_documents_are_read_whole(name: str, objectives: int, key_results: int) -> None:
    expected = json.loads((DATA / "okr-plans" / f"{name}.json").read_text(encoding="utf-8"))
    document = parse_okr_markdown((DATA / "okr-plans" / f"{name}.raw.txt").read_text("utf-8"))
    assert (len(document.objectives), document.key_result_count) == (objectives, key_results)
    assert [[clean(k.text) for k in o.key_results] for o in document.objectives] == [
        [clean(k["text"]) for k in o["key_results"]] for o in expected["objectives"]
    ]
