"""Is it a mission? What the coach reads in a mission's wording and its history.

A mission in Management by Missions is *wide* (a contribution that outlasts any cycle, not
an objective or a task in disguise), *for others*, *stable* across cycles and *evaluable*
("I will know it is served when…"). Two of those are read here:

- ``narrow_signal(text)``: the first sign, in a title or a sentence of a statement, that it
  reads like an objective or a task: a number ("10 % more sign-ups"), a date or deadline
  ("by June", "in Q3", "this year"), a deliverable to finish ("Launch the new site"), or a
  measure asked to move ("Reduce churn"). Numbers and measures come from the key result
  classifier's clues and ``okr_numbers``; deliverables from the classifier's activity verbs
  and deliverable nouns, so the coach reads missions with the vocabulary it reads key
  results with.
- ``rewordings(mission, context)``: the closed cycles after which the mission was reworded,
  newest first and consecutive, from the wording each cycle's evaluation kept.

Numbers written as words ("one person, one cup", "my three children") and durations that
frame a life rather than a target ("in the next 50 years") are not signs: published
missions use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from okrdesk.domain.classifier_clues import (
    ACTIVITY_VERBS,
    CHANGE_VERBS,
    DELIVERABLE_WORDS,
    TARGET_CLUES,
    find_clues,
    normalise,
    tokens,
    word_set,
)
from okrdesk.domain.coach_context import CoachContext
from okrdesk.domain.entities import Cycle, Mission, MissionEvaluation
from okrdesk.domain.okr_numbers import extract_quantities

# Only the start of a statement is read: missions are short, and hostile input stays cheap.
MAX_STATEMENT_CHARS = 2000


class Narrow(StrEnum):
    """What makes a mission read like an objective or a task."""

    NUMBER = "number"
    DATE = "date"
    DELIVERABLE = "deliverable"
    MEASURE = "measure"


@dataclass(frozen=True)
class NarrowSignal:
    kind: Narrow
    # The words that show it, as written (lower case).
    phrase: str


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PERIOD = r"(?:week|month|quarter|year|sprint|cycle|semester|term|summer|winter|spring|autumn)"
_YEAR = r"(?:19|20)\d{2}"
# A date or a deadline: the end of a task. A month, a year, a season or "the end of…" only
# after a word that makes it one ("by June", "in 2026", "before the summer"; never "since
# 2015"); quarters and half-years alone.
_DEADLINE = re.compile(
    rf"\b(?:by|before|until|till|due|no later than)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
    rf"(?:(?:early|mid|late)[- ]\s*)?"
    rf"(?:{_MONTH}(?:\s+{_YEAR})?|{_PERIOD}|{_YEAR}|next\s+{_PERIOD})\b"
    rf"|\bin\s+(?:early\s+|late\s+)?(?:{_MONTH}|{_YEAR})\b|\b{_MONTH}\s+{_YEAR}\b"
    rf"|\b(?:this|next|coming)\s+{_PERIOD}\b|\bend\s+of\s+(?:the\s+)?{_PERIOD}\b"
    r"|\b(?:q[1-4]|h[12])\b|\bfy\s?\d{2,4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\bdeadline\b"
)
# "My mission is to…", "To…", "I will…": what a mission sentence starts with before its verb.
_LEAD_IN = re.compile(
    r"^(?:(?:my|our)\s+(?:\w+\s+)?mission\s+(?:in life\s+)?is\s+)?(?:to\s+)?"
    r"(?:(?:i|we)\s+(?:will\s+|want to\s+|aim to\s+)?)?"
)
_DETERMINERS = frozenset({"the", "a", "an", "our", "my", "this", "that", "its"})
# How far after the verb a deliverable still belongs to its object ("launch the new site"),
# and the words that end the object ("lead the team to deliver reports" delivers no site).
_OBJECT_WORDS = 4
_OBJECT_ENDS = word_set("to for that so with and or of who which in on by at from where when as")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def narrow_signal(text: str) -> NarrowSignal | None:
    """The first sign that ``text`` (a mission's title, or its statement) reads like an
    objective or a task, or None. Its phrase is quoted as the person wrote it."""
    for written in _SENTENCE_END.split(text[:MAX_STATEMENT_CHARS]):
        sentence = normalise(written)
        found = _sentence_signal(sentence) if sentence else None
        if found is not None:
            return NarrowSignal(found.kind, _as_written(found.phrase, written))
    return None


def _as_written(phrase: str, written: str) -> str:
    """``phrase`` (found in lower case, its parts joined by " … ") in the person's letters."""
    parts = []
    for part in phrase.split(" … "):
        pattern = r"\s+".join(re.escape(word) for word in part.split())
        match = re.search(pattern, written, flags=re.IGNORECASE) if pattern else None
        parts.append(match.group(0) if match else part)
    return " … ".join(parts)


def _sentence_signal(sentence: str) -> NarrowSignal | None:
    number = _number(sentence)
    if number is not None:
        return NarrowSignal(Narrow.NUMBER, number)
    deadline = _DEADLINE.search(sentence)
    if deadline is not None:
        return NarrowSignal(Narrow.DATE, deadline.group(0))
    words = tokens(_LEAD_IN.sub("", sentence, count=1))
    return _deliverable(words) or _measure(words)


def _number(sentence: str) -> str | None:
    """A number written in digits that states a target, a share or a bound: what key
    results hold. Dates, years and codes are not numbers here (they are dates)."""
    quantities = extract_quantities(sentence)
    if quantities.target is not None and re.search(r"\d", quantities.source):
        return quantities.source
    stated = [
        clue.phrase
        for clue in find_clues(sentence)
        if (clue.name in TARGET_CLUES or clue.name == "percent") and re.search(r"\d", clue.phrase)
    ]
    # The longest: "within 48 hours" says more than "within 48".
    return max(stated, key=len, default=None)


def _deliverable(words: list[str]) -> NarrowSignal | None:
    """ "launch the new site": an activity verb, then one particular deliverable to finish
    (a determiner says it is one thing, not the kind of work one keeps doing)."""
    if len(words) < 3 or words[0] not in ACTIVITY_VERBS or words[1] not in _DETERMINERS:
        return None
    for word in words[2 : 2 + _OBJECT_WORDS]:
        if word in _OBJECT_ENDS:
            return None
        if word in DELIVERABLE_WORDS:
            return NarrowSignal(Narrow.DELIVERABLE, f"{words[0]} … {word}")
    return None


def _measure(words: list[str]) -> NarrowSignal | None:
    """ "reduce churn", "increase customer satisfaction": a change verb and the name of a
    measure, nothing more: an objective's key result, not a contribution."""
    if not words or words[0] not in CHANGE_VERBS:
        return None
    for clue in find_clues(" ".join(words)):
        if clue.name == "metric_name":
            return NarrowSignal(Narrow.MEASURE, clue.phrase)
    return None


# -- stability over cycles ---------------------------------------------------------------


def _wording(item: Mission | MissionEvaluation) -> tuple[str, str]:
    """A mission's title and statement as compared: spaces and case do not count."""
    return (" ".join(item.title.split()).casefold(), " ".join(item.statement.split()).casefold())


def rewordings(mission: Mission, ctx: CoachContext) -> list[Cycle]:
    """The closed cycles after whose close the mission was reworded, the latest first and
    without a gap: the wording its evaluation kept for a cycle differs from the one kept
    for the next closed cycle (or, for the last one, from its wording now). A cycle in which
    it was not evaluated, or whose evaluation kept no wording (made before the wording was
    kept), ends the run: unknown is never a change."""
    evaluations = {e.cycle_id: e for e in ctx.evaluations_of(mission.id) if e.title.strip()}
    if not evaluations:
        return []
    closed_ids = ctx.closed_cycle_ids()
    closed = sorted(
        (c for c in ctx.cycles if c.id in closed_ids), key=lambda c: (c.start, c.end, c.name)
    )
    after = _wording(mission)
    changed: list[Cycle] = []
    for cycle in reversed(closed):
        evaluation = evaluations.get(cycle.id)
        if evaluation is None or _wording(evaluation) == after:
            break
        changed.append(cycle)
        after = _wording(evaluation)
    return changed
