"""Text for one line of a list, a tree or a message: shortened where it must be, never in
the middle of a word when a word boundary is near, and always with an ellipsis."""

from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """``text`` as it is when it fits in ``limit`` characters, else cut to fit with "…" at
    the end: after the last whole word when that keeps most of it, else mid-word."""
    if len(text) <= limit:
        return text
    room = max(limit - 1, 0)
    cut = text[:room]
    space = cut.rfind(" ")
    if space >= room * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def first_line(text: str, limit: int) -> str:
    """The first non-empty line of ``text``, shortened to ``limit`` characters."""
    for line in text.strip().splitlines():
        if line.strip():
            return shorten(line.strip(), limit)
    return ""
