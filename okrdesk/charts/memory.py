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

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
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
        return self._from_memory(
            key, box, lambda: self.draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        )

    def _from_memory(self, key: Hashable, box: Bbox, draw: Callable[[], Any]) -> Any:
        """The pixels remembered under ``key`` copied back, else ``draw`` and remember
        what it painted in ``box``."""
        remembered = self.pixels.get(key)
        if remembered is not None:
            self.renderer.restore_region(remembered)  # type: ignore[no-untyped-call]
            return None
        drawn = draw()
        if len(self.pixels) >= MOST:
            self.pixels.clear()
        # With a margin for the glyphs' antialiased edges.
        self.pixels[key] = self.renderer.copy_from_bbox(box.padded(2))
        return drawn

    def draw_whole(self, text: Text) -> None:
        """Draw ``text`` as one, from memory when it was drawn alike before: a text of
        several lines (a chart's wrapped subtitle) reaches ``draw`` one line at a time
        without its artist, so only the whole text's place can say what it covers."""
        renderer = self.renderer
        plain = not (text.get_bbox_patch() or text.get_path_effects() or text.get_usetex())
        if not plain or not text.get_visible() or not text.get_text():
            text.draw(renderer)
            return
        box = text.get_window_extent(renderer)
        if any(box.overlaps(plot) for plot in self.plots):
            text.draw(renderer)
            return
        key = (
            "whole",
            text.get_text(),
            tuple(round(value, 2) for value in box.bounds),
            text.get_fontproperties(),
            to_rgba(text.get_color()),
            text.get_alpha(),
            text.get_rotation(),
            text.get_antialiased(),
            text.get_horizontalalignment(),
            getattr(text, "_multialignment", None),  # no public getter; it places lines
            text.get_linespacing(),
        )
        self._from_memory(key, box, lambda: text.draw(renderer))
        text.stale = False


_memories: WeakKeyDictionary[RendererAgg, TextMemory] = WeakKeyDictionary()


def draw_live(artist: Artist, renderer: RendererAgg) -> None:
    """Draw one of a layered chart's live artists: a text of several lines whole from
    memory when it can be (see ``TextMemory.draw_whole``), anything else as it draws."""
    memory = _memories.get(renderer)
    if memory is not None and isinstance(artist, Text) and "\n" in artist.get_text():
        memory.draw_whole(artist)
    else:
        artist.draw(renderer)


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
