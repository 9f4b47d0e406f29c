"""The review mode: the plan as full-screen pages for a laptop turned toward the other
person in a one-on-one (F5 to start, Esc to leave).

Large type and high contrast, to be read from across a table. One page per mission, each
followed by its objectives (chart and key results, with what changed since the last closed
meeting), then milestones and growth notes since the last meeting, then the agenda with
the meeting's action items. An objective's page shrinks its type until it fits the screen
(it needs no scrollbar at 768 or 640 pixels high). Left, Right, Page Up and Page Down
step; Home and End go to the ends; the page index (I) jumps.

Notes go into the meeting's four sections from a side panel (N) without leaving the mode,
each saved through the controller when the field is left. Esc leaves the mode from
anywhere in it, the notes box included (what is being typed is saved first). Nothing
private is ever shown: the pages come from services.review, which leaves private growth
notes out, and a private section of the meeting shows no text and no editor here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from okrdesk.domain.confidence import confidence_change, confidence_points, confidence_text
from okrdesk.domain.entities import (
    MEETING_SECTIONS,
    MISSION_RATINGS,
    ActionItem,
    AgendaPoint,
    Meeting,
    MissionEvaluation,
    ObjectiveClose,
)
from okrdesk.domain.health import Health
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.qt.core import QMargins, QRectF, QSize, Qt, Signal
from okrdesk.qt.gui import (
    QAction,
    QCloseEvent,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from okrdesk.qt.widgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.meetings import Change
from okrdesk.services.next_steps import tick_agenda_point
from okrdesk.services.review import (
    AgendaPage,
    KeyResultLine,
    MissionPage,
    ObjectiveLine,
    ObjectivePage,
    ProgressPage,
    PurposePage,
    ReviewPage,
    current_meeting,
    review_pages,
)
from okrdesk.services.series import ObjectiveSeries

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

# High contrast on a dark ground: light text reads from a distance on a laptop screen.
BACKGROUND = "#0b0f14"
SURFACE = "#17202a"
TEXT = "#f5f7fa"
MUTED = "#c3ccd6"
ACCENT = "#7cc4ff"
TRACK = "#2e3b48"
TONES = {"good": "#5ee08f", "warning": "#ffc857", "bad": "#ff7b7b", "neutral": "#c3ccd6"}

SECTION_TITLES = {
    "progress": QT_TR_NOOP("Progress"),
    "difficulties": QT_TR_NOOP("Difficulties"),
    "development": QT_TR_NOOP("Development"),
    "feedback": QT_TR_NOOP("Feedback"),
}

STYLE = f"""
QWidget#reviewMode {{ background: {BACKGROUND}; }}
QWidget#reviewMode QLabel {{ color: {TEXT}; font-size: 24px; }}
QWidget#reviewMode QLabel#pageTitle {{ font-size: 40px; font-weight: 700; }}
QWidget#reviewMode QLabel#kicker {{ color: {ACCENT}; font-size: 19px; font-weight: 600;
    letter-spacing: 2px; }}
QWidget#reviewMode QLabel#muted {{ color: {MUTED}; font-size: 22px; }}
QWidget#reviewMode QLabel#small {{ color: {MUTED}; font-size: 18px; }}
QWidget#reviewMode QLabel#sectionTitle {{ color: {ACCENT}; font-size: 24px; font-weight: 700; }}
QWidget#reviewMode QLabel#rowTitle {{ font-size: 25px; font-weight: 600; }}
QWidget#reviewMode QLabel#statement {{ font-size: 28px; }}
QWidget#reviewMode QLabel#number {{ font-size: 24px; font-weight: 600; }}
QWidget#reviewMode QFrame#card {{ background: {SURFACE}; border-radius: 10px; }}
QWidget#reviewMode QFrame#notes {{ background: {SURFACE}; border-left: 2px solid {TRACK}; }}
QWidget#reviewMode QFrame#header {{ border-bottom: 2px solid {TRACK}; }}
QWidget#reviewMode QPlainTextEdit {{ background: {BACKGROUND}; color: {TEXT}; font-size: 19px;
    border: 1px solid {TRACK}; border-radius: 6px; padding: 4px; }}
QWidget#reviewMode QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QWidget#reviewMode QPushButton {{ color: {TEXT}; background: {SURFACE}; font-size: 18px;
    border: 1px solid {TRACK}; border-radius: 6px; padding: 6px 14px; }}
QWidget#reviewMode QPushButton:checked {{ background: {TRACK}; border-color: {ACCENT}; }}
QWidget#reviewMode QComboBox {{ color: {TEXT}; background: {SURFACE}; font-size: 20px;
    border: 1px solid {TRACK}; border-radius: 6px; padding: 4px 10px; }}
QWidget#reviewMode QComboBox QAbstractItemView {{ color: {TEXT}; background: {SURFACE};
    selection-background-color: {TRACK}; font-size: 20px; }}
QWidget#reviewMode QCheckBox {{ color: {TEXT}; font-size: 25px; spacing: 14px; }}
QWidget#reviewMode QCheckBox::indicator {{ width: 26px; height: 26px; }}
QWidget#reviewMode QScrollArea, QWidget#reviewMode QStackedWidget,
QWidget#reviewMode QWidget#qt_scrollarea_viewport, QWidget#reviewMode QWidget#pageBody {{
    background: {BACKGROUND}; border: none; }}
"""

# A slide shows this much of a long text (about two lines at full size).
TITLE_LIMIT = 110
TEXT_LIMIT = 190
ROW_LIMIT = 100
UNIT_LIMIT = 18
# An objective's page shrinks its type in these steps until it fits the screen's height.
FIT_SCALES = (1.0, 0.9, 0.8, 0.72, 0.64, 0.56, 0.5, 0.45)
# The style's font sizes in pixels (selector -> size at full scale), scaled by FittedPage.
FONT_SIZES = {
    "QLabel": 24,
    "QLabel#pageTitle": 40,
    "QLabel#kicker": 19,
    "QLabel#muted": 22,
    "QLabel#small": 18,
    "QLabel#sectionTitle": 24,
    "QLabel#rowTitle": 25,
    "QLabel#statement": 28,
    "QLabel#number": 24,
}
CHART_MIN = QSize(300, 220)
NARROWEST_WITH_CHART = 820
NOTES_WIDTH = 400

NAV_KEYS_BACK = (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace)
NAV_KEYS_FORWARD = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)


def _label(text: str, name: str = "", *, wrap: bool = True) -> QLabel:
    """A plain-text label: plan text is the user's and must never be read as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _clipped(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis: a slide shows the
    start of a very long title (the whole text is in the tool tip)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def _long_label(text: str, name: str, limit: int) -> QLabel:
    label = _label(_clipped(text, limit), name)
    if label.text() != text:
        label.setToolTip(text)
        label.setAccessibleName(text)
    return label


class ElidedLabel(QLabel):
    """One line that ends in "…" when it has less room than its text needs (the header's
    meeting name must not make the window wider than a small screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(80)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )
        painter.drawText(self.contentsRect(), int(self.alignment()), text)
        painter.end()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), super().sizeHint().height())


def _tone(health: Health) -> str:
    return TONES.get(health.tone, MUTED)


def _chip(health: Health) -> QLabel:
    chip = _label(health.label, "number", wrap=False)
    chip.setStyleSheet(f"color: {_tone(health)};")
    return chip


def percent(value: float | None) -> str:
    return "–" if value is None else tr("{percent} %").format(percent=round(value * 100))


def number(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:g} {unit}".strip()


def change_text(change: Change | None) -> str:
    """What changed since the last closed meeting, in a few words."""
    if change is None or not change.in_snapshot:
        return ""
    parts = []
    if change.value_delta is not None and change.value_delta != 0:
        parts.append(f"{change.value_delta:+g} {change.unit}".strip())
    before, now = change.confidence_before, change.confidence_now
    if (
        before is not None
        and now is not None
        and confidence_points(before) != confidence_points(now)
    ):
        parts.append(
            tr("confidence {change}").format(change=translated(confidence_change(before, now)))
        )
    if change.health_changed and change.health_before is not None:
        parts.append(tr("was {health}").format(health=change.health_before.label.lower()))
    return tr("Since last time: {changes}").format(
        changes=", ".join(parts) if parts else tr("no change")
    )


class ProgressBar(QWidget):
    """A thick bar with a tick where progress is expected to be by now."""

    def __init__(self, value: float | None, expected: float | None, colour: str) -> None:
        super().__init__()
        self.value = 0.0 if value is None else max(0.0, min(1.0, value))
        self.expected = expected
        self.colour = QColor(colour)
        self.setMinimumHeight(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 16)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(0, 2, self.width(), 12)
        painter.setBrush(QColor(TRACK))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setBrush(self.colour)
        painter.drawRoundedRect(QRectF(0, 2, self.width() * self.value, 12), 6, 6)
        if self.expected is not None:
            x = self.width() * max(0.0, min(1.0, self.expected))
            painter.setBrush(QColor(TEXT))
            painter.drawRect(QRectF(x - 1.5, 0, 3, 16))
        painter.end()


# -- pages -----------------------------------------------------------------------------------


def _page_frame(scroll: QScrollArea | None = None) -> tuple[QScrollArea, QVBoxLayout]:
    """A page's scroll area (``scroll``, or a new one) with its body and the body's layout."""
    scroll = scroll or QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    body = QWidget()
    body.setObjectName("pageBody")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(48, 14, 48, 10)
    layout.setSpacing(10)
    scroll.setWidget(body)
    return scroll, layout


def _heading(layout: QVBoxLayout, kicker: str, title: str) -> None:
    layout.addWidget(_label(kicker.upper(), "kicker"))
    layout.addWidget(_long_label(title, "pageTitle", TITLE_LIMIT))


def _status_line(health: Health, progress: float | None, expected: float | None) -> QHBoxLayout:
    line = QHBoxLayout()
    line.setSpacing(28)
    line.addWidget(_chip(health))
    line.addWidget(
        _label(tr("Progress {percent}").format(percent=percent(progress)), "number", wrap=False)
    )
    if expected is not None:
        line.addWidget(
            _label(
                tr("expected by now {percent}").format(percent=percent(expected)),
                "muted",
                wrap=False,
            )
        )
    line.addStretch(1)
    return line


def _lines_grid(lines: tuple[ObjectiveLine, ...]) -> QGridLayout:
    """One row per objective (or serving mission): title, bar, percentage, health."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(14)
    for row, line in enumerate(lines):
        grid.addWidget(_label(line.title, "rowTitle"), row, 0)
        grid.addWidget(ProgressBar(line.progress, None, _tone(line.health)), row, 1)
        grid.addWidget(_label(percent(line.progress), "number", wrap=False), row, 2)
        grid.addWidget(_chip(line.health), row, 3)
    grid.setColumnStretch(0, 5)
    grid.setColumnStretch(1, 3)
    return grid


DECISIONS = {
    "keep": QT_TR_NOOP("Keep it next cycle"),
    "change": QT_TR_NOOP("Change it next cycle"),
    "drop": QT_TR_NOOP("Drop it next cycle"),
}


def close_lines(close: ObjectiveClose) -> list[tuple[str, str]]:
    """An objective's close as (text, style) lines: the final score (with the reason when
    adjusted), the decision and its why, the learning."""
    score = tr("Final score {score}").format(score=f"{close.score:.1f}")
    if close.adjusted and close.proposed is not None:
        score += " · " + tr("proposed {score}").format(score=f"{close.proposed:.1f}")
    lines = [(score, "number")]
    if close.adjusted and close.reason:
        lines.append((tr("Why adjusted: {reason}").format(reason=close.reason), "muted"))
    decision = tr(DECISIONS[close.decision.value])
    if close.decision_why:
        decision = f"{decision}: {close.decision_why}"
    lines.append((decision, "muted"))
    if close.learned:
        lines.append((tr("Learned: {learning}").format(learning=close.learned), "muted"))
    return lines


def evaluation_lines(
    evaluation: MissionEvaluation, cited: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """A mission's evaluation as (text, style) lines: the rating and its label, the
    evidence and what it cites, what to change."""
    label = translated(MISSION_RATINGS.get(evaluation.rating, str(evaluation.rating)))
    lines = [
        (
            tr("This cycle: {rating} of 5 · {label}").format(rating=evaluation.rating, label=label),
            "number",
        )
    ]
    if evaluation.evidence:
        lines.append((tr("Evidence: {text}").format(text=evaluation.evidence), "muted"))
    if cited:
        lines.append((tr("Cites: {items}").format(items=" · ".join(cited)), "small"))
    if evaluation.change:
        lines.append((tr("To change: {text}").format(text=evaluation.change), "muted"))
    return lines


def _closing_block(layout: QVBoxLayout, lines: list[tuple[str, str]]) -> None:
    """The retrospective's lines, each cut to about two lines so the slide still fits."""
    card = QFrame()
    card.setObjectName("closing")
    inner = QVBoxLayout(card)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(2)
    for text, name in lines:
        inner.addWidget(_long_label(text, name, TEXT_LIMIT))
    layout.addWidget(card)


def build_purpose_page(page: PurposePage) -> QWidget:
    """The opening page: why the person works and for whom, then their values."""
    scroll, layout = _page_frame()
    # The statement in full, in the type of a mission's statement: a sentence, not a title.
    layout.addWidget(_label(tr("Purpose").upper(), "kicker"))
    layout.addWidget(_label(page.title, "statement"))
    if page.values:
        layout.addSpacing(12)
        layout.addWidget(_label(tr("Values"), "sectionTitle"))
        for name, meaning in page.values:
            text = f"{name} — {meaning}" if meaning else name
            layout.addWidget(_long_label(text, "rowTitle", TEXT_LIMIT))
    layout.addStretch(1)
    return scroll


def build_mission_page(page: MissionPage) -> QWidget:
    # An evaluated mission says more: its type shrinks to fit the screen, as an objective's.
    scroll, layout = _page_frame(FittedPage() if page.evaluation is not None else None)
    kicker = " · ".join(
        p
        for p in (
            tr("Mission"),
            page.level,
            page.stakeholder and tr("for {stakeholder}").format(stakeholder=page.stakeholder),
        )
        if p
    )
    _heading(layout, kicker, page.title)
    if page.statement:
        layout.addWidget(_label(page.statement, "statement"))
    if page.objectives:
        # Without objectives of its own a mission has no numbers: its health says "pending".
        layout.addLayout(_status_line(page.health, page.progress, None))
    if page.evaluation is not None:
        _closing_block(layout, evaluation_lines(page.evaluation, page.cited))
    layout.addSpacing(12)
    if page.objectives or not page.served_by:
        layout.addWidget(_label(tr("Objectives this cycle"), "sectionTitle"))
        if not page.objectives:
            layout.addWidget(
                _label(
                    tr(
                        "No objectives in this cycle: a mission without objectives is a dead "
                        "mission."
                    ),
                    "muted",
                )
            )
        layout.addLayout(_lines_grid(page.objectives))
    if page.served_by:
        layout.addSpacing(8)
        layout.addWidget(_label(tr("Served by"), "sectionTitle"))
        layout.addLayout(_lines_grid(page.served_by))
    layout.addStretch(1)
    return scroll


def _key_result_block(line: KeyResultLine) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 10, 18, 12)
    layout.setSpacing(6)
    top = QHBoxLayout()
    top.addWidget(_long_label(line.title, "rowTitle", ROW_LIMIT), 1)
    top.addWidget(_chip(line.health), 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(top)
    values = QHBoxLayout()
    values.setSpacing(22)
    # A long unit is cut short: it must not push the card wider than the screen.
    unit = _clipped(line.unit, UNIT_LIMIT)
    now = number(line.value, unit)
    target = (
        ""
        if line.target is None
        else " " + tr("of {target}").format(target=number(line.target, unit))
    )
    values.addWidget(_label(f"{now}{target}", "number", wrap=False))
    values.addWidget(ProgressBar(line.progress, None, _tone(line.health)), 1)
    values.addWidget(_label(percent(line.progress), "number", wrap=False))
    layout.addLayout(values)
    facts = [
        tr("Confidence {value}").format(value=translated(confidence_text(line.confidence, "–")))
    ]
    changed = change_text(line.change)
    if changed:
        facts.append(changed)
    layout.addWidget(_label("   ·   ".join(facts), "small"))
    return card


def draw_objective_chart(figure: Any, series: ObjectiveSeries) -> None:
    """The objective's progress over the cycle against an even pace, in large type: the
    chart the pane and the PDF draw, in the presentation style."""
    from okrdesk.charts.board import Board
    from okrdesk.charts.objective import ProgressChart
    from okrdesk.charts.style import presentation_style

    Board(figure).show(ProgressChart, series, presentation_style(tr))


def _chart(series: ObjectiveSeries) -> QWidget:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 3.6), dpi=96)
    draw_objective_chart(figure, series)
    canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
    canvas.setObjectName("objectiveChart")
    canvas.setMinimumSize(CHART_MIN)
    # The chart takes the room the key results leave: its own size never makes a page taller.
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return canvas


class FittedPage(QScrollArea):
    """A page whose type shrinks (in ``FIT_SCALES`` steps) until it fits the height it is
    given; it scrolls only when even the smallest readable size does not fit."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scale = 1.0
        self._fitted_for = QSize()
        self.chart: QWidget | None = None
        # Each layout's margins and spacing at full size, scaled with the type.
        self._spacing: dict[QLayout, tuple[QMargins, int]] = {}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        body = self.widget()
        layout = body.layout() if body is not None else None
        size = self.size()
        if body is None or layout is None or size == self._fitted_for or size.height() < 50:
            return
        self._fitted_for = QSize(size)
        if not self._spacing:
            self._spacing = {
                child: (child.contentsMargins(), child.spacing())
                for child in [layout, *body.findChildren(QLayout)]
            }
        if self.chart is not None:
            # Beside the notes on a small screen the chart would be too narrow to read.
            self.chart.setVisible(size.width() >= NARROWEST_WITH_CHART)
        for scale in FIT_SCALES:
            self._apply(body, scale)
            if _needed_height(layout, size.width()) <= size.height():
                return
        # Still too tall (a narrow window, five long key results): the key results take
        # the chart's room, which lets their titles wrap less.
        if self.chart is not None:
            self.chart.hide()
            layout.activate()

    def _apply(self, body: QWidget, scale: float) -> None:
        self.scale = scale
        body.setStyleSheet(
            "\n".join(
                f"QWidget#pageBody {selector} {{ font-size: {max(11, round(px * scale))}px; }}"
                for selector, px in FONT_SIZES.items()
            )
        )
        if self.chart is not None:
            self.chart.setMinimumSize(
                round(CHART_MIN.width() * scale), round(CHART_MIN.height() * scale)
            )
        for child, (margins, spacing) in self._spacing.items():
            child.setContentsMargins(
                *(
                    round(side * scale)
                    for side in (margins.left(), margins.top(), margins.right(), margins.bottom())
                )
            )
            child.setSpacing(round(spacing * scale))
        layout = body.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()


def _needed_height(layout: Any, width: int) -> int:
    if layout.hasHeightForWidth():
        return int(layout.totalHeightForWidth(width))
    return int(layout.totalSizeHint().height())


def build_objective_page(page: ObjectivePage) -> QWidget:
    fitted = FittedPage()
    _, layout = _page_frame(fitted)
    _heading(layout, tr("Objective · {kind}").format(kind=page.kind), page.title)
    if page.mission:
        mission = tr("Mission: {mission}").format(mission=page.mission)
        layout.addWidget(_long_label(mission, "muted", TEXT_LIMIT))
    layout.addLayout(_status_line(page.health, page.progress, page.expected_progress))
    if page.close is not None:
        _closing_block(layout, close_lines(page.close))
    elif page.why:
        # A closed objective's slide tells how it ended in the why's place.
        layout.addWidget(_long_label(page.why, "muted", TEXT_LIMIT))
    columns = QHBoxLayout()
    columns.setSpacing(28)
    results = QVBoxLayout()
    results.setSpacing(10)
    if not page.key_results:
        results.addWidget(_label(tr("No key results yet."), "muted"))
    for line in page.key_results:
        results.addWidget(_key_result_block(line))
    results.addStretch(1)
    columns.addLayout(results, 3)
    canvas = _chart(page.series)
    fitted.chart = canvas
    # Straight in the row: when the chart is hidden, the key results take its room.
    columns.addWidget(canvas, 2)
    layout.addLayout(columns, 1)
    return fitted


def build_progress_page(page: ProgressPage) -> QWidget:
    scroll, layout = _page_frame()
    _heading(layout, tr("Since {day}").format(day=f"{page.since:%-d %B %Y}"), page.title)
    columns = QHBoxLayout()
    columns.setSpacing(40)
    milestones = QVBoxLayout()
    milestones.setSpacing(10)
    milestones.addWidget(_label(tr("Milestones"), "sectionTitle"))
    if not page.milestones:
        milestones.addWidget(_label(tr("No milestone done or due since then."), "muted"))
    for milestone in page.milestones:
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(18, 10, 18, 12)
        state = (
            tr("Done {day}").format(day=f"{milestone.done_on:%-d %b}")
            if milestone.done_on is not None
            else tr("Due {day}").format(day=f"{milestone.due:%-d %b}")
            if milestone.due is not None
            else ""
        )
        inner.addWidget(_label(milestone.title, "rowTitle"))
        done = milestone.done_on is not None
        tone = QLabel()
        tone.setText(state)
        tone.setTextFormat(Qt.TextFormat.PlainText)
        tone.setObjectName("number")
        tone.setStyleSheet(f"color: {TONES['good' if done else 'warning']};")
        inner.addWidget(tone)
        if milestone.purpose:
            inner.addWidget(_label(milestone.purpose, "small"))
        milestones.addWidget(card)
    milestones.addStretch(1)
    notes = QVBoxLayout()
    notes.setSpacing(10)
    notes.addWidget(_label(tr("Growth notes"), "sectionTitle"))
    if not page.notes:
        notes.addWidget(_label(tr("No growth notes since then."), "muted"))
    for note in page.notes:
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(18, 10, 18, 12)
        inner.addWidget(
            _label(f"{note.day:%-d %b} · {note.kind.value} · {note.milestone}", "small")
        )
        inner.addWidget(_label(note.text))
        notes.addWidget(card)
    notes.addStretch(1)
    columns.addLayout(milestones, 1)
    columns.addLayout(notes, 1)
    layout.addLayout(columns, 1)
    return scroll


def _ticked_row(text: str, done: bool, toggled: Callable[[bool], None]) -> QHBoxLayout:
    """A tick box with its text beside it (a check box's own text does not wrap)."""
    box = QCheckBox()
    box.setChecked(done)
    box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    box.setAccessibleName(text)
    box.toggled.connect(toggled)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(_label(text, "muted" if done else ""), 1)
    return row


def action_text(action: ActionItem) -> str:
    """'Book the dry run · Me · due 13 Feb' (what is set of it)."""
    parts = [action.text, action.owner]
    if action.due is not None:
        parts.append(tr("due {day}").format(day=f"{action.due:%-d %b}"))
    return " · ".join(part for part in parts if part)


def build_agenda_page(
    page: AgendaPage,
    toggle: Callable[[str, bool], None],
    actions: list[ActionItem] | None = None,
    toggle_action: Callable[[str, bool], None] | None = None,
) -> QWidget:
    """The agenda, then the meeting's action items, each ticked off where it stands."""
    scroll, layout = _page_frame()
    _heading(layout, page.meeting, page.title)
    if not page.points:
        layout.addWidget(_label(tr("Nothing on the agenda yet."), "muted"))
    for point in page.points:
        layout.addLayout(_ticked_row(point.text, point.done, partial(toggle, point.point_id)))
    layout.addSpacing(14)
    layout.addWidget(_label(tr("Action items"), "sectionTitle"))
    if not actions:
        layout.addWidget(
            _label(tr("No action items yet: note who does what by when as you agree it."), "muted")
        )
    for action in actions or []:
        tick: Callable[[bool], None] = (
            partial(toggle_action, action.id) if toggle_action else (lambda _on: None)
        )
        layout.addLayout(_ticked_row(action_text(action), action.done, tick))
    layout.addStretch(1)
    return scroll


def page_kind(page: ReviewPage) -> str:
    match page:
        case PurposePage():
            return tr("Purpose")
        case MissionPage():
            return tr("Mission")
        case ObjectivePage():
            return tr("Objective")
        case ProgressPage():
            return tr("Since last time")
        case AgendaPage():
            return tr("Agenda")
    raise AssertionError(page)  # pragma: no cover


# -- the notes panel -------------------------------------------------------------------------


class NoteEdit(QPlainTextEdit):
    """A section's notes: saved when left; Escape saves them and leaves the review."""

    finished = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()


class NotesPanel(QFrame):
    """The meeting's four sections. A private section shows neither its text nor an
    editor: the other person is looking at this screen."""

    leave_requested = Signal()

    def __init__(self, controller: PlanController, meeting_id: str | None) -> None:
        super().__init__()
        self.setObjectName("notes")
        self.controller = controller
        self.meeting_id = meeting_id
        self.edits: dict[str, NoteEdit] = {}
        self.private_labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(6)
        layout.addWidget(_label(tr("Notes"), "sectionTitle"))
        if meeting_id is None:
            layout.addWidget(
                _label(
                    tr("No open one-on-one. Add one (Edit > Add > One-on-one) to take notes here."),
                    "small",
                )
            )
            layout.addStretch(1)
            return
        for name in MEETING_SECTIONS:
            layout.addWidget(_label(tr(SECTION_TITLES[name]), "small"))
            edit = NoteEdit()
            edit.setObjectName(f"note_{name}")
            edit.setAccessibleName(tr(SECTION_TITLES[name]))
            edit.setTabChangesFocus(True)
            edit.finished.connect(lambda name=name: self.save(name))
            edit.escaped.connect(lambda name=name: self._escaped(name))
            hidden = _label(tr("Private: not shown during the review."), "small")
            layout.addWidget(edit, 1)
            layout.addWidget(hidden)
            self.edits[name] = edit
            self.private_labels[name] = hidden
        self.load()

    def meeting(self) -> Meeting | None:
        if self.meeting_id is None:
            return None
        return self.controller.plan.find(Meeting, self.meeting_id)

    def load(self) -> None:
        """Show the stored notes (what is being typed stays as typed)."""
        meeting = self.meeting()
        for name, edit in self.edits.items():
            private = meeting is None or bool(getattr(meeting, f"{name}_private"))
            edit.setVisible(not private)
            self.private_labels[name].setVisible(private and meeting is not None)
            if private:
                # Never keep a private section's text in a widget of this screen.
                edit.setPlainText("")
            elif not edit.hasFocus() and meeting is not None:
                text = getattr(meeting, name)
                if edit.toPlainText() != text:
                    edit.setPlainText(text)

    def save(self, name: str) -> bool:
        meeting = self.meeting()
        edit = self.edits[name]
        if meeting is None or getattr(meeting, f"{name}_private"):
            return False
        text = edit.toPlainText()
        if text == getattr(meeting, name):
            return False
        try:
            return self.controller.edit(Meeting, meeting.id, **{name: text})
        except ItemNotFound:
            return False

    def _escaped(self, name: str) -> None:
        self.save(name)
        self.leave_requested.emit()

    def save_all(self) -> None:
        for name in self.edits:
            self.save(name)


# -- the review window -----------------------------------------------------------------------


class ReviewMode(QWidget):
    """A top-level window of pages; ``show_fullscreen`` puts it over the whole screen."""

    left = Signal()

    def __init__(
        self,
        controller: PlanController,
        meeting_id: str | None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewMode")
        self.setWindowTitle(tr("Review — okrdesk"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setPalette(_dark_palette(self.palette()))
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controller = controller
        self.meeting_id = meeting_id
        self.today = today or date.today()
        self.pages: list[ReviewPage] = []
        self.built: dict[int, QWidget] = {}
        self.index = 0

        header = self._build_header()
        body = self._build_body()
        self._build_hint()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.hint)

        controller.changed.connect(self._plan_changed)
        controller.plan_replaced.connect(self.close)
        self.reload()

    def _build_header(self) -> QFrame:
        """Where the review is, the page index, the counter, notes and leave."""
        self.context = ElidedLabel()
        self.context.setObjectName("small")
        self.index_box = QComboBox()
        self.index_box.setObjectName("pageIndex")
        self.index_box.setAccessibleName(tr("Page index"))
        self.index_box.setToolTip(tr("Jump to a page (I)"))
        self.index_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.index_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.index_box.setMinimumContentsLength(16)
        self.index_box.activated.connect(self.go_to)
        self.counter = _label("", "small", wrap=False)
        self.notes_button = QPushButton(tr("Notes (N)"))
        self.notes_button.setCheckable(True)
        self.notes_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes_button.toggled.connect(self.show_notes)
        self.leave_button = QPushButton(tr("Leave (Esc)"))
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leave_button.clicked.connect(self.leave)
        header = QFrame()
        header.setObjectName("header")
        bar = QHBoxLayout(header)
        bar.setContentsMargins(24, 10, 24, 10)
        bar.setSpacing(16)
        bar.addWidget(self.context, 1)
        bar.addWidget(self.counter)
        bar.addWidget(self.index_box)
        bar.addWidget(self.notes_button)
        bar.addWidget(self.leave_button)
        return header

    def _build_body(self) -> QHBoxLayout:
        """The pages, with the notes panel beside them (hidden at first)."""
        self.stack = QStackedWidget()
        self.notes = NotesPanel(self.controller, self.meeting_id)
        self.notes.setFixedWidth(NOTES_WIDTH)
        # Esc leaves from anywhere, the notes box too: one key to get the screen back.
        self.notes.leave_requested.connect(self.leave)
        self.notes.hide()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.stack, 1)
        body.addWidget(self.notes)
        return body

    def _build_hint(self) -> None:
        self.hint = _label(
            "   ·   ".join(
                (
                    tr("← → Page Up/Down: step"),
                    tr("↑ ↓: scroll"),
                    tr("Home/End"),
                    tr("I: index"),
                    tr("N: notes"),
                    tr("Esc: leave"),
                )
            ),
            "small",
            wrap=False,
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

    # -- content --------------------------------------------------------------------------

    def meeting(self) -> Meeting | None:
        if self.meeting_id is None:
            return None
        return self.controller.plan.find(Meeting, self.meeting_id)

    def reload(self) -> None:
        """Read the pages from the plan again, staying on the same page where possible."""
        meeting = self.meeting()
        if meeting is None:
            self.meeting_id = None
        was = self.pages[self.index].title if self.pages else None
        self.pages = review_pages(
            self.controller.plan, self.meeting_id, self.controller.cycle_id, self.today
        )
        for widget in self.built.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.built = {}
        self.index_box.clear()
        for number_, page in enumerate(self.pages, start=1):
            self.index_box.addItem(f"{number_}. {page_kind(page)}: {page.title}")
        titles = [p.title for p in self.pages]
        self.index = titles.index(was) if was in titles else min(self.index, len(self.pages) - 1)
        self.context.setText(
            tr("One-on-one · {meeting}").format(meeting=meeting.label)
            if meeting is not None
            else tr("Plan review")
        )
        self.notes.load()
        self._show_current()

    def _plan_changed(self, _changes: PlanChanges) -> None:
        self.reload()

    def page_widget(self, index: int) -> QWidget:
        if index not in self.built:
            page = self.pages[index]
            match page:
                case PurposePage():
                    widget = build_purpose_page(page)
                case MissionPage():
                    widget = build_mission_page(page)
                case ObjectivePage():
                    widget = build_objective_page(page)
                case ProgressPage():
                    widget = build_progress_page(page)
                case AgendaPage():
                    widget = build_agenda_page(
                        page, self._toggle_point, self.action_items(), self._toggle_action
                    )
            self.built[index] = widget
            self.stack.addWidget(widget)
        return self.built[index]

    def _show_current(self) -> None:
        if not self.pages:
            return
        self.stack.setCurrentWidget(self.page_widget(self.index))
        self.index_box.setCurrentIndex(self.index)
        self.counter.setText(f"{self.index + 1} / {len(self.pages)}")

    def _toggle_point(self, point_id: str, done: bool) -> None:
        # A point that is a next step ticks the next step too, in the same undo step.
        plan = self.controller.plan
        self.controller.run(tick_agenda_point(plan, plan.get(AgendaPoint, point_id), done))

    def action_items(self) -> list[ActionItem]:
        if self.meeting_id is None:
            return []
        return self.controller.plan.children(ActionItem, self.meeting_id)

    def _toggle_action(self, action_id: str, done: bool) -> None:
        self.controller.edit(ActionItem, action_id, done=done)

    # -- moving ---------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        if self.pages:
            self.index = max(0, min(index, len(self.pages) - 1))
            self._show_current()

    def step(self, delta: int) -> None:
        self.go_to(self.index + delta)

    def scroll_page(self, direction: int) -> None:
        """Up and Down scroll a page taller than the screen."""
        page = self.stack.currentWidget()
        if isinstance(page, QScrollArea):
            bar = page.verticalScrollBar()
            bar.setValue(bar.value() + direction * bar.singleStep() * 6)

    def show_notes(self, visible: bool) -> None:
        self.notes.setVisible(visible)
        if self.notes_button.isChecked() != visible:
            self.notes_button.setChecked(visible)
        if visible:
            first = next((e for e in self.notes.edits.values() if e.isVisibleTo(self.notes)), None)
            if first is not None:
                first.setFocus()
        else:
            self.notes.save_all()
            self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The notes take a third of a small screen at most: the page stays readable.
        self.notes.setFixedWidth(max(280, min(NOTES_WIDTH, event.size().width() // 3)))
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in NAV_KEYS_BACK:
            self.step(-1)
        elif key in NAV_KEYS_FORWARD:
            self.step(1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.scroll_page(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.pages) - 1)
        elif key == Qt.Key.Key_I:
            self.index_box.showPopup()
        elif key == Qt.Key.Key_N:
            self.show_notes(not self.notes.isVisible())
        else:
            super().keyPressEvent(event)

    def leave(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.save_all()
        try:
            self.controller.changed.disconnect(self._plan_changed)
            self.controller.plan_replaced.disconnect(self.close)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)
        self.left.emit()

    def show_fullscreen(self) -> None:
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()


def _dark_palette(base: QPalette) -> QPalette:
    palette = QPalette(base)
    for role, colour in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.Base, BACKGROUND),
        (QPalette.ColorRole.AlternateBase, SURFACE),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.Button, SURFACE),
        (QPalette.ColorRole.ButtonText, TEXT),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, BACKGROUND),
        (QPalette.ColorRole.PlaceholderText, MUTED),
    ):
        palette.setColor(role, QColor(colour))
    return palette


# -- installing ------------------------------------------------------------------------------


def meeting_for_review(shell: Shell, today: date) -> str | None:
    """The one-on-one the review is for: the one selected (or whose action item is), else
    the latest open one."""
    node = shell.tree.current_node()
    plan = shell.controller.plan
    if node is not None:
        for node_id in (node.id, node.parent_id):
            if node_id and plan.find(Meeting, node_id) is not None:
                return node_id
    found = current_meeting(plan, today)
    return None if found is None else found.id


class Reviews:
    """Review mode (F5): one at a time, for the one-on-one selected or the latest."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.review: ReviewMode | None = None
        self.action = QAction(tr("&Review mode"), shell.widget)
        self.action.setObjectName("reviewModeAction")
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.action.setToolTip(
            tr("Review the plan full screen with the other person (F5; Esc leaves)")
        )
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda: self.start())

    def start(self, *, fullscreen: bool = True) -> ReviewMode:
        existing = self.review
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        shell = self.shell
        today = shell.today()
        review = ReviewMode(shell.controller, meeting_for_review(shell, today), today, shell.widget)
        review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.review = review
        # Deleted on close: forget it then, so the next F5 makes a new one.
        review.left.connect(self._left)
        if fullscreen:
            review.show_fullscreen()
        else:
            review.show()
            review.setFocus()
        return review

    def _left(self) -> None:
        self.review = None
