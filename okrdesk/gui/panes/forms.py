"""One form per kind of record, declared as a list of fields, with every field of the record.

A form shows a record and reports commits; the editor pane turns them into controller
calls and shows refusals next to the field they concern.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from functools import partial
from typing import Any

from okrdesk.domain.entities import (
    ActionItem,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    MilestoneSkill,
    Mission,
    MissionLink,
    MissionStakeholder,
    MissionValue,
    NextStep,
    NoteSkill,
    Objective,
    PersonalValue,
    Skill,
    Stakeholder,
)
from okrdesk.domain.enums import (
    Blocker,
    Direction,
    KeyResultKind,
    Level,
    MeetingKind,
    NoteKind,
    ObjectiveKind,
    ObjectiveState,
    ResultLevel,
)
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.panes.chooser import Group, ObjectiveChooser, plan_groups
from okrdesk.gui.panes.fields import (
    BoolField,
    ChoiceField,
    ConfidenceField,
    DateField,
    FieldEditor,
    LevelField,
    LineField,
    ObjectiveField,
    TextField,
)
from okrdesk.gui.panes.link_chooser import LinkChoice, LinksField
from okrdesk.qt.core import Qt, Signal
from okrdesk.qt.widgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.operations import Operation
from okrdesk.services.plan import PlanService
from okrdesk.services.skills import level_moved


class Widget(StrEnum):
    LINE = "line"
    NUMBER = "number"
    # A confidence: typed and shown in 10, stored from 0 to 1.
    CONFIDENCE = "confidence"
    TEXT = "text"
    DATE = "date"
    OPTIONAL_DATE = "optional date"
    BOOL = "bool"
    ENUM = "enum"
    OPTIONAL_ENUM = "optional enum"
    REF = "ref"
    OPTIONAL_REF = "optional ref"
    # One objective or none, chosen in a searchable list grouped by team and cycle.
    OBJECTIVE = "objective"
    # A skill level, 1 to 5, each read with the skill's own line on what it means.
    LEVEL = "level"
    OPTIONAL_LEVEL = "optional level"


# A field saved by a use case of its own instead of a plain edit: given the plan, the record,
# the new (typed) value and today, the operation to run as the one undo step.
FieldSaver = Callable[[PlanService, Item, Any, date], Operation]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    widget: Widget
    tip: str = ""
    enum: type[Enum] | None = None
    target: type[Item] | None = None
    # A number shown with the key result's unit beside it.
    with_unit: bool = False
    saved_by: FieldSaver | None = None
    # Shown in the empty field: what to type there.
    placeholder: str = ""


F = FieldSpec
W = Widget


def _skill_level_moved(plan: PlanService, record: Item, level: Any, day: date) -> Operation:
    """A skill's level set in its form moved today: the history keeps the step and the key
    results measuring the skill get a check-in (``services.skills.level_moved``)."""
    return level_moved(plan, record.id, int(level), day)


@dataclass(frozen=True)
class LinkSpec:
    """A row of a form that ticks the items the record links to through ``link`` (a table
    of pairs: ``owner_field`` names the record, ``other_field`` the ticked ``target``)."""

    name: str
    label: str
    tip: str
    link: type[Item]
    owner_field: str
    other_field: str
    target: type[Item]
    empty_text: str
    # A field of the record whose value is no choice here (a mission's primary stakeholder
    # is not also one of its further ones).
    besides: str = ""
    # The field the row comes after (the end of the form when empty).
    after: str = ""


FORMS: dict[type[Item], tuple[FieldSpec, ...]] = {
    Mission: (
        F(
            "title",
            QT_TR_NOOP("Title"),
            W.LINE,
            QT_TR_NOOP("What I want to do for others, in a few words"),
        ),
        F(
            "statement",
            QT_TR_NOOP("Statement"),
            W.TEXT,
            QT_TR_NOOP("The mission in full: for whom, and why it matters"),
        ),
        F(
            "served_when",
            QT_TR_NOOP("Served when"),
            W.TEXT,
            QT_TR_NOOP("I will know it is served when… (what your stakeholders would notice)"),
        ),
        F(
            "stakeholder_id",
            QT_TR_NOOP("For whom"),
            W.OPTIONAL_REF,
            QT_TR_NOOP("Who this mission is for"),
            target=Stakeholder,
        ),
        F(
            "level",
            QT_TR_NOOP("Level"),
            W.ENUM,
            QT_TR_NOOP("Personal, team or company mission"),
            enum=Level,
        ),
        F(
            "parent_id",
            QT_TR_NOOP("Part of mission"),
            W.OPTIONAL_REF,
            QT_TR_NOOP("The wider mission this one serves"),
            target=Mission,
        ),
        F("owner", QT_TR_NOOP("Owner"), W.LINE, QT_TR_NOOP("Who carries this mission")),
        F(
            "archived",
            QT_TR_NOOP("Archived"),
            W.BOOL,
            QT_TR_NOOP("Hide it from reports; keep its history"),
        ),
    ),
    Objective: (
        F(
            "title",
            QT_TR_NOOP("Title"),
            W.LINE,
            QT_TR_NOOP("What I want to accomplish this cycle: qualitative, bold"),
        ),
        F("why", QT_TR_NOOP("Why"), W.TEXT, QT_TR_NOOP("Why this objective matters now")),
        F(
            "mission_id",
            QT_TR_NOOP("Mission"),
            W.OPTIONAL_REF,
            QT_TR_NOOP("The mission this objective serves"),
            target=Mission,
        ),
        F(
            "cycle_id",
            QT_TR_NOOP("Cycle"),
            W.OPTIONAL_REF,
            QT_TR_NOOP("The cycle (usually a quarter)"),
            target=Cycle,
        ),
        F(
            "level",
            QT_TR_NOOP("Level"),
            W.ENUM,
            QT_TR_NOOP("Personal, team or company objective"),
            enum=Level,
        ),
        F(
            "kind",
            QT_TR_NOOP("Kind"),
            W.ENUM,
            QT_TR_NOOP("Committed: 1.0 expected. Aspirational: 0.6–0.7 is good"),
            enum=ObjectiveKind,
        ),
        F(
            "state",
            QT_TR_NOOP("State"),
            W.ENUM,
            QT_TR_NOOP("Where the objective stands"),
            enum=ObjectiveState,
        ),
        F("owner", QT_TR_NOOP("Owner"), W.LINE, QT_TR_NOOP("Who is accountable")),
        F(
            "aligned_to_id",
            QT_TR_NOOP("Aligned to"),
            W.OBJECTIVE,
            QT_TR_NOOP("A wider objective this one supports"),
            target=Objective,
        ),
        F(
            "confidence",
            QT_TR_NOOP("Confidence"),
            W.CONFIDENCE,
            QT_TR_NOOP(
                "How sure you are of making it, in 10, when drafting: 7, 7/10 or 7 in 10 "
                "(empty: not set)"
            ),
        ),
        F(
            "archived",
            QT_TR_NOOP("Archived"),
            W.BOOL,
            QT_TR_NOOP("Hide it from reports; keep its history"),
        ),
    ),
    KeyResult: (
        F(
            "title",
            QT_TR_NOOP("Title"),
            W.LINE,
            QT_TR_NOOP("A measurable outcome that proves the objective"),
        ),
        F(
            "objective_id",
            QT_TR_NOOP("Objective"),
            W.REF,
            QT_TR_NOOP("The objective this key result proves"),
            target=Objective,
        ),
        F(
            "kind",
            QT_TR_NOOP("Kind"),
            W.ENUM,
            QT_TR_NOOP("Metric, maintain a band, milestone (done or not), baseline"),
            enum=KeyResultKind,
        ),
        F(
            "direction",
            QT_TR_NOOP("Direction"),
            W.ENUM,
            QT_TR_NOOP("Whether the value should go up or down"),
            enum=Direction,
        ),
        F(
            "baseline",
            QT_TR_NOOP("Baseline"),
            W.NUMBER,
            QT_TR_NOOP("The value at the start"),
            with_unit=True,
        ),
        F(
            "target",
            QT_TR_NOOP("Target"),
            W.NUMBER,
            QT_TR_NOOP("The value to reach"),
            with_unit=True,
        ),
        F(
            "band_low",
            QT_TR_NOOP("Band low"),
            W.NUMBER,
            QT_TR_NOOP("For 'maintain': the lowest good value"),
            with_unit=True,
        ),
        F(
            "band_high",
            QT_TR_NOOP("Band high"),
            W.NUMBER,
            QT_TR_NOOP("For 'maintain': the highest good value"),
            with_unit=True,
        ),
        F(
            "unit",
            QT_TR_NOOP("Unit"),
            W.LINE,
            QT_TR_NOOP("What the numbers count: %, customers, €…"),
        ),
        F("due", QT_TR_NOOP("Due"), W.OPTIONAL_DATE, QT_TR_NOOP("When it should be reached")),
        F(
            "weight",
            QT_TR_NOOP("Weight"),
            W.NUMBER,
            QT_TR_NOOP("Its share in the objective's progress (1 = normal)"),
        ),
        F(
            "result_level",
            QT_TR_NOOP("Result level"),
            W.OPTIONAL_ENUM,
            QT_TR_NOOP("Output (a deliverable), outcome (a change in behaviour) or impact"),
            enum=ResultLevel,
        ),
        F(
            "skill_id",
            QT_TR_NOOP("Skill"),
            W.OPTIONAL_REF,
            QT_TR_NOOP(
                "A skill of your framework this key result measures: its values are levels "
                "1 to 5, checked in when the skill's level moves"
            ),
            target=Skill,
        ),
        F(
            "archived",
            QT_TR_NOOP("Archived"),
            W.BOOL,
            QT_TR_NOOP("Hide it from reports; keep its history"),
        ),
    ),
    Milestone: (
        F("title", QT_TR_NOOP("Title"), W.LINE, QT_TR_NOOP("A step on the road to the objective")),
        F(
            "objective_id",
            QT_TR_NOOP("Objective"),
            W.REF,
            QT_TR_NOOP("The objective it leads to"),
            target=Objective,
        ),
        F("due", QT_TR_NOOP("Due"), W.OPTIONAL_DATE, QT_TR_NOOP("When it should be done")),
        F(
            "done_on",
            QT_TR_NOOP("Done on"),
            W.OPTIONAL_DATE,
            QT_TR_NOOP("When it was done (tick when done)"),
        ),
        F("purpose", QT_TR_NOOP("Purpose"), W.TEXT, QT_TR_NOOP("The what and the why")),
        F(
            "growth_path",
            QT_TR_NOOP("Growth path"),
            W.TEXT,
            QT_TR_NOOP("The skills and knowledge this step builds"),
        ),
        F(
            "organisational_value",
            QT_TR_NOOP("Value beyond"),
            W.TEXT,
            QT_TR_NOOP("A new process, an idea, a partnership: value beyond the deliverable"),
        ),
    ),
    GrowthNote: (
        F("text", QT_TR_NOOP("Note"), W.TEXT, QT_TR_NOOP("What you learned")),
        F("date", QT_TR_NOOP("Date"), W.DATE, QT_TR_NOOP("When")),
        F(
            "kind",
            QT_TR_NOOP("Kind"),
            W.ENUM,
            QT_TR_NOOP("Skill, insight, lesson, feedback or idea"),
            enum=NoteKind,
        ),
        F(
            "milestone_id",
            QT_TR_NOOP("Milestone"),
            W.REF,
            QT_TR_NOOP("The milestone it belongs to"),
            target=Milestone,
        ),
        F("private", QT_TR_NOOP("Private"), W.BOOL, QT_TR_NOOP("Kept out of shared reports")),
    ),
    Meeting: (
        F("counterpart", QT_TR_NOOP("With"), W.LINE, QT_TR_NOOP("Who the one-on-one is with")),
        F("date", QT_TR_NOOP("Date"), W.DATE, QT_TR_NOOP("When it took place")),
        F(
            "cycle_id",
            QT_TR_NOOP("Cycle"),
            W.OPTIONAL_REF,
            QT_TR_NOOP("The cycle it belongs to"),
            target=Cycle,
        ),
        F(
            "kind",
            QT_TR_NOOP("Kind"),
            W.ENUM,
            QT_TR_NOOP(
                "Regular: the work and how it goes. Missions: agreeing your missions, whom "
                "they serve and how they were evaluated (Prepare from plan lists them)"
            ),
            enum=MeetingKind,
        ),
        F("progress", QT_TR_NOOP("Progress"), W.TEXT, QT_TR_NOOP("What went forward")),
        F("progress_private", QT_TR_NOOP("Progress is private"), W.BOOL),
        F(
            "difficulties",
            QT_TR_NOOP("Difficulties"),
            W.TEXT,
            QT_TR_NOOP("What is hard, what blocks"),
        ),
        F("difficulties_private", QT_TR_NOOP("Difficulties are private"), W.BOOL),
        F("development", QT_TR_NOOP("Development"), W.TEXT, QT_TR_NOOP("Personal development")),
        F("development_private", QT_TR_NOOP("Development is private"), W.BOOL),
        F("feedback", QT_TR_NOOP("Feedback"), W.TEXT, QT_TR_NOOP("Feedback both ways")),
        F("feedback_private", QT_TR_NOOP("Feedback is private"), W.BOOL),
    ),
    ActionItem: (
        F("text", QT_TR_NOOP("Action"), W.LINE, QT_TR_NOOP("What is to be done")),
        F("owner", QT_TR_NOOP("Owner"), W.LINE, QT_TR_NOOP("Who does it")),
        F("due", QT_TR_NOOP("Due"), W.OPTIONAL_DATE, QT_TR_NOOP("By when")),
        F("done", QT_TR_NOOP("Done"), W.BOOL),
        F(
            "meeting_id",
            QT_TR_NOOP("One-on-one"),
            W.REF,
            QT_TR_NOOP("The one-on-one it came from"),
            target=Meeting,
        ),
    ),
    # -- the weekly rhythm (issue 22) --
    NextStep: (
        F("title", QT_TR_NOOP("Next step"), W.LINE, QT_TR_NOOP("One concrete thing to do next")),
        F("due", QT_TR_NOOP("Due"), W.OPTIONAL_DATE, QT_TR_NOOP("By when")),
        F("done", QT_TR_NOOP("Done"), W.BOOL),
        F(
            "blocker",
            QT_TR_NOOP("Blocker"),
            W.OPTIONAL_ENUM,
            QT_TR_NOOP("What stood in the way when the step was set"),
            enum=Blocker,
        ),
        F(
            "key_result_id",
            QT_TR_NOOP("Key result"),
            W.REF,
            QT_TR_NOOP("The key result it moves"),
            target=KeyResult,
        ),
    ),
    # -- the skills framework (issue 23) --
    Skill: (
        F("name", QT_TR_NOOP("Name"), W.LINE, QT_TR_NOOP("The skill, in a few words")),
        F(
            "group",
            QT_TR_NOOP("Group"),
            W.LINE,
            QT_TR_NOOP("Where it belongs in your framework: people, craft, leadership…"),
        ),
        F(
            "level",
            QT_TR_NOOP("Level now"),
            W.LEVEL,
            QT_TR_NOOP(
                "Your level today, 1 to 5: a change is kept in the skill's history and "
                "checked in on the key results measuring it"
            ),
            saved_by=_skill_level_moved,
        ),
        F("aim", QT_TR_NOOP("Aim"), W.OPTIONAL_LEVEL, QT_TR_NOOP("The level you aim at")),
        F(
            "meanings",
            QT_TR_NOOP("Levels mean"),
            W.TEXT,
            QT_TR_NOOP(
                "What each level means to you, one line per level: the first line is level 1"
            ),
            placeholder=QT_TR_NOOP(
                "One line per level, level 1 first:\nI follow how others do it\n"
                "I do it with help\nI do it alone\nI teach it\nI shape how it is done"
            ),
        ),
    ),
}


L = LinkSpec

# The rows below a form's fields that tick linked items (each OK one undoable step).
LINK_FIELDS: dict[type[Item], tuple[LinkSpec, ...]] = {
    Mission: (
        L(
            "also_serves",
            QT_TR_NOOP("Also for"),
            QT_TR_NOOP("Further stakeholders this mission serves, besides the one above"),
            MissionStakeholder,
            "mission_id",
            "stakeholder_id",
            Stakeholder,
            QT_TR_NOOP("No other stakeholders yet."),
            besides="stakeholder_id",
            after="stakeholder_id",
        ),
        L(
            "values",
            QT_TR_NOOP("Values"),
            QT_TR_NOOP("Which of your values this mission expresses"),
            MissionValue,
            "mission_id",
            "value_id",
            PersonalValue,
            QT_TR_NOOP("No values yet: File ▸ Purpose and Values lists yours."),
            after="stakeholder_id",
        ),
    ),
    Milestone: (
        L(
            "skills",
            QT_TR_NOOP("Skills"),
            QT_TR_NOOP("The skills of your framework this step builds"),
            MilestoneSkill,
            "milestone_id",
            "skill_id",
            Skill,
            QT_TR_NOOP("No skills yet: add them under Skills in the tree."),
            after="growth_path",
        ),
    ),
    GrowthNote: (
        L(
            "skills",
            QT_TR_NOOP("Skills"),
            QT_TR_NOOP("The skills this note is about"),
            NoteSkill,
            "growth_note_id",
            "skill_id",
            Skill,
            QT_TR_NOOP("No skills yet: add them under Skills in the tree."),
            after="kind",
        ),
    ),
}


def link_choices(plan: PlanService, spec: LinkSpec, record: Item) -> list[LinkChoice]:
    """What ``spec``'s row of ``record``'s form can tick (archived items left out)."""
    besides = getattr(record, spec.besides, None) if spec.besides else None
    return [
        LinkChoice(item.id, item.label, str(getattr(item, "group", "")))
        for item in plan.all(spec.target)
        if item.id != besides and not getattr(item, "archived", False)
    ]


# The choices' words, for lupdate: enum_label() builds them from the values and translates.
ENUM_WORDS = (
    *(QT_TR_NOOP("Personal"), QT_TR_NOOP("Team"), QT_TR_NOOP("Company")),
    *(QT_TR_NOOP("Committed"), QT_TR_NOOP("Aspirational"), QT_TR_NOOP("Development")),
    *(QT_TR_NOOP("Regular"), QT_TR_NOOP("Missions")),
    *(QT_TR_NOOP("Draft"), QT_TR_NOOP("Active"), QT_TR_NOOP("Achieved")),
    *(QT_TR_NOOP("Missed"), QT_TR_NOOP("Abandoned")),
    *(QT_TR_NOOP("Metric"), QT_TR_NOOP("Maintain"), QT_TR_NOOP("Milestone")),
    *(QT_TR_NOOP("Baseline"), QT_TR_NOOP("Increase"), QT_TR_NOOP("Decrease")),
    *(QT_TR_NOOP("Output"), QT_TR_NOOP("Outcome"), QT_TR_NOOP("Impact")),
    *(QT_TR_NOOP("Skill"), QT_TR_NOOP("Insight"), QT_TR_NOOP("Lesson")),
    *(QT_TR_NOOP("Feedback"), QT_TR_NOOP("Idea")),
    *(QT_TR_NOOP("Waiting on others"), QT_TR_NOOP("Unclear"), QT_TR_NOOP("Too much else")),
    *(QT_TR_NOOP("Technical"), QT_TR_NOOP("Other")),
)


# Which kinds of key result use each of these fields (the others are hidden).
KEY_RESULT_FIELD_KINDS: dict[str, frozenset[KeyResultKind]] = {
    "direction": frozenset({KeyResultKind.METRIC}),
    "baseline": frozenset({KeyResultKind.METRIC}),
    "target": frozenset({KeyResultKind.METRIC}),
    "band_low": frozenset({KeyResultKind.MAINTAIN}),
    "band_high": frozenset({KeyResultKind.MAINTAIN}),
}


def enum_label(value: Enum) -> str:
    return tr(str(value.value).replace("_", " ").capitalize())


def choices_for(plan: PlanService, target: type[Item], exclude: str) -> list[tuple[str, str]]:
    """(id, label) of every ``target`` item but ``exclude``, for a chooser. Kept until
    items of that type change: the form is loaded again after every edit, and reading every
    objective of a large plan each time made typing slow."""
    key = (target, plan.revision_of(target))
    cached = _CHOICES.setdefault(plan, {})
    if key not in cached:
        if len(cached) > 16:  # older revisions: never asked for again
            cached.clear()
        cached[key] = [(item.id, item.label) for item in plan.all(target)]
    return [(item_id, label) for item_id, label in cached[key] if item_id != exclude]


# Per open plan: (item type, revision of its table) -> its choices.
_CHOICES: weakref.WeakKeyDictionary[
    PlanService, dict[tuple[type[Item], tuple[int, int]], list[tuple[str, str]]]
] = weakref.WeakKeyDictionary()


def _bind_objectives(editor: ObjectiveField, plan: PlanService, record: Item) -> None:
    """The objectives ``record`` may be aligned to: any but itself and those aligned to it
    (that would be a loop); the current one even when archived."""
    current = getattr(record, editor.name, None)

    def groups() -> tuple[Group, ...]:
        keep = [current] if isinstance(current, str) else []
        return plan_groups(plan, team_only=False, exclude=record.id, keep=keep)

    def describe(objective_id: str) -> str | None:
        objective = plan.find(Objective, objective_id)
        if objective is None:
            return None
        return f"{objective.title} — {objective.owner}" if objective.owner else objective.title

    editor.bind(groups, describe)


def make_editor(spec: FieldSpec) -> FieldEditor:
    match spec.widget:
        case Widget.LINE | Widget.NUMBER:
            return LineField(spec.name)
        case Widget.CONFIDENCE:
            return ConfidenceField(spec.name)
        case Widget.TEXT:
            return TextField(spec.name)
        case Widget.DATE | Widget.OPTIONAL_DATE:
            return DateField(spec.name, optional=spec.widget is Widget.OPTIONAL_DATE)
        case Widget.BOOL:
            return BoolField(spec.name, tr(spec.label) if spec.label.endswith("private") else "")
        case Widget.ENUM | Widget.OPTIONAL_ENUM:
            field = ChoiceField(spec.name, optional=spec.widget is Widget.OPTIONAL_ENUM)
            assert spec.enum is not None
            field.set_choices([(str(m.value), enum_label(m)) for m in spec.enum])
            return field
        case Widget.REF | Widget.OPTIONAL_REF:
            return ChoiceField(spec.name, optional=spec.widget is Widget.OPTIONAL_REF)
        case Widget.OBJECTIVE:
            return ObjectiveField(spec.name, spec.label)
        case Widget.LEVEL | Widget.OPTIONAL_LEVEL:
            return LevelField(spec.name, optional=spec.widget is Widget.OPTIONAL_LEVEL)
    raise AssertionError(spec.widget)  # pragma: no cover


class RecordForm(QWidget):
    """The form of one kind of record."""

    # (field name, raw value) as the person committed it.
    committed = Signal(str, object)
    # (objective id, serve it or not) from the "serves team objectives" list.
    link_toggled = Signal(str, bool)
    # (link row's name, the ids now wanted) from a row of LINK_FIELDS.
    links_chosen = Signal(str, list)

    def __init__(self, cls: type[Item], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cls = cls
        self.specs = {spec.name: spec for spec in FORMS[cls]}
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.record: Item | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 6, 4)
        self.layout_ = QFormLayout()
        outer.addLayout(self.layout_)
        # Rows keep their natural height; the spare room goes below the form.
        outer.addStretch(1)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.link_specs = {spec.name: spec for spec in LINK_FIELDS.get(cls, ())}
        self.link_fields: dict[str, LinksField] = {}
        for spec in FORMS[cls]:
            self._add_row(spec)
            for link_spec in self.link_specs.values():
                if link_spec.after == spec.name:
                    self._add_link_field(link_spec)
        for link_spec in self.link_specs.values():
            if link_spec.name not in self.link_fields:
                self._add_link_field(link_spec)
        self.links: ObjectiveChooser | None = None
        if cls is Mission:
            self._add_links_row()

    def _add_row(self, spec: FieldSpec) -> None:
        editor = make_editor(spec)
        editor.setObjectName(f"field_{spec.name}")
        editor.focus_widget().setObjectName(f"input_{spec.name}")
        editor.focus_widget().setAccessibleName(tr(spec.label))
        if spec.tip:
            editor.focus_widget().setToolTip(tr(spec.tip))
        typed_in = editor.focus_widget()
        if spec.placeholder and isinstance(typed_in, QLineEdit | QPlainTextEdit):
            typed_in.setPlaceholderText(tr(spec.placeholder))
        editor.committed.connect(self.committed)
        error = QLabel(self)
        error.setObjectName("fieldError")
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if spec.with_unit:
            unit = QLabel(self)
            unit.setTextFormat(Qt.TextFormat.PlainText)
            unit.setObjectName("unitLabel")
            row_layout = editor.layout()
            assert row_layout is not None
            row_layout.addWidget(unit)
            self.units[spec.name] = unit
        column.addWidget(editor)
        column.addWidget(error)
        label_text = (
            "" if spec.widget is Widget.BOOL and spec.label.endswith("private") else tr(spec.label)
        )
        label = QLabel(label_text, self)
        label.setBuddy(editor.focus_widget())
        self.layout_.addRow(label, column)
        self.editors[spec.name] = editor
        self.errors[spec.name] = error
        self.labels[spec.name] = label

    def _add_link_field(self, spec: LinkSpec) -> None:
        field = LinksField(spec.name, tr(spec.label), tr(spec.empty_text), self)
        field.setObjectName(f"links_{spec.name}")
        field.button.setToolTip(tr(spec.tip))
        field.chosen.connect(lambda ids, name=spec.name: self.links_chosen.emit(name, ids))
        label = QLabel(tr(spec.label), self)
        label.setBuddy(field.button)
        self.layout_.addRow(label, field)
        self.link_fields[spec.name] = field

    def _load_link_fields(self, record: Item, plan: PlanService) -> None:
        for name, field in self.link_fields.items():
            spec = self.link_specs[name]
            links = plan.where(spec.link, **{spec.owner_field: record.id})
            ids = [str(getattr(link, spec.other_field)) for link in links]
            names = {choice.id: choice.label for choice in link_choices(plan, spec, record)}
            field.show_links([i for i in ids if i in names], names)
            # Read again when the dialog opens: the choices may have changed meanwhile.
            field.choices = partial(link_choices, plan, spec, record)

    def _add_links_row(self) -> None:
        # Ticked in place: each tick is one change, saved at once like every field here.
        links = ObjectiveChooser(checkable=True, parent=self)
        links.setObjectName("input_serves")
        links.view.setAccessibleName(tr("Serves team objectives"))
        links.view.setToolTip(
            tr("Team or company objectives this personal mission serves (tick to link)")
        )
        links.empty_text = tr(
            "No team or company objectives yet: File ▸ Import team objectives brings them in"
        )
        links.setMinimumHeight(200)
        links.setMaximumHeight(260)
        links.toggled.connect(self.link_toggled)
        # Under its label, across the whole form: a form's field column is narrow.
        label = QLabel(tr("Serves team objectives"), self)
        label.setBuddy(links.filter)
        self.layout_.addRow(label)
        self.layout_.addRow(links)
        self.links = links
        self.links_label = label

    # -- loading --------------------------------------------------------------------------

    def load(self, record: Item, plan: PlanService) -> None:
        same = self.record is not None and self.record.id == record.id
        self.record = record
        for name, editor in self.editors.items():
            spec = self.specs[name]
            if isinstance(editor, ChoiceField) and spec.target is not None:
                editor.set_choices(choices_for(plan, spec.target, record.id))
            if isinstance(editor, ObjectiveField):
                _bind_objectives(editor, plan, record)
            if isinstance(editor, LevelField) and isinstance(record, Skill):
                editor.set_meanings(record.meaning_of)
            # A refused value stays as typed while the same record is shown.
            if same and self.has_error(name):
                continue
            editor.load(getattr(record, name))
        unit = getattr(record, "unit", "")
        for label in self.units.values():
            label.setText(unit)
            label.setVisible(bool(unit))
        if isinstance(record, KeyResult):
            self._show_fields_of_kind(record.kind)
        if self.links is not None and isinstance(record, Mission):
            self._load_links(record, plan)
        self._load_link_fields(record, plan)
        if not same:
            self.clear_errors()

    def accept(self, record: Item, name: str) -> None:
        """The field ``name`` was saved: ``record`` is what is stored now. Only what the
        saved value changes is redrawn, so the person's cursor stays where it is."""
        self.record = record
        editor = self.editors.get(name)
        if editor is not None:
            editor.accept(getattr(record, name))
        unit = getattr(record, "unit", "")
        for label in self.units.values():
            label.setText(unit)
            label.setVisible(bool(unit))
        if isinstance(record, KeyResult):
            self._show_fields_of_kind(record.kind)
        if isinstance(record, Skill) and name == "meanings":
            for other in self.editors.values():
                if isinstance(other, LevelField):
                    other.set_meanings(record.meaning_of)

    def _show_fields_of_kind(self, kind: KeyResultKind) -> None:
        """Only the numbers a kind of key result uses: a band to maintain, a baseline and
        target to move between (a milestone is done or not; a baseline is measured)."""
        for name, kinds in KEY_RESULT_FIELD_KINDS.items():
            if name in self.editors:
                shown = kind in kinds
                self.editors[name].setVisible(shown)
                self.labels[name].setVisible(shown)
                if not shown:
                    self.errors[name].hide()

    def _load_links(self, mission: Mission, plan: PlanService) -> None:
        assert self.links is not None
        linked = {link.objective_id for link in plan.where(MissionLink, mission_id=mission.id)}
        # What is typed in the filter, the current row and the scroll stay as they are.
        self.links.set_groups(plan_groups(plan, team_only=True, keep=linked))
        self.links.set_checked(linked)
        # Only a personal mission serves team objectives.
        personal = mission.level is Level.PERSONAL
        self.links.setVisible(personal)
        self.links_label.setVisible(personal)

    def set_read_only(self, read_only: bool) -> None:
        """Show the record without letting it be edited (a locked team item)."""
        for editor in self.editors.values():
            editor.setEnabled(not read_only)
        for field in self.link_fields.values():
            field.setEnabled(not read_only)
        if self.links is not None:
            self.links.setEnabled(not read_only)

    # -- errors ---------------------------------------------------------------------------

    def show_error(self, name: str, message: str) -> None:
        if name not in self.errors:
            return
        self.errors[name].setText(message)
        self.errors[name].show()
        self.editors[name].set_invalid(True)

    def clear_error(self, name: str) -> None:
        if name in self.errors:
            self.errors[name].hide()
            self.editors[name].set_invalid(False)

    def clear_errors(self) -> None:
        for name in self.errors:
            self.clear_error(name)

    def has_error(self, name: str) -> bool:
        return name in self.errors and not self.errors[name].isHidden()
