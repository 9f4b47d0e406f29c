"""Colours that follow the system's light or dark palette.

Widgets take their colours from the palette's roles (base, text, mid…). The few colours
that carry a meaning of their own (an error's red, a warning's amber, a health's green)
come from here, in a shade chosen by the palette's lightness, so text in them stays
readable on a dark background as well as a light one (WCAG contrast 4.5:1 for text).
Health colours, and the red, amber and green of errors, warnings and good news, are the
shared table's (``okrdesk.charts.tones``): one red for off track in the tree, the charts,
the alignment diagram, the meeting panel and the PDF.
"""

from __future__ import annotations

from okrdesk.charts.tones import PROGRESS_TONE, Surface, health_tone
from okrdesk.domain.health import Health
from okrdesk.qt.gui import QColor, QPalette

TEXT_CONTRAST = 4.5  # WCAG AA for body text
GRAPHIC_CONTRAST = 3.0  # WCAG AA for lines, borders and other non-text marks

_INFO = ("#5f6b7a", "#a3afbf")  # (light palette, dark palette)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    bright, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (bright + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark window (a dark theme)."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return luminance(window) < luminance(text)


def mix(one: QColor, other: QColor, share: float) -> QColor:
    """``one`` moved ``share`` (0 to 1) of the way towards ``other``."""
    return QColor.fromRgbF(
        one.redF() + (other.redF() - one.redF()) * share,
        one.greenF() + (other.greenF() - one.greenF()) * share,
        one.blueF() + (other.blueF() - one.blueF()) * share,
    )


def readable(colour: QColor, background: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """``colour``, or the nearest shade of it towards black or white (whichever the
    background is far from) that reaches ``minimum`` contrast on ``background``."""
    if contrast_ratio(colour, background) >= minimum:
        return QColor(colour)
    towards = QColor("black") if luminance(background) > 0.18 else QColor("white")
    for step in range(1, 21):
        # Whole 8-bit channels: the shade goes into style sheets and back unchanged.
        shade = QColor(mix(colour, towards, step / 20).name())
        if contrast_ratio(shade, background) >= minimum:
            return shade
    return towards


def _pick(pair: tuple[str, str], palette: QPalette) -> QColor:
    background = palette.color(QPalette.ColorRole.Base)
    return readable(QColor(pair[1] if is_dark(palette) else pair[0]), background)


def surface(palette: QPalette) -> Surface:
    return Surface.DARK if is_dark(palette) else Surface.LIGHT


def health_colour(palette: QPalette, health: Health) -> QColor:
    """The health's colour for a mark (a bar, a stripe) on the palette's base: at least
    3:1 against it."""
    base = palette.color(QPalette.ColorRole.Base)
    return readable(QColor(health_tone(health, surface(palette))), base, GRAPHIC_CONTRAST)


def health_text_colour(palette: QPalette, health: Health) -> QColor:
    """The health's colour for its word, readable (4.5:1) on the palette's base."""
    base = palette.color(QPalette.ColorRole.Base)
    return readable(QColor(health_tone(health, surface(palette))), base)


def progress_colour(palette: QPalette) -> QColor:
    """A bar of progress that says nothing about health (where the health is not known)."""
    base = palette.color(QPalette.ColorRole.Base)
    return readable(QColor(PROGRESS_TONE.on(surface(palette))), base, GRAPHIC_CONTRAST)


def error_colour(palette: QPalette) -> QColor:
    """Red for errors and their text (off track's red), readable on the palette's base."""
    return health_text_colour(palette, Health.OFF_TRACK)


def warning_colour(palette: QPalette) -> QColor:
    """Amber for warnings and their text (at risk's amber), readable on the palette's base."""
    return health_text_colour(palette, Health.AT_RISK)


def good_colour(palette: QPalette) -> QColor:
    """Green for good news (on track's green), readable on the palette's base."""
    return health_text_colour(palette, Health.ON_TRACK)


def info_colour(palette: QPalette) -> QColor:
    """Slate for advice and other quiet marks, readable on the palette's base."""
    return _pick(_INFO, palette)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text (captions, hints): between text and base, still readable on base."""
    base = palette.color(QPalette.ColorRole.Base)
    return readable(mix(palette.color(QPalette.ColorRole.Text), base, 0.35), base)


def tint(palette: QPalette, hue: QColor, share: float = 0.08) -> QColor:
    """A faint wash of ``hue`` over the palette's base (a band or a card behind text);
    a little stronger on a dark base, where the same share shows less."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, hue, share * (1.6 if is_dark(palette) else 1.0))


def sample_dark_palette() -> QPalette:
    """A typical dark desktop palette (Breeze Dark's roles), for previews and tests: the
    offscreen platform has no system theme to follow."""
    roles = {
        QPalette.ColorRole.Window: "#202326",
        QPalette.ColorRole.WindowText: "#fcfcfc",
        QPalette.ColorRole.Base: "#141618",
        QPalette.ColorRole.AlternateBase: "#1d1f22",
        QPalette.ColorRole.ToolTipBase: "#292c30",
        QPalette.ColorRole.ToolTipText: "#fcfcfc",
        QPalette.ColorRole.PlaceholderText: "#a1a9b1",
        QPalette.ColorRole.Text: "#fcfcfc",
        QPalette.ColorRole.Button: "#292c30",
        QPalette.ColorRole.ButtonText: "#fcfcfc",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#40464c",
        QPalette.ColorRole.Midlight: "#33393e",
        QPalette.ColorRole.Mid: "#464c52",
        QPalette.ColorRole.Dark: "#101213",
        QPalette.ColorRole.Shadow: "#0a0b0c",
        QPalette.ColorRole.Highlight: "#3daee9",
        QPalette.ColorRole.HighlightedText: "#fcfcfc",
        QPalette.ColorRole.Link: "#1d99f3",
        QPalette.ColorRole.LinkVisited: "#9b59b6",
    }
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7378"))
    return palette
