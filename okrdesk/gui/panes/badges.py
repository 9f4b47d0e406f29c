"""Badges on tree items: small pills after the title for warnings and errors (the coach's
findings, values that need repair).

Features add badge sources to the tree (``OutlineView.add_badge_source``); the outline
model hands their answers out as ``Role.BADGE`` (text, tooltip) and this delegate draws
them. A badge is text ("⚠2", "✕1"), so it does not rely on colour alone, and the item's
tooltip says what it means in words.
"""

from __future__ import annotations

from okrdesk.gui.core.theme import error_colour, is_dark, warning_colour
from okrdesk.gui.panes.tree_model import Role
from okrdesk.qt.core import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from okrdesk.qt.gui import QColor, QFont, QFontMetrics, QGuiApplication, QIcon, QPainter, QPalette
from okrdesk.qt.widgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

PADDING = 5
GAP = 6


def badge_fills(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(error fill, warning fill, text on them): strong red and amber pills with white text
    on a light palette; on a dark one, light pills with dark text, which read better there."""
    if is_dark(palette):
        error, warning = error_colour(palette), warning_colour(palette)
        return error, warning, QColor("#1b1b1b")
    return QColor("#b3261e"), QColor("#b86e00"), QColor("white")


class BadgeDelegate(QStyledItemDelegate):
    """The title with the badge's pills at its right end.

    A tree of a large plan paints many badged rows at every keystroke of a search: the
    badge font, its metrics and the pills' fills are worked out once per font and
    palette, and the row's style option once per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts: dict[str, tuple[QFont, QFontMetrics]] = {}
        self._fills: dict[int, tuple[QColor, QColor, QColor]] = {}

    def _font(self, option: QStyleOptionViewItem) -> tuple[QFont, QFontMetrics]:
        key = option.font.key()
        found = self._fonts.get(key)
        if found is None:
            font = QFont(option.font)
            font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
            font.setBold(True)
            found = self._fonts[key] = (font, QFontMetrics(font))
        return found

    def _fills_for(self, palette: QPalette) -> tuple[QColor, QColor, QColor]:
        key = palette.cacheKey()
        found = self._fills.get(key)
        if found is None:
            if len(self._fills) > 16:  # palettes come and go (a theme change)
                self._fills.clear()
            found = self._fills[key] = badge_fills(palette)
        return found

    @staticmethod
    def _badge_width(metrics: QFontMetrics, parts: list[str]) -> int:
        return sum(metrics.horizontalAdvance(p) + 2 * PADDING for p in parts) + GAP * len(parts)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        badge = index.data(Role.BADGE)
        if not badge:
            super().paint(painter, option, index)
            return
        parts = str(badge[0]).split()
        font, metrics = self._font(option)
        width = self._badge_width(metrics, parts)
        rect: QRect = option.rect
        widget = option.widget
        # The row's background (selection, alternate colour) under the badge too; then
        # the title, left of the badge, from the same option (as the base class draws it).
        full = QStyleOptionViewItem(option)
        self.initStyleOption(full, index)
        title = QStyleOptionViewItem(full)
        title.rect = QRect(rect.left(), rect.top(), max(rect.width() - width, 0), rect.height())
        full.text = ""
        full.icon = QIcon()
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, widget)
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, title, painter, widget)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        height = min(metrics.height() + 2, rect.height() - 2)
        x = rect.right() - width + GAP
        y = rect.top() + (rect.height() - height) // 2
        palette = widget.palette() if widget is not None else QGuiApplication.palette()
        error, warning, on_pill = self._fills_for(palette)
        for part in parts:
            pill = QRect(x, y, metrics.horizontalAdvance(part) + 2 * PADDING, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(error if "✕" in part else warning)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(on_pill)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, part)
            x += pill.width() + GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        badge = index.data(Role.BADGE)
        if badge:
            metrics = self._font(option)[1]
            size.setWidth(size.width() + self._badge_width(metrics, str(badge[0]).split()))
        return size
