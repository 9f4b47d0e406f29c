"""Column types that read any stored value without raising.

SQLite stores what it is given: a plan edited by another tool, or written by a broken
version, may hold an unknown word in an enum column, text in a number column or a date
that is no date. SQLAlchemy's own types raise on such a value (LookupError, ValueError), and
one raising row made every command fail, exports and the window included. These types map
a value they cannot read to a safe one (the field's default, or nothing where the field may
be empty), so every read works; ``okrdesk.store.repairs`` finds the same values with SQL and
names each item and field for the person to repair.

In the file they are declared exactly as before (VARCHAR(32), FLOAT, DATE, DATETIME,
INTEGER), so no migration is needed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# What an unreadable required date or time reads as: a day that is plainly a placeholder.
FALLBACK_DAY = date(2000, 1, 1)
FALLBACK_TIME = datetime(2000, 1, 1)

Processor = Callable[[Any], Any]


class SafeEnum(TypeDecorator[Any]):
    """An enum stored as its value (lower-case text); an unknown value reads as
    ``fallback``."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum: type[Enum], fallback: Enum | None) -> None:
        super().__init__()
        self.enum = enum
        self.fallback = fallback
        self._members = {m.value: m for m in enum}

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return value.value if isinstance(value, Enum) else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self._members.get(value, self.fallback)

    @property
    def python_type(self) -> type[Enum]:
        return self.enum


def read_float(value: Any, fallback: float | None) -> float | None:
    """A stored number as a float, or ``fallback`` for text, bytes or a non-finite value."""
    if type(value) is float:
        return value if math.isfinite(value) else fallback
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            return fallback
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return fallback
        return number if math.isfinite(number) else fallback
    return fallback


class SafeFloat(TypeDecorator[float]):
    impl = Float
    cache_ok = True

    def __init__(self, fallback: float | None = None) -> None:
        super().__init__()
        self.fallback = fallback

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        return read_float(value, self.fallback)


class SafeInteger(TypeDecorator[int]):
    """An integer (a position, a level); anything else reads as ``fallback``."""

    impl = Integer
    cache_ok = True

    def __init__(self, fallback: int | None = 0) -> None:
        super().__init__()
        self.fallback = fallback

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        if type(value) is int or value is None:
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        return self.fallback


def _guarded(inner: Processor | None, fallback: Any) -> Processor:
    def process(value: Any) -> Any:
        if value is None:
            return None
        if inner is None:
            return value
        try:
            return inner(value)
        except (ValueError, TypeError, OverflowError):
            return fallback

    return process


class SafeDate(TypeDecorator[date]):
    """A day; text that is no day reads as ``fallback``."""

    impl = Date
    cache_ok = True

    def __init__(self, fallback: date | None = None) -> None:
        super().__init__()
        self.fallback = fallback

    # The dialect's own reading (SQLite's text to date), with a fallback instead of the
    # ValueError it raises: process_result_value would only see values it did not raise on.
    def result_processor(self, dialect: Dialect, coltype: Any) -> Processor:
        return _guarded(self.impl_instance.result_processor(dialect, coltype), self.fallback)


class SafeDateTime(TypeDecorator[datetime]):
    """A time stamp; text that is none reads as ``fallback``."""

    impl = DateTime
    cache_ok = True

    def __init__(self, fallback: datetime | None = None) -> None:
        super().__init__()
        self.fallback = fallback

    def result_processor(self, dialect: Dialect, coltype: Any) -> Processor:
        return _guarded(self.impl_instance.result_processor(dialect, coltype), self.fallback)


def read_text(value: Any) -> Any:
    """Text as text: bytes (a BLOB stored in a text column) decoded, never raising."""
    if type(value) is str or value is None:
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


class _ReadsAsText:
    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return value if type(value) is str else read_text(value)


class SafeString(_ReadsAsText, TypeDecorator[str]):
    """VARCHAR(n); a BLOB or a number stored there reads as text."""

    impl = String
    cache_ok = True


class SafeText(_ReadsAsText, TypeDecorator[str]):
    """TEXT; a BLOB or a number stored there reads as text."""

    impl = Text
    cache_ok = True
