"""The chart pane: follows the selection; matplotlib is loaded only after the window shows.

Until ``ensure_canvas`` has run the pane shows a placeholder and remembers what to draw.
The main window tells it of each new selection (``show_node``); it follows the plan's
changes itself and draws again when one touched what it shows. It turns the node into
series (okrdesk.services.series) with what it knows itself: the cycle shown, today, and
whether an objective's milestone roadmap is toggled on. The series are computed when they
are needed, and drawing waits for the event loop, so an edit returns before the chart is
redrawn and several changes in a row draw once. Right-click on a chart copies it or saves
it as PNG or SVG.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrdesk.charts.style import Colours
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.chart_data import NO_SELECTION, ChartData, may_change, series_for
from okrdesk.qt.core import QEvent, QObject, QPoint, Qt, QTimer
from okrdesk.qt.gui import QGuiApplication, QImage, QPalette, QShowEvent
from okrdesk.qt.widgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.outline import Node, NodeKind

if TYPE_CHECKING:
    from okrdesk.gui.core.controller import PlanController

QWIDGETSIZE_MAX = 16777215

# (parent, title, suggested file name, filter) -> the chosen path or None; replaced in tests.
AskPath = Callable[[QWidget, str, str, str], Path | None]


def ask_with_dialog(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(chosen) if chosen else None


def palette_colours(palette: QPalette) -> Colours:
    return Colours.for_background(
        background=palette.color(QPalette.ColorRole.Window).name(),
        text=palette.color(QPalette.ColorRole.WindowText).name(),
        muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
        accent=palette.color(QPalette.ColorRole.Highlight).name(),
    )


class ChartPane(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("chartPane")
        self.setMinimumWidth(260)
        self.placeholder = QLabel(tr("Loading charts…"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("editorHint")
        self.roadmap_button = QToolButton(self)
        self.roadmap_button.setObjectName("roadmapToggle")
        self.roadmap_button.setText(tr("Milestone roadmap"))
        self.roadmap_button.setCheckable(True)
        self.roadmap_button.setToolTip(
            tr("Show the objective's milestones on a time axis instead of its key results")
        )
        self.roadmap_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.roadmap_button.toggled.connect(self._roadmap_toggled)
        self.roadmap_button.hide()
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addStretch(1)
        bar.addWidget(self.roadmap_button)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(self.stack, 1)
        self.canvas: Any = None
        # What is charted: a tree node (its series computed when needed) or ready series.
        self.node: Node | None = None
        self._data: ChartData | None = NO_SELECTION
        self.draw_count = 0
        self.roadmap = False
        self.today: Callable[[], date] = date.today
        self.ask_path: AskPath = ask_with_dialog
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        # The canvas paints its picture once the layout and paint events queued meanwhile
        # are done (draw_idle): the edited field and the tree show first.
        self._draw_timer.timeout.connect(lambda: self._draw(now=False))
        self._drawn_width = 0
        # What the canvas shows (series, width, colours): the same again is not redrawn.
        self._drawn: tuple[ChartData, int, Colours] | None = None
        self._colours: tuple[int, Colours] | None = None
        # An idle draw asked of the canvas and not yet done (draw_now finishes it).
        self._picture_owed = False
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self._redraw_after_resize)

        controller.changed.connect(self._plan_changed)

    @property
    def ready(self) -> bool:
        return self.canvas is not None

    def ensure_canvas(self) -> None:
        """Import matplotlib and make the canvas (once), then draw what is waiting."""
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from okrdesk.charts.layers import LayeredFigure

        figure = LayeredFigure(figsize=(5, 4), dpi=96)
        self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName(tr("Chart"))
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._show_menu)
        self.canvas.installEventFilter(self)
        self.canvas.mpl_connect("draw_event", self._picture_drawn)
        self.scroller.setWidget(self.canvas)
        self.stack.addWidget(self.scroller)
        self.stack.setCurrentWidget(self.scroller)
        self._draw(now=True)

    # -- what to draw -----------------------------------------------------------------------

    def show_node(self, node: Node | None) -> None:
        """Chart what is selected in the tree."""
        self.node = node
        self._data = None
        self._update_toggle()
        self._schedule()

    def show_data(self, data: ChartData) -> None:
        """Chart ready-made series."""
        self.node = None
        self._data = data
        self._update_toggle()
        self._schedule()

    @property
    def data(self) -> ChartData:
        """The series charted, computed from the plan the first time they are asked for."""
        if self._data is None:
            node = self.node
            roadmap = self.roadmap and node is not None and node.kind is NodeKind.OBJECTIVE
            plan, cycle_id = self.controller.plan, self.controller.cycle_id
            self._data = series_for(
                node, plan, cycle_id=cycle_id, today=self.today(), roadmap=roadmap
            )
        return self._data

    def refresh(self) -> None:
        """Compute the series again from the plan and draw them."""
        if self.node is not None:
            self._data = None
        self._schedule()

    def _plan_changed(self, changes: PlanChanges) -> None:
        if self.node is not None and may_change(self._data, changes):
            self.refresh()

    def _schedule(self) -> None:
        """Draw once the event loop is free (several changes in a row draw once); a hidden
        pane draws when it is shown."""
        if self.canvas is not None and self.isVisible():
            self._draw_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.canvas is not None:
            self._draw_timer.start()

    def _update_toggle(self) -> None:
        node = self.node
        self.roadmap_button.setVisible(node is not None and node.kind is NodeKind.OBJECTIVE)

    def _roadmap_toggled(self, on: bool) -> None:
        self.roadmap = on
        self.refresh()

    def set_roadmap(self, on: bool) -> None:
        self.roadmap_button.setChecked(on)

    def draw_now(self) -> None:
        """Finish the drawing that waits for the event loop, if any (for screenshots and
        timings): the series drawn, and the picture the canvas still owes painted."""
        if self.canvas is None:
            return
        if self._draw_timer.isActive():
            self._draw_timer.stop()
            self._draw(now=True)
        elif self._picture_owed:
            self.canvas.draw()

    def colours(self) -> Colours:
        """The chart's colours from the palette (worked out again only when it changes:
        the pane asks on every draw)."""
        palette = self.palette()
        key = palette.cacheKey()
        if self._colours is None or self._colours[0] != key:
            self._colours = (key, palette_colours(palette))
        return self._colours[1]

    def _draw(self, *, now: bool, again: bool = False) -> None:
        """Draw the chart (``now``, or when the event loop is free); a chart drawn as it
        is asked for is not drawn again unless ``again`` (its canvas was resized)."""
        from okrdesk.gui.panes.charts import draw, fills_height, preferred_height

        data, colours = self.data, self.colours()
        width = max(self.scroller.viewport().width(), 200)
        if self._drawn == (data, width, colours) and not again:
            return  # the change did not change the chart: nothing to draw
        height = preferred_height(data, width)
        self.canvas.setMinimumHeight(height)
        self.canvas.setMaximumHeight(QWIDGETSIZE_MAX if fills_height(data) else height)
        draw(self.canvas.figure, data, colours)
        self._drawn = (data, width, colours)
        self._drawn_width = self.canvas.width()
        self.draw_count += 1
        if now:
            self.canvas.draw()
        else:
            self._picture_owed = True
            self.canvas.draw_idle()

    def _picture_drawn(self, _event: object) -> None:
        self._picture_owed = False

    # -- events -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Labels are shortened to the width there is: draw again once resizing settles.
        canvas = self.canvas
        resized = canvas is not None and watched is canvas and event.type() == QEvent.Type.Resize
        if resized and abs(int(canvas.width()) - self._drawn_width) > 24:
            self._resize_timer.start()
        return super().eventFilter(watched, event)

    def _redraw_after_resize(self) -> None:
        if self.canvas is not None:
            self._draw(now=False, again=True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self._draw(now=False)

    # -- copy and save ----------------------------------------------------------------------

    def _show_menu(self, point: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.canvas.mapToGlobal(point))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(tr("&Copy chart"), self.copy_image)
        menu.addAction(tr("Save as &PNG…"), lambda: self.save_as("png"))
        menu.addAction(tr("Save as &SVG…"), lambda: self.save_as("svg"))
        return menu

    def image_bytes(self, fmt: str) -> bytes:
        buffer = io.BytesIO()
        figure = self.canvas.figure
        dpi = 192 if fmt == "png" else figure.dpi
        figure.savefig(buffer, format=fmt, dpi=dpi, facecolor=figure.get_facecolor())
        return buffer.getvalue()

    def copy_image(self) -> None:
        if self.canvas is None:
            return
        image = QImage.fromData(self.image_bytes("png"))
        clipboard = QGuiApplication.clipboard()
        clipboard.setImage(image)

    def save_as(self, fmt: str) -> Path | None:
        if self.canvas is None:
            return None
        title = getattr(self.data, "title", "") or "chart"
        safe = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
        suggested = f"{' '.join(safe.split())[:60] or 'chart'}.{fmt}"
        path = self.ask_path(
            self, tr("Save chart as {format}").format(format=fmt.upper()), suggested, f"*.{fmt}"
        )
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        path.write_bytes(self.image_bytes(fmt))
        path.chmod(0o600)  # a picture of the plan is as private as the plan
        return path
