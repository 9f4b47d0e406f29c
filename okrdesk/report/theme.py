"""The report's look in one place: type sizes, colours, spacing (all in points)."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.charts.tones import Surface, health_tone
from okrdesk.domain.health import Health
from okrdesk.qt.gui import QColor, QFont

# The first family the system has is used; DejaVu Sans ships with most Linux systems.
SANS_FAMILIES = ("Noto Sans", "Source Sans 3", "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans")

_LIGATURES = ("liga", "clig", "dlig")


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    colour: str = "#1f2933"
    # Extra space between letters, in percent of the normal (small caps kickers).
    spacing: float = 100.0
    capitals: bool = False

    def font(self, families: tuple[str, ...] = SANS_FAMILIES) -> QFont:
        font = QFont()
        font.setFamilies(list(families))
        font.setPointSizeF(self.size)
        font.setBold(self.bold)
        font.setItalic(self.italic)
        # Hinting snaps glyphs to a screen's pixels: wrong on paper, and it skews widths.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # No ligatures: "ﬁ" would be copied, searched and read aloud as one odd character.
        for tag in _LIGATURES:
            font.setFeature(QFont.Tag(tag), 0)
        if self.spacing != 100.0:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, self.spacing)
        if self.capitals:
            font.setCapitalization(QFont.Capitalization.AllUppercase)
        return font

    def with_(self, **changes: object) -> TextStyle:
        values = {**self.__dict__, **changes}
        return TextStyle(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Theme:
    body: TextStyle = TextStyle(10.0)
    small: TextStyle = TextStyle(8.5, colour="#52606d")
    muted: TextStyle = TextStyle(9.0, colour="#616e7c")
    label: TextStyle = TextStyle(9.0, bold=True, colour="#3e4c59")
    kicker: TextStyle = TextStyle(7.5, bold=True, colour="#2e6db4", spacing=112, capitals=True)
    title: TextStyle = TextStyle(28.0, bold=True, colour="#102a43")
    subtitle: TextStyle = TextStyle(14.0, colour="#486581")
    headings: tuple[TextStyle, ...] = (
        TextStyle(17.0, bold=True, colour="#102a43"),
        TextStyle(13.0, bold=True, colour="#1f2933"),
        TextStyle(11.0, bold=True, colour="#1f2933"),
    )
    table_header: TextStyle = TextStyle(7.5, bold=True, colour="#52606d", capitals=True)
    table_body: TextStyle = TextStyle(8.5)
    header_footer: TextStyle = TextStyle(7.5, colour="#7b8794")
    accent: str = "#2e6db4"
    rule: str = "#d9e2ec"
    table_header_fill: str = "#f0f4f8"
    zebra_fill: str = "#f8fafc"
    track: str = "#e4e7eb"
    line_spacing: float = 1.25
    paragraph_gap: float = 5.0
    # Page margins (left/right, top, bottom) and the header and footer bands inside them.
    margin_side: float = 56.0
    margin_top: float = 62.0
    margin_bottom: float = 58.0
    header_gap: float = 22.0

    def health(self, health: Health) -> str:
        """The health's colour on paper, from the one table every view uses."""
        return health_tone(health, Surface.PRINT)

    def heading(self, level: int) -> TextStyle:
        return self.headings[min(max(level, 1), len(self.headings)) - 1]


def colour(value: str) -> QColor:
    return QColor(value)


DEFAULT_THEME = Theme()
