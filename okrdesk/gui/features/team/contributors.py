"""Below an objective's form: the missions and objectives that contribute to it (personal
missions that serve it, objectives aligned to it). Clicking one selects it in the tree."""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.domain.entities import Item, Mission, MissionLink, Objective
from okrdesk.domain.enums import Level
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.kinds import kind_icon
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from okrdesk.services.outline import NodeKind

ROW_HEIGHT = 24
MAX_ROWS_SHOWN = 8


class ContributorsPanel(EditorPanel):
    def __init__(
        self,
        controller: PlanController,
        go_to: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contributorsPanel")
        self.controller = controller
        self.go_to = go_to
        self.heading = QLabel(tr("Contributing to it"), self)
        self.heading.setObjectName("panelHeading")
        self.heading.setStyleSheet("font-weight: 600;")
        self.empty = QLabel(self)
        self.empty.setObjectName("editorHint")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("contributors")
        self.list.setAccessibleName(tr("Missions and objectives contributing to this objective"))
        self.list.setToolTip(tr("Click one to go to it"))
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 6, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)

    def contributors(self, objective: Objective) -> list[Mission | Objective]:
        plan = self.controller.plan
        missions = [
            plan.get(Mission, link.mission_id)
            for link in plan.where(MissionLink, objective_id=objective.id)
        ]
        aligned = plan.where(Objective, aligned_to_id=objective.id)
        return [*missions, *aligned]

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Objective)
        found = self.contributors(record)
        team = record.level is not Level.PERSONAL
        self.setVisible(team or bool(found))
        self.list.clear()
        for item in found:
            kind = NodeKind.MISSION if isinstance(item, Mission) else NodeKind.OBJECTIVE
            what = tr("serves it") if isinstance(item, Mission) else tr("aligned to it")
            text = f"{item.title}  ·  {what}"
            if item.archived:
                text += " " + tr("(archived)")
            row = QListWidgetItem(kind_icon(kind), text, self.list)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setToolTip(tr("Go to “{title}”").format(title=item.title))
        self.list.setVisible(bool(found))
        self.list.setFixedHeight(min(len(found), MAX_ROWS_SHOWN) * ROW_HEIGHT + 6)
        self.empty.setVisible(not found)
        self.empty.setText(
            tr(
                "No mission or objective contributes to it yet. Tick it in a personal mission's "
                "“Serves team objectives”, or align an objective to it."
            )
        )

    def _clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.go_to(node_id)
