"""The preview of a Markdown or CSV OKR document, and the import of the part kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk.domain.entities import Cycle, KeyResult, Objective
from okrdesk.services.errors import ImportRefused
from okrdesk.services.okr_preview import import_preview, preview_csv, preview_markdown
from okrdesk.services.plan import PlanService

DOCS = Path(__file__).parent.parent / "data" / "okr-docs"
KIRAN = DOCS / "mayadata-kiran-mova.md"


def test_the_preview_holds_the_tree_numbers_grades_and_what_was_skipped(tmp_path: Path) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(
        "## 2026 Q2\n"
        "### Objective: Sales: Grow revenue\n"
        "- KR: Raise activation from 25% to 40% @ana\n"
        "- KR: Sign 3 partners (0.5)\n"
        "- **Tracking:**\n"
        "#### Objective: Win the north\n"
        "- KR: Open 2 offices\n",
        encoding="utf-8",
    )
    preview = preview_markdown(path)
    (root,) = preview.roots()
    assert (root.key, root.title, root.owner, root.cycle) == (
        "o0",
        "Grow revenue",
        "Sales",
        "2026-Q2",
    )
    first, second = root.key_results
    assert (first.text, first.owner, first.baseline, first.target, first.unit) == (
        "Raise activation from 25% to 40%",
        "@ana",
        25.0,
        40.0,
        "%",
    )
    assert (second.key, second.text, second.grade, second.target) == (
        "o0.k1",
        "Sign 3 partners",
        0.5,
        3.0,
    )
    (child,) = preview.children("o0")
    assert (child.title, child.parent) == ("Win the north", "o0")
    (skipped,) = preview.skipped
    assert (skipped.line, skipped.reason) == (5, "no text (a label with nothing after it)")
    assert preview.cycles == ("2026-Q2",)
    assert "2 objectives and 3 key results found" in preview.summary()


def test_a_preview_writes_nothing_and_needs_no_plan(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / KIRAN.name
    path.write_bytes(KIRAN.read_bytes())
    preview = preview_markdown(path)
    assert (len(preview.objectives), preview.key_result_count) == (8, 32)
    assert list(folder.iterdir()) == [path]
    assert not list(tmp_path.rglob("*.okrdesk"))


def test_importing_a_preview_leaves_out_what_was_unticked(plan: PlanService) -> None:
    preview = preview_markdown(KIRAN)
    excluded = {"o1", "o4", "o0.k0", "o0.k4"}
    report = import_preview(plan, preview, excluded=excluded, team="MayaData")
    assert (report.objectives, report.key_results) == (6, 32 - 4 - 4 - 2)
    titles = [o.title for o in plan.all(Objective)]
    # o1 (Q2) and o4 (Q1) are left out; the Q1 "Awareness" objective (o5) stays.
    assert sum(t.startswith("Increase the Awareness") for t in titles) == 1
    assert not any(t.startswith("Establish MayaData") for t in titles)
    first = next(o for o in plan.all(Objective) if o.title.startswith("Refine MayaData"))
    assert len(plan.children(KeyResult, first.id)) == 3
    assert {o.owner for o in plan.all(Objective)} == {"MayaData"}
    # The grades are reported (19 in the file; o4 and its 4 key results are left out) and
    # never taken as targets.
    assert len(report.grades) == 19 - 5
    grades = {grade for _, _, grade in report.grades}
    assert all(kr.target not in grades for kr in plan.all(KeyResult) if kr.target is not None)


def test_a_chosen_cycle_takes_every_objective(plan: PlanService) -> None:
    import_preview(plan, preview_markdown(KIRAN), cycle="2026 Q3")
    (cycle,) = plan.all(Cycle)
    assert cycle.name == "2026-Q3"
    assert {o.cycle_id for o in plan.all(Objective)} == {cycle.id}


def test_a_child_whose_parent_is_left_out_is_aligned_to_the_nearest_kept(
    plan: PlanService, tmp_path: Path
) -> None:
    path = tmp_path / "okrs.md"
    path.write_text(
        "### Objective: Top\n- KR: a\n#### Objective: Middle\n- KR: b\n"
        "##### Objective: Bottom\n- KR: c\n",
        encoding="utf-8",
    )
    import_preview(plan, preview_markdown(path), excluded={"o1"})
    by_title = {o.title: o for o in plan.all(Objective)}
    assert set(by_title) == {"Top", "Bottom"}
    assert by_title["Bottom"].aligned_to_id == by_title["Top"].id


def test_nothing_left_is_refused_and_nothing_written(plan: PlanService) -> None:
    preview = preview_markdown(KIRAN)
    with pytest.raises(ImportRefused, match="Found no objectives"):
        import_preview(plan, preview, excluded={o.key for o in preview.objectives})
    assert plan.count(Objective) == 0


def test_a_csv_preview(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text(
        "objective,key result,owner,cycle\nShip it,Users 100 (0.7),Ana,2026 Q1\n,,,\n",
        encoding="utf-8",
    )
    preview = preview_csv(path)
    (objective,) = preview.objectives
    (kr,) = objective.key_results
    assert (objective.title, objective.cycle, kr.text, kr.grade, kr.owner) == (
        "Ship it",
        "2026-Q1",
        "Users 100",
        0.7,
        "Ana",
    )


def test_a_file_that_is_no_document_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_text("### Grow\n" + "- KR: x\n" * 6000, encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"huge.md: .* at most 5,000 objectives"):
        preview_markdown(path)
