"""Fitting text to the room it has: shortened with an ellipsis, or wrapped over a few lines.

Widths are measured with matplotlib's own text metrics (the Agg renderer's, which the
screen draws with), never guessed from a character count: "WWW" and "iii" differ by three
times. Measurements are cached; a chart refits its labels on every layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

ELLIPSIS = "…"
# Renderers differ by a pixel or two (hinting; Qt draws the PDF's SVG text): keep a margin.
SAFETY = 1.04


@dataclass(frozen=True)
class Font:
    size: float
    bold: bool = False
    family: tuple[str, ...] = ("DejaVu Sans",)

    @classmethod
    def of(cls, text: Text) -> Font:
        weight = text.get_fontweight()
        bold = weight in ("bold", "heavy", "black", "semibold", "demibold") or (
            isinstance(weight, int | float) and weight >= 600
        )
        return cls(float(text.get_fontsize()), bold, tuple(text.get_fontfamily()))


@lru_cache(maxsize=8)
def _renderer(dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)  # type: ignore[no-untyped-call]


@lru_cache(maxsize=8192)
def text_size(text: str, font: Font, dpi: float) -> tuple[float, float, float]:
    """One line of ``text`` measured: its width, height and descent in pixels at ``dpi``."""
    prop = FontProperties(
        family=list(font.family), size=font.size, weight="bold" if font.bold else "normal"
    )
    measure = _renderer(dpi).get_text_width_height_descent
    width, height, descent = measure(text, prop, ismath=False)  # type: ignore[no-untyped-call]
    return float(width), float(height), float(descent)


def text_width(text: str, font: Font, dpi: float) -> float:
    """The width of one line of ``text`` in pixels at ``dpi``."""
    return text_size(text, font, dpi)[0] * SAFETY if text else 0.0


# Control characters have no glyph in any font (a title pasted from a terminal, or read
# from a plan another tool wrote): matplotlib would warn for each.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def elide(text: str, room: float, font: Font, dpi: float) -> str:
    """``text`` on one line, cut with "…" where it would pass ``room`` pixels."""
    text = one_line(text)
    if text_width(text, font, dpi) <= room:
        return text
    if text_width(ELLIPSIS, font, dpi) > room:
        return ""
    # The longest prefix that fits with its ellipsis.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, font, dpi) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


SEPARATOR = " · "


def wrap(text: str, room: float, font: Font, dpi: float, lines: int) -> list[str]:
    """``text`` broken into at most ``lines`` lines of ``room`` pixels: between its parts
    ("On track · progress 63 %") where it can, between words where a part is too long; the
    last line is cut with "…" when there is more, and so is a single word too long.

    A line's width is the sum of its pieces' (measured once each and remembered): a
    redraw that changes one number measures that part alone."""
    broken: list[tuple[str, str, float]] = []  # (line, what joined it to the next, width)
    current, width = "", 0.0
    separator = text_width(SEPARATOR, font, dpi)
    space = text_width(" ", font, dpi)
    for part in one_line(text).split(SEPARATOR):
        part_width = text_width(part, font, dpi)
        if current and width + separator + part_width <= room:
            current, width = f"{current}{SEPARATOR}{part}", width + separator + part_width
            continue
        if not current and part_width <= room:
            current, width = part, part_width
            continue
        if current:
            broken.append((current, SEPARATOR, width))
            current, width = "", 0.0
        if part_width <= room:
            current, width = part, part_width
            continue
        for word in part.split(" "):
            word_width = text_width(word, font, dpi)
            if current and width + space + word_width <= room:
                current, width = f"{current} {word}", width + space + word_width
            else:
                if current:
                    broken.append((current, " ", width))
                current, width = word, word_width
    broken.append((current, "", width))
    if len(broken) > lines:
        rest = "".join(line + joiner for line, joiner, _ in broken[lines - 1 :])
        broken[lines - 1 :] = [(rest, "", room + 1)]
    return [line if fits <= room else elide(line, room, font, dpi) for line, _, fits in broken]


def fit(text: str, room: float, font: Font, dpi: float, lines: int = 1) -> str:
    """``text`` shortened (one line) or wrapped (several) to ``room`` pixels; with several
    lines, its own line breaks are kept (each paragraph wrapped, all within ``lines``)."""
    if lines <= 1:
        return elide(text, room, font, dpi)
    wrapped: list[str] = []
    for paragraph in text.split("\n"):
        left = lines - len(wrapped)
        if left <= 0:
            if not wrapped[-1].endswith(ELLIPSIS):
                wrapped[-1] = elide(wrapped[-1] + ELLIPSIS, room, font, dpi)
            break
        wrapped += wrap(paragraph, room, font, dpi, left)
    return "\n".join(wrapped)
