"""Two okrdesk processes writing to one plan at once: both succeed, nothing is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from okrdesk.domain.entities import Mission
from okrdesk.services.plan import PlanService

WRITER = r"""
import sys
from pathlib import Path
from okrdesk.domain.entities import Mission
from okrdesk.services.plan import PlanService

plan = PlanService.open(Path(sys.argv[1]))
for i in range(150):
    plan.create(Mission, title=f"{sys.argv[2]}-{i}")
    if i % 10 == 0:
        first = plan.children(Mission, None)[0]
        plan.move(Mission, first.id, None, 5)
plan.close()
"""


def test_two_writers_interleave_safely(tmp_path: Path) -> None:
    path = tmp_path / "shared.okrdesk"
    PlanService.open(path).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in "AB"]
    assert [w.wait(timeout=240) for w in writers] == [0, 0]
    plan = PlanService.open(path)
    missions = plan.all(Mission)
    plan.close()
    assert sorted(m.title for m in missions) == sorted(
        f"{name}-{i}" for name in "AB" for i in range(150)
    )
    positions = [m.position for m in missions]
    assert len(set(positions)) == len(positions)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
