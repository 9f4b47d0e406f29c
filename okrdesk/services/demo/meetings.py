"""One-on-ones in the demo's data, with their four sections and their action items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from okrdesk.domain.entities import MEETING_SECTIONS, ActionItem, Meeting
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.dates import WEEKDAYS, latest_weekday
from okrdesk.services.demo.reader import Keys, Table


@dataclass(frozen=True)
class ActionItemSpec:
    text: str
    owner: str | None  # None: the plan's owner
    due_after: int  # days after the meeting
    done: bool

    @classmethod
    def parse(cls, table: Table) -> ActionItemSpec:
        return cls(
            text=table.text("text"),
            owner=table.maybe_text("owner"),
            due_after=table.whole("due_after"),
            done=table.flag("done"),
        )


@dataclass(frozen=True)
class MeetingSpec:
    """A one-on-one on the latest ``weekday`` up to today (not before its cycle's start)."""

    key: str | None
    cycle: str
    weekday: int
    counterpart: str
    sections: dict[str, str]  # section name (MEETING_SECTIONS) → text
    private: frozenset[str]  # the sections only the person sees
    action_items: tuple[ActionItemSpec, ...]

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> MeetingSpec:
        return cls(
            key=keys.define(table, "meeting"),
            cycle=keys.refer(table, "cycle", "cycle"),
            weekday=table.pick("weekday", {day: i for i, day in enumerate(WEEKDAYS)}),
            counterpart=table.text("counterpart"),
            sections={name: table.text(name, "") for name in MEETING_SECTIONS},
            private=frozenset(name for name in MEETING_SECTIONS if table.flag(f"{name}_private")),
            action_items=tuple(ActionItemSpec.parse(t) for t in table.tables("action_items")),
        )

    def build(self, into: Builder) -> None:
        cycle = into.cycle(self.cycle)
        met = latest_weekday(self.weekday, into.today, not_before=cycle.start)
        text, private = self.sections, self.private
        meeting = Meeting(
            date=met,
            counterpart=self.counterpart,
            cycle_id=cycle.id,
            progress=text["progress"],
            difficulties=text["difficulties"],
            development=text["development"],
            feedback=text["feedback"],
            progress_private="progress" in private,
            difficulties_private="difficulties" in private,
            development_private="development" in private,
            feedback_private="feedback" in private,
        )
        meeting = into.add(meeting, self.key)
        for item in self.action_items:
            into.add(
                ActionItem(
                    meeting_id=meeting.id,
                    text=item.text,
                    owner=into.owner_or(item.owner),
                    due=met + timedelta(days=item.due_after),
                    done=item.done,
                )
            )
