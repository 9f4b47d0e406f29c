"""One table of health colours: every health has one on every surface, each reads on its
surface, none is taken for another, and every view reads the same table."""

from __future__ import annotations

import subprocess
import sys

import pytest

from okrdesk.charts.style import Colours, lightness, presentation_style, print_style
from okrdesk.charts.tones import HEALTH_TONES, Surface, health_tone
from okrdesk.domain.health import Health

# What each surface is drawn on: a light window, a dark window (and the review's screen),
# paper.
GROUNDS = {Surface.LIGHT: ("#ffffff", "#efefef"), Surface.DARK: ("#141618", "#202326", "#0b0f14")}
GROUNDS[Surface.PRINT] = ("#ffffff",)


def contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    bright, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (bright + 0.05) / (dark + 0.05)


def test_every_health_has_a_tone_on_every_surface() -> None:
    assert set(HEALTH_TONES) == set(Health)
    for surface in Surface:
        tones = [health_tone(h, surface) for h in Health]
        assert len(set(tones)) == len(tones), surface  # no two healths look the same


@pytest.mark.parametrize("surface", Surface)
def test_tones_read_on_their_surface(surface: Surface) -> None:
    for health in Health:
        if health is Health.ABANDONED:
            continue  # faint on purpose, and always written beside its word
        for ground in GROUNDS[surface]:
            assert contrast(health_tone(health, surface), ground) >= 3.0, (health, ground)


def test_off_track_is_red_and_at_risk_amber_everywhere() -> None:
    """Off track was orange in the tree and red in the charts."""
    for surface in Surface:
        red = health_tone(Health.OFF_TRACK, surface).lstrip("#")
        amber = health_tone(Health.AT_RISK, surface).lstrip("#")
        r, g, b = (int(red[i : i + 2], 16) for i in (0, 2, 4))
        assert r > 1.6 * g and r > 1.6 * b, surface
        r, g, b = (int(amber[i : i + 2], 16) for i in (0, 2, 4))
        assert r > g > b, surface


def test_each_style_draws_on_the_surface_its_background_is() -> None:
    assert Colours.for_background("#efefef", "#000000", "#777777", "#308cc6").surface is (
        Surface.LIGHT
    )
    dark = Colours.for_background("#202326", "#fcfcfc", "#a1a9b1", "#1a4f8b")
    assert dark.surface is Surface.DARK and lightness(dark.accent) > lightness("#1a4f8b")
    assert presentation_style().colours.surface is Surface.DARK
    assert print_style().colours.surface is Surface.PRINT
    assert dark.health(Health.OFF_TRACK) == HEALTH_TONES[Health.OFF_TRACK].dark


def test_the_colours_load_no_matplotlib() -> None:
    """The window reads the tones at start-up; matplotlib loads after the first paint."""
    code = (
        "import sys, okrdesk.charts, okrdesk.charts.tones, okrdesk.charts.style; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
