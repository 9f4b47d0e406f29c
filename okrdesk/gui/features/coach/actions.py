"""Dismissing a coach finding and bringing it back: each one undoable step.

A dismissal is a ``Dismissal`` record added (or deleted) through the controller, so it goes
on the one undo stack like every other change, and stays with the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.domain.coach import Finding
from okrdesk.domain.entities import Dismissal
from okrdesk.domain.text import shorten
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.qt.widgets import QInputDialog, QLineEdit, QWidget
from okrdesk.services.coach import find_dismissal
from okrdesk.services.operations import AddItem, DeleteItem, Steps


def short_title(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return shorten(title, limit)


def ask_reason(parent: QWidget, finding: Finding) -> str | None:
    """The person's reason for dismissing ``finding``; None when they cancel."""
    text, accepted = QInputDialog.getText(
        parent,
        tr("Dismiss finding"),
        tr(
            "{rule} on “{title}”:\n{reason}\n\nWhy does it not apply here? (kept with the plan)"
        ).format(
            rule=finding.rule_id, title=short_title(finding.item_title, 60), reason=finding.reason
        ),
        QLineEdit.EchoMode.Normal,
        "",
    )
    return text.strip() if accepted else None


# Tests (and scripted tours) replace this to answer without a dialog.
Asker = Callable[[QWidget, Finding], "str | None"]
asker: Asker = ask_reason


def dismiss(controller: PlanController, finding: Finding, reason: str) -> Dismissal | None:
    """Dismiss ``finding`` for its item; None when it is dismissed already."""
    if find_dismissal(controller.plan, finding.rule_id, finding.item_id) is not None:
        return None
    label = tr("Dismiss {rule} on “{title}”").format(
        rule=finding.rule_id, title=short_title(finding.item_title)
    )
    dismissal = Dismissal(rule_id=finding.rule_id, subject_id=finding.item_id, reason=reason)
    step = Steps(label, (AddItem(dismissal),), focus=finding.item_id)
    added = controller.run(step).record
    assert isinstance(added, Dismissal)
    return added


def undismiss(controller: PlanController, rule_id: str, item_id: str, title: str) -> bool:
    """Bring a dismissed finding back; False when it was not dismissed."""
    found = find_dismissal(controller.plan, rule_id, item_id)
    if found is None:
        return False
    label = tr("Restore {rule} on “{title}”").format(rule=rule_id, title=short_title(title))
    controller.run(Steps(label, (DeleteItem(Dismissal, found.id, focus=item_id),)))
    return True


def dismiss_with_reason(parent: QWidget, controller: PlanController, finding: Finding) -> bool:
    """Ask for the reason, then dismiss; False when the person cancels."""
    reason = asker(parent, finding)
    if reason is None:
        return False
    return dismiss(controller, finding, reason) is not None
