"""Kill okrdesk's store mid-write, again and again: nothing acknowledged may be lost and
nothing half-done may appear."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from okrdesk.domain.entities import CheckIn, KeyResult, Mission, Objective
from okrdesk.services.plan import PlanService

# Each step is one service call, so one transaction: a mission together with its objective
# (add_all), then a check-in on the shared key result. A line is printed only after the
# call has returned, i.e. after the commit.
CHILD = r"""
import sys, dataclasses
from datetime import date
from pathlib import Path
from okrdesk.domain.entities import CheckIn, Mission, Objective
from okrdesk.services.plan import PlanService

plan = PlanService.open(Path(sys.argv[1]))
run, kr_id = sys.argv[2], sys.argv[3]
print("ready", flush=True)
i = 0
while True:
    mission = Mission(title=f"m-{run}-{i}")
    plan.add_all([mission, Objective(title=f"o-{run}-{i}", mission_id=mission.id)])
    print("mission", mission.title, flush=True)
    plan.create(CheckIn, key_result_id=kr_id, date=date(2026, 10, 1), value=i, note=f"{run}-{i}")
    print("checkin", f"{run}-{i}", flush=True)
    plan.update(Mission, mission.id, statement="edited")
    print("edit", mission.title, flush=True)
    i += 1
"""


def read_acks(child: subprocess.Popen[bytes], seconds: float, until: str = "") -> list[str]:
    """Lines the child printed within ``seconds`` (sooner once a line equals ``until``)."""
    assert child.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    fd = child.stdout.fileno()
    buffer = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        lines += [line.decode() for line in complete]
        if until and until in lines:
            break
    return lines


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "crash.okrdesk"
    plan = PlanService.open(path)
    objective = plan.create(Objective, title="Holder")
    kr = plan.create(KeyResult, title="Counter", objective_id=objective.id, baseline=0, target=1e9)
    plan.close()
    rng = random.Random(20261123)
    acknowledged: list[str] = []
    env = dict(os.environ)
    for run in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(run), kr.id],
            stdout=subprocess.PIPE,
            env=env,
        )
        first = read_acks(child, 30, until="ready")
        assert first[:1] == ["ready"], first
        acknowledged += first[1:] + read_acks(child, rng.uniform(0.01, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        acknowledged += read_acks(child, 0.2)
        assert child.stdout is not None
        child.stdout.close()

        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.close()
        reopened = PlanService.open(path)
        missions = {m.title: m for m in reopened.all(Mission)}
        objectives = {o.mission_id for o in reopened.all(Objective)}
        notes = {c.note for c in reopened.all(CheckIn)}
        reopened.close()
        for ack in acknowledged:
            kind, name = ack.split(" ", 1)
            if kind == "mission":
                assert name in missions
            elif kind == "checkin":
                assert name in notes
            elif kind == "edit":
                assert missions[name].statement == "edited"
        # Nothing half-done: every mission came with its objective, in one transaction.
        assert all(m.id in objectives for m in missions.values())
    assert len([a for a in acknowledged if a.startswith("mission")]) >= 20
