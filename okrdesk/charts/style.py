"""How a chart looks where it is shown: on screen, on the review's presentation screen, on
paper. Pure data (no matplotlib, no Qt): the window builds a screen style from its palette,
the review mode and the PDF take theirs from here.

Sizes are in points. ``translate`` turns the charts' own words (``message(...)`` templates)
into the reader's language: the window passes its ``tr``, the PDF keeps the English.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from okrdesk.charts.tones import Surface, health_tone
from okrdesk.domain.health import Health
from okrdesk.domain.messages import render

# DejaVu Sans ships with matplotlib, so every medium measures and draws the same font.
FAMILY = ("DejaVu Sans",)


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class Colours:
    background: str = "#ffffff"
    text: str = "#1f2933"
    muted: str = "#616e7c"
    grid: str = "#d9dde2"
    track: str = "#e9ecef"
    accent: str = "#2e6db4"
    confidence: str = "#8e5bb5"
    expected: str = "#1f2933"
    # Text written on a coloured segment (a count inside a health bar).
    on_tone: str = "#ffffff"
    surface: Surface = Surface.LIGHT

    def health(self, health: Health) -> str:
        return health_tone(health, self.surface)

    @property
    def good(self) -> str:
        return self.health(Health.ON_TRACK)

    @property
    def bad(self) -> str:
        return self.health(Health.OFF_TRACK)

    @classmethod
    def for_background(cls, background: str, text: str, muted: str, accent: str) -> Colours:
        """A desktop palette's colours, with marks that read on its background."""
        surface = surface_for(background)
        if surface is Surface.LIGHT:
            return cls(
                background=background,
                text=text,
                muted=muted,
                accent=accent,
                expected=text,
                grid=mix(background, text, 0.16),
                track=mix(background, text, 0.09),
            )
        return cls(
            background=background,
            text=text,
            muted=muted,
            # An accent picked for light themes is often too dark on a dark background.
            accent=accent if lightness(accent) > 0.45 else mix(accent, "#ffffff", 0.35),
            confidence="#c39be6",
            expected=text,
            on_tone="#16181b",
            grid=mix(background, text, 0.22),
            track=mix(background, text, 0.13),
            surface=Surface.DARK,
        )


class Placement(StrEnum):
    """Where a bar's label goes: above it (a narrow pane) or beside it (a page)."""

    ABOVE = "above"
    BESIDE = "beside"


@dataclass(frozen=True)
class ChartStyle:
    colours: Colours = field(default_factory=Colours)
    family: tuple[str, ...] = FAMILY
    title_size: float = 11.5
    text_size: float = 9.5
    small_size: float = 8.5
    # Lines and markers are multiplied by this (thicker on a presentation screen).
    weight: float = 1.0
    labels: Placement = Placement.ABOVE
    # Each axes' own title (above a group of bars) bold at the title size, as on a page.
    bold_titles: bool = False
    # The figure's legend below the plot, or inside the axes' corner (small charts).
    legend_below: bool = True
    # The year of a date axis in its corner ("2027-Jan"): useful on screen, a stray mark
    # on a small chart.
    date_offset: bool = True
    # Room round the figure's edge and between its axes (inches, as matplotlib's layout).
    pad: float = 0.08
    spacing: float = 0.06
    translate: Callable[[str], str] = _english

    def say(self, text: str) -> str:
        """``text`` in the reader's language when it is a ``message``; user text as it is."""
        return render(text, self.translate)


def screen_style(colours: Colours, translate: Callable[[str], str] = _english) -> ChartStyle:
    """The window's chart pane."""
    return ChartStyle(colours=colours, translate=translate)


PRESENTATION_COLOURS = Colours(
    background="#0b0f14",
    text="#f5f7fa",
    muted="#c3ccd6",
    grid="#2e3b48",
    track="#2e3b48",
    accent="#7cc4ff",
    confidence="#c39be6",
    expected="#c3ccd6",
    on_tone="#0b0f14",
    surface=Surface.DARK,
)


def presentation_style(translate: Callable[[str], str] = _english) -> ChartStyle:
    """The review mode: large type and thick lines, read from across a table."""
    return ChartStyle(
        colours=PRESENTATION_COLOURS,
        title_size=20.0,
        text_size=16.0,
        small_size=15.0,
        weight=2.0,
        legend_below=False,
        date_offset=False,
        translate=translate,
    )


PRINT_COLOURS = Colours(
    background="#ffffff",
    text="#3e4c59",
    muted="#7b8794",
    grid="#e4e7eb",
    track="#e4e7eb",
    accent="#2e6db4",
    confidence="#8e5bb5",
    expected="#7b8794",
    surface=Surface.PRINT,
)


def print_style(accent: str = PRINT_COLOURS.accent, track: str = PRINT_COLOURS.track) -> ChartStyle:
    """The PDF: small type on white paper, labels beside their bars."""
    return ChartStyle(
        colours=replace(PRINT_COLOURS, accent=accent, track=track),
        title_size=8.5,
        text_size=7.5,
        small_size=7.0,
        weight=0.8,
        labels=Placement.BESIDE,
        bold_titles=True,
        legend_below=False,
        date_offset=False,
        pad=0.03,
        spacing=0.04,
    )


# -- colour arithmetic on "#rrggbb" --------------------------------------------------------------


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16) / 255, int(colour[2:4], 16) / 255, int(colour[4:6], 16) / 255)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def lightness(colour: str) -> float:
    r, g, b = _rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def surface_for(background: str) -> Surface:
    """Light or dark, by the lightness of a screen's background."""
    return Surface.LIGHT if lightness(background) >= 0.5 else Surface.DARK


def mix(a: str, b: str, share: float) -> str:
    """``a`` with ``share`` of ``b`` mixed in."""
    return _hex([x + (y - x) * share for x, y in zip(_rgb(a), _rgb(b), strict=True)])
