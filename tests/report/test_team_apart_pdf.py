"""The PDF of a small plan beside a company's 138 imported objectives: its summary is the
person's, and it prints only the team objectives the person's work aligns to, unless asked
for every one (issue 17, point 2)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import Objective
from okrdesk.report.plan_report import TEAM_HEADING_ALIGNED, export_plan_pdf
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ReportOptions
from tests.builders import own_plan_with_team
from tests.report.sample_plan import page_texts

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = date(2026, 2, 1)


def test_the_summary_is_the_persons_and_only_the_aligned_team_objectives_are_printed(
    plan: PlanService, tmp_path: Path
) -> None:
    built = own_plan_with_team(plan)
    others = [o for o in plan.all(Objective) if o.id in built.team_ids]
    unaligned = next(o for o in others if o.id not in {built.aligned_to.id, built.served.id})
    out = tmp_path / "mine.pdf"
    result = export_plan_pdf(plan, out, ReportOptions(today=TODAY))
    pages = page_texts(out)
    text = " ".join(pages)
    summary = next(page for page in pages if "Where the plan stands" in page)
    assert "3 objectives 3 key results 42 % average progress" in summary
    assert "0 % average" not in text
    assert "138 team objectives, context that is not counted here" in summary
    assert "the 2 your work aligns to are listed at the end" in summary
    assert TEAM_HEADING_ALIGNED in text
    assert built.aligned_to.title[:40] in text and built.served.title[:40] in text
    assert "Aligned to it My objective 1" in text
    assert unaligned.title[:40] not in text
    # The company's objectives printed in full took 57 of 65 pages (issue 17).
    assert result.pages <= 8

    every = tmp_path / "every.pdf"
    assert main(["--db", str(plan.path), "export", "pdf", str(every), "--all-team-objectives"]) == 0
    every_text = " ".join(page_texts(every))
    assert unaligned.title[:40] in every_text
    assert "all of them are listed at the end" in every_text
