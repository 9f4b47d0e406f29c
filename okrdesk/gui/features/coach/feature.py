"""The coach in the main window: the Coach dock (View ▸ Coach, F7), the findings under
each form, the badges in the tree and the strength in the status bar."""

from __future__ import annotations

from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.coach.findings import FindingsPanel
from okrdesk.gui.features.coach.panel import COACHED_TYPES, SHORTCUT, CoachPanel, status_text
from okrdesk.gui.features.coach.state import CoachState
from okrdesk.qt.core import QEvent, QObject, Qt
from okrdesk.qt.widgets import QDockWidget, QToolButton

WIDE_AREAS = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)


class Coach(Feature):
    def install(self, shell: Shell) -> None:
        self.state = state = CoachState(shell.controller, shell.widget)
        self.panel = panel = CoachPanel(state, shell.controller, shell, shell.widget)
        self.dock = dock = QDockWidget(tr("Coach"), shell.widget)
        dock.setObjectName("coachDock")
        dock.setWidget(panel)
        # At the bottom, like a list of problems in an editor: findings read best wide.
        toggle = shell.add_dock(
            dock, "view.review", Qt.DockWidgetArea.BottomDockWidgetArea, SHORTCUT
        )
        dock.dockLocationChanged.connect(lambda area: panel.set_wide(area in WIDE_AREAS))
        toggle.setText(tr("&Coach"))
        toggle.setToolTip(
            tr("Show the coach's findings for the whole plan ({shortcut})").format(
                shortcut=SHORTCUT
            )
        )
        self.status = QToolButton(shell.widget)
        self.status.setObjectName("coachStatus")
        self.status.setAutoRaise(True)
        self.status.clicked.connect(lambda: dock.setVisible(not dock.isVisible()))
        shell.add_status_widget(self.status)
        state.updated.connect(self._show_status)
        self._show_status()
        for cls in COACHED_TYPES:
            form = shell.editor.forms[cls]
            shell.add_editor_panel(cls, FindingsPanel(state, shell.controller, form))
        tree = shell.tree
        tree.add_badge_source(self._badge_for)
        state.updated.connect(tree.viewport().update)
        tree.node_selected.connect(panel.set_selected_node)
        shell.widget.installEventFilter(_CloseWatcher(state, shell.widget))
        state.schedule()

    def _badge_for(self, node_id: str) -> tuple[str, str] | None:
        badge = self.state.badge_for(node_id)
        return None if badge is None else (badge.text, badge.tooltip)

    def _show_status(self) -> None:
        text, tip = status_text(self.state)
        self.status.setText(text)
        self.status.setToolTip(
            tr("{tip}. Click or press {shortcut} for the Coach panel.").format(
                tip=tip, shortcut=SHORTCUT
            )
        )
        self.status.setAccessibleName(text)


class _CloseWatcher(QObject):
    """Stops the coach before the window closes its plan."""

    def __init__(self, state: CoachState, parent: QObject) -> None:
        super().__init__(parent)
        self.state = state

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.state.close()
        return False
