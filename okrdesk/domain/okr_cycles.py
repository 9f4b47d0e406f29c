"""Cycle names as organisations write them, and the dates they stand for.

Rules (documented here because an import creates cycles from names alone):

- ``2019-Q4``, ``2019 Q4``, ``Q4 2019``, ``Q4/2019``: a calendar quarter (Q4 = 1 Oct - 31 Dec).
- ``2019-H1`` / ``H2 2019``: a calendar half year.
- ``FY21-Q1``, ``FY2021 Q1``, ``Q1 FY21``: a fiscal quarter. A fiscal year is named after the
  calendar year it ends in and starts on 1 February of the year before (GitLab's convention:
  FY21 runs 1 Feb 2020 - 31 Jan 2021, so FY21-Q1 is Feb-Apr 2020). Other organisations use
  other fiscal calendars; the dates stay editable after the import.
- ``FY21`` alone: the whole fiscal year; ``2019`` alone is not found in a title (too often
  a year merely mentioned), but a section heading that is only a year names that calendar
  year (``section_cycle``), and so does the cycle name "2019".
- Anything else: no dates; the importer then makes a three-month cycle starting today.

Names are normalised to ``2019-Q4``, ``2019-H1``, ``FY21-Q1`` and ``FY21`` so that the same
cycle written two ways is found again rather than created twice.

okrdesk's own cycles are calendar quarters named ``2026 Q4`` (``quarter_cycle``): a new
plan starts with the current one, and "Add next quarter" adds the one after the latest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from okrdesk.domain.entities import Cycle

FISCAL_YEAR_START_MONTH = 2

_CALENDAR = re.compile(
    r"(?<![\w-])(?:(?P<y1>(?:19|20)\d\d)\s*[-/ ]?\s*(?P<p1>(?:Q[1-4]|H[12]))"
    r"|(?P<p2>(?:Q[1-4]|H[12]))\s*[-/ ]?\s*(?P<y2>(?:19|20)\d\d))(?![\w])",
    re.IGNORECASE,
)
_FISCAL = re.compile(
    r"(?<![\w])(?:FY\s*'?(?P<fy1>\d{2}|\d{4})(?:\s*[-/ ]?\s*(?P<p1>(?:Q[1-4]|H[12])))?"
    r"|(?P<p2>(?:Q[1-4]|H[12]))\s*[-/ ]?\s*FY\s*'?(?P<fy2>\d{2}|\d{4}))(?![\w])",
    re.IGNORECASE,
)


def normalise_cycle_name(text: str) -> str:
    """The first cycle named in ``text`` in its canonical spelling, or '' if none."""
    fiscal = _FISCAL.search(text)
    calendar = _CALENDAR.search(text)
    if fiscal and (calendar is None or fiscal.start() <= calendar.start()):
        year = fiscal.group("fy1") or fiscal.group("fy2") or ""
        part = (fiscal.group("p1") or fiscal.group("p2") or "").upper()
        short = year[-2:]
        return f"FY{short}-{part}" if part else f"FY{short}"
    if calendar:
        year = calendar.group("y1") or calendar.group("y2")
        part = (calendar.group("p1") or calendar.group("p2")).upper()
        return f"{year}-{part}"
    return ""


_CYCLE_LABEL = re.compile(
    r"\s{0,3}(?:cycle|quarter|period)\s{0,3}:\s{0,3}(?P<name>\S.{0,200})", re.I
)
_BARE_YEAR = re.compile(r"(?<![\w-])(?P<year>(?:19|20)\d\d)(?![\w-])")
_BARE_PERIOD = re.compile(r"(?<![\w-])(?P<period>Q[1-4]|H[12])(?![\w-])", re.IGNORECASE)


def section_cycle(heading: str) -> str:
    """The cycle a section heading names: a full name ("2019 Q4" -> "2019-Q4"), else a year
    or a quarter without its year as written ("2020", "Q2"), so that sections stay apart;
    '' for a heading of more than six words (an objective that mentions a year)."""
    labelled = _CYCLE_LABEL.match(heading)
    if labelled is not None:  # "Cycle: Autumn push", as okrdesk's own export writes it
        return normalise_cycle_name(labelled.group("name")) or labelled.group("name").strip()
    canonical = normalise_cycle_name(heading)
    if canonical:
        return canonical
    if len(heading.split()) > 6:
        return ""
    period = _BARE_PERIOD.search(heading)
    if period is not None:
        return period.group("period").upper()
    year = _BARE_YEAR.search(heading)
    return year.group("year") if year is not None else ""


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


def _span(first_month: date, months: int) -> tuple[date, date]:
    return first_month, _add_months(first_month, months) - timedelta(days=1)


def cycle_dates(name: str) -> tuple[date, date] | None:
    """(start, end) of a cycle named as ``normalise_cycle_name`` spells it, else None."""
    canonical = normalise_cycle_name(name)
    if not canonical:
        year = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", name)
        return _span(date(int(year.group(1)), 1, 1), 12) if year else None
    if canonical.startswith("FY"):
        year_part, _, period = canonical[2:].partition("-")
        fiscal_year = 2000 + int(year_part)
        start = date(fiscal_year - 1, FISCAL_YEAR_START_MONTH, 1)
        if not period:
            return _span(start, 12)
        return _period_span(start, period)
    year_text, _, period = canonical.partition("-")
    return _period_span(date(int(year_text), 1, 1), period)


def _period_span(year_start: date, period: str) -> tuple[date, date]:
    number = int(period[1])
    if period[0] == "Q":
        return _span(_add_months(year_start, 3 * (number - 1)), 3)
    return _span(_add_months(year_start, 6 * (number - 1)), 6)


def default_cycle_dates(today: date) -> tuple[date, date]:
    """Three months starting today: for a document that names no cycle."""
    end = _add_months(date(today.year, today.month, 1), 3) + timedelta(days=today.day - 1)
    # Clamp for month ends (31 Jan + 3 months lands in May; keep the span three months).
    return today, end - timedelta(days=1)


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding ``day``."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return start, next_start - timedelta(days=1)


def quarter_name(start: date) -> str:
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def quarter_cycle(day: date, position: int = 0) -> Cycle:
    """The cycle of the quarter holding ``day``, named as okrdesk names quarters."""
    start, end = quarter_of(day)
    return Cycle(name=quarter_name(start), start=start, end=end, position=position)


def next_quarter_cycle(cycles: Sequence[Cycle], today: date) -> Cycle:
    """The quarter to plan next: the one after the latest cycle, or today's when every
    cycle ended before it (an old imported cycle says nothing about what comes next),
    skipping quarters whose name a cycle has already."""
    day = today
    if cycles:
        day = max(today, max(c.end for c in cycles) + timedelta(days=1))
    taken = {normalise_cycle_name(c.name) or c.name.strip().casefold() for c in cycles}
    position = max((c.position for c in cycles), default=-1) + 1
    found = quarter_cycle(day, position)
    while normalise_cycle_name(found.name) in taken:
        found = quarter_cycle(found.end + timedelta(days=1), position)
    return found
