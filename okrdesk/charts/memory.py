"""Texts around a chart painted again from memory while nothing about them changed.

Drawing text is most of what a chart's redraw costs (laying out and rendering each glyph,
on every draw), yet around the axes almost nothing changes from one check-in to the next:
the title, the tick labels, the axis labels. On the screen's Agg canvas, a text drawn
outside every axes' plotting area is remembered as the pixels it covered, keyed by what
it says, where, in which font and colour; the next draw of the same text at the same place
copies those pixels back instead of drawing the glyphs. Texts inside an axes (over lines
and bars) are always drawn. A new canvas size makes a new renderer, and a new memory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any
from weakref import WeakKeyDictionary

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

# Enough for every text around a chart; beyond it the memory starts again.
MOST = 400


class TextMemory:
    def __init__(self, renderer: RendererAgg) -> None:
        self.renderer = renderer
        self.draw_text: Callable[..., Any] = renderer.draw_text
        self.pixels: dict[Hashable, Any] = {}
        self.plots: list[Bbox] = []

    def draw(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: bool = False,
        mtext: Text | None = None,
    ) -> Any:
        if ismath or mtext is None:  # mathematics, or a line of a longer text
            return self.draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        box = mtext.get_window_extent(self.renderer)
        if any(box.overlaps(plot) for plot in self.plots):
            return self.draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        key = (
            s,
            round(x, 2),
            round(y, 2),
            angle,
            prop,
            tuple(gc.get_rgb()),
            gc.get_alpha(),
            gc.get_antialiased(),
        )
        remembered = self.pixels.get(key)
        if remembered is not None:
            self.renderer.restore_region(remembered)  # type: ignore[no-untyped-call]
            return None
        drawn = self.draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        if len(self.pixels) >= MOST:
            self.pixels.clear()
        # With a margin for the glyphs' antialiased edges.
        self.pixels[key] = self.renderer.copy_from_bbox(box.padded(2))
        return drawn


_memories: WeakKeyDictionary[RendererAgg, TextMemory] = WeakKeyDictionary()


def remember_texts(figure: Figure) -> None:
    """Let the draw that is starting paint unchanged texts around the axes from memory
    (called by the chart's layout engine, at the start of each draw)."""
    canvas = figure.canvas
    renderer = getattr(canvas, "renderer", None)
    if not isinstance(canvas, FigureCanvasAgg) or not isinstance(renderer, RendererAgg):
        return
    memory = _memories.get(renderer)
    if memory is None:
        memory = _memories[renderer] = TextMemory(renderer)
        renderer.draw_text = memory.draw  # type: ignore[method-assign]
    memory.plots = [ax.bbox.frozen() for ax in figure.axes if ax.get_visible()]
