"""Flowables: the building blocks a report's story is made of (the ReportLab idea, drawn
with Qt).

A flowable knows three things: how tall it is at a given width, how to split itself to
fit the space left on a page (if it can), and how to draw itself. The paginator in
``document`` places them page after page; nothing here knows about pages.

Text is never markup: a paragraph is a list of plain-text runs, each with a style, laid
out with ``QTextLayout``. A title such as ``<b>Grow & learn</b>`` is drawn as those very
characters, and it stays real, selectable text in the PDF.

All lengths given to constructors are in points; measuring and drawing work in the
device's units (``Context.pt`` converts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from okrdesk.qt.core import QPointF, QRectF, Qt
from okrdesk.qt.gui import (
    QColor,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from okrdesk.report.theme import TextStyle, Theme

# Control characters other than line breaks and tabs would draw as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = "\u2028"


@dataclass(frozen=True)
class Context:
    """What measuring and drawing need: the device (for font metrics), the theme, and how
    many device units make a point."""

    device: QPaintDevice
    theme: Theme
    scale: float

    def pt(self, points: float) -> float:
        return points * self.scale


class Flowable:
    # Keep on the same page as the start of the next flowable (headings).
    keep_with_next = False
    # Whether ``split`` can ever succeed: the paginator keeps a heading with all of an
    # unsplittable flowable that follows it, and with the first lines of a splittable one.
    splittable = False

    def height(self, ctx: Context, width: float) -> float:
        raise NotImplementedError

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        """A first part no taller than ``available`` and the rest; None if it cannot."""
        return None

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError


# -- text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Plain text in one style (None: the paragraph's own)."""

    text: str
    style: TextStyle | None = None


def clean_text(text: str) -> str:
    """Line breaks that QTextLayout honours, tabs as spaces, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text).replace("\n", LINE_BREAK)


class Paragraph(Flowable):
    splittable = True

    def __init__(
        self,
        content: str | Sequence[Run],
        style: TextStyle,
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
        indent: float = 0.0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        line_spacing: float | None = None,
        keep_with_next: bool = False,
    ) -> None:
        self.keep_with_next = keep_with_next
        runs = [Run(content)] if isinstance(content, str) else list(content)
        self.runs = [Run(clean_text(r.text), r.style) for r in runs if r.text]
        self.style = style
        self.space_before = space_before
        self.space_after = space_after
        self.indent = indent
        self.align = align
        self.line_spacing = line_spacing
        self._cache: tuple[float, QTextLayout, list[tuple[int, float, float]]] | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def _copy(self, runs: list[Run], *, first: bool) -> Paragraph:
        return Paragraph(
            runs,
            self.style,
            space_before=self.space_before if first else 0.0,
            space_after=0.0 if first else self.space_after,
            indent=self.indent,
            align=self.align,
            line_spacing=self.line_spacing,
        )

    def _layout(
        self, ctx: Context, width: float
    ) -> tuple[QTextLayout, list[tuple[int, float, float]]]:
        """The laid-out text and its lines: (first character, top, height)."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1], self._cache[2]
        layout = QTextLayout(self.text, self.style.font(), ctx.device)
        option = QTextOption(self.align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        ranges = []
        start = 0
        for run in self.runs:
            style = run.style or self.style
            char_format = QTextCharFormat()
            char_format.setFont(style.font())
            char_format.setForeground(QColor(style.colour))
            piece = QTextLayout.FormatRange()
            piece.start = start
            piece.length = len(run.text)
            piece.format = char_format
            ranges.append(piece)
            start += len(run.text)
        layout.setFormats(ranges)
        spacing = self.line_spacing or ctx.theme.line_spacing
        line_width = max(1.0, width - ctx.pt(self.indent))
        lines: list[tuple[int, float, float]] = []
        top = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(line_width)
            # Extra leading goes above the text so the first line still starts at the top.
            extra = line.height() * (spacing - 1.0)
            line.setPosition(QPointF(0.0, top + extra / 2))
            lines.append((line.textStart(), top, line.height() + extra))
            top += line.height() + extra
        layout.endLayout()
        self._cache = (width, layout, lines)
        return layout, lines

    def height(self, ctx: Context, width: float) -> float:
        if not self.runs:
            return ctx.pt(self.space_before + self.space_after)
        _, lines = self._layout(ctx, width)
        text = sum(h for _, _, h in lines)
        return text + ctx.pt(self.space_before + self.space_after)

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        if not self.runs:
            return None
        _, lines = self._layout(ctx, width)
        room = available - ctx.pt(self.space_before)
        fitting = 0
        for _, top, h in lines:
            if top + h > room:
                break
            fitting += 1
        # No single line alone at the bottom or the top of a page: a short paragraph moves
        # whole, a longer one leaves at least two lines on each side.
        if len(lines) < 4:
            return None
        fitting = min(fitting, len(lines) - 2)
        if fitting < 2:
            return None
        if fitting < 1 or fitting >= len(lines):
            return None
        cut = lines[fitting][0]
        head: list[Run] = []
        tail: list[Run] = []
        at = 0
        for run in self.runs:
            end = at + len(run.text)
            if end <= cut:
                head.append(run)
            elif at >= cut:
                tail.append(run)
            else:
                head.append(Run(run.text[: cut - at], run.style))
                tail.append(Run(run.text[cut - at :], run.style))
            at = end
        return self._copy(head, first=True), self._copy(tail, first=False)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        if not self.runs:
            return
        layout, _ = self._layout(ctx, width)
        layout.draw(painter, QPointF(x + ctx.pt(self.indent), y + ctx.pt(self.space_before)))


@dataclass(frozen=True)
class TocMark:
    level: int
    text: str


class Heading(Paragraph):
    """A paragraph in a heading style that stays with what follows; with ``in_toc`` it is
    listed in the table of contents (and names the page's running header at level 1)."""

    keep_with_next = True
    splittable = False

    def __init__(
        self,
        text: str,
        level: int,
        theme: Theme,
        *,
        in_toc: bool = True,
        space_before: float | None = None,
    ) -> None:
        gap = (18.0, 14.0, 10.0)[min(level, 3) - 1] if space_before is None else space_before
        super().__init__(
            text,
            theme.heading(level),
            space_before=gap,
            space_after=(6.0, 4.0, 3.0)[min(level, 3) - 1],
        )
        self.mark = TocMark(level, text) if in_toc else None

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        return None


class Spacer(Flowable):
    """Empty space; dropped at the top of a page."""

    def __init__(self, points: float) -> None:
        self.points = points

    def height(self, ctx: Context, width: float) -> float:
        return ctx.pt(self.points)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        return


class PageBreak(Flowable):
    def height(self, ctx: Context, width: float) -> float:
        return 0.0

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        return


class Rule(Flowable):
    def __init__(
        self, colour: str, thickness: float = 0.6, space_before: float = 4, space_after: float = 4
    ) -> None:
        self.colour = colour
        self.thickness = thickness
        self.space_before = space_before
        self.space_after = space_after

    def height(self, ctx: Context, width: float) -> float:
        return ctx.pt(self.space_before + self.thickness + self.space_after)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colour))
        painter.drawRect(QRectF(x, y + ctx.pt(self.space_before), width, ctx.pt(self.thickness)))
        painter.restore()


class KeepTogether(Flowable):
    """Flowables that move to the next page together; when they are taller than a page
    the paginator places them one by one instead."""

    def __init__(self, items: Sequence[Flowable]) -> None:
        self.items = list(items)

    def height(self, ctx: Context, width: float) -> float:
        return sum(item.height(ctx, width) for item in self.items)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        for item in self.items:
            item.draw(ctx, painter, x, y, width)
            y += item.height(ctx, width)


class Indented(Flowable):
    """A flowable moved right, with an optional coloured bar in the margin (quotes,
    statements, notes) or a marker before its first line (a list's bullet). Splits as its
    content does."""

    splittable = True

    def __init__(
        self,
        child: Flowable,
        left: float,
        bar: str | None = None,
        bar_width: float = 2.5,
        *,
        marker: str | None = None,
        marker_style: TextStyle | None = None,
    ) -> None:
        self.child = child
        self.left = left
        self.bar = bar
        self.bar_width = bar_width
        self.marker = marker
        self.marker_style = marker_style
        self.keep_with_next = child.keep_with_next
        self.splittable = child.splittable

    def height(self, ctx: Context, width: float) -> float:
        return self.child.height(ctx, width - ctx.pt(self.left))

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        parts = self.child.split(ctx, width - ctx.pt(self.left), available)
        if parts is None:
            return None
        first, rest = parts
        return (
            Indented(
                first,
                self.left,
                self.bar,
                self.bar_width,
                marker=self.marker,
                marker_style=self.marker_style,
            ),
            Indented(rest, self.left, self.bar, self.bar_width),
        )

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        inner = width - ctx.pt(self.left)
        if self.bar is not None:
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.bar))
            painter.drawRect(QRectF(x, y, ctx.pt(self.bar_width), self.height(ctx, width)))
            painter.restore()
        if self.marker is not None:
            self._draw_marker(ctx, painter, x, y)
        self.child.draw(ctx, painter, x + ctx.pt(self.left), y, inner)

    def _draw_marker(self, ctx: Context, painter: QPainter, x: float, y: float) -> None:
        style = self.marker_style or ctx.theme.body
        font = style.font()
        # On the child's first line: a paragraph's own space above it comes first.
        top = y + ctx.pt(getattr(self.child, "space_before", 0.0))
        first = getattr(self.child, "style", style)
        ascent = QFontMetricsF(first.font(), ctx.device).ascent()
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(style.colour))
        painter.drawText(QPointF(x + ctx.pt(2), top + ascent), self.marker or "")
        painter.restore()


class Stack(Flowable):
    """Flowables one under the other, as one (for table cells holding several)."""

    splittable = True

    def __init__(self, items: Sequence[Flowable]) -> None:
        self.items = list(items)

    def height(self, ctx: Context, width: float) -> float:
        return sum(item.height(ctx, width) for item in self.items)

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        used = 0.0
        for index, item in enumerate(self.items):
            h = item.height(ctx, width)
            if used + h <= available:
                used += h
                continue
            parts = item.split(ctx, width, available - used)
            if parts is not None:
                head = [*self.items[:index], parts[0]]
                tail = [parts[1], *self.items[index + 1 :]]
            elif index > 0:
                head, tail = self.items[:index], self.items[index:]
            else:
                return None
            return Stack(head), Stack(tail)
        return None

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        for item in self.items:
            item.draw(ctx, painter, x, y, width)
            y += item.height(ctx, width)


class Columns(Flowable):
    """Flowables side by side (charts in a grid, facts in boxes); never split."""

    def __init__(
        self, items: Sequence[Flowable], gap: float = 14.0, weights: Sequence[float] | None = None
    ) -> None:
        self.items = list(items)
        self.gap = gap
        self.weights = list(weights) if weights is not None else [1.0] * len(self.items)

    def _widths(self, ctx: Context, width: float) -> list[float]:
        free = width - ctx.pt(self.gap) * (len(self.items) - 1)
        total = sum(self.weights) or 1.0
        return [free * w / total for w in self.weights]

    def height(self, ctx: Context, width: float) -> float:
        widths = self._widths(ctx, width)
        return max((i.height(ctx, w) for i, w in zip(self.items, widths, strict=True)), default=0.0)

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        row = self.height(ctx, width)
        for item, w in zip(self.items, self._widths(ctx, width), strict=True):
            if isinstance(item, Box):
                item.draw_sized(ctx, painter, x, y, w, row)
            else:
                item.draw(ctx, painter, x, y, w)
            x += w + ctx.pt(self.gap)


class Box(Flowable):
    """A child on a filled, rounded panel with padding (key figures, callouts)."""

    def __init__(
        self, child: Flowable, fill: str, padding: float = 8.0, border: str | None = None
    ) -> None:
        self.child = child
        self.fill = fill
        self.padding = padding
        self.border = border

    def height(self, ctx: Context, width: float) -> float:
        pad = ctx.pt(self.padding)
        return self.child.height(ctx, width - 2 * pad) + 2 * pad

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        self.draw_sized(ctx, painter, x, y, width, self.height(ctx, width))

    def draw_sized(
        self, ctx: Context, painter: QPainter, x: float, y: float, width: float, height: float
    ) -> None:
        """Drawn ``height`` tall (at least its own), so boxes side by side line up."""
        height = max(height, self.height(ctx, width))
        painter.save()
        painter.setBrush(QColor(self.fill))
        if self.border is None:
            painter.setPen(Qt.PenStyle.NoPen)
        else:
            painter.setPen(QPen(QColor(self.border), ctx.pt(0.6)))
        radius = ctx.pt(3)
        painter.drawRoundedRect(QRectF(x, y, width, height), radius, radius)
        painter.restore()
        pad = ctx.pt(self.padding)
        self.child.draw(ctx, painter, x + pad, y + pad, width - 2 * pad)
