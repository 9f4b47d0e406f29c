"""Charts as files: SVG for the PDF (vector paths at any zoom), drawn off the UI thread.

matplotlib's object API only (never pyplot: it is not thread-safe, and the export runs in
the background).
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from okrdesk.charts.base import Chart
from okrdesk.charts.board import Board
from okrdesk.charts.style import ChartStyle

POINT = 1 / 72  # inches


def svg_chart(
    kind: type[Chart], data: Any, style: ChartStyle, width_pt: float, height_pt: float
) -> bytes:
    """``data`` drawn as ``kind`` on a figure of the given size in points, as SVG."""
    figure = Figure(figsize=(width_pt * POINT, height_pt * POINT), dpi=72)
    FigureCanvasSVG(figure)
    Board(figure).show(kind, data, style)
    return svg_bytes(figure)


def svg_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # Text as text: Qt's SVG renderer draws it as real (searchable) PDF text, and it does
    # not understand the glyph outlines matplotlib writes otherwise. No date in the file,
    # and ids from a fixed salt: the same plan gives the same chart, byte for byte.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "okrdesk"}):
        figure.savefig(
            buffer, format="svg", metadata={"Date": None}, facecolor=figure.get_facecolor()
        )
    return buffer.getvalue()
