"""How the coach's sentences read in the window: a finding's reason, fix and why are
Messages from the domain, translated where they are shown (``i18n.translated``)."""

from __future__ import annotations

from okrdesk.domain.coach import Finding, Rule
from okrdesk.domain.messages import Message
from okrdesk.gui.core.i18n import tr, translated


def fix_text(finding: Finding) -> str:
    return tr("Fix: {fix}").format(fix=translated(finding.fix))


def why_text(finding: Finding) -> str:
    return tr("Why: {why}").format(why=translated(finding.why))


def rule_reason(rule: Rule) -> str:
    """A rule's own reason (its words before any item fills them in), translated."""
    return translated(Message(rule.reason))
