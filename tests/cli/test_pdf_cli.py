"""`okrdesk export pdf`: writes the report without a window, with its options."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk.cli import main
from okrdesk.services.plan import PlanService
from tests.report.sample_plan import MARKUP_TITLE, PRIVATE_NOTE, build_plan, page_texts

# A QApplication made first, so the command finds one (as the window would have made).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def plan_file(plan_path: Path) -> Path:
    plan = PlanService.open(plan_path)
    try:
        build_plan(plan)
    finally:
        plan.close()
    return plan_path


def test_export_pdf_with_its_options(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    status = main(
        [
            "--db",
            str(plan_file),
            "export",
            "pdf",
            str(out),
            "--cycle",
            "2025-Q2",
            "--mission",
            "<b>grow",
            "--include-private",
            "--page-size",
            "letter",
        ]
    )
    assert status == 0
    said = capsys.readouterr().out
    assert f"Exported the plan to {out}" in said and "pages" in said
    text = " ".join(page_texts(out))
    assert MARKUP_TITLE in text and PRIVATE_NOTE in text
    assert "Keep the lights on" not in text
    box = PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == 612


def test_private_notes_are_left_out_by_default(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    assert main(["export", "pdf", str(out), "--db", str(plan_file)]) == 0
    assert "private notes were left out" in capsys.readouterr().out
    assert PRIVATE_NOTE not in " ".join(page_texts(out))


def test_an_unknown_cycle_is_one_line_and_writes_nothing(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    assert main(["--db", str(plan_file), "export", "pdf", str(out), "--cycle", "2031"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("okrdesk: no cycle") and error.count("\n") == 1
    assert not out.exists()


def test_a_missing_folder_is_one_line(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "report.pdf"
    assert main(["--db", str(plan_file), "export", "pdf", str(out)]) == 1
    error = capsys.readouterr().err
    assert error == f"okrdesk: The folder {out.parent} does not exist; nothing was written.\n"


def test_a_page_size_okrdesk_does_not_know(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    assert main(["--db", str(plan_file), "export", "pdf", str(out), "--page-size", "A5"]) == 2
    assert "A5" in capsys.readouterr().err
