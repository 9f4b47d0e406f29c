"""The one table of health colours: every place that colours a health (the charts, the
PDF, the tree's progress bars, the alignment diagram, the meeting panel) reads it here.

Pure data: no Qt, no matplotlib. One hue per health on every surface, so "off track" is
the same red in the tree, the chart, the review and the PDF; only the shade changes with
what it is drawn on. Each colour reaches at least 3:1 against its surface (WCAG's level for
graphics) except abandoned, a faint grey on purpose and always written beside its word;
where a health is written *in* its colour, the GUI darkens or lightens the shade until the
text reaches 4.5:1 (``okrdesk.gui.core.theme.health_text_colour``).

The words stay those of ``okrdesk.domain.health`` (``Health.label``); never colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from okrdesk.domain.health import Health


class Surface(StrEnum):
    """What a colour is drawn on."""

    LIGHT = "light"  # a light desktop palette
    DARK = "dark"  # a dark desktop palette, and the review mode's dark screen
    PRINT = "print"  # white paper


@dataclass(frozen=True)
class Tone:
    """One health's colour on each surface."""

    light: str
    dark: str
    print: str

    def on(self, surface: Surface) -> str:
        return str(getattr(self, surface.value))


HEALTH_TONES: Mapping[Health, Tone] = MappingProxyType(
    {
        Health.ON_TRACK: Tone(light="#2f8a4c", dark="#7ed69b", print="#1e8449"),
        Health.AT_RISK: Tone(light="#b86e00", dark="#f2b35c", print="#b9770e"),
        Health.OFF_TRACK: Tone(light="#c0392b", dark="#ff8a80", print="#b3261e"),
        # Outdated is a khaki, not the amber of at risk: "nobody looked" is not "slipping".
        Health.OUTDATED: Tone(light="#927d50", dark="#c9b48a", print="#927d50"),
        Health.PENDING: Tone(light="#7b8794", dark="#9aa5b1", print="#7b8794"),
        # Closed states: the hue of the open state they resemble, deeper (or paler on dark).
        Health.ACHIEVED: Tone(light="#1d5e33", dark="#a8e6b9", print="#14532d"),
        Health.MISSED: Tone(light="#7d241b", dark="#d46a5e", print="#7d241b"),
        Health.ABANDONED: Tone(light="#a3acb7", dark="#6e7781", print="#a3acb7"),
    }
)


def health_tone(health: Health, surface: Surface) -> str:
    """The colour of ``health`` on ``surface`` ("#rrggbb")."""
    return HEALTH_TONES[health].on(surface)


# Progress where its health is not known (the tree draws every row's bar without computing
# each health): a blue that none of the health colours resembles.
PROGRESS_TONE = Tone(light="#4a78b5", dark="#7aa7e0", print="#2e6db4")
