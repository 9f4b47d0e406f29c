"""A PDF document from a story of flowables: pages, a table of contents with page numbers,
running headers and footers ("Page 3 of 12"), written with ``QPdfWriter``.

Laying out happens before any drawing, so the table of contents and the footers know the
final page numbers: the body is paginated first, then the contents (whose length decides
where the body starts), then everything is drawn in one pass. Page numbers are the PDF's
own (the cover is page 1 and shows none), so what the contents say is what a viewer's page
box says.

Works in any thread once a ``QGuiApplication`` exists (``QPdfWriter`` and ``QPainter`` on
it are not tied to the UI thread). The file appears whole or not at all: pages are drawn
into memory and written through ``okrdesk.services.files`` (a checked temporary file
beside the target, renamed into place).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from okrdesk.domain.messages import message
from okrdesk.qt.core import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from okrdesk.qt.gui import QColor, QFontMetricsF, QPageSize, QPainter, QPdfWriter, QPen
from okrdesk.report.flow import (
    Context,
    Flowable,
    Heading,
    KeepTogether,
    PageBreak,
    Paragraph,
    Run,
    Spacer,
    TocMark,
)
from okrdesk.report.theme import DEFAULT_THEME, Theme
from okrdesk.services.errors import IncompleteFile
from okrdesk.services.files import check_target, write_file

RESOLUTION = 600
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
# Room a heading wants below it on its page for the start of what follows (points).
KEEP_WITH_NEXT = 54.0


class ExportCancelled(Exception):
    """The person cancelled; nothing was written."""


# (fraction done 0-1, what is happening).
ProgressCallback = Callable[[float, str], None]
# Asked between steps; True stops the export with ExportCancelled.
CancelCheck = Callable[[], bool]


def _complete_pdf(path: Path) -> None:
    """A PDF the writer finished: it starts as a PDF does and ends with its %%EOF marker."""
    with path.open("rb") as handle:
        start = handle.read(5)
        handle.seek(max(0, path.stat().st_size - 64))
        end = handle.read()
    if start != b"%PDF-" or b"%%EOF" not in end:
        raise IncompleteFile(message("The PDF came out incomplete: nothing was written."))


def _no_progress(_fraction: float, _message: str) -> None:
    return


def _not_cancelled() -> bool:
    return False


@dataclass
class Placed:
    flowable: Flowable
    x: float
    y: float
    width: float


@dataclass
class Page:
    items: list[Placed] = field(default_factory=list)
    marks: list[TocMark] = field(default_factory=list)


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    page: int  # 1-based, as printed


def paginate(
    ctx: Context,
    story: Sequence[Flowable],
    frame: QRectF,
    check: Callable[[], None] = lambda: None,
) -> list[Page]:
    """Place the story's flowables on pages inside ``frame``."""
    pager = _Pager(ctx, frame, deque(story))
    placed_count = 0
    while pager.queue:
        placed_count += 1
        # Asked now and then, not per flowable: a long story has thousands of them.
        if placed_count % 50 == 0:
            check()
        pager.take(pager.queue.popleft())
    return pager.finish()


class _Pager:
    """One pagination under way: the pages so far, where the next flowable would go, and
    the flowables still to place (a split's rest or a flowable moved to the next page goes
    back to the front of the queue)."""

    def __init__(self, ctx: Context, frame: QRectF, queue: deque[Flowable]) -> None:
        self.ctx = ctx
        self.frame = frame
        self.width = frame.width()
        self.queue = queue
        self.pages = [Page()]
        self.y = frame.top()

    def take(self, item: Flowable) -> None:
        """Place ``item`` here, or split it, or put it back for the next page."""
        at_top = not self.pages[-1].items
        if isinstance(item, PageBreak):
            if not at_top:
                self._new_page()
            return
        # A gap at the top of a page would only push the page's content down.
        if isinstance(item, Spacer) and at_top:
            return
        h = item.height(self.ctx, self.width)
        available = self.frame.bottom() - self.y
        needed = h + _kept_below(self.ctx, item, self.queue, self.width)
        # At the top of a page a heading stays even if what follows must go on: a new page
        # would not give it more room.
        if needed <= available or (at_top and h <= available):
            self._put_and_move_down(item, h)
        elif isinstance(item, KeepTogether) and (h > self.frame.height() or not at_top):
            self._keep_together(item, h)
        else:
            self._split_or_move(item, h, available, at_top)

    def finish(self) -> list[Page]:
        # A page break or a split at the very end leaves an empty last page behind.
        if not self.pages[-1].items and len(self.pages) > 1:
            self.pages.pop()
        return self.pages

    def _keep_together(self, item: KeepTogether, h: float) -> None:
        if h > self.frame.height():
            # No page could hold it whole: its parts are placed one by one instead.
            self.queue.extendleft(reversed(item.items))
        else:
            self._move_to_next_page(item)

    def _split_or_move(self, item: Flowable, h: float, available: float, at_top: bool) -> None:
        parts = None if item.keep_with_next else item.split(self.ctx, self.width, available)
        if parts is not None:
            first, rest = parts
            self._put(first)
            self._move_to_next_page(rest)
        elif not at_top:
            self._move_to_next_page(item)
        else:
            # Taller than a page and cannot split (only a flowable made too big can be): it
            # is placed anyway rather than lost.
            self._put_and_move_down(item, h)

    def _put(self, item: Flowable) -> None:
        _place(self.pages[-1], item, self.frame.left(), self.y, self.width)

    def _put_and_move_down(self, item: Flowable, h: float) -> None:
        self._put(item)
        self.y += h

    def _move_to_next_page(self, item: Flowable) -> None:
        self._new_page()
        self.queue.appendleft(item)

    def _new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.frame.top()


def _kept_below(ctx: Context, item: Flowable, queue: deque[Flowable], width: float) -> float:
    """The room a flowable that keeps with the next needs below itself: all of a chain of
    such flowables (a kicker, a heading), then the whole of an unsplittable flowable or the
    first lines of one that splits."""
    room = 0.0
    keeping = item.keep_with_next
    for following in queue:
        if not keeping:
            break
        if isinstance(following, Spacer):
            continue
        if isinstance(following, PageBreak):
            break
        h = following.height(ctx, width)
        keeping = following.keep_with_next
        room += h if keeping or not following.splittable else min(h, ctx.pt(KEEP_WITH_NEXT))
    return room


def _place(page: Page, item: Flowable, x: float, y: float, width: float) -> None:
    page.items.append(Placed(item, x, y, width))
    mark = getattr(item, "mark", None)
    if isinstance(mark, TocMark):
        page.marks.append(mark)


class TocLine(Flowable):
    """One line of the contents: the title (wrapping), a dotted leader, the page number."""

    def __init__(self, entry: TocEntry, theme: Theme, number_text: str | None = None) -> None:
        self.entry = entry
        self.theme = theme
        level = entry.level
        style = theme.body.with_(bold=True, size=10.5) if level == 1 else theme.body.with_(size=9.5)
        self.style = style
        self.indent = 16.0 * (level - 1)
        self.number = number_text if number_text is not None else str(entry.page)
        self.title = Paragraph(
            [Run(entry.text)],
            style,
            space_before=7.0 if level == 1 else 1.5,
            space_after=1.5,
            indent=self.indent,
        )

    def _number_width(self, ctx: Context) -> float:
        return ctx.pt(36)

    def height(self, ctx: Context, width: float) -> float:
        return self.title.height(ctx, width - self._number_width(ctx))

    def draw(self, ctx: Context, painter: QPainter, x: float, y: float, width: float) -> None:
        text_width = width - self._number_width(ctx)
        self.title.draw(ctx, painter, x, y, text_width)
        layout, lines = self.title._layout(ctx, text_width)
        last = layout.lineAt(layout.lineCount() - 1)
        top = y + ctx.pt(self.title.space_before) + lines[-1][1]
        metrics = QFontMetricsF(self.style.font(), ctx.device)
        baseline = top + last.y() - lines[-1][1] + last.ascent()
        start = x + ctx.pt(self.indent) + last.naturalTextWidth() + ctx.pt(6)
        end = x + width - metrics.horizontalAdvance(self.number) - ctx.pt(6)
        painter.save()
        if end > start:
            pen = QPen(QColor(self.theme.rule if self.entry.level > 1 else "#9fb3c8"))
            pen.setWidthF(ctx.pt(0.9))
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(start, baseline), QPointF(end, baseline))
        painter.setFont(self.style.font())
        painter.setPen(QColor(self.style.colour))
        painter.drawText(
            QPointF(x + width - metrics.horizontalAdvance(self.number), baseline), self.number
        )
        painter.restore()


@dataclass
class RunningText:
    """What the header and footer say; the header's right side names the section."""

    header_left: str = ""
    footer_left: str = ""


class Document:
    def __init__(
        self,
        *,
        title: str,
        author: str = "",
        page_size: str = "A4",
        theme: Theme = DEFAULT_THEME,
        running: RunningText | None = None,
        contents_title: str = "Contents",
        toc_levels: int = 2,
    ) -> None:
        if page_size not in PAGE_SIZES:
            raise ValueError(f"page size is one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
        self.title = title
        self.author = author
        self.page_size = page_size
        self.theme = theme
        self.running = running or RunningText(header_left=title)
        self.contents_title = contents_title
        self.toc_levels = toc_levels

    def write(
        self,
        path: Path,
        story: Sequence[Flowable],
        *,
        cover: Sequence[Flowable] = (),
        toc: bool = True,
        progress: ProgressCallback = _no_progress,
        cancelled: CancelCheck = _not_cancelled,
        overwrite: bool = False,
        plan: Path | None = None,
    ) -> int:
        """Write the PDF to ``path``; returns the number of pages. Raises ExportCancelled
        (leaving no file) when ``cancelled`` says so.

        The pages are drawn into memory, checked (the painter finished, the PDF has its
        end-of-file marker), then written through ``services.files``: whole or not at all,
        owner-only (private notes may be in it), fsynced, never over ``plan`` or any plan,
        over an existing file only with ``overwrite``."""
        target = check_target(Path(path), overwrite=overwrite, plan=plan)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        painter = QPainter()
        try:
            pages = self._write(writer, painter, story, cover, toc, progress, cancelled)
        finally:
            if painter.isActive():
                painter.end()
            del writer
        data = bytes(buffer.data().data())
        buffer.close()
        write_file(target, data, overwrite=overwrite, plan=plan, verify=_complete_pdf)
        return pages

    def _write(
        self,
        writer: QPdfWriter,
        painter: QPainter,
        story: Sequence[Flowable],
        cover: Sequence[Flowable],
        toc: bool,
        progress: ProgressCallback,
        cancelled: CancelCheck,
    ) -> int:
        ctx, size, frame = self._set_up(writer)

        def check() -> None:
            if cancelled():
                raise ExportCancelled

        progress(0.0, "Laying out pages…")
        # The body first: the contents need its page marks.
        body = paginate(ctx, story, frame, check)
        cover_pages = paginate(ctx, cover, frame, check) if cover else []
        toc_pages = self._toc_pages(ctx, body, len(cover_pages), frame, check) if toc else []
        pages = cover_pages + toc_pages + body
        sections = self._sections(cover_pages, toc_pages, body)
        self._draw_pages(
            writer, painter, ctx, size, pages, len(cover_pages), sections, check, progress
        )
        progress(1.0, "Done")
        return len(pages)

    def _set_up(self, writer: QPdfWriter) -> tuple[Context, QSizeF, QRectF]:
        """Set the writer's page and metadata; returns the drawing context, the page's size
        and the frame inside the margins that the story fills (all in device units)."""
        theme = self.theme
        writer.setPageSize(QPageSize(PAGE_SIZES[self.page_size]))
        # The theme's margins are drawn by us, so the writer adds none of its own.
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(RESOLUTION)
        writer.setTitle(self.title)
        writer.setCreator(self.author or "okrdesk")
        ctx = Context(writer, theme, RESOLUTION / 72.0)
        size = QSizeF(writer.width(), writer.height())
        frame = QRectF(
            ctx.pt(theme.margin_side),
            ctx.pt(theme.margin_top),
            size.width() - 2 * ctx.pt(theme.margin_side),
            size.height() - ctx.pt(theme.margin_top + theme.margin_bottom),
        )
        return ctx, size, frame

    def _toc_pages(
        self,
        ctx: Context,
        body: list[Page],
        cover_count: int,
        frame: QRectF,
        check: Callable[[], None],
    ) -> list[Page]:
        """The contents' pages, numbered for a body that follows the cover and them."""
        entries = [
            (mark.level, mark.text, index)
            for index, page in enumerate(body)
            for mark in page.marks
            if mark.level <= self.toc_levels
        ]
        # Lay the contents out once to count its pages (the numbers' width is fixed, so
        # a second layout with the real numbers takes as many).
        draft = self._contents(entries, cover_count, 0, placeholder=True)
        count = len(paginate(ctx, draft, frame, check))
        return paginate(ctx, self._contents(entries, cover_count, count, placeholder=False), frame)

    def _draw_pages(
        self,
        writer: QPdfWriter,
        painter: QPainter,
        ctx: Context,
        size: QSizeF,
        pages: list[Page],
        cover_count: int,
        sections: list[str],
        check: Callable[[], None],
        progress: ProgressCallback,
    ) -> None:
        """Draw every page; the cover's pages carry no header or footer."""
        total = len(pages)
        if not painter.begin(writer):
            raise IncompleteFile(message("The PDF could not be started: nothing was written."))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, page in enumerate(pages):
            check()
            progress(0.1 + 0.9 * index / max(total, 1), f"Drawing page {index + 1} of {total}…")
            # The writer starts on its first page; each further one is asked for.
            if index:
                writer.newPage()
            for placed in page.items:
                placed.flowable.draw(ctx, painter, placed.x, placed.y, placed.width)
            if index >= cover_count:
                self._draw_running(ctx, painter, size, index + 1, total, sections[index])
        # A painter that cannot end has not finished the file: refuse it rather than write it.
        if not painter.end():
            raise IncompleteFile(message("The PDF could not be drawn: nothing was written."))

    def _contents(
        self,
        entries: Sequence[tuple[int, str, int]],
        cover_count: int,
        toc_count: int,
        *,
        placeholder: bool,
    ) -> list[Flowable]:
        story: list[Flowable] = [Heading(self.contents_title, 1, self.theme, in_toc=False)]
        first_body_page = cover_count + toc_count + 1
        for level, text, index in entries:
            entry = TocEntry(level, text, first_body_page + index)
            story.append(TocLine(entry, self.theme, "000" if placeholder else None))
        return story

    def _sections(self, cover: list[Page], toc: list[Page], body: list[Page]) -> list[str]:
        names = [""] * len(cover) + [self.contents_title] * len(toc)
        current = ""
        for page in body:
            firsts = [m.text for m in page.marks if m.level == 1]
            if firsts:
                current = firsts[0]
            names.append(current)
        return names

    def _draw_running(
        self,
        ctx: Context,
        painter: QPainter,
        size: QSizeF,
        number: int,
        total: int,
        section: str,
    ) -> None:
        theme = self.theme
        style = theme.header_footer
        font = style.font()
        metrics = QFontMetricsF(font, ctx.device)
        left = ctx.pt(theme.margin_side)
        width = size.width() - 2 * left
        header_base = ctx.pt(theme.margin_top - theme.header_gap)
        footer_base = (
            size.height() - ctx.pt(theme.margin_bottom - theme.header_gap) + metrics.ascent()
        )
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(style.colour))
        half = width / 2 - ctx.pt(8)
        head_left = metrics.elidedText(self.running.header_left, Qt.TextElideMode.ElideRight, half)
        head_right = metrics.elidedText(section, Qt.TextElideMode.ElideRight, half)
        painter.drawText(QPointF(left, header_base), head_left)
        painter.drawText(
            QPointF(left + width - metrics.horizontalAdvance(head_right), header_base), head_right
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.rule))
        painter.drawRect(QRectF(left, header_base + ctx.pt(5), width, ctx.pt(0.5)))
        painter.setPen(QColor(style.colour))
        foot_left = metrics.elidedText(self.running.footer_left, Qt.TextElideMode.ElideRight, half)
        painter.drawText(QPointF(left, footer_base), foot_left)
        page_text = f"Page {number} of {total}"
        painter.drawText(
            QPointF(left + width - metrics.horizontalAdvance(page_text), footer_base), page_text
        )
        painter.restore()
