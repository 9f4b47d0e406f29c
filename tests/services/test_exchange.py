"""The JSON exchange file: the round trip, a hand-written file, and every refusal."""

from __future__ import annotations

import copy
import json
import os
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    KeyResult,
    Mission,
    MissionLink,
    NextStep,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Blocker, Level, StakeholderKind
from okrdesk.services import exchange
from okrdesk.services.demo import fill_demo
from okrdesk.services.errors import ImportRefused
from okrdesk.services.exchange import (
    FACT_SINCE,
    FORMAT_TAG,
    FORMAT_VERSION,
    LISTS,
    export_plan,
    import_plan,
    plan_to_document,
)
from okrdesk.services.plan import PlanService

TODAY = date(2026, 5, 20)


@pytest.fixture
def other_plan(tmp_path: Path) -> Iterator[PlanService]:
    service = PlanService.open(tmp_path / "other.okrdesk")
    yield service
    service.close()


@pytest.fixture
def demo_plan(plan: PlanService) -> PlanService:
    fill_demo(plan, TODAY)
    return plan


def content(plan: PlanService) -> dict[str, Any]:
    """The exported lists, without the time stamp."""
    document = plan_to_document(plan)
    return {name: document[name] for name, _cls in LISTS}


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The lists with stakeholders named by (name, kind) instead of their ids: a new plan
    seeds its own default stakeholders, which an import matches rather than duplicates."""
    names = {s["id"]: (s["name"], s["kind"]) for s in document["stakeholders"]}
    out = {name: copy.deepcopy(document[name]) for name, _cls in LISTS}
    out["stakeholders"] = sorted((s["name"], s["kind"], s["position"]) for s in out["stakeholders"])
    for item in (*out["missions"], *out["mission_stakeholders"]):
        item["stakeholder_id"] = names.get(item["stakeholder_id"])
    return out


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def small_document() -> dict[str, Any]:
    """A hand-written file: no time stamps or positions, children listed before parents."""
    return {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "stakeholders": [{"id": "s-neighbours", "name": "Neighbours", "kind": "society"}],
        "missions": [
            {
                "id": "m-child",
                "title": "Teach the street to fix bikes",
                "parent_id": "m-root",
                "stakeholder_id": "s-neighbours",
            },
            {"id": "m-root", "title": "A repair café in every town", "level": "company"},
        ],
        "mission_links": [{"id": "l-1", "mission_id": "m-child", "objective_id": "o-team"}],
        "cycles": [{"id": "c-1", "name": "2026 Q2", "start": "2026-04-01", "end": "2026-06-30"}],
        "objectives": [
            {
                "id": "o-mine",
                "title": "Run four repair evenings",
                "mission_id": "m-child",
                "cycle_id": "c-1",
                "aligned_to_id": "o-team",
                "kind": "aspirational",
            },
            {"id": "o-team", "title": "Open the café", "level": "team", "cycle_id": "c-1"},
        ],
        "key_results": [
            {
                "id": "k-1",
                "objective_id": "o-mine",
                "title": "Bikes fixed",
                "baseline": 0,
                "target": 40,
                "due": "2026-06-30",
            }
        ],
        "check_ins": [
            {
                "id": "ci-1",
                "key_result_id": "k-1",
                "date": "2026-04-10",
                "value": 6,
                "confidence": 0.7,
            }
        ],
        "milestones": [{"id": "ms-1", "objective_id": "o-mine", "title": "Find a room"}],
        "growth_notes": [
            {"id": "g-1", "milestone_id": "ms-1", "date": "2026-04-11", "text": "Ask the library."}
        ],
        "meetings": [
            {"id": "mt-1", "date": "2026-04-12", "counterpart": "Dana", "cycle_id": "c-1"}
        ],
        "action_items": [{"id": "a-1", "meeting_id": "mt-1", "text": "Call the library"}],
    }


# -- export -----------------------------------------------------------------------------


def test_export_writes_the_documented_envelope_owner_only(demo_plan: PlanService, tmp_path: Path):
    out = tmp_path / "plan.json"
    export_plan(demo_plan, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "okrdesk-plan"
    assert document["version"] == FORMAT_VERSION
    assert isinstance(document["exported"], str)
    assert list(document)[3:] == [*FACT_SINCE, *(name for name, _cls in LISTS)]
    assert document["purpose"] == demo_plan.info("purpose")
    assert len(document["key_results"]) == demo_plan.count(KeyResult)
    assert len(document["check_ins"]) == demo_plan.count(CheckIn)


def test_export_writes_fields_by_name_dates_iso_and_enums_as_values(
    plan: PlanService, tmp_path: Path
):
    cycle = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    objective = plan.create(Objective, title="Ship", cycle_id=cycle.id, level="team")
    kr = plan.create(
        KeyResult, objective_id=objective.id, title="Users", baseline=1, target=5, unit="k"
    )
    export_plan(plan, tmp_path / "out.json")
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    (exported_cycle,) = document["cycles"]
    assert exported_cycle["start"] == "2026-04-01"
    assert exported_cycle["end"] == "2026-06-30"
    (exported_objective,) = document["objectives"]
    assert exported_objective["level"] == "team"
    assert exported_objective["cycle_id"] == cycle.id
    assert exported_objective["mission_id"] is None
    (exported_kr,) = document["key_results"]
    assert exported_kr["id"] == kr.id
    assert exported_kr["objective_id"] == objective.id
    assert exported_kr["kind"] == "metric"
    assert (exported_kr["baseline"], exported_kr["target"], exported_kr["unit"]) == (1, 5, "k")
    assert exported_kr["created"] == kr.created.isoformat()


def test_export_replaces_a_file_atomically_and_leaves_no_temporary(
    plan: PlanService, tmp_path: Path
):
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    export_plan(plan, out, overwrite=True)
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == FORMAT_TAG
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if "json" in p.name) == ["plan.json"]


def test_a_failed_export_keeps_the_old_file(
    plan: PlanService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        export_plan(plan, out, overwrite=True)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if "json" in p.name] == ["plan.json"]


# -- the round trip ---------------------------------------------------------------------


def test_round_trip_through_an_empty_plan_gives_the_same_content(
    demo_plan: PlanService, other_plan: PlanService, tmp_path: Path
):
    # A stakeholder of the person's own must travel with its id (the defaults are matched).
    mine = demo_plan.create(Stakeholder, name="The bookkeeping community", kind="other")
    demo_plan.update(Mission, demo_plan.all(Mission)[-1].id, stakeholder_id=mine.id)
    first = tmp_path / "first.json"
    export_plan(demo_plan, first)

    summary = import_plan(other_plan, first)
    second = tmp_path / "second.json"
    export_plan(other_plan, second)

    assert summary.matched_stakeholders == 7
    assert summary.added["stakeholders"] == 1
    assert summary.added["check_ins"] == demo_plan.count(CheckIn)
    before = json.loads(first.read_text(encoding="utf-8"))
    after = json.loads(second.read_text(encoding="utf-8"))
    assert comparable(after) == comparable(before)
    # Everything but the seeded defaults keeps its id and every field.
    assert mine.id in {s["id"] for s in after["stakeholders"]}
    # (A mission's stakeholders are the plan's own matching ones: compared by name above.)
    by_stakeholder = ("stakeholders", "missions", "mission_stakeholders")
    for name, _cls in LISTS:
        if name not in by_stakeholder:
            assert after[name] == before[name], name

    def without_stakeholder(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in m.items() if k != "stakeholder_id"} for m in items]

    for name in by_stakeholder[1:]:
        assert without_stakeholder(after[name]) == without_stakeholder(before[name]), name


def test_import_of_a_hand_written_file_puts_parents_first(plan: PlanService, tmp_path: Path):
    summary = import_plan(plan, write(tmp_path / "in.json", small_document()))
    assert summary.describe() == (
        "1 stakeholder, 2 missions, 1 mission link, 1 cycle, 2 objectives, 1 key result, "
        "1 check-in, 1 milestone, 1 growth note, 1 one-on-one, 1 action item"
    )
    child = plan.get(Mission, "m-child")
    assert child.parent_id == "m-root"
    assert plan.get(Stakeholder, child.stakeholder_id or "").name == "Neighbours"
    assert plan.get(Objective, "o-mine").aligned_to_id == "o-team"
    assert plan.get(Objective, "o-team").level is Level.TEAM
    assert plan.get(CheckIn, "ci-1").value == 6.0
    assert plan.all(MissionLink)[0].objective_id == "o-team"


def test_import_matches_stakeholders_by_name_and_kind(plan: PlanService, tmp_path: Path):
    document = small_document()
    document["stakeholders"] = [{"id": "file-customers", "name": "customers ", "kind": "customers"}]
    document["missions"][0]["stakeholder_id"] = "file-customers"
    summary = import_plan(plan, write(tmp_path / "in.json", document))
    customers = next(s for s in plan.all(Stakeholder) if s.kind is StakeholderKind.CUSTOMERS)
    assert summary.matched_stakeholders == 1
    assert plan.count(Stakeholder) == 7
    assert plan.get(Mission, "m-child").stakeholder_id == customers.id


def test_import_appends_after_what_the_plan_has(plan: PlanService, tmp_path: Path):
    existing = plan.create(Mission, title="Already here")
    import_plan(plan, write(tmp_path / "in.json", small_document()))
    top_level = plan.children(Mission, None)
    assert [m.title for m in top_level] == ["Already here", "A repair café in every town"]
    assert top_level[0].id == existing.id
    assert top_level[1].position == 1


# -- refusals: each writes nothing -------------------------------------------------------

Change = Callable[[dict[str, Any]], Any]


def _set(path: tuple[Any, ...], value: Any) -> Change:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Change:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _append(list_name: str, item: dict[str, Any]) -> Change:
    return lambda document: document[list_name].append(item)


REFUSALS: list[tuple[str, Change, str]] = [
    ("not an object", lambda d: [d], r"must hold one JSON object, not a list"),
    ("wrong tag", _set(("format",), "other-app"), r"not an okrdesk plan file.*other-app"),
    ("no tag", _drop(("format",)), r"has no “format”"),
    ("no version", _drop(("version",)), r"has no “version”"),
    ("newer version", _set(("version",), FORMAT_VERSION + 1), r"version \d+ .*newer"),
    ("version zero", _set(("version",), 0), r"version 0 .*never existed"),
    ("version as text", _set(("version",), "1"), r"“version” must be a whole number"),
    ("list not a list", _set(("missions",), {"id": "x"}), r"“missions” must be a list"),
    ("unknown list", _set(("rockets",), []), r"unknown list “rockets”"),
    ("item not an object", _set(("cycles", 0), "2026 Q2"), r"cycles\[0\] must be an object"),
    ("no id", _drop(("cycles", 0, "id")), r"cycles\[0\], field “id”"),
    ("numeric id", _set(("cycles", 0, "id"), 7), r"cycles\[0\], field “id”"),
    (
        "unknown field",
        _set(("missions", 1, "colour"), "red"),
        r"missions\[1\] \(id “m-root”\) has an unknown field “colour”",
    ),
    (
        "missing field",
        _drop(("cycles", 0, "end")),
        r"cycles\[0\] \(id “c-1”\), field “end”: this field is required",
    ),
    (
        "title not text",
        _set(("missions", 1, "title"), 5),
        r"missions\[1\] \(id “m-root”\), field “title”: Title must be text",
    ),
    (
        "empty title",
        _set(("missions", 1, "title"), "  "),
        r"missions\[1\] \(id “m-root”\), field “title”: The mission needs a title",
    ),
    (
        "bad date",
        _set(("check_ins", 0, "date"), "10/04/2026"),
        r"check_ins\[0\] \(id “ci-1”\), field “date”: Date must be a date",
    ),
    (
        "bad number",
        _set(("key_results", 0, "target"), "forty"),
        r"key_results\[0\] \(id “k-1”\), field “target”: Target must be a number",
    ),
    (
        "bad enum",
        _set(("objectives", 0, "kind"), "stretch"),
        r"objectives\[0\] \(id “o-mine”\), field “kind”: Kind must be one of",
    ),
    (
        "bad flag",
        _set(("growth_notes", 0, "private"), "maybe"),
        r"growth_notes\[0\] \(id “g-1”\), field “private”",
    ),
    (
        "confidence out of range",
        _set(("check_ins", 0, "confidence"), 1.5),
        r"check_ins\[0\] \(id “ci-1”\), field “confidence”: Confidence must be between 0 and 1",
    ),
    (
        "id as a reference number",
        _set(("key_results", 0, "objective_id"), 12),
        r"key_results\[0\] \(id “k-1”\), field “objective_id”: an id must be text",
    ),
    (
        "duplicate id in a list",
        _append(
            "cycles", {"id": "c-1", "name": "Again", "start": "2026-07-01", "end": "2026-09-30"}
        ),
        r"cycles\[1\] \(id “c-1”\), field “id”: the same id as cycles\[0\]",
    ),
    (
        "dangling parent",
        _set(("key_results", 0, "objective_id"), "o-gone"),
        r"key_results\[0\] \(id “k-1”\), field “objective_id”: there is no objective "
        r"with id “o-gone”",
    ),
    (
        "dangling reference",
        _set(("meetings", 0, "cycle_id"), "c-gone"),
        r"meetings\[0\] \(id “mt-1”\), field “cycle_id”: there is no cycle",
    ),
    (
        "dangling stakeholder",
        _set(("missions", 0, "stakeholder_id"), "s-gone"),
        r"missions\[0\] \(id “m-child”\), field “stakeholder_id”",
    ),
    (
        "mission loop",
        _set(("missions", 1, "parent_id"), "m-child"),
        r"missions\[\d\] \(id “m-(child|root)”\), field “parent_id”: .*loop of 2 missions",
    ),
    (
        "mission serving itself",
        _set(("missions", 1, "parent_id"), "m-root"),
        r"missions\[1\] \(id “m-root”\), field “parent_id”: A mission cannot serve itself",
    ),
    (
        "alignment loop",
        _set(("objectives", 1, "aligned_to_id"), "o-mine"),
        r"objectives\[\d\] .*field “aligned_to_id”: .*loop of 2 objectives",
    ),
    (
        "duplicate mission link",
        _append("mission_links", {"id": "l-2", "mission_id": "m-child", "objective_id": "o-team"}),
        r"mission_links\[1\] \(id “l-2”\), field “objective_id”: links the same mission",
    ),
]


def _snapshot(plan: PlanService) -> dict[str, Any]:
    return content(plan)


@pytest.mark.parametrize(
    ("change", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_a_bad_file_is_refused_with_a_clear_sentence_and_nothing_written(
    demo_plan: PlanService, tmp_path: Path, change: Change, message: str
):
    document = small_document()
    changed = change(document)
    before = _snapshot(demo_plan)
    path = write(tmp_path / "bad.json", document if changed is None else changed)
    with pytest.raises(ImportRefused, match=message):
        import_plan(demo_plan, path)
    assert _snapshot(demo_plan) == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"format": "okrdesk-plan", "version": 1,', r"bad\.json is not valid JSON: .* line 1"),
        (b"", r"not valid JSON"),
        (b"\xff\xfe\x00garbage", r"not UTF-8 text"),
        (b'{"format": "okrdesk-plan", "version": 1, "x": NaN}', r"NaN"),
        (b"[" * 100_000 + b"]" * 100_000, r"nested too deeply"),
    ],
    ids=["truncated", "empty", "binary", "nan", "deep"],
)
def test_a_file_that_is_not_json_is_refused(
    plan: PlanService, tmp_path: Path, raw: bytes, message: str
):
    before = _snapshot(plan)
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ImportRefused, match=message):
        import_plan(plan, path)
    assert _snapshot(plan) == before


def test_an_id_the_plan_has_already_is_refused(demo_plan: PlanService, tmp_path: Path):
    path = tmp_path / "plan.json"
    export_plan(demo_plan, path)
    before = _snapshot(demo_plan)
    with pytest.raises(ImportRefused, match=r"missions\[0\] .*already has a mission with this id"):
        import_plan(demo_plan, path)
    assert _snapshot(demo_plan) == before


def test_a_reference_to_the_open_plan_is_allowed(plan: PlanService, tmp_path: Path):
    cycle = plan.create(Cycle, name="Existing", start="2026-01-01", end="2026-03-31")
    document = small_document()
    document["meetings"][0]["cycle_id"] = cycle.id
    import_plan(plan, write(tmp_path / "in.json", document))
    assert plan.where(CheckIn, key_result_id="k-1")
    assert plan.all(Cycle)[0].id == cycle.id


def test_a_file_above_the_size_limit_is_refused_unread(
    plan: PlanService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = write(tmp_path / "big.json", small_document())
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 100)
    before = _snapshot(plan)
    with pytest.raises(ImportRefused, match=r"big\.json is too large"):
        import_plan(plan, path)
    assert _snapshot(plan) == before


def test_a_file_with_too_many_items_is_refused(
    plan: PlanService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(exchange, "MAX_ITEMS", 5)
    before = _snapshot(plan)
    with pytest.raises(ImportRefused, match=r"holds 13 items; okrdesk imports at most 5"):
        import_plan(plan, write(tmp_path / "many.json", small_document()))
    assert _snapshot(plan) == before


def test_an_overlong_text_is_refused(plan: PlanService, tmp_path: Path):
    document = small_document()
    document["growth_notes"][0]["text"] = "x" * 100_001
    with pytest.raises(ImportRefused, match=r"growth_notes\[0\] .*field “text”: .*too long"):
        import_plan(plan, write(tmp_path / "long.json", document))
    assert plan.count(Mission) == 0


def test_the_last_item_failing_leaves_the_first_ones_out(plan: PlanService, tmp_path: Path):
    document = small_document()
    document["action_items"][0]["text"] = ""
    with pytest.raises(ImportRefused, match=r"action_items\[0\]"):
        import_plan(plan, write(tmp_path / "in.json", document))
    assert plan.count(Mission) == 0
    assert plan.count(Cycle) == 0


# -- older versions and next steps (version 3) ------------------------------------------------


def test_a_version_1_file_still_imports(plan: PlanService, tmp_path: Path) -> None:
    document = small_document()
    document["version"] = 1
    summary = import_plan(plan, write(tmp_path / "v1.json", document))
    assert summary.added["key_results"] == 1
    assert plan.get(KeyResult, "k-1").title == "Bikes fixed"
    assert plan.all(NextStep) == []


def test_a_version_1_file_may_not_hold_next_steps(plan: PlanService, tmp_path: Path) -> None:
    document = small_document()
    document["version"] = 1
    document["next_steps"] = [{"id": "n-1", "key_result_id": "k-1", "title": "Book a room"}]
    with pytest.raises(ImportRefused, match=r"unknown list “next_steps”"):
        import_plan(plan, write(tmp_path / "v1.json", document))
    assert plan.find(KeyResult, "k-1") is None


def test_a_version_2_file_imports_and_may_not_hold_next_steps(
    plan: PlanService, tmp_path: Path
) -> None:
    # Version 2 brought the retrospective lists, version 3 the next steps.
    document = small_document()
    document["version"] = 2
    document["objective_closes"] = []
    import_plan(plan, write(tmp_path / "v2.json", document))
    assert plan.get(KeyResult, "k-1").title == "Bikes fixed"
    document["next_steps"] = [{"id": "n-1", "key_result_id": "k-1", "title": "Book a room"}]
    with pytest.raises(ImportRefused, match=r"unknown list “next_steps”"):
        import_plan(plan, write(tmp_path / "v2-steps.json", document))


def test_next_steps_go_out_and_come_back(
    plan: PlanService, other_plan: PlanService, tmp_path: Path
) -> None:
    document = small_document()
    document["next_steps"] = [
        {
            "id": "n-1",
            "key_result_id": "k-1",
            "title": "Ask the library for a room",
            "due": "2026-04-17",
            "blocker": "waiting on others",
        },
        {"id": "n-2", "key_result_id": "k-1", "title": "Print flyers", "done": True},
    ]
    import_plan(plan, write(tmp_path / "in.json", document))
    export_plan(plan, tmp_path / "out.json")
    import_plan(other_plan, tmp_path / "out.json")
    steps = {s.id: s for s in other_plan.all(NextStep)}
    assert steps["n-1"].due == date(2026, 4, 17)
    assert steps["n-1"].blocker is Blocker.WAITING_ON_OTHERS and not steps["n-1"].done
    assert steps["n-2"].done and steps["n-2"].blocker is None


def test_a_next_step_on_a_missing_key_result_is_refused(plan: PlanService, tmp_path: Path):
    document = small_document()
    document["next_steps"] = [{"id": "n-1", "key_result_id": "k-404", "title": "Anything"}]
    with pytest.raises(ImportRefused, match=r"next_steps\[0\].*key_result_id"):
        import_plan(plan, write(tmp_path / "in.json", document))


# -- missions with depth, and skills (version 4) --------------------------------------------


def version_4_parts() -> dict[str, Any]:
    """The lists and fact version 4 added, for ``small_document``'s items."""
    return {
        "purpose": "To leave every town a little more self-reliant.",
        "stakeholders": [
            {"id": "s-neighbours", "name": "Neighbours", "kind": "society"},
            {"id": "s-library", "name": "The library", "kind": "other"},
        ],
        "values": [{"id": "v-1", "name": "Thrift", "meaning": "Mend before you buy."}],
        "mission_values": [{"id": "mv-1", "mission_id": "m-child", "value_id": "v-1"}],
        "mission_stakeholders": [
            {"id": "mst-1", "mission_id": "m-child", "stakeholder_id": "s-library"}
        ],
        "skills": [
            {"id": "sk-1", "name": "Teaching", "group": "People", "level": 3, "aim": 4},
        ],
        "skill_steps": [
            {
                "id": "st-1",
                "skill_id": "sk-1",
                "date": "2026-04-20",
                "level": 3,
                "previous": 2,
                "milestone_id": "ms-1",
            }
        ],
        "milestone_skills": [{"id": "msk-1", "milestone_id": "ms-1", "skill_id": "sk-1"}],
        "note_skills": [{"id": "nsk-1", "growth_note_id": "g-1", "skill_id": "sk-1"}],
    }


def test_version_4_lists_and_the_purpose_go_out_and_come_back(
    plan: PlanService, other_plan: PlanService, tmp_path: Path
) -> None:
    from okrdesk.domain.entities import MissionStakeholder, SkillStep
    from okrdesk.services.missions import purpose, stakeholders_of

    document = {**small_document(), **version_4_parts()}
    summary = import_plan(plan, write(tmp_path / "in.json", document))
    assert summary.facts == {"purpose": "To leave every town a little more self-reliant."}
    assert "the purpose" in summary.describe()
    child = plan.get(Mission, "m-child")
    assert [s.name for s in stakeholders_of(plan, child)] == ["Neighbours", "The library"]
    assert plan.get(SkillStep, "st-1").previous == 2

    out = tmp_path / "out.json"
    export_plan(plan, out)
    import_plan(other_plan, out)
    assert purpose(other_plan) == purpose(plan)
    again = other_plan.get(Mission, "m-child")
    assert [s.name for s in stakeholders_of(other_plan, again)] == ["Neighbours", "The library"]
    assert other_plan.count(MissionStakeholder) == 1


def test_an_import_never_overwrites_the_plans_purpose(plan: PlanService, tmp_path: Path) -> None:
    from okrdesk.services.missions import purpose, set_purpose

    set_purpose("My own purpose.").apply(plan)
    summary = import_plan(
        plan, write(tmp_path / "in.json", {**small_document(), **version_4_parts()})
    )
    assert summary.facts == {}
    assert purpose(plan) == "My own purpose."


def test_a_version_3_file_imports_and_may_not_hold_skills(
    plan: PlanService, tmp_path: Path
) -> None:
    document = small_document()
    document["version"] = 3
    document["next_steps"] = []
    import_plan(plan, write(tmp_path / "v3.json", document))
    assert plan.get(Mission, "m-child").served_when == ""
    newer = {**small_document(), "version": 3, "skills": [{"id": "sk-1", "name": "Teaching"}]}
    with pytest.raises(ImportRefused, match=r"unknown list “skills”"):
        import_plan(plan, write(tmp_path / "v3-skills.json", newer))
    with pytest.raises(ImportRefused, match=r"unknown list “purpose”"):
        import_plan(
            plan, write(tmp_path / "v3-purpose.json", {**newer, "skills": [], "purpose": "x"})
        )


def test_a_link_named_twice_is_refused_with_both_places(plan: PlanService, tmp_path: Path) -> None:
    document = {**small_document(), **version_4_parts()}
    document["note_skills"] = document["note_skills"] * 2
    document["note_skills"][1] = {**document["note_skills"][1], "id": "nsk-2"}
    with pytest.raises(ImportRefused, match=r"note_skills\[1\].*the same link as note_skills\[0\]"):
        import_plan(plan, write(tmp_path / "in.json", document))
    assert plan.find(Mission, "m-child") is None


def test_a_skill_level_outside_one_to_five_is_refused(plan: PlanService, tmp_path: Path) -> None:
    document = {**small_document(), **version_4_parts()}
    document["skills"][0]["level"] = 7
    with pytest.raises(ImportRefused, match=r"skills\[0\].*from 1 to 5, not 7"):
        import_plan(plan, write(tmp_path / "in.json", document))


def test_a_purpose_that_is_not_text_is_refused(plan: PlanService, tmp_path: Path) -> None:
    document = {**small_document(), "purpose": ["not", "text"]}
    with pytest.raises(ImportRefused, match=r"“purpose” must be text"):
        import_plan(plan, write(tmp_path / "in.json", document))
