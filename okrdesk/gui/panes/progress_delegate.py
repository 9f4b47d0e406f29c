"""Draws the tree's progress column as a bar with the percentage written beside it."""

from __future__ import annotations

from okrdesk.gui.panes.tree_model import Role, progress_text
from okrdesk.qt.core import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from okrdesk.qt.gui import QColor, QPainter, QPalette
from okrdesk.qt.widgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

# Colour follows progress, but the number is always written too (never colour alone).
LOW = QColor("#d9822b")
MID = QColor("#d4ac0d")
HIGH = QColor("#27ae60")
CLOSED = QColor("#8a96a8")
CLOSED_STATES = frozenset({"achieved", "missed", "abandoned", "archived"})


def bar_colour(progress: float, state: str) -> QColor:
    if state in CLOSED_STATES:
        return CLOSED
    if progress >= 0.7:
        return HIGH
    if progress >= 0.4:
        return MID
    return LOW


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
        if progress > 0:
            filled = QRectF(
                bar.left(), bar.top(), max(bar_height, bar.width() * progress), bar.height()
            )
            painter.setBrush(bar_colour(progress, state))
            painter.drawRoundedRect(filled, bar_height / 2, bar_height / 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
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
