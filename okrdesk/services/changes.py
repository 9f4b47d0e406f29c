"""What one change did to the plan, said once, so each view decides alone what to redo.

Anki's ``OpChanges`` is the model: an operation returns a description of what it touched,
the GUI emits it once, and a pane that shows none of it does nothing. Here the description
is a frozen ``PlanChanges``:

- ``touched``: the items written (added, edited, deleted, moved), by type, plus the parent
  of every item added, removed or moved (its children changed) and the key result of every
  check-in (its numbers changed);
- ``reshaped``: the kinds of items added, removed or moved (a tree of the plan showing
  them changes shape; one that does not show them only patches their parents);
- ``focus``: the item to select afterwards (None keeps the selection);
- ``initiator``: who asked for the change (a pane does not reload what it just wrote);
- ``facts``: the plan's own facts written (its owner, its purpose, its settings), by name;
- ``everything``: another plan, another cycle, a restored backup: redo it all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from okrdesk.domain.entities import (
    ITEM_TYPES,
    PARENT_FIELD,
    REFERENCE_TARGETS,
    CheckIn,
    Item,
    KeyResult,
    MilestoneSkill,
    MissionLink,
    NoteSkill,
    Objective,
    Skill,
)

Touched = Mapping[type[Item], frozenset[str]]
_NOTHING: Touched = MappingProxyType({})


def _frozen(touched: Mapping[type[Item], Iterable[str]]) -> Touched:
    return MappingProxyType({cls: frozenset(ids) for cls, ids in touched.items() if ids})


@dataclass(frozen=True, slots=True)
class PlanChanges:
    touched: Touched = field(default_factory=lambda: _NOTHING)
    reshaped: frozenset[type[Item]] = frozenset()
    focus: str | None = None
    initiator: object = None
    everything: bool = False
    facts: frozenset[str] = frozenset()

    # -- making ----------------------------------------------------------------------------

    @classmethod
    def edited(cls, record: Item, *, moved_from: str | None = None) -> PlanChanges:
        """``record``'s fields changed; ``moved_from`` names its old parent when the edit
        gave it another one (which reshapes the tree)."""
        touched = _touched_by(record)
        if moved_from is not None:
            touched.setdefault(_parent_type(record), set()).add(moved_from)
        reshaped = frozenset({type(record)}) if moved_from is not None else frozenset()
        return cls(_frozen(touched), reshaped=reshaped, focus=record.id)

    @classmethod
    def added(cls, records: Iterable[Item], focus: str | None = None) -> PlanChanges:
        """``records`` were added (their parents' children changed)."""
        touched: dict[type[Item], set[str]] = {}
        kinds: set[type[Item]] = set()
        for record in records:
            kinds.add(type(record))
            for kind, ids in _touched_by(record, with_parent=True).items():
                touched.setdefault(kind, set()).update(ids)
        return cls(_frozen(touched), reshaped=frozenset(kinds), focus=focus)

    @classmethod
    def removed(cls, records: Iterable[Item], focus: str | None = None) -> PlanChanges:
        """``records`` were deleted (their parents' children changed)."""
        return replace(cls.added(records), focus=focus)

    @classmethod
    def all(cls, focus: str | None = None) -> PlanChanges:
        """Anything may have changed: another plan, another cycle, a restored file."""
        return cls(reshaped=frozenset(ITEM_TYPES), everything=True, focus=focus)

    def merged(self, later: PlanChanges) -> PlanChanges:
        """This change followed by ``later``, as one (a compound step, a macro)."""
        touched: dict[type[Item], set[str]] = {cls: set(ids) for cls, ids in self.touched.items()}
        for cls, ids in later.touched.items():
            touched.setdefault(cls, set()).update(ids)
        return PlanChanges(
            _frozen(touched),
            reshaped=self.reshaped | later.reshaped,
            focus=later.focus if later.focus is not None else self.focus,
            initiator=self.initiator if self.initiator is not None else later.initiator,
            everything=self.everything or later.everything,
            facts=self.facts | later.facts,
        )

    def by(self, initiator: object) -> PlanChanges:
        return replace(self, initiator=initiator)

    def focusing(self, focus: str | None) -> PlanChanges:
        return replace(self, focus=focus)

    # -- asking ----------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return not (self.touched or self.reshaped or self.everything or self.facts)

    def ids(self, cls: type[Item]) -> frozenset[str]:
        return self.touched.get(cls, frozenset())

    def touches(self, *classes: type[Item]) -> bool:
        """Whether items of any of ``classes`` changed (always, after ``everything``)."""
        return self.everything or any(cls in self.touched for cls in classes)

    def touches_fact(self, name: str) -> bool:
        """Whether the plan fact ``name`` (``"owner"``…) was written (always, after
        ``everything``)."""
        return self.everything or name in self.facts

    def reshapes(self, *classes: type[Item]) -> bool:
        """Whether items of any of ``classes`` were added, removed or moved."""
        return self.everything or any(cls in self.reshaped for cls in classes)

    def touches_item(self, cls: type[Item], item_id: str) -> bool:
        return self.everything or item_id in self.touched.get(cls, ())

    def pairs(self) -> frozenset[tuple[type[Item], str]]:
        """Every touched (type, id), for code that patches item by item."""
        return frozenset((cls, item_id) for cls, ids in self.touched.items() for item_id in ids)


def _parent_type(record: Item) -> type[Item]:
    return REFERENCE_TARGETS[PARENT_FIELD[type(record)]]


def _touched_by(record: Item, *, with_parent: bool = False) -> dict[type[Item], set[str]]:
    touched: dict[type[Item], set[str]] = {type(record): {record.id}}
    if isinstance(record, CheckIn):
        # A check-in changes its key result's numbers, whatever else it does.
        touched.setdefault(KeyResult, set()).add(record.key_result_id)
    elif isinstance(record, MissionLink):
        # A link changes both of its ends: the objective is served by one mission more.
        touched.setdefault(Objective, set()).add(record.objective_id)
    elif isinstance(record, MilestoneSkill | NoteSkill):
        # So does a skill named by a milestone or a note: the skill's story changed.
        touched.setdefault(Skill, set()).add(record.skill_id)
    parent_field = PARENT_FIELD.get(type(record))
    parent = None if parent_field is None else getattr(record, parent_field)
    if with_parent and parent is not None:
        touched.setdefault(_parent_type(record), set()).add(parent)
    return touched
