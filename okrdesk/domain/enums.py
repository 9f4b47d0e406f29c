"""The closed vocabularies of the plan.

Values are the strings stored in the database and the exchange file: never rename one
without a migration.
"""

from enum import StrEnum


class StakeholderKind(StrEnum):
    CUSTOMERS = "customers"
    COLLEAGUES = "colleagues"
    TEAM = "team"
    COMPANY = "company"
    SUPPLIERS = "suppliers"
    SHAREHOLDERS = "shareholders"
    SOCIETY = "society"
    SELF = "self"
    OTHER = "other"


class Level(StrEnum):
    PERSONAL = "personal"
    TEAM = "team"
    COMPANY = "company"


class ObjectiveKind(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"
    # An objective about growing oneself; its key results can be skill levels.
    DEVELOPMENT = "development"


class ObjectiveState(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ACHIEVED = "achieved"
    MISSED = "missed"
    ABANDONED = "abandoned"

    @property
    def is_closed(self) -> bool:
        return self in (ObjectiveState.ACHIEVED, ObjectiveState.MISSED, ObjectiveState.ABANDONED)


class KeyResultKind(StrEnum):
    METRIC = "metric"
    MAINTAIN = "maintain"
    MILESTONE = "milestone"
    BASELINE = "baseline"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ResultLevel(StrEnum):
    OUTPUT = "output"
    OUTCOME = "outcome"
    IMPACT = "impact"


class NoteKind(StrEnum):
    SKILL = "skill"
    INSIGHT = "insight"
    LESSON = "lesson"
    FEEDBACK = "feedback"
    IDEA = "idea"


# -- the weekly rhythm (issue 22) ------------------------------------------------------------


class Blocker(StrEnum):
    """What stands in a key result's way, asked when confidence is low or it is off track."""

    WAITING_ON_OTHERS = "waiting on others"
    UNCLEAR = "unclear"
    TOO_MUCH_ELSE = "too much else"
    TECHNICAL = "technical"
    OTHER = "other"


# -- closing a cycle (issue 21) -------------------------------------------------------------


class CloseDecision(StrEnum):
    """What becomes of an objective in the next cycle, decided when its cycle closes."""

    KEEP = "keep"
    CHANGE = "change"
    DROP = "drop"


class ShortfallCause(StrEnum):
    """The main reason an objective scored under 0.7, from a short list (plus free text)."""

    UNDERESTIMATED = "underestimated"
    PRIORITIES_CHANGED = "priorities_changed"
    BLOCKED_BY_OTHERS = "blocked_by_others"
    WRONG_GOAL = "wrong_goal"
    OTHER = "other"


class MeetingKind(StrEnum):
    """What a one-on-one is for: the regular check on the work, or agreeing missions (its
    agenda lists the missions, whom they serve, how they were evaluated)."""

    REGULAR = "regular"
    MISSIONS = "missions"
