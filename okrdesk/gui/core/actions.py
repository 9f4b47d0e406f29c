"""Actions declared as data, like the forms' field specs: a table of ``ActionSpec`` says
each action's text, tip, keys, icon and where it goes; ``make_actions`` builds them.

The texts are marked with ``QT_TR_NOOP`` where the table is written and translated here,
when the action is made (after the translator is installed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.kinds import action_icon, kind_icon
from okrdesk.qt.core import QObject, Qt
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import QWidget
from okrdesk.services.outline import NodeKind

Keys = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    tip: str
    keys: Keys = None
    icon: str | NodeKind | None = None
    # Keys such as Del and F2 belong to text fields when they have the focus: such an
    # action's keys work only while the widget it is added to (the tree) has it.
    widget_keys: bool = False
    # The menu, toolbar and context sections it is shown in (see gui.shell.MENUS).
    sections: tuple[str, ...] = ()


def make_action(spec: ActionSpec, parent: QObject, slot: Callable[[], object]) -> QAction:
    tip = tr(spec.tip)
    action = QAction(tr(spec.text), parent)
    action.setObjectName(spec.name)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if spec.keys is not None:
        keys = QKeySequence(spec.keys)
        action.setShortcut(keys)
        native = keys.toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(tr("{tip} ({keys})").format(tip=tip, keys=native))
    if isinstance(spec.icon, NodeKind):
        action.setIcon(kind_icon(spec.icon))
    elif spec.icon:
        action.setIcon(action_icon(spec.icon))
    if spec.widget_keys:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    return action


def make_actions(
    specs: Sequence[ActionSpec],
    parent: QObject,
    slots: Mapping[str, Callable[[], object]],
    key_widget: QWidget | None = None,
) -> dict[str, QAction]:
    """Every action of ``specs``, by name, each calling ``slots[name]``; actions with
    ``widget_keys`` are added to ``key_widget``."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = make_action(spec, parent, slots[spec.name])
        if spec.widget_keys and key_widget is not None:
            key_widget.addAction(action)
        actions[spec.name] = action
    return actions
