"""The plan's PDF, read back with pypdf: what it says and where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.report.document import ExportCancelled
from okrdesk.report.plan_report import export_plan_pdf
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ReportOptions
from tests.report.sample_plan import (
    MARKUP_TITLE,
    PRIVATE_MEETING,
    PRIVATE_NOTE,
    PUBLIC_NOTE,
    TODAY,
    page_texts,
)

pytestmark = pytest.mark.usefixtures("qapp")

Sample = tuple[PlanService, dict[str, str]]


def _export(sample: Sample, path: Path, **options: object) -> list[str]:
    plan, _ = sample
    export_plan_pdf(plan, path, ReportOptions(today=TODAY, **options))  # type: ignore[arg-type]
    return page_texts(path)


def test_content_titles_and_key_result_rows(report_plan: Sample, tmp_path: Path) -> None:
    pages = _export(report_plan, tmp_path / "plan.pdf")
    text = " ".join(pages)
    assert "Ada Example" in pages[0]
    assert "Ship the learning path" in text
    assert "New joiners take months to be productive." in text
    # The key result row: title, baseline → current → target with the unit, progress,
    # confidence, health.
    assert "Joiners productive in their first month" in text
    assert "2 → 8 → 10 people 75 % 7 in 10" in text
    assert "First cohort through the path" in text
    assert "A reusable onboarding track." in text


def test_markup_like_titles_are_printed_as_written(report_plan: Sample, tmp_path: Path) -> None:
    text = " ".join(_export(report_plan, tmp_path / "plan.pdf"))
    assert MARKUP_TITLE in text
    assert "learn faster & better" in text


def test_every_page_but_the_cover_has_its_number(report_plan: Sample, tmp_path: Path) -> None:
    pages = _export(report_plan, tmp_path / "plan.pdf")
    total = len(pages)
    assert "Page 1 of" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text


def test_contents_entries_point_to_their_pages(report_plan: Sample, tmp_path: Path) -> None:
    pages = _export(report_plan, tmp_path / "plan.pdf")
    contents = pages[1]
    assert contents.startswith("Contents")
    headings = [
        "Summary",
        MARKUP_TITLE,
        "Ship the learning path",
        "Keep the lights on",
        "Measure everything that matters",
        "One-on-ones",
    ]
    for heading in headings:
        found = re.search(re.escape(heading) + r"\s+(\d+)", contents)
        assert found is not None, heading
        page = int(found.group(1))
        assert page > 2
        assert heading in pages[page - 1], (heading, page)


def test_private_notes_only_with_the_flag(report_plan: Sample, tmp_path: Path) -> None:
    shared = " ".join(_export(report_plan, tmp_path / "shared.pdf"))
    assert PUBLIC_NOTE in shared
    assert PRIVATE_NOTE not in shared
    assert PRIVATE_MEETING not in shared
    assert "Private notes are left out." in shared
    private = " ".join(_export(report_plan, tmp_path / "private.pdf", include_private=True))
    assert PRIVATE_NOTE in private
    assert PRIVATE_MEETING in private
    assert "includes private notes" in private


def test_a_long_table_continues_with_its_header(report_plan: Sample, tmp_path: Path) -> None:
    pages = _export(report_plan, tmp_path / "plan.pdf")
    # Pages with rows of the table (the coach's summary names some rows too, not like this).
    with_rows = [(i, p) for i, p in enumerate(pages) if "0 → – → 100%" in p]
    assert len(with_rows) >= 2, "the 45-row table should need more than one page"
    assert [i for i, _ in with_rows] == list(range(with_rows[0][0], with_rows[-1][0] + 1))
    for _, text in with_rows:
        assert "BASELINE → CURRENT → TARGET" in text.upper()
    # Every row is there once, in order, none lost at a page break.
    rows = re.findall(r"Row (\d\d) measure", " ".join(p for _, p in with_rows))
    assert rows == [f"{i:02d}" for i in range(45)]


def test_nothing_runs_off_a_page(report_plan: Sample, tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    _export(report_plan, path)
    for page in PdfReader(path).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        positions: list[tuple[float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if text.strip():
                # Where the text starts on the page: the text matrix through the current
                # transformation matrix.
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                positions.append((x, y))  # noqa: B023

        page.extract_text(visitor_text=visit)
        assert positions
        for x, y in positions:
            # Inside the page, and off its edges by at least a quarter inch.
            assert 18 <= x <= width - 18 and 18 <= y <= height - 18, (x, y)


def test_letter_pages_and_a_cycle_filter(report_plan: Sample, tmp_path: Path) -> None:
    plan, ids = report_plan
    path = tmp_path / "q1.pdf"
    export_plan_pdf(plan, path, ReportOptions(cycle_id=ids["q1"], today=TODAY), page_size="Letter")
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = " ".join(page_texts(path))
    assert "Last quarter's objective" in text
    assert "Ship the learning path" not in text


def test_cancelling_leaves_no_file(report_plan: Sample, tmp_path: Path) -> None:
    plan, _ = report_plan
    path = tmp_path / "plan.pdf"
    calls: list[float] = []

    def progress(fraction: float, _message: str) -> None:
        calls.append(fraction)

    with pytest.raises(ExportCancelled):
        export_plan_pdf(
            plan,
            path,
            ReportOptions(today=TODAY),
            progress=progress,
            cancelled=lambda: len(calls) > 3,
        )
    assert not path.exists()
    assert list(tmp_path.glob("*.pdf*")) == []


def test_an_empty_plan_still_makes_a_document(plan: PlanService, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    result = export_plan_pdf(plan, path, ReportOptions(today=TODAY))
    text = " ".join(page_texts(path))
    assert result.pages >= 3
    assert "no missions or objectives here yet" in text


def test_next_steps_are_printed_under_their_objective(report_plan: Sample, tmp_path: Path):
    from datetime import date

    from okrdesk.domain.entities import KeyResult, NextStep
    from okrdesk.domain.enums import Blocker

    plan, ids = report_plan
    [kr] = [k for k in plan.children(KeyResult, ids["objective"]) if "productive" in k.title]
    plan.add(
        NextStep(
            key_result_id=kr.id,
            title="Ask HR for <the> start dates",
            due=date(2025, 5, 9),
            blocker=Blocker.WAITING_ON_OTHERS,
        )
    )
    plan.add(NextStep(key_result_id=kr.id, title="Pair every joiner", due=date(2025, 5, 22)))
    plan.add(NextStep(key_result_id=kr.id, title="Draft the buddy guide", done=True))
    text = " ".join(_export(report_plan, tmp_path / "plan.pdf"))
    # (The coach's section names the late step too, before the objectives.)
    section = text[text.index("Next steps") :]
    late = section.index("Ask HR for <the> start dates")
    assert "overdue since 9 May" in section[late : late + 80]
    assert "blocker: waiting on others" in section
    # Open ones soonest due first, done ones last.
    assert late < section.index("Pair every joiner") < section.index("Draft the buddy guide")
    assert "✓ done" in section
