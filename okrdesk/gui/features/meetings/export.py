"""File > Export one-on-one as PDF…: the selected one-on-one (else the latest) as a PDF
summary. Private notes stay out unless the person says to put them in. The summary is read
on the UI thread (quick); the PDF is drawn off it."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import Meeting
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QFileDialog, QMessageBox
from okrdesk.services.meeting_summary import MeetingSummary, meeting_summary

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell


def meeting_to_export(shell: Shell) -> Meeting | None:
    """The one-on-one selected (or whose action item is), else the latest one."""
    plan = shell.controller.plan
    node = shell.tree.current_node()
    if node is not None:
        for node_id in (node.id, node.parent_id):
            found = None if node_id is None else plan.find(Meeting, node_id)
            if found is not None:
                return found
    meetings = plan.all(Meeting)
    return max(meetings, key=lambda m: (m.date, m.created)) if meetings else None


def has_private_notes(meeting: Meeting) -> bool:
    return any(
        getattr(meeting, f"{name}_private") and getattr(meeting, name).strip()
        for name in ("progress", "difficulties", "development", "feedback")
    )


def ask_path(shell: Shell, meeting: Meeting) -> Path | None:
    start = shell.controller.plan.path.parent / f"one-on-one-{meeting.date.isoformat()}.pdf"
    chosen, _ = QFileDialog.getSaveFileName(
        shell.widget, tr("Export one-on-one as PDF"), str(start), tr("PDF documents (*.pdf)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_include_private(shell: Shell) -> bool | None:
    """True to include the private notes, False to leave them out, None to cancel."""
    box = QMessageBox(shell.widget)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Private notes"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tr("This one-on-one has private notes. Put them in the PDF?"))
    box.setInformativeText(tr("A PDF is easy to pass on: leave them out unless it stays with you."))
    leave_out = box.addButton(tr("Leave them out"), QMessageBox.ButtonRole.AcceptRole)
    include = box.addButton(tr("Include them"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(leave_out)
    box.exec()
    if box.clickedButton() is leave_out:
        return False
    if box.clickedButton() is include:
        return True
    return None


def export_meeting(
    shell: Shell,
    path: Path | None = None,
    include_private: bool | None = None,
) -> bool:
    """Export the meeting (asking where, and about private notes, when not given); False
    when there is nothing to export or the person cancelled. Writing goes on afterwards."""
    meeting = meeting_to_export(shell)
    if meeting is None:
        shell.show_status(tr("There is no one-on-one to export yet."), 6000)
        return False
    if path is None:
        path = ask_path(shell, meeting)
        if path is None:
            return False
    if include_private is None:
        include_private = ask_include_private(shell) if has_private_notes(meeting) else False
        if include_private is None:
            return False
    summary = meeting_summary(
        shell.controller.plan,
        meeting.id,
        include_private=include_private,
        today=shell.today(),
    )
    target = path
    plan_path = shell.controller.plan.path
    shell.show_status(tr("Writing {name}…").format(name=target.name))

    def work() -> int:
        # By name: the layers keep gui and report siblings (as the plan's PDF export does).
        report: Any = importlib.import_module("okrdesk.report.meeting")
        return int(report.write_meeting_pdf(summary, target, overwrite=True, plan=plan_path))

    run_task(
        lambda _progress: work(),
        lambda pages: _done(shell, summary, target, pages),
        lambda error: shell.show_failure(tr("Export one-on-one"), error),
    )
    return True


def _done(shell: Shell, summary: MeetingSummary, path: Path, pages: int) -> None:
    if summary.private_left_out:
        message = tr(
            "Exported the one-on-one to {name} ({pages} pages; {private} private left out)"
        ).format(name=path.name, pages=pages, private=summary.private_left_out)
    else:
        message = tr("Exported the one-on-one to {name} ({pages} pages)").format(
            name=path.name, pages=pages
        )
    shell.show_status(message, 8000)


def export_action(shell: Shell) -> QAction:
    action = QAction(tr("Export one-on-one as PDF…"), shell.widget)
    action.setObjectName("exportMeetingPdf")
    action.setToolTip(
        tr("The selected one-on-one's agenda, notes, action items and since-last-time table")
    )
    action.setStatusTip(action.toolTip())
    action.triggered.connect(lambda: export_meeting(shell))
    return action
