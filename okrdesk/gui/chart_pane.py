"""The chart pane: follows the selection; matplotlib is loaded only after the window shows.

Until ``ensure_canvas`` has run the pane shows a placeholder and remembers what to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from okrdesk.gui.chart_data import NO_SELECTION, ChartData

if TYPE_CHECKING:
    from okrdesk.gui.charts import Colours


class ChartPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartPane")
        self.setMinimumWidth(260)
        self.placeholder = QLabel("Loading charts…", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("editorHint")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.canvas: Any = None
        self.data: ChartData = NO_SELECTION
        self.draw_count = 0

    @property
    def ready(self) -> bool:
        return self.canvas is not None

    def ensure_canvas(self) -> None:
        """Import matplotlib and make the canvas (once), then draw what is waiting."""
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(5, 4), dpi=96, layout=None)
        self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName("Chart")
        self.stack.addWidget(self.canvas)
        self.stack.setCurrentWidget(self.canvas)
        self._draw(now=True)

    def show_data(self, data: ChartData) -> None:
        self.data = data
        if self.canvas is not None:
            self._draw(now=False)

    def draw_now(self) -> None:
        """Finish any pending drawing (for screenshots)."""
        if self.canvas is not None:
            self._draw(now=True)

    def _colours(self) -> Colours:
        from okrdesk.gui.charts import Colours

        palette = self.palette()
        return Colours(
            background=palette.color(QPalette.ColorRole.Window).name(),
            text=palette.color(QPalette.ColorRole.Text).name(),
            muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
            grid=palette.color(QPalette.ColorRole.Mid).name(),
            track=palette.color(QPalette.ColorRole.Midlight).name(),
        )

    def _draw(self, *, now: bool) -> None:
        from okrdesk.gui.charts import draw

        draw(self.canvas.figure, self.data, self._colours())
        self.draw_count += 1
        if now:
            self.canvas.draw()
        else:
            self.canvas.draw_idle()
