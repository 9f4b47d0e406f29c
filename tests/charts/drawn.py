"""What a chart drew, read back from matplotlib's renderer: every text with its extent."""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox


def drawn_texts(figure: Figure) -> list[tuple[Text, Bbox]]:
    """Each text the figure draws (not those hidden or empty) and where, in pixels."""
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    renderer = canvas.get_renderer()
    ticks = {
        id(label)
        for ax in figure.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in (*axis.majorTicks, *axis.minorTicks)
        for label in (tick.label1, tick.label2)
    }
    # Tick labels are made ahead and kept: only those drawn count (the renderer says which;
    # it names single lines only, which tick labels are). Other texts count when shown.
    drawn: dict[int, Text] = {}
    draw_text = renderer.draw_text

    def record(*args: Any, **kwargs: Any) -> Any:
        text = kwargs.get("mtext")
        if isinstance(text, Text) and id(text) in ticks:
            drawn[id(text)] = text
        return draw_text(*args, **kwargs)

    renderer.draw_text = record  # type: ignore[method-assign]
    try:
        canvas.draw()
    finally:
        del renderer.draw_text
    for text in _shown_texts(figure):
        if id(text) not in ticks:
            drawn[id(text)] = text
    return [(text, text.get_window_extent(renderer)) for text in drawn.values()]


def _shown_texts(artist: Artist) -> list[Text]:
    found: list[Text] = []
    for child in artist.get_children():
        if not child.get_visible():
            continue
        if isinstance(child, Text) and child.get_text().strip():
            found.append(child)
        found += _shown_texts(child)
    return found


def outside(figure: Figure) -> list[str]:
    """The texts that pass the figure's edges (by more than a pixel)."""
    edge = figure.bbox
    return [
        text.get_text()
        for text, box in drawn_texts(figure)
        if box.x0 < edge.x0 - 1
        or box.y0 < edge.y0 - 1
        or box.x1 > edge.x1 + 1
        or box.y1 > edge.y1 + 1
    ]


def overlapping(figure: Figure) -> list[tuple[str, str]]:
    """Pairs of texts drawn over each other (by more than a pixel either way)."""
    boxes = drawn_texts(figure)
    found = []
    for index, (one, a) in enumerate(boxes):
        for other, b in boxes[index + 1 :]:
            across = min(a.x1, b.x1) - max(a.x0, b.x0)
            down = min(a.y1, b.y1) - max(a.y0, b.y0)
            if across > 1 and down > 1:
                found.append((one.get_text(), other.get_text()))
    return found


def agg_figure(width: int, height: int, dpi: float = 96) -> Figure:
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure
