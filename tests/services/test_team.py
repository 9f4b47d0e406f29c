"""Team objectives as a file: export, import into another plan, re-import a newer file."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    Objective,
)
from okrdesk.domain.enums import Level
from okrdesk.services.errors import ImportRefused
from okrdesk.services.plan import PlanService
from okrdesk.services.team import MAX_TEAM_ITEMS, export_team, import_team


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[PlanService]:
    service = PlanService.open(tmp_path / "manager.okrdesk")
    yield service
    service.close()


def fill_manager(plan: PlanService) -> dict[str, Any]:
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    team = plan.create(Mission, title="Make the platform dependable", level="team")
    plan.create(Mission, title="My own growth")  # personal: not exported
    uptime = plan.create(
        Objective, title="Nobody waits on us", level="team", cycle_id=q1.id, mission_id=team.id
    )
    docs = plan.create(Objective, title="Docs people love", level="team", cycle_id=q1.id)
    later = plan.create(Objective, title="Next quarter's goal", level="team", cycle_id=q2.id)
    plan.create(Objective, title="Learn Rust", cycle_id=q1.id)  # personal: not exported
    p99 = plan.create(
        KeyResult,
        objective_id=uptime.id,
        title="p99 latency below 300 ms",
        direction="decrease",
        baseline="900",
        target="300",
        unit="ms",
    )
    pages = plan.create(KeyResult, objective_id=docs.id, title="Rewrite 20 pages", target="20")
    plan.create(CheckIn, key_result_id=p99.id, date="2026-02-01", value="600")
    return {
        "q1": q1,
        "q2": q2,
        "uptime": uptime,
        "docs": docs,
        "later": later,
        "p99": p99,
        "pages": pages,
        "team": team,
    }


def test_export_writes_the_team_items_of_the_cycle_with_their_ids(
    manager: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    counts = export_team(manager, out, made["q1"].id, overwrite=True)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "okrdesk-team" and document["version"] == 1
    assert counts == {"cycles": 1, "missions": 1, "objectives": 2, "key_results": 2}
    assert {o["id"] for o in document["objectives"]} == {made["uptime"].id, made["docs"].id}
    uptime = next(o for o in document["objectives"] if o["id"] == made["uptime"].id)
    assert uptime["mission_id"] == made["team"].id
    assert "check_ins" not in document and "synced" not in uptime
    assert out.stat().st_mode & 0o777 == 0o600
    # The origin is the plan's own stable id: a second export says the same.
    export_team(manager, tmp_path / "again.json", made["q1"].id)
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["origin"] == document["origin"]


def test_import_keeps_ids_locks_and_remembers_the_values(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    export_team(manager, out, made["q1"].id, overwrite=True)
    report = import_team(plan, out)
    assert len(report.sync.added) == 5 and report.sync.created_cycles == ("2026 Q1",)
    uptime = plan.get(Objective, made["uptime"].id)
    assert uptime.locked and uptime.origin.startswith("team:") and uptime.level is Level.TEAM
    assert json.loads(uptime.synced)["title"] == "Nobody waits on us"
    p99 = plan.get(KeyResult, made["p99"].id)
    assert (p99.baseline, p99.target, p99.unit, p99.locked) == (900, 300, "ms", True)
    assert plan.count(CheckIn) == 0
    assert plan.get(Mission, made["team"].id).locked


def test_importing_the_same_file_twice_changes_nothing(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    export_team(manager, out, made["q1"].id, overwrite=True)
    import_team(plan, out)
    before = [plan.all(cls) for cls in (Mission, Objective, KeyResult, Cycle)]
    report = import_team(plan, out)
    assert (report.sync.added, report.sync.updated, report.sync.archived) == ((), (), ())
    assert report.sync.unchanged == 5 and not report.sync.conflicts
    assert [plan.all(cls) for cls in (Mission, Objective, KeyResult, Cycle)] == before
    assert report.summary() == (
        "Read 2 objectives and 2 key results from manager (team.json): 0 added, 0 updated, "
        "0 archived, 5 unchanged, 0 conflicts."
    )


def test_reimport_updates_archives_and_reports_conflicts(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    export_team(manager, out, made["q1"].id, overwrite=True)
    import_team(plan, out)
    # The contributor links a personal mission to the docs objective, aligns an objective
    # to it, and unlocks and edits the uptime objective's title.
    mine = plan.create(Mission, title="Help my colleagues")
    plan.create(MissionLink, mission_id=mine.id, objective_id=made["docs"].id)
    aligned = plan.create(Objective, title="Write the API guide", aligned_to_id=made["docs"].id)
    plan.update(Objective, made["uptime"].id, locked=False, title="Nobody waits on us, ever")
    # The manager changes the uptime title, a target, and drops the docs objective.
    manager.update(Objective, made["uptime"].id, title="Nobody waits on the platform")
    manager.update(KeyResult, made["p99"].id, target="250")
    manager.update(Objective, made["docs"].id, level="personal")
    newer = tmp_path / "team-2.json"
    export_team(manager, newer, made["q1"].id)

    report = import_team(plan, newer)
    sync = report.sync
    assert [(c.title, c.fields) for c in sync.updated] == [
        ("p99 latency below 300 ms", ("target",))
    ]
    assert sorted(c.title for c in sync.archived) == ["Docs people love", "Rewrite 20 pages"]
    assert [(c.title, c.fields) for c in sync.conflicts] == [
        ("Nobody waits on us, ever", ("title",))
    ]
    assert sync.unchanged == 1  # the mission
    assert plan.get(KeyResult, made["p99"].id).target == 250
    # The local edit stays; the archived objective stays with its links.
    assert plan.get(Objective, made["uptime"].id).title == "Nobody waits on us, ever"
    docs = plan.get(Objective, made["docs"].id)
    assert docs.archived
    assert plan.where(MissionLink, objective_id=docs.id)
    assert plan.get(Objective, aligned.id).aligned_to_id == docs.id
    assert any("conflict" in line for line in report.details())

    # Importing the same newer file again: still the conflict, nothing else.
    again = import_team(plan, newer).sync
    assert (again.added, again.updated, again.archived) == ((), (), ())
    assert len(again.conflicts) == 1
    # Locking it again takes the file's version on the next import.
    plan.update(Objective, made["uptime"].id, locked=True)
    taken = import_team(plan, newer).sync
    assert [(c.title, c.fields) for c in taken.updated] == [
        ("Nobody waits on the platform", ("title",))
    ]
    assert not taken.conflicts


def test_an_unlocked_edit_of_another_field_is_kept_and_the_file_change_taken(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    export_team(manager, out, made["q1"].id, overwrite=True)
    import_team(plan, out)
    plan.update(KeyResult, made["p99"].id, locked=False, unit="milliseconds")
    manager.update(KeyResult, made["p99"].id, target="250")
    export_team(manager, out, made["q1"].id, overwrite=True)
    sync = import_team(plan, out).sync
    p99 = plan.get(KeyResult, made["p99"].id)
    assert (p99.unit, p99.target) == ("milliseconds", 250)
    assert not sync.conflicts and [c.fields for c in sync.updated] == [("target",)]


def test_a_dropped_item_that_comes_back_is_unarchived(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    out = tmp_path / "team.json"
    export_team(manager, out, made["q1"].id, overwrite=True)
    import_team(plan, out)
    manager.update(Objective, made["docs"].id, archived=True)
    export_team(manager, out, made["q1"].id, overwrite=True)
    import_team(plan, out)
    assert plan.get(Objective, made["docs"].id).archived
    manager.update(Objective, made["docs"].id, archived=False)
    export_team(manager, out, made["q1"].id, overwrite=True)
    sync = import_team(plan, out).sync
    assert not plan.get(Objective, made["docs"].id).archived
    assert ("Docs people love", ("archived",)) in [(c.title, c.fields) for c in sync.updated]


def test_next_quarters_file_does_not_archive_this_quarters_objectives(
    manager: PlanService, plan: PlanService, tmp_path: Path
) -> None:
    made = fill_manager(manager)
    export_team(manager, tmp_path / "q1.json", made["q1"].id)
    export_team(manager, tmp_path / "q2.json", made["q2"].id)
    import_team(plan, tmp_path / "q1.json")
    sync = import_team(plan, tmp_path / "q2.json").sync
    assert [c.title for c in sync.added] == ["Next quarter's goal"]
    assert not sync.archived


def test_csv_with_odd_headers_imports_with_a_column_map(plan: PlanService, tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text(
        "Goal;Measure;DRI;Quarter;Goal value;UoM\n"
        "Delight customers;NPS from 20 to 45;Ana;2026 Q2;45;points\n"
        ";Churn below 2 %;Ana;2026 Q2;2;%\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="no “objective” column"):
        import_team(plan, path)
    assert plan.count(Objective) == 0
    column_map = {
        "objective": "Goal",
        "key result": "Measure",
        "owner": "DRI",
        "cycle": "Quarter",
        "target": "Goal value",
        "unit": "UoM",
    }
    report = import_team(plan, path, column_map)
    assert (report.objectives, report.key_results) == (1, 2)
    (objective,) = plan.all(Objective)
    assert (objective.title, objective.owner, objective.locked) == (
        "Delight customers",
        "Ana",
        True,
    )
    nps, churn = plan.children(KeyResult, objective.id)
    assert (nps.target, nps.unit, churn.target, churn.unit) == (45, "points", 2, "%")
    (cycle,) = plan.all(Cycle)
    assert (cycle.name, cycle.start) == ("2026-Q2", date(2026, 4, 1))
    # The same CSV again changes nothing; a changed target updates.
    assert import_team(plan, path, column_map).sync.unchanged == 3
    path.write_text(path.read_text(encoding="utf-8").replace(";45;", ";50;"), encoding="utf-8")
    sync = import_team(plan, path, column_map).sync
    assert [(c.title, c.fields) for c in sync.updated] == [("NPS from 20 to 45", ("target",))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "okrdesk-plan", "version": 1}', "not an okrdesk team file"),
        ('{"format": "okrdesk-team", "version": 2, "origin": "x"}', "update okrdesk"),
        ('{"format": "okrdesk-team", "version": 1}', "no “origin”"),
        ('{"format": "okrdesk-team", "version": 1, "origin": "x", "extra": []}', "unknown key"),
        (
            '{"format": "okrdesk-team", "version": 1, "origin": "x", "objectives": [{"id": "o"}]}',
            "“title”: this field is required",
        ),
        (
            '{"format": "okrdesk-team", "version": 1, "origin": "x", "objectives": '
            '[{"id": "o", "title": "T", "mission_id": "nowhere"}]}',
            "neither in the file",
        ),
        (
            '{"format": "okrdesk-team", "version": 1, "origin": "x", "objectives": '
            '[{"id": "a", "title": "A", "aligned_to_id": "b"}, '
            '{"id": "b", "title": "B", "aligned_to_id": "a"}]}',
            "loop",
        ),
        (
            '{"format": "okrdesk-team", "version": 1, "origin": "x", "key_results": '
            '[{"id": "k", "objective_id": "o", "title": "K", "target": NaN}]}',
            "not a number",
        ),
        (
            '{"format": "okrdesk-team", "version": 1, "origin": "x", "objectives": '
            '[{"id": "o", "title": "A"}, {"id": "o", "title": "B"}]}',
            "two objectives",
        ),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(
    plan: PlanService, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "team.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRefused, match=message):
        import_team(plan, path)
    assert (plan.count(Objective), plan.count(Cycle), plan.count(Mission)) == (0, 0, 0)


def test_hostile_sizes_are_refused(plan: PlanService, tmp_path: Path) -> None:
    many = [{"id": str(i), "title": "x"} for i in range(MAX_TEAM_ITEMS + 1)]
    path = tmp_path / "team.json"
    path.write_text(
        json.dumps({"format": "okrdesk-team", "version": 1, "origin": "x", "objectives": many}),
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="at most 20,000"):
        import_team(plan, path)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="at most 10 MB"):
        import_team(plan, big)


def test_a_file_reusing_the_id_of_my_own_item_is_refused(plan: PlanService, tmp_path: Path) -> None:
    mine = plan.create(Objective, title="Mine", level="team")
    path = tmp_path / "team.json"
    path.write_text(
        json.dumps(
            {
                "format": "okrdesk-team",
                "version": 1,
                "origin": "x",
                "objectives": [{"id": mine.id, "title": "Theirs"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused, match="of your own"):
        import_team(plan, path)
    assert plan.get(Objective, mine.id).title == "Mine"


def test_links_survive_the_exchange_json_round_trip(plan: PlanService, tmp_path: Path) -> None:
    from okrdesk.services.exchange import export_plan, import_plan

    team = plan.create(Objective, title="Team goal", level="team")
    mission = plan.create(Mission, title="Mine")
    link = plan.create(MissionLink, mission_id=mission.id, objective_id=team.id)
    aligned = plan.create(Objective, title="Mine aligned", aligned_to_id=team.id)
    out = tmp_path / "plan.json"
    export_plan(plan, out)
    other = PlanService.open(tmp_path / "other.okrdesk")
    try:
        import_plan(other, out)
        (copied,) = other.all(MissionLink)
        assert (copied.id, copied.mission_id, copied.objective_id) == (
            link.id,
            mission.id,
            team.id,
        )
        assert other.get(Objective, aligned.id).aligned_to_id == team.id
    finally:
        other.close()
