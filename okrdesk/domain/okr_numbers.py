"""Numbers stated in a key result's text: its baseline, target and unit.

Published key results say their numbers in prose: "Reduce the list of sources from 74 to less
than 15", "99.95% availability", "Drive $561k in incremental IACV", "Bifrost team identify 3
performance issues", "average response time < 30s". This module finds the one quantity the
text is about and returns it, or nothing when the text states none.

The rules, in order (the first that applies wins):

1. An explicit "target (of/under/…) N" and "current state/baseline (is) N".
2. "N in total" (a total stated after a per-unit rate).
3. The first quantity in the text, reading left to right: "from X to Y" (baseline X,
   target Y), a percentage, money, a multiple ("1.8x", "double"), a value after a
   comparison ("< 2 hours", ">= 11", "to 95%"), or a count ("3 performance issues").
4. Only when the text has no digits at all: a number written as a word ("two key playbooks").

Not quantities: years (2021), dates (2020-04-02, April 30), quarters and other codes attached
to letters (Q1, FY21, EOQ4, P0, 3rd), "24/7", identifiers after words such as "stage 3" or
"phase 2", numbers right after a capitalised name ("GitLab 101", "PostgreSQL 11"), and
durations that frame the period rather than measure ("within the last 12 months",
"rolling 6 month average").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrdesk.domain.enums import Direction


@dataclass(frozen=True)
class Quantities:
    """What a key result's text says about its numbers; all empty when it says nothing."""

    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    direction: Direction | None = None
    # The words the numbers were read from, to show a person why.
    source: str = ""

    @property
    def has_target(self) -> bool:
        return self.target is not None


NOTHING = Quantities()

_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_SCALE_WORDS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_TIME_UNITS = {
    "ms": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "second": "seconds",
    "seconds": "seconds",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
_MULTIPLIER_WORDS = {"double": 2.0, "doubles": 2.0, "triple": 3.0, "triples": 3.0}
# Words after which a number names something (stage 3, phase 2) instead of counting it.
_IDENTIFIER_WORDS = {
    "stage",
    "stages",
    "phase",
    "level",
    "tier",
    "version",
    "v",
    "step",
    "section",
    "page",
    "chapter",
    "release",
    "sprint",
    "day",
    "week",
    "month",
    "iteration",
    "no",
    "number",
    "item",
    "priority",
    "p",
    "q",
    "h",
    "fy",
    "wave",
    "round",
}
# Words after which a duration frames the period instead of being the target.
_FRAMING_WORDS = {"within", "last", "next", "rolling", "over", "every", "past", "first", "each"}
# Words that end a unit's noun phrase.
_STOP_WORDS = {
    "a",
    "an",
    "the",
    "to",
    "from",
    "by",
    "in",
    "on",
    "at",
    "for",
    "of",
    "with",
    "that",
    "which",
    "who",
    "are",
    "is",
    "was",
    "were",
    "be",
    "been",
    "being",
    "and",
    "or",
    "per",
    "via",
    "through",
    "across",
    "as",
    "than",
    "vs",
    "within",
    "during",
    "before",
    "after",
    "until",
    "into",
    "using",
    "each",
    "will",
    "have",
    "has",
    "get",
    "gets",
    "out",
    "so",
    "but",
    "if",
    "when",
    "where",
    "while",
    "including",
    "covering",
    "about",
    "around",
    "over",
    "under",
    "below",
    "above",
}
_LEADING_FILLER = {
    "new",
    "more",
    "additional",
    "other",
    "extra",
    "total",
    "distinct",
    "remaining",
    "existing",
    "significant",
    "potential",
    # Words that qualify what is counted ("3 key packaging projects" counts projects).
    "key",
    "main",
    "core",
    "major",
    "critical",
    "important",
}
# After the first word of a unit, a verb ends it ("3 features go from ...").
_VERBS_AFTER_UNIT = {"go", "goes", "become", "becomes", "add", "adds", "towards", "toward"}
_VERBS_AFTER_UNIT |= {"regarding", "get", "gets", "make", "makes", "need", "needs"}

_LESS = (
    r"(?:<=|=<|<|≤|less\s+than|fewer\s+than|under|below|at\s+most|no\s+more\s+than|max(?:imum)?)"
)
_MORE = r"(?:>=|=>|>|≥|more\s+than|greater\s+than|over|above|at\s+least|min(?:imum)?)"
_ABOUT = r"(?:approx(?:imately|\.)?|about|around|~|roughly|c\.)"

# A number with what may be written around it: currency, scale, multiple, percent.
_NUMBER = (
    r"(?P<cur>[$€£])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<att>ms|hrs|hr|mins|min|s|h|d|k|K|M|mm|MM|bn|B|x|X)(?![A-Za-z]))?"
    r"(?:\s?(?P<scale>thousand|million|billion|mn|bn)\b)?"
    r"(?P<pct>\s?%)?"
    r"\+?"
)
_NUMBER_RE = re.compile(r"(?<![\w.#&/@\\:-])" + _NUMBER + r"(?![\w/])")
_FROM_TO_RE = re.compile(
    r"\bfrom\s+(?:(?:[a-z]+\s+){0,3}?)?(?:" + _ABOUT + r"\s*)?(?:" + _LESS + r"|" + _MORE + r")?"
    r"\s*(?P<a>" + _NUMBER.replace("?P<", "?P<a_") + r")(?![\w/])"
    r"(?P<a_unit>\s+[A-Za-z]+)?\s+to\s+(?:" + _LESS + r"|" + _MORE + r"|" + _ABOUT + r")?"
    r"\s*(?P<b>" + _NUMBER.replace("?P<", "?P<b_") + r")(?![\w/])",
    re.IGNORECASE,
)
_EXPLICIT_TARGET_RE = re.compile(
    r"\btarget(?:ed|ing)?\s*(?:of|is|at|=|:)?\s*(?:(?P<cmp>" + _LESS + r"|" + _MORE + r")\s*)?"
    r"(?P<n>" + _NUMBER + r")(?![\w/])",
    re.IGNORECASE,
)
_EXPLICIT_BASELINE_RE = re.compile(
    r"\b(?:current(?:ly)?(?:\s+(?:state|value|level|rate|baseline))?|baseline)"
    r"\s*(?:is|of|at|=|:)?\s*(?P<n>" + _NUMBER + r")(?![\w/])",
    re.IGNORECASE,
)
_IN_TOTAL_RE = re.compile(r"(?<![\w.])(?P<n>" + _NUMBER + r")\s+in\s+total\b", re.IGNORECASE)
_RATIO_RE = re.compile(
    r"(?<![\w.:])(?:1\s*:\s*(?P<right>\d+(?:\.\d+)?)|(?P<left>\d+(?:\.\d+)?)(?:~\d+)?\s*:\s*1)"
    r"(?![\w:]|\.\d)"
)
_RANGE_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*~\s*\d+(?:\.\d+)?")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_RES = (
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),
    re.compile(r"\b" + _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b", re.IGNORECASE),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"\b(?:,?\s+\d{4})?", re.IGNORECASE),
    re.compile(r"\b" + _MONTHS + r"\s+\d{4}\b", re.IGNORECASE),
    re.compile(r"\b24\s*/\s*7\b"),
)
_DECREASE_VERBS = re.compile(
    r"\b(?:reduc\w*|decreas\w*|lower\w*|cut\w*|shrink\w*|minimi[sz]\w*|drop\w*|eliminat\w*"
    r"|fewer|less|shorten\w*|halve\w*)\b",
    re.IGNORECASE,
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?P<word>" + "|".join(_WORD_NUMBERS) + r")\b(?![-‐])", re.IGNORECASE
)
_MULTIPLIER_WORD_RE = re.compile(r"\b(?P<word>" + "|".join(_MULTIPLIER_WORDS) + r")\b", re.I)
_MEASURE_RE = re.compile(
    r"(?:\b[A-Za-z][\w/-]*\s+)?\b(?:rate|score|ratio|factor|time|duration|latency|errors?|"
    r"count|nps|osat|ssat|csat|uptime|availability|accuracy|coverage|share|index|size)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’/+&-]*")


@dataclass(frozen=True)
class _Candidate:
    position: int
    end: int
    target: float
    unit: str
    baseline: float | None = None
    direction: Direction | None = None


# Only the start of a text is read: a key result states its numbers early, and hostile
# input stays cheap.
MAX_CHARS = 2000


def extract_quantities(text: str) -> Quantities:
    """The baseline, target and unit that ``text`` states, or ``NOTHING``."""
    work = _mask_non_quantities(_simplify_ratios_and_ranges(text[:MAX_CHARS]))
    explicit = _explicit(work)
    if explicit is not None:
        return explicit
    total = _IN_TOTAL_RE.search(work)
    if total is not None:
        value, unit = _value_and_unit(total, "")
        return Quantities(target=value, unit=unit, source=total.group(0).strip())
    candidates = _from_to_candidates(work)
    taken = [(c.position, c.end) for c in candidates]
    for match in _NUMBER_RE.finditer(work):
        if any(start <= match.start() < end for start, end in taken):
            continue
        candidate = _number_candidate(work, match)
        if candidate is not None:
            candidates.append(candidate)
    candidates += _multiplier_word_candidates(work)
    if not candidates and not re.search(r"\d", work):
        candidates = _word_number_candidates(work)
    if not candidates:
        return NOTHING
    best = min(candidates, key=lambda c: c.position)
    return Quantities(
        baseline=best.baseline,
        target=best.target,
        unit=best.unit or _measure_before(work, best.position),
        direction=best.direction or _direction_from_words(work, best),
        source=work[best.position : best.end].strip(),
    )


def parse_quantity(text: str) -> tuple[float, str] | None:
    """A single stated value such as "95%", "$1.5M", "< 2 hours", "3 issues" or "12"."""
    work = _simplify_ratios_and_ranges(text.strip()[:MAX_CHARS])
    match = _NUMBER_RE.search(work)
    if match is None:
        return None
    value, unit = _value_and_unit(match, work[match.end() :])
    return value, unit


# -- preparation -------------------------------------------------------------------------


def _simplify_ratios_and_ranges(text: str) -> str:
    """'1:3.7' and '7:1' become the N that matters; '10~12' becomes its lower end."""

    def ratio(match: re.Match[str]) -> str:
        return match.group("right") or match.group("left")

    return _RANGE_RE.sub(r"\1", _RATIO_RE.sub(ratio, text))


def _mask_non_quantities(text: str) -> str:
    """Blank out dates and the like (same length, so positions stay meaningful)."""
    for pattern in _DATE_RES:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


# -- the rules -----------------------------------------------------------------------------


def _explicit(work: str) -> Quantities | None:
    target = _EXPLICIT_TARGET_RE.search(work)
    if target is None:
        return None
    value, unit = _value_and_unit(target, work[target.end() :])
    baseline_match = _EXPLICIT_BASELINE_RE.search(work)
    baseline = None
    if baseline_match is not None:
        baseline, _ = _value_and_unit(baseline_match, "")
        if baseline == value:
            baseline = None
    direction = None
    if baseline is not None:
        direction = Direction.DECREASE if value < baseline else Direction.INCREASE
    elif target.group("cmp"):
        direction = _comparison_direction(target.group("cmp"))
    return Quantities(
        baseline=baseline,
        target=value,
        unit=unit or _unit_after(work, target.end()) or _measure_before(work, target.start()),
        direction=direction,
        source=target.group(0).strip(),
    )


def _from_to_candidates(work: str) -> list[_Candidate]:
    found = []
    for match in _FROM_TO_RE.finditer(work):
        baseline = _number_value(match, "a_")
        target = _number_value(match, "b_")
        if baseline is None or target is None or baseline == target:
            continue
        unit = _symbol_unit(match, "b_") or _symbol_unit(match, "a_")
        if not unit:
            words_after = _unit_after(work, match.end())
            stated = (match.group("a_unit") or "").strip().lower()
            unit = _TIME_UNITS.get(stated, stated) if stated in _TIME_UNITS else words_after
        found.append(
            _Candidate(
                position=match.start(),
                end=match.end(),
                target=target,
                baseline=baseline,
                unit=unit,
                direction=Direction.DECREASE if target < baseline else Direction.INCREASE,
            )
        )
    return found


def _number_candidate(work: str, match: re.Match[str]) -> _Candidate | None:
    if _is_not_a_quantity(work, match):
        return None
    value, unit = _value_and_unit(match, work[match.end() :])
    if unit in _TIME_UNITS.values() and _previous_word(work, match.start()) in _FRAMING_WORDS:
        return None
    direction = _comparison_before(work, match.start()) or _comparison_after(work, match.end())
    return _Candidate(match.start(), match.end(), value, unit, direction=direction)


def _is_not_a_quantity(work: str, match: re.Match[str]) -> bool:
    raw = match.group("num")
    symbol = match.group("cur") or match.group("pct") or match.group("att")
    if not symbol and re.fullmatch(r"(?:19|20)\d\d", raw):
        return True  # a year
    previous = _previous_word(work, match.start())
    if previous in _IDENTIFIER_WORDS and not symbol:
        return True
    before = work[: match.start()].rstrip()
    if before.endswith(("-", "#", "v", "V")) and not before.endswith(" -"):
        return True
    # Right after a capitalised name ("GitLab 101", "PostgreSQL 11"), unless that word
    # opens the sentence ("Hire 4 interns").
    window = max(0, match.start() - 80)
    word = re.search(r"([A-Za-z][\w’'./-]*)[ \t]+$", work[window : match.start()])
    return bool(
        word
        and not (match.group("cur") or match.group("pct"))
        and any(ch.isupper() for ch in word.group(1))
        and not _starts_sentence(work, window + word.start(1))
    )


def _multiplier_word_candidates(work: str) -> list[_Candidate]:
    """ "Double lead flow" is a 2x target; "double down on", "a double check" are not."""
    return [
        _Candidate(m.start(), m.end(), _MULTIPLIER_WORDS[m.group("word").lower()], "x")
        for m in _MULTIPLIER_WORD_RE.finditer(work)
        if _next_word(work, m.end()) not in _NOT_MULTIPLIED
        and _previous_word(work, m.start()) not in {"a", "the"}
    ]


_NOT_MULTIPLIED = frozenset(
    {"down", "check", "checks", "click", "clicks", "quote", "quotes", "digit", "digits"}
)


def _next_word(work: str, end: int) -> str:
    following = _WORD_RE.search(work, end)
    return following.group(0).lower() if following else ""


def _word_number_candidates(work: str) -> list[_Candidate]:
    found = []
    for match in _WORD_NUMBER_RE.finditer(work):
        following = _WORD_RE.match(work, match.end() + 1) if match.end() < len(work) else None
        next_word = following.group(0).lower() if following else ""
        if next_word in {"another", "being", "or", "and", "to", "on", "by", "more"}:
            continue
        if _previous_word(work, match.start()) in {"no", "the", "any", "every"}:
            continue
        unit = _unit_after(work, match.end())
        found.append(
            _Candidate(
                match.start(), match.end(), float(_WORD_NUMBERS[match.group("word").lower()]), unit
            )
        )
    return found


# -- reading one number ----------------------------------------------------------------------


def _number_value(match: re.Match[str], prefix: str = "") -> float | None:
    raw = match.group(prefix + "num")
    if raw is None:
        return None
    value = float(raw.replace(",", ""))
    att = (match.group(prefix + "att") or "").lower()
    scale = (match.group(prefix + "scale") or "").lower()
    factor = _SCALE_WORDS.get(scale) or (
        _SCALE_WORDS.get(att) if att in ("k", "m", "mm", "b", "bn") else None
    )
    return value * factor if factor else value


def _symbol_unit(match: re.Match[str], prefix: str = "") -> str:
    if match.group(prefix + "pct"):
        return "%"
    currency = match.group(prefix + "cur")
    if currency:
        return _CURRENCIES[currency]
    att = match.group(prefix + "att") or ""
    if att in ("x", "X"):
        return "x"
    if att.lower() in _TIME_UNITS:
        return _TIME_UNITS[att.lower()]
    return ""


def _value_and_unit(match: re.Match[str], after: str) -> tuple[float, str]:
    value = _number_value(match)
    assert value is not None  # the patterns always capture a number
    return value, _symbol_unit(match) or _noun_phrase(after)


def _unit_after(work: str, end: int) -> str:
    return _noun_phrase(work[end:])


def _noun_phrase(after: str) -> str:
    """The unit a count is of: the words right after it, up to a small word or a comma."""
    words: list[str] = []
    text = after
    of_the = re.match(r"\s+of\s+(?:the\s+|our\s+|all\s+)?(?:top\s+)?", text)
    if of_the:
        text = text[of_the.end() - 1 :]
    position = 0
    while len(words) < 4:
        gap = re.match(r"[ \t]*[“\"]|[ \t]+", text[position:])
        if gap is None and position:
            break
        if gap is not None:
            position += gap.end()
        word = _WORD_RE.match(text, position)
        if word is None:
            break
        token = re.sub(r"[’']s$", "s", word.group(0)).strip("-/’'")
        lowered = token.lower()
        if lowered in _STOP_WORDS:
            break
        if words and (lowered in _VERBS_AFTER_UNIT or _is_participle(text, word)):
            break
        if not words and lowered.endswith("ed") and _is_participle(text, word):
            # "by 10 compared to last quarter": an amount, no unit
            break
        if not words and lowered in _TIME_UNITS:
            return _TIME_UNITS[lowered]
        if words or lowered not in _LEADING_FILLER:
            words.append(token)
        position = word.end()
        if re.match(r"[”\"]", text[position : position + 1]):
            position += 1
    return " ".join(words)


def _measure_before(work: str, start: int) -> str:
    """What a bare number measures, named before it: "MR Rate increases to 10" -> "MR Rate"."""
    names = [match.group(0) for match in _MEASURE_RE.finditer(work[:start])]
    return names[-1] if names else ""


def _is_participle(text: str, word: re.Match[str]) -> bool:
    """'completed' in "2 cycles completed per PM", not 'requested' in "requested features"."""
    lowered = word.group(0).lower()
    if lowered.endswith("ing"):
        return True
    if not lowered.endswith("ed"):
        return False
    following = _WORD_RE.search(text, word.end())
    between = text[word.end() : following.start()] if following else ""
    return following is None or bool(between.strip()) or following.group(0).lower() in _STOP_WORDS


# -- direction -------------------------------------------------------------------------------


def _comparison_direction(word: str) -> Direction:
    return (
        Direction.DECREASE
        if re.fullmatch(_LESS, word.strip(), re.IGNORECASE)
        else (Direction.INCREASE)
    )


def _comparison_before(work: str, start: int) -> Direction | None:
    before = work[max(0, start - 24) : start]
    if re.search(_LESS + r"\s*(?:[$€£]\s*)?$", before, re.IGNORECASE):
        return Direction.DECREASE
    if re.search(_MORE + r"\s*(?:[$€£]\s*)?$", before, re.IGNORECASE):
        return Direction.INCREASE
    return None


def _comparison_after(work: str, end: int) -> Direction | None:
    after = work[end : end + 40]
    if re.match(r"[^.;,]*?\(?\bor\s+(?:less|below|fewer|lower|under)\b", after, re.IGNORECASE):
        return Direction.DECREASE
    if re.match(r"[^.;,]*?\(?\bor\s+(?:more|above|higher|greater|over)\b", after, re.IGNORECASE):
        return Direction.INCREASE
    return None


def _direction_from_words(work: str, best: _Candidate) -> Direction | None:
    if _DECREASE_VERBS.search(work[: best.position]):
        return Direction.DECREASE
    return None


# -- words around a position ----------------------------------------------------------------


def _previous_word(work: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)[\s:]*(?:[$€£]\s*)?$", work[max(0, start - 80) : start])
    return match.group(1).lower() if match else ""


def _starts_sentence(work: str, word_start: int) -> bool:
    """Whether the word at ``word_start`` begins the text or a sentence."""
    before = work[:word_start].rstrip()
    return before == "" or before.endswith((".", ";", ":", "!", "?", "(", "-", "–", "—"))
