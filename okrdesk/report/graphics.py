"""Flowables that draw: a vector picture from SVG (charts) and a progress bar.

Charts come in as SVG and are drawn with ``QSvgRenderer`` straight onto the PDF painter,
so they stay vector paths at any zoom (no bitmap is ever made).
"""

from __future__ import annotations

from okrdesk.qt.core import QByteArray, QRectF, Qt
from okrdesk.qt.gui import QColor, QFontMetricsF, QPainter
from okrdesk.qt.svg import QSvgRenderer
from okrdesk.report.flow import Context, Flowable
from okrdesk.report.theme import TextStyle


class SvgImage(Flowable):
    """An SVG picture at a width in points (at most the frame's), keeping its aspect."""

    def __init__(
        self,
        svg: bytes,
        width: float,
        height: float,
        *,
        space_before: float = 4.0,
        space_after: float = 8.0,
    ) -> None:
        self.svg = svg
        self.width = width
        self.aspect = height / width if width else 1.0
        self.space_before = space_before
        self.space_after = space_after

    def _size(self, ctx: Context, width: float) -> tuple[float, float]:
        w = min(width, ctx.pt(self.width))
        return w, w * self.aspect

    def height(self, ctx: Context, width: float) -> float:
        return self._size(ctx, width)[1] + ctx.pt(self.space_before + self.space_after)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        w, h = self._size(ctx, width)
        renderer = QSvgRenderer(QByteArray(self.svg))
        if not renderer.isValid():
            return
        renderer.render(painter, QRectF(x, y + ctx.pt(self.space_before), w, h))


class ProgressBar(Flowable):
    """A bar filled to ``progress`` (0-1), a tick at ``expected``, and the percentage."""

    def __init__(
        self,
        progress: float | None,
        colour: str,
        track: str,
        style: TextStyle,
        *,
        expected: float | None = None,
        bar_height: float = 5.0,
    ) -> None:
        self.progress = progress
        self.colour = colour
        self.track = track
        self.style = style
        self.expected = expected
        self.bar_height = bar_height

    def height(self, ctx: Context, width: float) -> float:
        metrics = QFontMetricsF(self.style.font(), ctx.device)
        return max(metrics.height(), ctx.pt(self.bar_height))

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        font = self.style.font()
        metrics = QFontMetricsF(font, ctx.device)
        label = "–" if self.progress is None else f"{round(self.progress * 100)} %"
        label_width = metrics.horizontalAdvance("100 %") + ctx.pt(4)
        bar_width = max(ctx.pt(12), width - label_width)
        line = metrics.height()
        bar_h = ctx.pt(self.bar_height)
        top = y + (line - bar_h) / 2
        radius = bar_h / 2
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.track))
        painter.drawRoundedRect(QRectF(x, top, bar_width, bar_h), radius, radius)
        if self.progress:
            painter.setBrush(QColor(self.colour))
            filled = bar_width * min(max(self.progress, 0.0), 1.0)
            painter.drawRoundedRect(QRectF(x, top, max(filled, bar_h), bar_h), radius, radius)
        if self.expected is not None:
            tick = x + bar_width * min(max(self.expected, 0.0), 1.0)
            painter.setBrush(QColor("#3e4c59"))
            painter.drawRect(
                QRectF(tick - ctx.pt(0.4), top - ctx.pt(1.5), ctx.pt(0.8), bar_h + ctx.pt(3))
            )
        painter.setFont(font)
        painter.setPen(QColor(self.style.colour))
        painter.drawText(
            QRectF(x + bar_width, y, label_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        painter.restore()
