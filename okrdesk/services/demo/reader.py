"""Strict reading of the demo's data: every value checked, every key accounted for.

A ``Table`` hands out one TOML table's values by type; a key nobody asked for is an error
when the document is closed (``close``), so a misspelt key or a table put under the wrong
parent fails loudly instead of quietly making a smaller demo. ``Keys`` checks the names
items are given (``key = "…"``) and the references to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import NoReturn, TypeVar

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")


class DemoDataError(ValueError):
    """The demo's data file is wrong; the text says where and how.

    A mistake in the shipped file, caught by the test suite, never a person's input: so
    the sentence is for developers and is not translated."""


class Table:
    """One table of the document, read by type; ``where`` names it in errors."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, Mapping):
            raise DemoDataError(f"{where}: expected a table, found {type(raw).__name__}")
        self.where = where
        self._raw: Mapping[str, object] = raw
        self._read: set[str] = set()
        self._children: list[Table] = []

    def fail(self, key: str, problem: str) -> NoReturn:
        raise DemoDataError(f"{self.where}.{key}: {problem}")

    def _take(self, key: str, required: bool) -> object | None:
        self._read.add(key)
        value = self._raw.get(key)
        if value is None and required:
            self.fail(key, "is required")
        return value

    def maybe_text(self, key: str) -> str | None:
        value = self._take(key, required=False)
        if value is not None and not isinstance(value, str):
            self.fail(key, f"expected text, found {value!r}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value = self.maybe_text(key)
        if value is None:
            return default if default is not None else self.fail(key, "is required")
        return value

    def maybe_number(self, key: str) -> float | None:
        value = self._take(key, required=False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"expected a number, found {value!r}")
        return float(value)

    def number(self, key: str, default: float | None = None) -> float:
        value = self.maybe_number(key)
        if value is None:
            return default if default is not None else self.fail(key, "is required")
        return value

    def maybe_whole(self, key: str) -> int | None:
        value = self._take(key, required=False)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(key, f"expected a whole number, found {value!r}")
        return value

    def whole(self, key: str, default: int | None = None) -> int:
        value = self.maybe_whole(key)
        if value is None:
            return default if default is not None else self.fail(key, "is required")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._take(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, found {value!r}")
        return value

    def pick(self, key: str, options: Mapping[str, V], default: V | None = None) -> V:
        """The option ``key`` names (a curve, a weekday…)."""
        name = self.maybe_text(key)
        if name is None:
            return default if default is not None else self.fail(key, "is required")
        if name not in options:
            self.fail(key, f"{name!r} is not one of {', '.join(options)}")
        return options[name]

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        return self.pick(key, {member.value: member for member in enum}, default)

    def pair(self, key: str) -> tuple[float, float]:
        value = self._take(key, required=True)
        if not isinstance(value, list) or len(value) != 2:
            self.fail(key, f"expected two numbers, found {value!r}")
        if any(isinstance(v, bool) or not isinstance(v, int | float) for v in value):
            self.fail(key, f"expected two numbers, found {value!r}")
        return float(value[0]), float(value[1])

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._take(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"expected a list of texts, found {value!r}")
        return tuple(value)

    def tables(self, key: str) -> list[Table]:
        """The array of tables ``[[key]]`` (none when absent), checked when this one is."""
        value = self._take(key, required=False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"expected an array of tables ([[{key}]]), found {value!r}")
        children = [Table(raw, f"{self.where}.{key}[{i}]") for i, raw in enumerate(value)]
        self._children += children
        return children

    def close(self) -> None:
        """Refuse any key of this table, or of a table read from it, that nobody read."""
        unknown = sorted(set(self._raw) - self._read)
        if unknown:
            raise DemoDataError(f"{self.where}: unknown key {', '.join(map(repr, unknown))}")
        for child in self._children:
            child.close()


class Keys:
    """The names items are given in the data, one namespace for all kinds: each defined
    once, and referred to only after it is defined (a parent is written before its
    children), as the kind the reference expects."""

    def __init__(self) -> None:
        self._kinds: dict[str, str] = {}

    def define(self, table: Table, kind: str) -> str | None:
        key = table.maybe_text("key")
        if key is not None:
            if key in self._kinds:
                table.fail("key", f"{key!r} is defined twice")
            self._kinds[key] = kind
        return key

    def maybe_refer(self, table: Table, field: str, kind: str | None) -> str | None:
        """The key ``field`` names, which must be defined above as a ``kind`` (None: any)."""
        key = table.maybe_text(field)
        if key is None:
            return None
        if key not in self._kinds:
            table.fail(field, f"{key!r} is not the key of an item defined above")
        if kind is not None and self._kinds[key] != kind:
            table.fail(field, f"{key!r} is the key of kind {self._kinds[key]}, not {kind}")
        return key

    def is_a(self, key: str, kind: str) -> bool:
        return self._kinds.get(key) == kind

    def refer(self, table: Table, field: str, kind: str | None) -> str:
        key = self.maybe_refer(table, field, kind)
        return key if key is not None else table.fail(field, "is required")


def refer_all(table: Table, keys: Keys, field: str, kind: str) -> tuple[str, ...]:
    """The keys the list ``field`` names, each defined above as a ``kind``."""
    named = table.texts(field)
    for key in named:
        if not keys.is_a(key, kind):
            table.fail(field, f"{key!r} is not the key of a {kind} defined above")
    return named
