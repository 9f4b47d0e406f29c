"""The growth summary of a cycle: notes per kind and per mission as a chart, the skills
chart below it (each skill's level over the cycles up to the cycle's end), and as text the
growth paths of the milestones done in the cycle and the skills that moved in it (View ▸
Growth summary).

A non-modal window over okrdesk.services.growth.growth_summary; it follows the plan's
changes while open. matplotlib is imported when the window first opens, long after the
main window is on screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import Cycle
from okrdesk.gui.core.follow import follow
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.chart import palette_colours
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QGuiApplication
from okrdesk.qt.widgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.growth import WHOLE_PLAN, GrowthSummary, growth_summary
from okrdesk.services.skill_growth import (
    SkillsSeries,
    moves_text,
    skills_moved_between,
    skills_series,
)

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell


class GrowthSummaryWindow(QDialog):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.controller = shell.controller
        self.today = shell.today
        self.setObjectName("growthSummary")
        self.setWindowTitle(tr("Growth summary"))
        self.setModal(False)
        self.resize(900, 620)
        self.summary: GrowthSummary | None = None
        self.skills: SkillsSeries | None = None
        self.canvas: Any = None
        self.skills_canvas: Any = None
        self.cycle = QComboBox(self)
        self.cycle.setObjectName("summaryCycle")
        self.cycle.setAccessibleName(tr("Cycle"))
        self.cycle.activated.connect(lambda _row: self.refresh())
        label = QLabel(tr("Cycle"), self)
        label.setBuddy(self.cycle)
        copy = QPushButton(tr("Copy text"), self)
        copy.clicked.connect(self.copy_text)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.cycle)
        top.addStretch(1)
        top.addWidget(copy)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("summaryText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(tr("Growth summary text"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # The notes' chart, then the skills chart, each as tall as it needs, scrolled.
        self.chart_scroller = QScrollArea(self.splitter)
        self.chart_scroller.setObjectName("summaryCharts")
        self.chart_scroller.setWidgetResizable(True)
        self.chart_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_holder = QWidget(self.chart_scroller)
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_scroller.setWidget(self.chart_holder)
        self.splitter.addWidget(self.chart_scroller)
        self.splitter.addWidget(self.text)
        self.splitter.setSizes([480, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        follow(self.controller, self, self._plan_changed)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.canvas = FigureCanvasQTAgg(Figure(figsize=(5, 4), dpi=96))  # type: ignore[no-untyped-call]
        self.canvas.setAccessibleName(tr("Growth summary chart"))
        self.chart_layout.addWidget(self.canvas)
        self.skills_canvas = FigureCanvasQTAgg(Figure(figsize=(5, 4), dpi=96))  # type: ignore[no-untyped-call]
        self.skills_canvas.setAccessibleName(tr("Skills chart"))
        self.chart_layout.addWidget(self.skills_canvas)

    def fill_cycles(self) -> None:
        chosen = self.cycle.currentData() if self.cycle.count() else self.controller.cycle_id
        self.cycle.clear()
        self.cycle.addItem(WHOLE_PLAN, None)
        for cycle in sorted(self.controller.plan.all(Cycle), key=lambda c: c.start):
            self.cycle.addItem(cycle.name, cycle.id)
        row = self.cycle.findData(chosen) if chosen is not None else 0
        self.cycle.setCurrentIndex(max(row, 0))

    def choose_cycle(self, cycle_id: str | None) -> None:
        row = self.cycle.findData(cycle_id) if cycle_id is not None else 0
        self.cycle.setCurrentIndex(max(row, 0))
        self.refresh()

    def _plan_changed(self) -> None:
        self.fill_cycles()
        self.refresh()

    def refresh(self) -> None:
        from okrdesk.charts.skills import skills_height
        from okrdesk.gui.panes.charts import draw, draw_growth_summary, preferred_height

        self._ensure_canvas()
        plan, cycle_id = self.controller.plan, self.cycle.currentData()
        self.summary = growth_summary(plan, cycle_id)
        start, end = self._stretch(cycle_id)
        self.skills = skills_series(plan, self.today(), until=end)
        moved = skills_moved_between(plan, start, end)
        self.text.setPlainText(
            f"{self.summary.as_text()}\n\n{moves_text(self.summary.title, moved)}"
        )
        colours = palette_colours(self.palette())
        width = self.chart_scroller.viewport().width()
        self.canvas.setFixedHeight(preferred_height(self.summary, width))
        draw_growth_summary(self.canvas.figure, self.summary, colours)
        self.canvas.draw_idle()
        self.skills_canvas.setFixedHeight(skills_height(self.skills, width))
        draw(self.skills_canvas.figure, self.skills, colours)
        self.skills_canvas.draw_idle()

    def _stretch(self, cycle_id: str | None) -> tuple[date, date]:
        """The days of the cycle shown (up to today for the whole plan)."""
        cycle = None if cycle_id is None else self.controller.plan.find(Cycle, cycle_id)
        if cycle is None:
            return date.min, self.today()
        return cycle.start, cycle.end

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def open_for(self, cycle_id: str | None) -> None:
        self.cycle.clear()
        self.fill_cycles()
        self.choose_cycle(cycle_id)
        self.show()
        self.raise_()
