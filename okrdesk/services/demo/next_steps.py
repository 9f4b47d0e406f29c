"""The demo's next steps (the weekly rhythm): set on a slipping key result during a weekly
check-in pass, one done, one late, one still to come, so the tree, the coach, the agenda
and the calendar all have something to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from okrdesk.domain.entities import KeyResult, NextStep
from okrdesk.domain.enums import Blocker
from okrdesk.services.demo.reader import Table


@dataclass(frozen=True)
class NextStepSpec:
    title: str
    due_in: int  # days from today: negative ones fell due already
    done: bool
    blocker: Blocker | None

    @classmethod
    def parse(cls, table: Table) -> NextStepSpec:
        blocker = table.maybe_text("blocker")
        return cls(
            title=table.text("title"),
            due_in=table.whole("due_in"),
            done=table.flag("done"),
            blocker=None if blocker is None else table.choice("blocker", Blocker),
        )

    def record(self, key_result: KeyResult, today: date) -> NextStep:
        return NextStep(
            key_result_id=key_result.id,
            title=self.title,
            due=today + timedelta(days=self.due_in),
            done=self.done,
            blocker=self.blocker,
        )
