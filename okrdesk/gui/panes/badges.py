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
from okrdesk.qt.core import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from okrdesk.qt.gui import QColor, QFont, QFontMetrics, QGuiApplication, QIcon, QPainter, QPalette
from okrdesk.qt.widgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

PADDING = 5
GAP = 6


def badge_fills(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(error fill, warning fill, text on them): strong red and amber pills with white text
    on a light palette; on a dark one, light pills with dark text, which read better there."""
    if is_dark(palette):
        error, warning = error_colour(palette), warning_colour(palette)
        return error, warning, QColor("#1b1b1b")
    return QColor("#b3261e"), QColor("#b86e00"), QColor("white")


def badge_parts(text: str, palette: QPalette | None = None) -> list[tuple[str, QColor]]:
    """Each part of a badge text ("✕1 ⚠2") with its fill colour."""
    error, warning, _text = badge_fills(palette or QGuiApplication.palette())
    return [(part, error if "✕" in part else warning) for part in text.split()]


class BadgeDelegate(QStyledItemDelegate):
    def _font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        font.setBold(True)
        return font

    def _badge_width(self, option: QStyleOptionViewItem, text: str) -> int:
        metrics = QFontMetrics(self._font(option))
        parts = badge_parts(text)
        return sum(metrics.horizontalAdvance(p) + 2 * PADDING for p, _ in parts) + GAP * len(parts)

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
        text = str(badge[0])
        width = self._badge_width(option, text)
        rect: QRect = option.rect
        # The row's background (selection, alternate colour) under the badge too.
        full = QStyleOptionViewItem(option)
        self.initStyleOption(full, index)
        full.text = ""
        full.icon = QIcon()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, full, painter, widget)
        title = QStyleOptionViewItem(option)
        title.rect = QRect(rect.left(), rect.top(), max(rect.width() - width, 0), rect.height())
        super().paint(painter, title, index)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._font(option)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        height = min(metrics.height() + 2, rect.height() - 2)
        x = rect.right() - width + GAP
        y = rect.top() + (rect.height() - height) // 2
        palette = widget.palette() if widget is not None else QGuiApplication.palette()
        on_pill = badge_fills(palette)[2]
        for part, colour in badge_parts(text, palette):
            pill = QRect(x, y, metrics.horizontalAdvance(part) + 2 * PADDING, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
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
            size.setWidth(size.width() + self._badge_width(option, str(badge[0])))
        return size
