"""Draws the tree's progress column as a bar with the percentage written beside it.

The bar does not guess a health from the percentage (63 % can be on track or off track):
an open item's bar is the plain progress blue, and a closed objective's takes its closed
health's colour from the shared table, as the charts show it (``okrdesk.charts.tones``).
"""

from __future__ import annotations

from okrdesk.domain.health import Health
from okrdesk.gui.core.theme import health_colour, progress_colour
from okrdesk.gui.panes.tree_model import Role, progress_text
from okrdesk.qt.core import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from okrdesk.qt.gui import QColor, QPainter, QPalette
from okrdesk.qt.widgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

# An item's state word (Role.STATE) and the health it closes with.
CLOSED_STATES = {
    "achieved": Health.ACHIEVED,
    "done": Health.ACHIEVED,  # a milestone
    "missed": Health.MISSED,
    "abandoned": Health.ABANDONED,
    "archived": Health.ABANDONED,
}


def bar_colour(state: str, palette: QPalette, selected: bool = False) -> QColor:
    """The bar's colour; the number is always written too (never colour alone). Worked
    out once per palette, state and selection: the tree asks for every row it paints, and
    making a colour readable on the palette takes a few contrast sums."""
    key = (palette.cacheKey(), CLOSED_STATES.get(state), selected)
    colour = _BAR_COLOURS.get(key)
    if colour is None:
        if len(_BAR_COLOURS) > 64:  # palettes gone (a theme switched back and forth)
            _BAR_COLOURS.clear()
        colour = _BAR_COLOURS[key] = _bar_colour(state, palette, selected)
    return colour


_BAR_COLOURS: dict[tuple[int, Health | None, bool], QColor] = {}


def _bar_colour(state: str, palette: QPalette, selected: bool) -> QColor:
    closed = CLOSED_STATES.get(state)
    if closed is not None:
        return health_colour(palette, closed)
    if selected:
        # The plain blue would sink into the selection's blue.
        return palette.color(QPalette.ColorRole.HighlightedText)
    return progress_colour(palette)


class ProgressDelegate(QStyledItemDelegate):
    TEXT_WIDTH = 40

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        progress = index.data(Role.PROGRESS)
        # Background, selection and focus as the style draws them, without the text.
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if progress is None:
            return
        state = index.data(Role.STATE) or ""
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        text_rect = QRect(
            rect.right() - self.TEXT_WIDTH, rect.top(), self.TEXT_WIDTH, rect.height()
        )
        bar_height = max(6, min(10, rect.height() - 10))
        bar = QRectF(
            rect.left(),
            rect.center().y() - bar_height / 2 + 1,
            max(0, rect.width() - self.TEXT_WIDTH - 6),
            bar_height,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = option.palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(90)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, bar_height / 2, bar_height / 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if progress > 0:
            filled = QRectF(
                bar.left(), bar.top(), max(bar_height, bar.width() * progress), bar.height()
            )
            painter.setBrush(bar_colour(state, option.palette, selected))
            painter.drawRoundedRect(filled, bar_height / 2, bar_height / 2)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            progress_text(progress),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 120), size.height())
