"""Numbers, dates and values as the report prints them."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.enums import KeyResultKind
from okrdesk.services.report_data import KeyResultRow

DASH = "–"
ARROW = " → "


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def number(value: float | None) -> str:
    """1,200 / 4.5 / 0.25; a dash for no value."""
    if value is None:
        return DASH
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def percent(value: float | None) -> str:
    return DASH if value is None else f"{round(value * 100)} %"


def with_unit(text: str, unit: str) -> str:
    if not unit or text == DASH:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def key_result_values(row: KeyResultRow) -> str:
    """Baseline → current → target with the unit, in the words each kind needs."""
    if row.kind is KeyResultKind.MILESTONE:
        return "Done" if row.progress >= 1.0 else "Not done yet"
    if row.kind is KeyResultKind.MAINTAIN and row.band is not None:
        low, high = row.band
        if low is not None and high is not None:
            band = f"{number(low)}–{with_unit(number(high), row.unit)}"
        elif low is not None:
            band = f"at least {with_unit(number(low), row.unit)}"
        else:
            band = f"at most {with_unit(number(high), row.unit)}"
        return f"Keep {band}; now {with_unit(number(row.current), row.unit)}"
    if row.kind is KeyResultKind.BASELINE:
        measured = with_unit(number(row.current), row.unit)
        return "To be measured" if row.current is None else f"Measured: {measured}"
    values = ARROW.join(number(v) for v in (row.baseline, row.current, row.target))
    return with_unit(values, row.unit)


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
