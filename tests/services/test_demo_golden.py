"""The demo plan, item by item, for a few fixed days: a golden file guards it.

Every record the demo writes (ids replaced by what they point at, timestamps left out),
with its position among its siblings, and the plan's owner, for days that exercise the
edges of the date rules: mid-quarter, a quarter's first day (check-ins reach back before
the cycle), a year's last day and a Sunday in the next year.

When the demo is meant to change, regenerate the file and read its diff:
    .venv/bin/python -m tests.services.test_demo_golden
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrdesk.domain.entities import ITEM_TYPES, PARENT_FIELD, REFERENCE_TARGETS, Item
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService

GOLDEN = Path(__file__).parent.parent / "data" / "demo_golden.json"
DAYS = (date(2026, 5, 20), date(2026, 4, 1), date(2025, 12, 31), date(2027, 2, 28))
UNSTABLE = {"id", "created", "updated"}  # new on every run
REFERENCES = {*REFERENCE_TARGETS, "subject_id"}  # fields holding another item's id


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _names(items: list[Item]) -> dict[str, str]:
    """Each item's id → "Type: label", refusing two items that would read the same (the
    golden file could not tell which one a reference means)."""
    names: dict[str, str] = {}
    for item in items:
        name = f"{type(item).__name__}: {item.label}"
        names[item.id] = name
    referable = [n for n in names.values() if not n.startswith(("CheckIn", "MissionLink"))]
    assert len(referable) == len(set(referable)), "two demo items share a label"
    return names


def _row(item: Item, names: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        if f.name in UNSTABLE:
            continue
        value = getattr(item, f.name)
        if f.name in REFERENCES and value is not None:
            value = names[value]
        row[f.name] = _plain(value)
    return row


def _sort_key(item: Item, names: dict[str, str]) -> tuple[str, int]:
    parent_field = PARENT_FIELD.get(type(item))
    parent = getattr(item, parent_field) if parent_field else None
    return (names.get(parent, "") if parent else "", item.position)


def snapshot(plan: PlanService) -> dict[str, Any]:
    """The whole plan as plain data that does not change from one run to the next."""
    items = [item for cls in ITEM_TYPES for item in plan.all(cls)]
    names = _names(items)
    tables: dict[str, Any] = {"owner": plan.info("owner")}
    for cls in ITEM_TYPES:
        records = sorted(plan.all(cls), key=lambda item: _sort_key(item, names))
        tables[cls.__name__] = [_row(item, names) for item in records]
    return tables


def demo_snapshot(folder: Path, today: date) -> dict[str, Any]:
    plan = PlanService.open(folder / f"demo-{today.isoformat()}.okrdesk")
    try:
        fill_demo(plan, today)
        return snapshot(plan)
    finally:
        plan.close()


def _dump(golden: dict[str, dict[str, Any]]) -> str:
    """One record a line, so a change to the demo reads as a short diff."""
    lines = ["{"]
    for d, (day, tables) in enumerate(golden.items()):
        lines.append(f" {json.dumps(day)}: {{")
        lines.append(f'  "owner": {json.dumps(tables["owner"], ensure_ascii=False)},')
        kinds = [k for k in tables if k != "owner"]
        for k, kind in enumerate(kinds):
            rows = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in tables[kind]]
            body = ",\n".join(f"   {row}" for row in rows)
            tail = "," if k < len(kinds) - 1 else ""
            lines.append(
                f"  {json.dumps(kind)}: [\n{body}\n  ]{tail}"
                if rows
                else f"  {json.dumps(kind)}: []{tail}"
            )
        lines.append(" }," if d < len(golden) - 1 else " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("today", DAYS, ids=[d.isoformat() for d in DAYS])
def test_the_demo_is_the_one_in_the_golden_file(tmp_path: Path, today: date) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[today.isoformat()]
    made = demo_snapshot(tmp_path, today)
    assert {kind: len(rows) for kind, rows in made.items() if kind != "owner"} == {
        kind: len(rows) for kind, rows in golden.items() if kind != "owner"
    }
    for kind in golden:
        assert made[kind] == golden[kind], kind


def test_the_golden_file_is_not_empty() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(golden) == sorted(d.isoformat() for d in DAYS)
    for tables in golden.values():
        assert tables["owner"] == "Maya Lindqvist"
        assert len(tables["CheckIn"]) > 150 and len(tables["KeyResult"]) > 20


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        made = {d.isoformat(): demo_snapshot(Path(folder), d) for d in DAYS}
    GOLDEN.write_text(_dump(made), encoding="utf-8")
    print(f"wrote {GOLDEN}")
