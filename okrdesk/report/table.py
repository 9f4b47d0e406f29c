"""A table that continues across pages, repeating its header row on each.

Cells are flowables (usually paragraphs), so long text wraps inside its column. A row that
does not fit moves to the next page whole; only a row taller than a third of a page is cut
between lines, so that no text ever runs off the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from okrdesk.qt.core import QRectF, Qt
from okrdesk.qt.gui import QColor, QPainter
from okrdesk.report.flow import Context, Flowable, Paragraph
from okrdesk.report.theme import Theme

# Rows shorter than this are never cut in two (points).
UNSPLIT_ROW = 240.0


@dataclass(frozen=True)
class Column:
    title: str
    # Share of the table's width.
    weight: float = 1.0
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


class _Empty(Flowable):
    def height(self, ctx: Context, width: float) -> float:
        return 0.0

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        return


class Table(Flowable):
    splittable = True

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Flowable]],
        theme: Theme,
        *,
        padding: tuple[float, float] = (4.0, 5.0),
        zebra: bool = True,
        space_after: float = 6.0,
        first_row: int = 0,
    ) -> None:
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError("every row needs one cell per column")
        self.theme = theme
        self.padding = padding
        self.zebra = zebra
        self.space_after = space_after
        # The index of this part's first row in the whole table, so zebra stripes continue.
        self.first_row = first_row
        self.header = [
            Paragraph(c.title, theme.table_header, align=c.align, line_spacing=1.1)
            for c in self.columns
        ]
        self._cache: tuple[float, float, list[float]] | None = None

    # -- measuring --------------------------------------------------------------------------

    def _widths(self, width: float) -> list[float]:
        total = sum(c.weight for c in self.columns) or 1.0
        return [width * c.weight / total for c in self.columns]

    def _row_height(self, ctx: Context, cells: Sequence[Flowable], widths: list[float]) -> float:
        pad_v, pad_h = (ctx.pt(p) for p in self.padding)
        inner = [
            cell.height(ctx, max(1.0, w - 2 * pad_h)) for cell, w in zip(cells, widths, strict=True)
        ]
        return max(inner, default=0.0) + 2 * pad_v

    def _heights(self, ctx: Context, width: float) -> tuple[float, list[float]]:
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1], self._cache[2]
        widths = self._widths(width)
        header = self._row_height(ctx, self.header, widths)
        rows = [self._row_height(ctx, row, widths) for row in self.rows]
        self._cache = (width, header, rows)
        return header, rows

    def height(self, ctx: Context, width: float) -> float:
        header, rows = self._heights(ctx, width)
        return header + sum(rows) + ctx.pt(self.space_after)

    def _part(self, rows: Sequence[Sequence[Flowable]], first_row: int, last: bool) -> Table:
        return Table(
            self.columns,
            rows,
            self.theme,
            padding=self.padding,
            zebra=self.zebra,
            space_after=self.space_after if last else 0.0,
            first_row=first_row,
        )

    def split(
        self, ctx: Context, width: float, available: float
    ) -> tuple[Flowable, Flowable] | None:
        header, rows = self._heights(ctx, width)
        used = header
        fitting = 0
        while fitting < len(rows) and used + rows[fitting] <= available:
            used += rows[fitting]
            fitting += 1
        if fitting >= len(rows):
            return None
        if fitting > 0:
            return (
                self._part(self.rows[:fitting], self.first_row, last=False),
                self._part(self.rows[fitting:], self.first_row + fitting, last=True),
            )
        if rows[0] < ctx.pt(UNSPLIT_ROW):
            return None
        cut = self._split_row(ctx, width, available - header)
        if cut is None:
            return None
        head, tail = cut
        return (
            self._part([head], self.first_row, last=False),
            self._part([tail, *self.rows[1:]], self.first_row, last=True),
        )

    def _split_row(
        self, ctx: Context, width: float, available: float
    ) -> tuple[list[Flowable], list[Flowable]] | None:
        pad_v, pad_h = (ctx.pt(p) for p in self.padding)
        room = available - 2 * pad_v
        head: list[Flowable] = []
        tail: list[Flowable] = []
        for cell, w in zip(self.rows[0], self._widths(width), strict=True):
            inner = max(1.0, w - 2 * pad_h)
            if cell.height(ctx, inner) <= room:
                head.append(cell)
                tail.append(_Empty())
                continue
            parts = cell.split(ctx, inner, room)
            if parts is None:
                return None
            head.append(parts[0])
            tail.append(parts[1])
        return head, tail

    # -- drawing ----------------------------------------------------------------------------

    def _draw_row(
        self,
        ctx: Context,
        painter: QPainter,
        cells: Sequence[Flowable],
        widths: Sequence[float],
        x: float,
        y: float,
        height: float,
        fill: str | None,
    ) -> None:
        pad_v, pad_h = (ctx.pt(p) for p in self.padding)
        if fill is not None:
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(fill))
            painter.drawRect(QRectF(x, y, sum(widths), height))
            painter.restore()
        for cell, w in zip(cells, widths, strict=True):
            cell.draw(ctx, painter, x + pad_h, y + pad_v, max(1.0, w - 2 * pad_h))
            x += w

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        header, rows = self._heights(ctx, width)
        widths = self._widths(width)
        theme = self.theme
        self._draw_row(ctx, painter, self.header, widths, x, y, header, theme.table_header_fill)
        y += header
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.accent))
        painter.drawRect(QRectF(x, y - ctx.pt(0.8), width, ctx.pt(0.8)))
        painter.restore()
        for index, (cells, h) in enumerate(zip(self.rows, rows, strict=True)):
            striped = self.zebra and (self.first_row + index) % 2 == 1
            fill = theme.zebra_fill if striped else None
            self._draw_row(ctx, painter, cells, widths, x, y, h, fill)
            y += h
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.rule))
            painter.drawRect(QRectF(x, y - ctx.pt(0.5), width, ctx.pt(0.5)))
            painter.restore()
