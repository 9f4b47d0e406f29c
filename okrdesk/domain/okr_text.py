"""What one line of a published OKR says it is, and what around its text is not its text.

A line (a list item, a heading, a paragraph, a table cell) arrives as plain text: the
Markdown reader has already resolved links and emphasis. ``read_item`` tells an objective
from a key result by its label (``Objective:``, ``[Objective]``, ``O1:``, ``KR:``,
``Key Result 2:``, ``[KeyResult]``, ``CEO KR:``) and splits off, in this order:

- a task-list box and a priority tag, leading or trailing (``P0 -``, ``[P1]``, ``[p2]``);
- a status note written after the fact (``=> DONE``, ``--> 66%``, `` - pushed to Q2``,
  `` >needs a baseline``, a tick or traffic light ``✅`` ``🟡``);
- an end-of-cycle grade: ``(0.45)``, ``-- (0.9)``, ``(score: 0.7)``, ``grade 0.6``, or a bare
  ``0.60`` with two decimals (a version such as "OpenEBS 0.9" is not a grade);
- an owner: a prefix (``CEO:``, ``VP of Product:``), a trailing label (``(Owner: Ana)``,
  ``- DRI: @bo``) or a trailing handle (``@leviw``, ``(@ana)``, or a lowercase handle right
  before a bare grade, ``leviw 0.60``).

Every pattern here runs in linear time on any input: no nested quantifiers, bounded
repeats, and only the first ``MAX_ITEM_CHARS`` characters of a line are ever read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_ITEM_CHARS = 4000

KEY_RESULT = "key result"
OBJECTIVE = "objective"
PLAIN = "plain"
EMPTY = "empty"
TOO_LONG = "too long"
MARKUP = "markup"


@dataclass
class ItemReading:
    kind: str
    text: str
    owner: str = ""
    priority: str = ""
    status: str = ""
    grade: float | None = None
    # The label said so ("KR:", "[Objective]"), rather than the place the line is in.
    labelled: bool = False


_MARKS = "✅❌⚠🟢🟡🔴🟠⏳✔✓✗✘☑🚧"
_STATUS_MARK_END_RE = re.compile(r"\s(?P<mark>[" + _MARKS + r"]\uFE0F?)$")
_STATUS_MARK_START_RE = re.compile(r"^(?P<mark>[" + _MARKS + r"]\uFE0F?)\s")
_OWNER_LABEL_RE = re.compile(
    r"\s{0,3}[-–—|(\[,;]\s{0,3}(?:owners?|dri|lead|responsible)\s{0,3}[:=]\s{0,3}"
    r"(?P<owner>[^()\[\]|:;]{1,80}?)\s{0,3}[)\]]?$",
    re.IGNORECASE,
)
_CHECKBOX_RE = re.compile(r"^\[[ xX]\]\s+")
_LEADING_PRIORITY_RE = re.compile(r"^\[?(?P<p>[Pp][0-4])\]?(?:\s{0,3}[-–—:|]\s{0,3}|\s{1,3})(?=\S)")
_TRAILING_PRIORITY_RE = re.compile(r"\s{0,3}[\[(](?P<p>[Pp][0-4])[\])]\s{0,3}$")
_STATUS_ARROW_RE = re.compile(r"\s{0,5}(?:={1,2}>|-{1,2}>|⇒|→)\s{0,5}")
_TRAILING_STATUS_RE = re.compile(
    r"\s[-–—]\s(?P<status>(?:push(?:ed)?|moved?|deferred|done|blocked|dropped|carried|"
    r"cancel+ed|complete[d]?|wip|on track|at risk|postponed)\b[^.]{0,40})$",
    re.IGNORECASE,
)
# " >needs baseline and targets": a note glued after the text (not "> 5", a comparison).
_GT_NOTE_RE = re.compile(r"\s>(?=[A-Za-z])")
_GRADE = r"(?P<grade>0(?:\.\d{1,3})?|1(?:\.0{1,3})?|\.\d{1,3})"
_GRADE_IN_PARENS_RE = re.compile(
    r"\s{0,40}(?:--?\s{0,40})?\(\s{0,3}(?:(?:score|grade|scored|graded)\s{0,3}:?\s{0,3})?"
    + _GRADE
    + r"\s{0,3}\)$",
    re.IGNORECASE,
)
_GRADE_WORD_RE = re.compile(
    r"[\s,;(\[-]{1,5}(?:score|grade|scored|graded)\s{0,3}[:=]?\s{0,3}" + _GRADE + r"[)\]]?$",
    re.IGNORECASE,
)
_BARE_GRADE_RE = re.compile(r"\s(?P<grade>0\.\d\d|1\.00)$")
_HANDLE_BEFORE_GRADE_RE = re.compile(
    r"\s(?P<handle>@?[a-z][a-z0-9_-]{1,38})\s(?P<grade>0\.\d{1,2}|1\.0{1,2})$"
)
_TRAILING_HANDLE_RE = re.compile(
    r"\s{1,3}(?:[-–—]\s{1,3})?[(\[]?(?P<handle>@[A-Za-z0-9][\w.-]{0,38})[)\]]?$"
)
_KR_LABEL_RE = re.compile(
    r"^(?:(?P<owner>[^:\n]{1,100}?)\s)?(?:KRs?|[Kk]ey ?[Rr]esults?|O\d{1,3}\s?KR)\s?#?\d{0,3}"
    r"(?:\.\d{1,3}){0,3}\s{0,3}[:.)–—-]\s{0,3}"
    r"|^\[(?:KRs?|[Kk]ey ?[Rr]esults?)\s?\d{0,3}\]\s{0,3}[:.–—-]?\s{0,3}"
)
_OBJECTIVE_LABEL_RE = re.compile(
    r"^(?:Objective|Goal)\s?#?\d{0,3}(?:\.\d{1,3}){0,3}\s{0,3}[:.)–—-]\s{0,3}"
    r"|^\[(?:Objective|Goal)\s?\d{0,3}\]\s{0,3}[:.–—-]?\s{0,3}"
    r"|^O\d{1,3}(?:\.\d{1,3}){0,3}\s{0,3}[:.)–—-]\s{0,3}",
    re.IGNORECASE,
)
_KR_HEADER_RE = re.compile(r"(?:key ?results?|krs?)\s?:?", re.IGNORECASE)
# A heading that only names an item ("O1", "O1KR2", "Objective 3", "KR 1.2").
ID_ONLY_RE = re.compile(
    r"(?P<o>O\d{1,3}|Objective\s?#?\d{0,3})?\s?"
    r"(?P<kr>KR\s?\d{0,3}(?:\.\d{1,3})?|Key Results?\s?\d{0,3}(?:\.\d{1,3})?)?[:.]?",
    re.IGNORECASE,
)
_MARKUP_RE = re.compile(r"\{:.{0,200}\}|TOC|\[TOC\]|\[\[_TOC_\]\]", re.IGNORECASE)
# Words before a colon that label a line rather than name who owns it.
_NOT_OWNER_WORDS = frozenset(
    {
        "note",
        "notes",
        "status",
        "todo",
        "wip",
        "tbd",
        "draft",
        "update",
        "why",
        "how",
        "what",
        "example",
        "e.g",
        "i.e",
        "objective",
        "goal",
        "kr",
        "key",
        "result",
        "results",
        "mission",
        "vision",
        "context",
        "problem",
        "stretch",
        "bonus",
        "optional",
        "tracking",
        "target",
        "targets",
        "current",
        "baseline",
        "progress",
        "owner",
        "owners",
        "due",
        "deadline",
        "priority",
        "risk",
        "measure",
        "metric",
        "outcome",
        "output",
        "impact",
        "description",
        "details",
        "summary",
    }
)
_NOT_OWNER_PHRASES = frozenset({"key result", "key results", "stretch goal", "next steps"})


def read_item(raw: str, bold_lead: str = "") -> ItemReading:
    """What one line says it is. ``bold_lead`` is the text of a bold run opening the line,
    when the line opens with one (it may hold an owner or be the whole objective)."""
    if len(raw) > MAX_ITEM_CHARS:
        return ItemReading(TOO_LONG, raw[:100])
    text = _CHECKBOX_RE.sub("", tidy(raw))
    if _MARKUP_RE.fullmatch(text):
        return ItemReading(MARKUP, "")
    text, priority = _split_priority(text)
    text, status = split_status(text)
    text, mark = _split_status_mark(text)
    status = status or mark
    text, labelled_owner = _split_owner_label(text)
    text, grade, handle = split_grade(text)
    text, owner = _split_trailing_handle(text) if not handle else (text, handle)
    text = tidy(text)
    if not text:
        return ItemReading(EMPTY, "", status=status)
    if _KR_HEADER_RE.fullmatch(text):
        return ItemReading(EMPTY, "", labelled=True)  # a "Key results:" label over a list
    reading = _labelled(text) or _bold_objective(text, tidy(bold_lead)) or ItemReading(PLAIN, text)
    reading.priority = reading.priority or priority
    reading.status = reading.status or status
    reading.grade = grade
    reading.owner = reading.owner or labelled_owner or owner
    if not reading.text:
        # Only an empty key-result label ("Key results:") heads a list of key results; an
        # empty objective label is an item that cannot be read.
        reading.labelled = reading.labelled and reading.kind == KEY_RESULT
        reading.kind = EMPTY
    return reading


def _labelled(text: str) -> ItemReading | None:
    kr = _KR_LABEL_RE.match(text)
    if kr is not None:
        owner = (kr.group("owner") or "").strip()
        if owner and (owner.lower() in _NOT_OWNER_WORDS or not owner[0].isupper()):
            return None
        rest, _ = _split_leading_priority(tidy(text[kr.end() :]))
        return ItemReading(KEY_RESULT, rest, owner, labelled=True)
    objective = _OBJECTIVE_LABEL_RE.match(text)
    if objective is not None:
        owner, title = split_owner(tidy(text[objective.end() :]))
        return ItemReading(OBJECTIVE, title, owner, labelled=True)
    return None


def _bold_objective(text: str, bold: str) -> ItemReading | None:
    """A line that opens with its owner in bold ("**CRO:** Build …") or is bold throughout."""
    if not bold:
        return None
    if bold == text:
        if bold.endswith(":"):  # a label with nothing after it ("**Tracking:**")
            return ItemReading(EMPTY, "")
        owner, title = split_owner(bold)
        return ItemReading(OBJECTIVE, title, owner)
    rest = tidy(text[len(bold) :]) if text.startswith(bold) else ""
    owner, title = split_owner(bold)
    if owner and title and rest:  # "**CS: Refine the plan.** [DONE - MM Segment]"
        return ItemReading(OBJECTIVE, title, owner, status=rest)
    owner, title = split_owner(bold if bold.endswith(":") else bold + ":")
    if owner and not title and rest.startswith(":"):
        rest = tidy(rest[1:])
    if owner and not title and rest:
        return ItemReading(OBJECTIVE, rest, owner)
    return None


def _split_status_mark(text: str) -> tuple[str, str]:
    """("Ship it", "✅") for "Ship it ✅" or "✅ Ship it": a traffic light or tick as status."""
    match = _STATUS_MARK_END_RE.search(text) or _STATUS_MARK_START_RE.match(text)
    if match is None:
        return text, ""
    return text[: match.start()] + text[match.end() :], match.group("mark")


def _split_owner_label(text: str) -> tuple[str, str]:
    """("Ship it", "Ana") for "Ship it (Owner: Ana)" or "Ship it - DRI: Ana"."""
    match = _OWNER_LABEL_RE.search(text)
    if match is None or match.start() == 0:
        return text, ""
    return text[: match.start()], tidy(match.group("owner"))


def _split_priority(text: str) -> tuple[str, str]:
    text, priority = _split_leading_priority(text)
    trailing = _TRAILING_PRIORITY_RE.search(text)
    if trailing is not None:
        return text[: trailing.start()], priority or trailing.group("p").upper()
    return text, priority


def _split_leading_priority(text: str) -> tuple[str, str]:
    match = _LEADING_PRIORITY_RE.match(text)
    if match is None:
        return text, ""
    return text[match.end() :], match.group("p").upper()


def split_status(text: str) -> tuple[str, str]:
    """("text", "note") for "text => note"; the note is what happened after the fact."""
    for pattern in (_STATUS_ARROW_RE, _GT_NOTE_RE):
        match = pattern.search(text)
        if match is not None and match.start() > 0:
            return text[: match.start()], tidy(text[match.end() :])
    trailing = _TRAILING_STATUS_RE.search(text)
    if trailing is not None:
        return text[: trailing.start()], trailing.group("status").strip()
    return text, ""


def split_grade(text: str) -> tuple[str, float | None, str]:
    """(text, grade, handle) for a line that ends with an end-of-cycle grade."""
    stripped = text.rstrip()
    with_handle = _HANDLE_BEFORE_GRADE_RE.search(stripped)
    if with_handle is not None:
        handle = with_handle.group("handle")
        return stripped[: with_handle.start()], float(with_handle.group("grade")), handle
    for pattern in (_GRADE_IN_PARENS_RE, _GRADE_WORD_RE, _BARE_GRADE_RE):
        match = pattern.search(stripped)
        if match is not None:
            return stripped[: match.start()], float(match.group("grade")), ""
    return text, None, ""


def _split_trailing_handle(text: str) -> tuple[str, str]:
    match = _TRAILING_HANDLE_RE.search(text)
    if match is None or match.start() == 0:
        return text, ""
    return text[: match.start()], match.group("handle")


def split_owner(text: str, max_words: int = 8) -> tuple[str, str]:
    """("CEO", "IACV") for "CEO: IACV"; ("", text) when the part before the colon is no owner
    ("Stretch: …", "… for 'font-display: optional'")."""
    head, colon, rest = text.partition(":")
    if not colon:
        return "", text
    owner = head.strip()
    words = owner.split()
    lowered = owner.lower().rstrip(".")
    if (
        not owner
        or len(words) > max_words
        or len(owner) > 100
        or not owner[0].isupper()
        or lowered in _NOT_OWNER_WORDS
        or lowered in _NOT_OWNER_PHRASES
        or any(mark in owner for mark in "'\"‘’“”`[]")
        or owner.count("(") != owner.count(")")
        or re.search(r"https?$|[.!?]\s[a-z]|\d{4}", owner)
        or (rest[:1] not in (" ", "") and not rest.startswith("\n"))
    ):
        return "", text
    return owner, rest.strip()


_SPACES_RE = re.compile(r"\s+")
_TIDY_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\\(?= |$)"), ""),  # a hard-break backslash left at the end
    (re.compile(r" ([,.;:!?)])(?![\w(])"), r"\1"),
    (re.compile(r"\( "), "("),
    (re.compile(r"\( ?\)"), ""),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),
)


def tidy(text: str) -> str:
    """Spaces and punctuation left right after links, tags and notes were taken out."""
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES_RE.sub(" ", text).strip()
    if "\\" in text or " " in text or "(" in text or ".." in text:
        for pattern, replacement in _TIDY_RULES:
            text = pattern.sub(replacement, text)
    return text.strip(" ,;")


def is_id_only(text: str) -> bool:
    """Whether a heading only names an item ("O1", "O1KR2", "KR 1.2") and not what it is."""
    match = ID_ONLY_RE.fullmatch(text.strip())
    return bool(match and (match.group("o") or match.group("kr")))


def id_names_key_result(text: str) -> bool:
    match = ID_ONLY_RE.fullmatch(text.strip())
    return bool(match and match.group("kr"))
