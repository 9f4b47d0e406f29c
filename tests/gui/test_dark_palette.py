"""On a dark palette (and a light one) the colours okrdesk picks keep text readable: WCAG
contrast of at least 4.5:1 against what the text is drawn on."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.charts.tones import Surface, health_tone
from okrdesk.domain.coach import Finding, Severity
from okrdesk.domain.health import Health
from okrdesk.gui.core.theme import (
    GRAPHIC_CONTRAST,
    TEXT_CONTRAST,
    contrast_ratio,
    error_colour,
    good_colour,
    health_colour,
    health_text_colour,
    is_dark,
    muted_text,
    progress_colour,
    readable,
    sample_dark_palette,
    warning_colour,
)
from okrdesk.gui.features.coach.findings import FindingCard, panel_style
from okrdesk.gui.features.team.alignment import NODE_HEIGHT, NODE_WIDTH, AlignmentScene, NodeItem
from okrdesk.gui.panes.badges import badge_fills
from okrdesk.gui.panes.progress_delegate import bar_colour
from okrdesk.qt.gui import QColor, QImage, QPainter, QPalette
from okrdesk.qt.widgets import (
    QGraphicsSimpleTextItem,
    QLabel,
    QStyleOptionGraphicsItem,
    QWidget,
)
from okrdesk.services.alignment import build_alignment, default_cycle
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#efefef"),
        (QPalette.ColorRole.WindowText, "#000000"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.Text, "#000000"),
        (QPalette.ColorRole.Mid, "#b8b8b8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


PALETTES = {"dark": sample_dark_palette, "light": light_palette}


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # The WCAG example: #767676 on white is just above 4.5.
    assert contrast_ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


def test_is_dark_reads_the_palette() -> None:
    assert is_dark(sample_dark_palette())
    assert not is_dark(light_palette())


def test_readable_darkens_or_lightens_until_it_reads() -> None:
    on_white = readable(QColor("#f2b35c"), QColor("white"))
    on_black = readable(QColor("#8a5300"), QColor("#141618"))
    assert contrast_ratio(on_white, QColor("white")) >= TEXT_CONTRAST
    assert contrast_ratio(on_black, QColor("#141618")) >= TEXT_CONTRAST
    assert on_white.lightness() < QColor("#f2b35c").lightness()
    assert on_black.lightness() > QColor("#8a5300").lightness()


@pytest.mark.parametrize("name", PALETTES)
def test_signal_colours_read_on_the_base(name: str) -> None:
    palette = PALETTES[name]()
    base = palette.color(QPalette.ColorRole.Base)
    for pick in (error_colour, warning_colour, good_colour, muted_text):
        assert contrast_ratio(pick(palette), base) >= TEXT_CONTRAST, pick.__name__


def test_the_old_amber_was_unreadable_on_dark() -> None:
    """Why palette.py exists: the light theme's amber text all but vanishes on dark."""
    base = sample_dark_palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(QColor("#8a5300"), base) < 3
    assert contrast_ratio(warning_colour(sample_dark_palette()), base) >= 7


def demo_alignment(plan_path: Path, palette: QPalette) -> AlignmentScene:
    """The alignment diagram of the demo plan's current cycle, in ``palette``."""
    plan = PlanService.open(plan_path)
    fill_demo(plan)
    cycle = default_cycle(plan)
    scene = AlignmentScene()
    scene.setPalette(palette)
    scene.show_alignment(build_alignment(plan, None if cycle is None else cycle.id))
    plan.close()
    return scene


@pytest.mark.parametrize("name", PALETTES)
def test_alignment_text_contrasts_with_what_it_is_on(
    name: str, plan_path: Path, qtbot: QtBot
) -> None:
    scene = demo_alignment(plan_path, PALETTES[name]())
    colours = scene.colours
    assert colours.background == scene.palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(colours.text, colours.card) >= TEXT_CONTRAST
    assert contrast_ratio(colours.secondary, colours.card) >= TEXT_CONTRAST
    assert contrast_ratio(colours.text_archived, colours.card_archived) >= TEXT_CONTRAST
    # The column headers and "(none)" hints, as drawn, on every column's band.
    texts = [i for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)]
    assert len(texts) >= 5
    for item in texts:
        for band in colours.bands:
            assert contrast_ratio(item.brush().color(), band) >= TEXT_CONTRAST, item.text()
    if name == "dark":
        assert is_dark(scene.palette())
        assert colours.card.lightness() < 80  # a dark card, not the old white box


@pytest.mark.parametrize("name", PALETTES)
def test_coach_finding_text_contrasts_with_its_card(name: str, qtbot: QtBot) -> None:
    palette = PALETTES[name]()
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setPalette(palette)
    holder.setStyleSheet(panel_style(palette))
    base = palette.color(QPalette.ColorRole.Base)
    for severity, expected in ((Severity.WARN, warning_colour), (Severity.ERROR, error_colour)):
        finding = Finding("KR-OUTPUT", severity, "kr-1", "key result", "Ship it", "Why", "Fix")
        card = FindingCard(finding, lambda _finding: None, holder)
        card.show()
        label = card.findChild(QLabel, "coachSeverity")
        assert label is not None
        shown = label.palette().color(QPalette.ColorRole.WindowText)
        assert shown == expected(palette)
        assert contrast_ratio(shown, base) >= TEXT_CONTRAST
    assert "#8a5300" not in panel_style(sample_dark_palette())


@pytest.mark.parametrize("name", PALETTES)
def test_tree_badges_text_contrasts_with_its_pill(name: str) -> None:
    error, warning, text = badge_fills(PALETTES[name]())
    assert contrast_ratio(text, error) >= TEXT_CONTRAST
    assert contrast_ratio(text, warning) >= 3.0  # bold, small pills: large-text level at least


@pytest.mark.parametrize("name", PALETTES)
def test_health_colours_come_from_the_one_table_and_read(name: str) -> None:
    palette = PALETTES[name]()
    base = palette.color(QPalette.ColorRole.Base)
    surface = Surface.DARK if is_dark(palette) else Surface.LIGHT
    for health in Health:
        mark, word = health_colour(palette, health), health_text_colour(palette, health)
        assert contrast_ratio(word, base) >= TEXT_CONTRAST, health
        assert contrast_ratio(mark, base) >= GRAPHIC_CONTRAST, health
        # The table's shade itself wherever it already reads.
        tone = QColor(health_tone(health, surface))
        if contrast_ratio(tone, base) >= TEXT_CONTRAST:
            assert word == tone
    # Errors, warnings and good news are off track's red, at risk's amber, on track's green.
    assert error_colour(palette) == health_text_colour(palette, Health.OFF_TRACK)
    assert warning_colour(palette) == health_text_colour(palette, Health.AT_RISK)
    assert good_colour(palette) == health_text_colour(palette, Health.ON_TRACK)


@pytest.mark.parametrize("name", PALETTES)
def test_the_tree_bar_says_no_health_it_does_not_know(name: str) -> None:
    """63 % was yellow in the tree while the chart said on track: an open item's bar is
    the plain progress colour, a closed one its health's."""
    palette = PALETTES[name]()
    assert bar_colour("active", palette) == progress_colour(palette)
    assert bar_colour("", palette) == progress_colour(palette)
    assert bar_colour("missed", palette) == health_colour(palette, Health.MISSED)
    assert bar_colour("achieved", palette) == health_colour(palette, Health.ACHIEVED)
    assert bar_colour("done", palette) == health_colour(palette, Health.ACHIEVED)
    selected = bar_colour("active", palette, selected=True)
    assert selected == palette.color(QPalette.ColorRole.HighlightedText)
    tones = {health_colour(palette, h).name() for h in Health}
    assert progress_colour(palette).name() not in tones


@pytest.mark.parametrize("name", PALETTES)
def test_alignment_stripes_take_the_health_colours(name: str, plan_path: Path) -> None:
    scene = demo_alignment(plan_path, PALETTES[name]())
    cards = [i for i in scene.items() if isinstance(i, NodeItem) and i.node.health]
    assert cards
    for card in cards:
        image = QImage(int(NODE_WIDTH), int(NODE_HEIGHT), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        card.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()
        expected = health_colour(scene.palette(), Health(card.node.health))
        assert image.pixelColor(4, int(NODE_HEIGHT / 2)).name() == expected.name()
