"""Confidence as people say it: "7 in 10". The one place it is read and written for them.

Inside okrdesk (the domain, the store, the exchange format, ``okrdesk list --format json``)
a confidence is a number from 0.0 to 1.0; people see and type it as "x in 10", the common
OKR convention ("how sure are you, in 10?"). Every form, dialog, table, agenda text, coach
sentence, the command line, the review mode and the PDF go through this module.

What ``parse_confidence`` accepts (spaces and case do not matter, a decimal comma is a
decimal point):

- ``7``, ``7.5``: a bare number from 1 to 10 is in 10 (``1`` is 1 in 10; ``10`` is certain);
- ``7/10``, ``7 in 10``, ``7 of 10``, ``7 out of 10``: in 10, from 0 to 10;
- ``70 %``, ``70%``: a percentage, from 0 to 100;
- ``0.7``: a bare number below 1 is a fraction of one, the way older plans and scripts
  wrote it (0.7 is 7 in 10; nobody means seven hundredths). Half a point is ``0.5/10``;
- ``0`` is 0 in 10 either way; empty text is "not set" (None).

Anything else (a word, a negative number, 11, 120 %) is refused with one sentence. What is
shown is rounded to a tenth of a point: 0.7 is "7 in 10", 0.75 "7.5 in 10".
"""

from __future__ import annotations

import re

from okrdesk.domain.messages import Message, message
from okrdesk.domain.validation import ValidationError

SCALE = 10
FIELD = "confidence"

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_WRITTEN = re.compile(
    rf"^(?P<number>{_NUMBER})\s*(?:(?P<percent>%)|(?P<tenths>/\s*10|(?:out\s+)?of\s+10|in\s+10))?$"
)


def parse_confidence(text: str) -> float | None:
    """The 0–1 confidence ``text`` stands for (see the module's notes); None when empty.

    Raises ValidationError (field "confidence") with a sentence saying how to write it."""
    written = " ".join(text.split()).casefold().replace(",", ".")
    if not written:
        return None
    found = _WRITTEN.match(written)
    if found is None:
        raise ValidationError(
            FIELD,
            message(
                "Confidence is how sure you are, in 10: write 7 or 7 in 10, not “{text}”.",
                text=text.strip(),
            ),
        )
    number = float(found["number"])
    if found["percent"]:
        value, top = number / 100, 100.0
    elif found["tenths"] or number >= 1:
        value, top = number / SCALE, float(SCALE)
    else:
        value, top = number, 1.0
    if not 0 <= number <= top:
        raise ValidationError(
            FIELD,
            message(
                "Confidence goes from 0 to 10 (7 means 7 in 10), not “{text}”.", text=text.strip()
            ),
        )
    return round(value, 3)


def confidence_points(value: float) -> str:
    """The number of points in 10, to a tenth: 0.7 -> "7", 0.75 -> "7.5"."""
    points = round(value * SCALE, 1) + 0.0  # + 0.0: never "-0"
    return f"{points:g}"


def confidence_text(value: float | None, missing: str = "") -> str:
    """Like "7 in 10" (a Message, translated where shown); ``missing`` when not set."""
    if value is None:
        return missing
    return message("{points} in 10", points=confidence_points(value))


def confidence_change(before: float, now: float) -> Message:
    """Like "8 → 5 in 10 (-3)", or "5 in 10, unchanged" when the points are the same."""
    shift = round((now - before) * SCALE, 1) + 0.0
    if shift == 0:
        return message("{now} in 10, unchanged", now=confidence_points(now))
    return message(
        "{before} → {now} in 10 ({shift})",
        before=confidence_points(before),
        now=confidence_points(now),
        shift=f"{shift:+g}",
    )
