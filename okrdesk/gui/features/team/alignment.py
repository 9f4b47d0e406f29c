"""The alignment view: company and team missions → team objectives → my missions → my
objectives → key results, as a diagram with the cycle's progress on each node.

Drawn with QGraphicsView from ``services.alignment`` (plain data); clicking a node selects
it in the tree; the picture exports as PNG or SVG. The window chooses its cycle (the main
window's at first, or all cycles), fits the diagram to its width (it scrolls up and down
only, so it fits a 1024×640 screen), and closes with Esc or its Close button.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from okrdesk.domain.entities import Cycle, Objective
from okrdesk.domain.enums import Level
from okrdesk.domain.health import Health
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.follow import follow
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.theme import GRAPHIC_CONTRAST, health_colour, is_dark, mix, readable, tint
from okrdesk.gui.panes.chooser import size_on_screen
from okrdesk.qt.core import QEvent, QPointF, QRectF, QSize, Qt, Signal
from okrdesk.qt.gui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QShortcut,
)
from okrdesk.qt.widgets import (
    QComboBox,
    QFileDialog,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.alignment import (
    COLUMN_TITLES,
    Alignment,
    AlignmentNode,
    build_alignment,
    default_cycle,
)
from okrdesk.services.plan import PlanService

NODE_WIDTH = 220.0
NODE_HEIGHT = 66.0
COLUMN_GAP = 70.0
ROW_GAP = 12.0
HEADER_HEIGHT = 36.0
ID_ROLE = 0

BLUE = QColor("#5b7fc7")
VIOLET = QColor("#8e6bbf")
GREY = QColor("#9aa5b5")
EDGE_COLOURS = {"owns": GREY, "serves": BLUE, "aligned": VIOLET, "part of": GREY}
# The services name the columns in English; marked here so they are translated when shown.
COLUMN_WORDS = (
    QT_TR_NOOP("Company & team missions"),
    QT_TR_NOOP("Team objectives"),
    QT_TR_NOOP("My missions"),
    QT_TR_NOOP("My objectives"),
    QT_TR_NOOP("Key results"),
)


@dataclass(frozen=True)
class DiagramColours:
    """The diagram's colours, from the palette: cards on tinted column bands, and text
    that keeps its contrast on a light or a dark palette."""

    background: QColor
    bands: tuple[QColor, ...]
    card: QColor
    card_archived: QColor
    border: QColor
    border_hover: QColor
    text: QColor
    text_archived: QColor
    secondary: QColor
    header: QColor
    hint: QColor
    track: QColor
    edges: dict[str, QColor]

    def edge(self, kind: str) -> QColor:
        return self.edges.get(kind, self.edges["owns"])


def diagram_colours(palette: QPalette) -> DiagramColours:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    blue_band = tint(palette, BLUE)
    violet_band = tint(palette, VIOLET)
    bands = (blue_band, blue_band, violet_band, violet_band, mix(base, text, 0.03))
    # On a dark palette the cards stand a little lighter than the bands, as raised things do.
    card = mix(base, text, 0.07) if dark else QColor(base)
    card_archived = mix(card, text, 0.03)
    return DiagramColours(
        background=QColor(base),
        bands=bands,
        card=card,
        card_archived=card_archived,
        border=mix(card, text, 0.22),
        border_hover=readable(BLUE, card, GRAPHIC_CONTRAST),
        text=readable(text, card),
        text_archived=readable(mix(text, card_archived, 0.45), card_archived),
        secondary=readable(mix(text, card, 0.25), card),
        header=min((readable(mix(text, b, 0.15), b) for b in bands), key=_luminance_order(dark)),
        hint=min((readable(mix(text, b, 0.45), b) for b in bands), key=_luminance_order(dark)),
        track=mix(card, text, 0.12),
        edges={
            kind: readable(colour, base, GRAPHIC_CONTRAST) if dark else QColor(colour)
            for kind, colour in EDGE_COLOURS.items()
        },
    )


def _luminance_order(dark: bool) -> Callable[[QColor], float]:
    """Of the shades readable on each band, the one readable on all: the darkest on a light
    palette, the lightest on a dark one."""
    return (lambda c: -c.lightnessF()) if dark else (lambda c: c.lightnessF())


def health_of(value: str) -> Health:
    """The health a node's value names (pending for one this version does not know)."""
    try:
        return Health(value)
    except ValueError:
        return Health.PENDING


def health_label(value: str) -> str:
    try:
        return Health(value).label
    except ValueError:
        return value.replace("_", " ")


def column_x(column: int) -> float:
    return column * (NODE_WIDTH + COLUMN_GAP)


class NodeItem(QGraphicsItem):
    """One mission, objective or key result: a card with its title, owner and progress."""

    def __init__(self, node: AlignmentNode) -> None:
        super().__init__()
        self.node = node
        self.setData(ID_ROLE, node.id)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self.hovered = False
        percent = "" if node.progress is None else percent_text(node.progress)
        lines = [node.title]
        if node.serves:
            lines.append(tr("For: {whom}").format(whom=", ".join(node.serves)))
        if node.owner:
            lines.append(tr("Owner: {owner}").format(owner=node.owner))
        status = ", ".join(
            part
            for part in (
                percent,
                health_label(node.health) if node.health else "",
                tr("archived") if node.archived else "",
                tr("locked team item") if node.locked else "",
            )
            if part
        )
        if status:
            lines.append(status)
        lines.append(tr("Click to select it in the tree"))
        # Plain text tool tip: user text must never be read as rich text.
        self.setToolTip("\n".join(lines).replace("<", "‹"))

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT)

    def hoverEnterEvent(self, event: object) -> None:  # type: ignore[override]
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:  # type: ignore[override]
        self.hovered = False
        self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        node = self.node
        scene = self.scene()
        colours = (
            scene.colours
            if isinstance(scene, AlignmentScene)
            else diagram_colours(QGuiApplication.palette())
        )
        rect = self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = (
            scene.palette() if isinstance(scene, AlignmentScene) else QGuiApplication.palette()
        )
        stripe = health_colour(palette, health_of(node.health))
        self._paint_card(painter, rect, colours, stripe)
        self._paint_title(painter, rect, colours)
        self._paint_progress(painter, rect, colours, stripe)

    def _paint_card(
        self, painter: QPainter, rect: QRectF, colours: DiagramColours, stripe: QColor
    ) -> None:
        border = colours.border_hover if self.hovered else colours.border
        painter.setPen(QPen(border, 1.4 if self.hovered else 1.0))
        painter.setBrush(QBrush(colours.card_archived if self.node.archived else colours.card))
        painter.drawRoundedRect(rect, 6, 6)
        # The health stripe on the left; the words say it too (tool tip and percent).
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stripe)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect.left(), rect.top(), 8, rect.height()), 4, 4)
        painter.drawPath(path)
        painter.drawRect(QRectF(rect.left() + 4, rect.top(), 4, rect.height()))

    def _paint_title(self, painter: QPainter, rect: QRectF, colours: DiagramColours) -> None:
        node = self.node
        font = QFont(painter.font())
        font.setPointSizeF(8.5)
        font.setBold(node.kind != "key_result")
        painter.setFont(font)
        painter.setPen(colours.text_archived if node.archived else colours.text)
        text_rect = QRectF(rect.left() + 14, rect.top() + 5, rect.width() - 20, 34)
        painter.drawText(text_rect, _two_lines(node.title, font, text_rect.width()))

    def _paint_progress(
        self, painter: QPainter, rect: QRectF, colours: DiagramColours, stripe: QColor
    ) -> None:
        """A bar with the number beside it (never colour alone)."""
        node = self.node
        bar = QRectF(rect.left() + 14, rect.bottom() - 16, rect.width() - 66, 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.track)
        painter.drawRoundedRect(bar, 3, 3)
        small = QFont(painter.font())
        small.setBold(False)
        small.setPointSizeF(8)
        painter.setFont(small)
        if node.progress is not None:
            filled = QRectF(
                bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, node.progress)), bar.height()
            )
            painter.setBrush(stripe)
            painter.drawRoundedRect(filled, 3, 3)
            label = percent_text(node.progress)
        else:
            label = "–"
        if node.archived:
            label = tr("archived")
        painter.setPen(colours.secondary)
        painter.drawText(
            QRectF(bar.right() + 4, bar.top() - 5, 48, 16),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            label,
        )


def _two_lines(text: str, font: QFont, width: float) -> str:
    """The text wrapped at words into at most two lines, the second elided."""
    metrics = QFontMetricsF(font)
    words = text.split()
    first = ""
    rest_index = len(words)
    for index, word in enumerate(words):
        candidate = f"{first} {word}".strip()
        if metrics.horizontalAdvance(candidate) > width and first:
            rest_index = index
            break
        first = candidate
    else:
        return metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
    second = " ".join(words[rest_index:])
    first = metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
    return first + "\n" + metrics.elidedText(second, Qt.TextElideMode.ElideRight, width)


def layout_positions(alignment: Alignment) -> dict[str, QPointF]:
    """Each node's top-left corner. Columns go left to right, each in its order; a node sits
    as near the middle of what it hangs on as the nodes above it allow (left to right), then
    as near the middle of what hangs on it (right to left), so lines run mostly straight."""
    parents: dict[str, list[str]] = defaultdict(list)
    children: dict[str, list[str]] = defaultdict(list)
    for edge in alignment.edges:
        if edge.kind != "part of":  # within a column: drawn as a bracket, not aligned to
            parents[edge.target].append(edge.source)
            children[edge.source].append(edge.target)
    ys: dict[str, float] = {}

    def place(column: tuple[AlignmentNode, ...], anchors: dict[str, list[str]]) -> None:
        bottom = 0.0
        for node in column:
            centres = [ys[a] for a in anchors[node.id] if a in ys]
            wanted = sum(centres) / len(centres) if centres else ys.get(node.id, bottom)
            ys[node.id] = max(wanted, bottom)
            bottom = ys[node.id] + NODE_HEIGHT + ROW_GAP

    for column in alignment.columns:
        place(column, parents)
    for column in reversed(alignment.columns[:-1]):
        place(column, children)
    return {
        node.id: QPointF(column_x(index), ys[node.id])
        for index, column in enumerate(alignment.columns)
        for node in column
    }


def percent_text(progress: float) -> str:
    return tr("{percent} %").format(percent=round(progress * 100))


class AlignmentScene(QGraphicsScene):
    def __init__(self) -> None:
        super().__init__()
        self.colours = diagram_colours(self.palette())

    def show_alignment(self, alignment: Alignment) -> None:
        self.clear()
        self.colours = colours = diagram_colours(self.palette())
        self.setBackgroundBrush(colours.background)
        positions = layout_positions(alignment)
        height = max((p.y() for p in positions.values()), default=0.0) + NODE_HEIGHT
        for index, title in enumerate(COLUMN_TITLES):
            band = self.addRect(
                QRectF(
                    column_x(index) - 10,
                    -HEADER_HEIGHT - 8,
                    NODE_WIDTH + 20,
                    height + HEADER_HEIGHT + 20,
                ),
                QPen(Qt.PenStyle.NoPen),
                QBrush(colours.bands[index]),
            )
            band.setZValue(-3)
            header = QGraphicsSimpleTextItem(tr(title))
            font = QFont(header.font())
            font.setBold(True)
            font.setPointSizeF(9.5)
            header.setFont(font)
            header.setBrush(colours.header)
            header.setPos(column_x(index), -HEADER_HEIGHT + 4)
            self.addItem(header)
            if not alignment.columns[index]:
                hint = QGraphicsSimpleTextItem(tr("(none)"))
                hint.setBrush(colours.hint)
                hint.setPos(column_x(index), 6)
                self.addItem(hint)
        for edge in alignment.edges:
            if edge.source not in positions or edge.target not in positions:
                continue
            end = positions[edge.target] + QPointF(0, NODE_HEIGHT / 2)
            if edge.kind == "part of":
                # A bracket on the left of the column: the wider mission above, this below.
                start = positions[edge.source] + QPointF(0, NODE_HEIGHT / 2)
                path = QPainterPath(start)
                path.lineTo(start - QPointF(6, 0))
                path.lineTo(QPointF(start.x() - 6, end.y()))
                path.lineTo(end)
            else:
                start = positions[edge.source] + QPointF(NODE_WIDTH, NODE_HEIGHT / 2)
                path = QPainterPath(start)
                bend = max(40.0, (end.x() - start.x()) / 2)
                path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
            pen = QPen(colours.edge(edge.kind), 1.6)
            if edge.kind == "aligned":
                pen.setStyle(Qt.PenStyle.DashLine)
            line = QGraphicsPathItem(path)
            line.setPen(pen)
            line.setZValue(-1)
            self.addItem(line)
        for column in alignment.columns:
            for node in column:
                item = NodeItem(node)
                item.setPos(positions[node.id])
                self.addItem(item)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-20, -20, 20, 20))


class AlignmentView(QGraphicsView):
    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.diagram = AlignmentScene()
        super().__init__(self.diagram, parent)
        self.setObjectName("alignmentView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def node_at(self, point: QPointF) -> str | None:
        for item in self.items(point.toPoint()):
            while item is not None:
                found = item.data(ID_ROLE)
                if found:
                    return str(found)
                item = item.parentItem()
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        node_id = self.node_at(event.position())
        if node_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self.node_clicked.emit(node_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def node_point(self, node_id: str) -> QPointF:
        """Where a node is shown, in view coordinates (for tests and keyboard help)."""
        for item in self.diagram.items():
            if item.data(ID_ROLE) == node_id:
                centre = item.sceneBoundingRect().center()
                return QPointF(self.mapFromScene(centre))
        raise KeyError(node_id)


def _background(scene: QGraphicsScene) -> QColor:
    """The picture's background: what the window shows behind the diagram."""
    if isinstance(scene, AlignmentScene):
        return scene.colours.background
    return scene.palette().color(QPalette.ColorRole.Base)


def render_png(scene: QGraphicsScene, path: Path, scale: float = 2.0) -> None:
    rect = scene.sceneRect()
    image = QImage(
        QSize(int(rect.width() * scale), int(rect.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(_background(scene))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    if not image.save(str(path)):
        raise OSError(tr("Cannot write {path}.").format(path=path))
    path.chmod(0o600)  # a picture of the plan is as private as the plan


def render_svg(scene: QGraphicsScene, path: Path, title: str) -> None:
    from okrdesk.qt.svg import QSvgGenerator

    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), _background(scene))
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    if not path.exists():
        raise OSError(tr("Cannot write {path}.").format(path=path))
    path.chmod(0o600)


ALL_CYCLES = "*all*"
# The diagram is fitted to the window's width (it scrolls up and down only), but never
# drawn smaller than this: below it the cards' text is unreadable.
SMALLEST_SCALE = 0.5


def team_counts(plan: PlanService) -> dict[str | None, int]:
    """How many live team and company objectives each cycle has (None: no cycle)."""
    counts: dict[str | None, int] = defaultdict(int)
    for objective in plan.all(Objective):
        if objective.level is not Level.PERSONAL and not objective.archived:
            counts[objective.cycle_id] += 1
    return dict(counts)


class AlignmentWindow(QWidget):
    """A window of its own beside the main one, redrawn whenever the plan changes. It shows
    one cycle (the window's current one at first) or all; a cycle without team objectives
    says so and offers the cycle that has them. Esc or Close closes it."""

    def __init__(
        self,
        controller: PlanController,
        go_to: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("alignmentWindow")
        self.setWindowTitle(tr("Alignment — okrdesk"))
        self.controller = controller
        self.go_to = go_to
        self.alignment: Alignment | None = None
        self.ask_export_path: Callable[[], Path | None] = self._ask_export_path
        self._build_cycle_chooser()
        self._build_captions()
        self._build_buttons()
        self.view = AlignmentView(self)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.node_clicked.connect(self._clicked)
        self._lay_out()
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.activated.connect(self.close)
        self.resize(*size_on_screen(self, (1280, 760)))
        follow(controller, self, self.refresh)
        controller.plan_replaced.connect(self._plan_replaced)

    def _build_cycle_chooser(self) -> None:
        self.cycle_box = QComboBox(self)
        self.cycle_box.setObjectName("alignmentCycle")
        self.cycle_box.setAccessibleName(tr("Cycle"))
        self.cycle_box.setToolTip(tr("Show the alignment of one cycle, or of all cycles"))
        self.cycle_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cycle_box.setMinimumContentsLength(28)
        self.cycle_box.activated.connect(lambda _row: self.refresh())
        self.cycle_label = QLabel(tr("&Cycle:"), self)
        self.cycle_label.setBuddy(self.cycle_box)

    def _build_captions(self) -> None:
        """The offer of another cycle, what is shown, and how to read the lines."""
        self.offer = QPushButton(self)
        self.offer.setObjectName("alignmentOffer")
        self.offer.clicked.connect(self._take_offer)
        self.offered: str | None = None
        self.caption = QLabel(self)
        self.caption.setObjectName("alignmentCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.legend = QLabel(
            tr(
                "Solid blue: a mission serves a team objective · dashed violet: an objective is "
                "aligned to it · grey: belongs to"
            ),
            self,
        )
        self.legend.setObjectName("editorHint")
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)

    def _build_buttons(self) -> None:
        self.fit_button = QPushButton(tr("Fit to window"), self)
        self.fit_button.clicked.connect(self.fit)
        self.export_button = QPushButton(tr("Export PNG/SVG…"), self)
        self.export_button.setObjectName("alignmentExport")
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton(tr("Close"), self)
        self.close_button.setObjectName("alignmentClose")
        self.close_button.setToolTip(tr("Close the alignment view (Esc)"))
        self.close_button.clicked.connect(self.close)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.cycle_label)
        top.addWidget(self.cycle_box)
        top.addWidget(self.offer)
        top.addStretch(1)
        top.addWidget(self.fit_button)
        top.addWidget(self.export_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)

    # -- the cycle ------------------------------------------------------------------------

    def fill_cycles(self, wanted: str | None = None) -> None:
        """The cycles, latest first, each with its number of team objectives; ``wanted``
        (or what was chosen) stays chosen."""
        keep = wanted or self.cycle_box.currentData() or self.default_cycle_id() or ALL_CYCLES
        counts = team_counts(self.controller.plan)
        self.cycle_box.blockSignals(True)
        try:
            self.cycle_box.clear()
            self.cycle_box.addItem(tr("All cycles"), ALL_CYCLES)
            cycles = sorted(self.controller.plan.all(Cycle), key=lambda c: c.start, reverse=True)
            for cycle in cycles:
                label = tr("{cycle} ({count} team objectives)").format(
                    cycle=cycle.name, count=counts.get(cycle.id, 0)
                )
                self.cycle_box.addItem(label, cycle.id)
            self.cycle_box.setCurrentIndex(max(self.cycle_box.findData(keep), 0))
        finally:
            self.cycle_box.blockSignals(False)

    def choose_cycle(self, cycle_id: str | None) -> None:
        """Show ``cycle_id`` (None: all cycles)."""
        self.fill_cycles(cycle_id if cycle_id is not None else ALL_CYCLES)
        self.refresh()

    def default_cycle_id(self) -> str | None:
        """The window's cycle; with "All cycles" there, the cycle running today."""
        if self.controller.cycle_id is not None:
            return self.controller.cycle_id
        cycle = default_cycle(self.controller.plan)
        return None if cycle is None else cycle.id

    def cycle_id(self) -> str | None:
        chosen = self.cycle_box.currentData()
        if chosen == ALL_CYCLES:
            return None
        return chosen if isinstance(chosen, str) else self.default_cycle_id()

    def _plan_replaced(self) -> None:
        self.fill_cycles(self.default_cycle_id() or ALL_CYCLES)
        self.refresh()

    def _offer_cycle(self, cycle_id: str | None, team_objectives: int) -> None:
        """A cycle without team objectives says so, and offers the one with the most."""
        counts = team_counts(self.controller.plan)
        cycles = {c.id: c for c in self.controller.plan.all(Cycle)}
        others = [(n, c) for c, n in counts.items() if c in cycles and c != cycle_id and n]
        self.offered = None
        if cycle_id is not None and not team_objectives and others:
            count, best = max(others, key=lambda pair: (pair[0], cycles[pair[1]].start))
            self.offered = best
            self.offer.setText(
                tr("Show {cycle} ({count} team objectives)").format(
                    cycle=cycles[best].name, count=count
                )
            )
        self.offer.setVisible(self.offered is not None)

    def _take_offer(self) -> None:
        if self.offered is not None:
            self.choose_cycle(self.offered)
            self.fit()

    # -- drawing --------------------------------------------------------------------------

    def refresh(self) -> None:
        # The counts change with an import, the names with an edit: filled every time.
        self.fill_cycles()
        cycle_id = self.cycle_id()
        alignment = build_alignment(self.controller.plan, cycle_id)
        self.alignment = alignment
        self.view.diagram.show_alignment(alignment)
        counts = [len(c) for c in alignment.columns]
        caption = tr(
            "{cycle}: {team_objectives} team objectives, {missions} of your missions, "
            "{objectives} of your objectives, {key_results} key results. "
            "Progress is this cycle's."
        ).format(
            cycle=alignment.cycle_name,
            team_objectives=counts[1],
            missions=counts[2],
            objectives=counts[3],
            key_results=counts[4],
        )
        if not counts[1]:
            caption += " " + (
                tr("This cycle has no team objectives.")
                if cycle_id is not None
                else tr("No team objectives yet: File ▸ Import team objectives brings them in.")
            )
        self.caption.setText(caption)
        self._offer_cycle(cycle_id, counts[1])
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        """Redraw in the new colours when the system switches between light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.alignment is not None:
            self.view.diagram.setPalette(self.palette())
            self.view.diagram.show_alignment(self.alignment)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def show_window(self) -> None:
        self.fill_cycles(self.default_cycle_id() or ALL_CYCLES)
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        self.fit()

    def fit(self) -> None:
        """The diagram as wide as the window (never wider: it scrolls up and down only),
        at most at full size; from the top."""
        rect = self.view.diagram.sceneRect()
        if rect.width() <= 0:
            return
        room = self.view.viewport().width() - 4
        scale = max(SMALLEST_SCALE, min(1.0, room / rect.width()))
        top = self.view.verticalScrollBar().value()
        self.view.resetTransform()
        self.view.scale(scale, scale)
        self.view.verticalScrollBar().setValue(top)

    def _clicked(self, node_id: str) -> None:
        self.go_to(node_id)

    def _ask_export_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export the alignment diagram"),
            str(self.controller.plan.path.with_name("alignment.png")),
            tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() in (".png", ".svg") else path.with_suffix(".png")

    def export(self) -> Path | None:
        path = self.ask_export_path()
        if path is None:
            return None
        try:
            export_diagram(self.view.diagram, path, self.caption.text())
        except OSError as error:
            self.show_error(tr("Cannot export the diagram: {error}").format(error=error))
            return None
        return path

    def show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Export"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def export_diagram(scene: QGraphicsScene, path: Path, title: str = "") -> None:
    title = title or tr("Alignment")
    if path.suffix.lower() == ".svg":
        render_svg(scene, path, title)
    else:
        render_png(scene, path)
