"""Where the demo's records are collected, parents first, in the order a person adds them."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from okrdesk.domain.entities import PARENT_FIELD, Cycle, Item
from okrdesk.domain.enums import StakeholderKind

T = TypeVar("T", bound=Item)


@dataclass
class Builder:
    """The records made so far (numbering siblings as they come), the ids behind the data's
    keys, and what every builder needs to know: today, the plan's owner, its stakeholders."""

    today: date
    owner: str
    stakeholders: Mapping[StakeholderKind, str]
    records: list[Item] = field(default_factory=list)
    _ids: dict[str, str] = field(default_factory=dict)
    _cycles: dict[str, Cycle] = field(default_factory=dict)
    _positions: dict[tuple[type[Item], str | None], int] = field(
        default_factory=lambda: defaultdict(int)
    )

    def add(self, record: T, key: str | None = None) -> T:
        """Append ``record`` as the last of its siblings; ``key`` names it for later items."""
        parent_field = PARENT_FIELD.get(type(record))
        parent = None if parent_field is None else getattr(record, parent_field)
        position = self._positions[(type(record), parent)]
        self._positions[(type(record), parent)] += 1
        record = dataclasses.replace(record, position=position)
        self.records.append(record)
        if key is not None:
            self._ids[key] = record.id
            if isinstance(record, Cycle):
                self._cycles[key] = record
        return record

    def id(self, key: str) -> str:
        return self._ids[key]

    def maybe_id(self, key: str | None) -> str | None:
        return None if key is None else self._ids[key]

    def cycle(self, key: str) -> Cycle:
        return self._cycles[key]

    def owner_or(self, owner: str | None) -> str:
        """An item's owner: the one the data names, else the plan's owner."""
        return self.owner if owner is None else owner
