"""Reading a published OKR document written in Markdown.

Organisations write their OKRs in a handful of shapes, often several in one file:

- a heading per objective with a bullet per key result (``### Our alerts are actionable``);
- numbered or bulleted lists nested to any depth, where an item is an objective when it says
  so (``**CRO: Build strong FY21 pipeline.**``, ``Objective: …``, a wholly bold item) and a key
  result when it says so (``CRO KR: …``, ``Key Result: …``) or when it is a plain item
  directly under an objective;
- owner prefixes (``CEO: IACV``, ``VP of Product: …``) and priority tags (``**P0** -``);
- child objectives nested under an objective or under one of its key results (kept as
  objectives aligned to that objective);
- Markdown tables with objective and key result columns, or with one text column in which
  bold rows are objectives (the IPFS shape).

Links keep their text (links that are only an issue reference such as ``gitlab-org&412`` are
dropped), emphasis is removed, and after-the-fact status notes (``=> DONE``, ``--> 66%``) are
split off. Whatever is not understood is reported with its line number rather than guessed;
runs of similar lines (a list of links, prose) are reported once.

The result is plain data (``ParsedDocument``); numbers inside key results are read by
``okr_numbers`` and storing is the import service's job.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from okrdesk.domain.okr_cycles import normalise_cycle_name


@dataclass(frozen=True)
class ParsedKeyResult:
    text: str
    line: int
    owner: str = ""
    priority: str = ""
    # An after-the-fact note split off the text ("DONE", "66% (AWS and GCP done)").
    status: str = ""
    # Stated in separate table columns, as written (numbers are read by the importer).
    target_text: str = ""
    baseline_text: str = ""
    unit_text: str = ""


@dataclass(frozen=True)
class ParsedObjective:
    title: str
    line: int
    owner: str = ""
    priority: str = ""
    status: str = ""
    # A paragraph written under the objective's heading, kept as its "why".
    description: str = ""
    # Index in ParsedDocument.objectives of the objective this one is nested under.
    parent: int | None = None
    # The cycle named by the section the objective is in ("2019-Q3"), or "".
    cycle: str = ""
    key_results: tuple[ParsedKeyResult, ...] = ()


@dataclass(frozen=True)
class NotUnderstood:
    """Lines ``line``..``last_line`` were not taken as objectives or key results."""

    line: int
    last_line: int
    text: str
    reason: str

    def describe(self) -> str:
        where = (
            f"line {self.line}"
            if self.line == self.last_line
            else (f"lines {self.line}–{self.last_line}")
        )
        return f"{where}: {self.reason}: “{self.text}”"


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    # The cycle the document is about, normalised ("FY21-Q1"), or "" when it names none.
    cycle: str
    objectives: tuple[ParsedObjective, ...]
    not_understood: tuple[NotUnderstood, ...]

    @property
    def key_result_count(self) -> int:
        return sum(len(o.key_results) for o in self.objectives)


# -- inline text --------------------------------------------------------------------------

_IMAGE_RE = re.compile(r"!\[([^\[\]]*)\]\([^()\s]*(?:\([^()]*\))?[^()\s]*(?:\s+\"[^\"]*\")?\)")
_LINK_RE = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()]*\))?[^()\s]*(?:\s+\"[^\"]*\")?\)")
_REF_LINK_RE = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
# Link texts that only point at an issue, an epic or a merge request: dropped from titles.
_REFERENCE_TEXT_RE = re.compile(
    r"[\w.-]+(?:/[\w.&-]*)*\s*(?:epic\s*)?[#&!]\s*\d+|[\w.-]*/?&\d+|#\d+|[^\w\s]{1,3}",
)
_STATUS_RE = re.compile(r"\s*(?:={1,2}>|-{1,2}>|⇒|→)\s*")
_TRAILING_STATUS_RE = re.compile(
    r"\s+[-–—]\s+(?P<status>(?:push(?:ed)?|moved?|deferred|done|blocked|dropped|carried|"
    r"cancel+ed|complete[d]?|wip|on track|at risk|postponed)\b[^.]{0,40})$",
    re.IGNORECASE,
)
# Emphasis content may not hold its own marker: each match then ends at the next marker,
# which keeps these linear on hostile lines full of stars.
_BOLD_RE = re.compile(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__")
_ITALIC_RE = re.compile(
    r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])"
    r"|(?<!\w)_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)"
)
_PRIORITY_RE = re.compile(
    r"^\s*(?:\*\*|__)?\[?(?P<p>P[0-4])\]?(?:\*\*|__)?(?:\s*[-–—:|]\s*|\s+)(?=\S)"
)
_KR_PREFIX_RE = re.compile(
    r"^(?:(?P<owner>[^:\n]{1,100}?)\s+)?(?:KRs?|[Kk]ey [Rr]esults?)\s*#?\d*(?:\.\d+)*\s*[:.)–—-]\s*"
)
_OBJECTIVE_PREFIX_RE = re.compile(
    r"^(?:Objective|Goal)\s*#?\d*(?:\.\d+)*\s*[:.)–—-]\s+|^O\d+(?:\.\d+)*\s*[:.)–—-]\s+",
    re.IGNORECASE,
)
_NUMBERING_RE = re.compile(r"^\s*(?:\d{1,3}(?:\.\d+)*[.)]|[A-Za-z][.)])\s+(?=\S)")
# Table rows number their objectives without a dot ("**1 IPFS Implementations are …**").
_ROW_NUMBERING_RE = re.compile(r"^\s*(?:\d{1,3}(?:\.\d+)*[.)]?|[A-Za-z][.)])\s+(?=\S)")
_NAMES_IN_PARENS_RE = re.compile(
    r"\s*\((?P<names>[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:\s*(?:,|&|/|\band\b)\s*[A-Z][a-z]+"
    r"(?: [A-Z][a-z]+)?)*)\)\s*$"
)
_LINK_ONLY_RE = re.compile(r"^(?:[\w .-]{0,20}:\s*)?(?:\[[^\]]*\]\([^)]*\)[\s,;]*)+$")
_NOT_OWNER_WORDS = {
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
    "key result",
    "result",
    "mission",
    "vision",
    "context",
    "problem",
}


def resolve_links(text: str) -> str:
    """Markdown links and images replaced by their text; issue references dropped."""

    def keep_text(match: re.Match[str]) -> str:
        label = match.group(1).strip()
        if not label or _REFERENCE_TEXT_RE.fullmatch(label):
            return ""
        return label

    text = _IMAGE_RE.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:  # links nested in brackets: the inner ones first
        previous = text
        text = _LINK_RE.sub(keep_text, text)
    text = _REF_LINK_RE.sub(lambda m: m.group(1), text)
    return _AUTOLINK_RE.sub(lambda m: m.group(1), text)


def strip_emphasis(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), text)
        text = _ITALIC_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return text.replace("~~", "")


def tidy(text: str) -> str:
    """Spaces and punctuation left right after links, tags and notes were taken out."""
    text = _HTML_TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = re.sub(r"\\(?=\s|$)", "", text)  # a trailing hard-break backslash
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?)])(?![\w(])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"\(\s*\)", "", text)
    if re.fullmatch(r"[*_~`\s]*", text):
        return ""  # emphasis around nothing ("****")
    return text.strip(" ,;")


def split_status(text: str) -> tuple[str, str]:
    """("text", "note") for "text => note"; the note is what happened after the fact."""
    match = _STATUS_RE.search(text)
    if match is not None:
        return text[: match.start()], text[match.end() :].strip()
    trailing = _TRAILING_STATUS_RE.search(text)
    if trailing is not None:
        return text[: trailing.start()], trailing.group("status").strip()
    return text, ""


def clean_text(text: str) -> str:
    return tidy(strip_emphasis(resolve_links(text)))


def split_owner(text: str, max_words: int = 10) -> tuple[str, str]:
    """("CEO", "IACV") for "CEO: IACV"; ("", text) when the part before a colon is no owner."""
    head, colon, rest = text.partition(":")
    if not colon:
        return "", text
    owner = head.strip()
    words = owner.split()
    if (
        not owner
        or len(words) > max_words
        or len(owner) > 100
        or not owner[0].isupper()
        or owner.lower().rstrip(".") in _NOT_OWNER_WORDS
        or re.search(r"https?$|[.!?]\s+[a-z]", owner)
    ):
        return "", text
    return owner, rest.strip()


# -- one list item -------------------------------------------------------------------------

# Longer than this, a list item or a line is no objective or key result (and reading it would
# only cost time): it is reported and skipped.
MAX_ITEM_CHARS = 4000
MAX_LINE_CHARS = 20000
# Deeper nesting is read as siblings at this depth (and reported), so no hostile file can
# exhaust the stack.
MAX_DEPTH = 32
MAX_DESCRIPTION = 10_000

KEY_RESULT = "key result"
OBJECTIVE = "objective"
PLAIN = "plain"
LINKS = "links"
EMPTY = "empty"
TOO_LONG = "too long"
MARKUP = "markup"  # a table-of-contents marker and the like: layout, not content


@dataclass
class ItemReading:
    kind: str
    text: str
    owner: str = ""
    priority: str = ""
    status: str = ""


def read_item(raw: str) -> ItemReading:
    """What one list item (or heading, or table cell) says it is."""
    if len(raw) > MAX_ITEM_CHARS:
        return ItemReading(TOO_LONG, raw[:100])
    raw = re.sub(r"^\[[ xX]\]\s+", "", raw.strip())  # task-list checkbox
    if re.fullmatch(r"\{:.*\}|TOC|\[TOC\]|\[\[_TOC_\]\]", raw.strip(), re.IGNORECASE):
        return ItemReading(MARKUP, "")
    links_only = bool(_LINK_ONLY_RE.match(strip_emphasis(raw)))
    text = resolve_links(raw)
    priority = ""
    match = _PRIORITY_RE.match(text)
    if match is not None:
        priority = match.group("p")
        text = text[match.end() :]
    text, status = split_status(text)
    plain = tidy(strip_emphasis(text))
    if not plain:
        return ItemReading(EMPTY, "", status=status)
    kr = _KR_PREFIX_RE.match(plain)
    if kr is not None and plain[kr.end() :].strip():
        owner = (kr.group("owner") or "").strip()
        return ItemReading(KEY_RESULT, tidy(plain[kr.end() :]), owner, priority, status)
    prefix = _OBJECTIVE_PREFIX_RE.match(plain)
    if prefix is not None and plain[prefix.end() :].strip():
        owner, title = split_owner(plain[prefix.end() :])
        return ItemReading(OBJECTIVE, tidy(title), owner, priority, status)
    bold = _read_bold_objective(text.strip())
    if bold is not None:
        owner, title, extra = bold
        return ItemReading(OBJECTIVE, title, owner, priority, _join(status, extra))
    if links_only:
        return ItemReading(LINKS, plain, priority=priority, status=status)
    return ItemReading(PLAIN, plain, priority=priority, status=status)


def _read_bold_objective(text: str) -> tuple[str, str, str] | None:
    """(owner, title, trailing note) for an item that opens with a bold objective."""
    match = re.match(r"(\*\*|__)(?P<bold>.+?)\1(?P<rest>.*)$", text)
    if match is None:
        return None
    bold = tidy(strip_emphasis(match.group("bold")))
    rest = tidy(strip_emphasis(match.group("rest")))
    if bold.endswith(":") or ": " in bold:
        owner, title = split_owner(bold)
        if owner and not title:
            return owner, tidy(rest.lstrip(":")), ""
        if owner:
            return owner, title, rest
        if not rest:
            return "", bold, ""
        return None
    if rest.startswith(":") and rest[1:].strip():
        owner, _ = split_owner(bold + ":")
        if owner:
            return owner, tidy(rest[1:]), ""
    if not rest:
        return "", bold, ""
    return None


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# -- lines into blocks ---------------------------------------------------------------------

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_RULE_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_TABLE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


def _width(indent: str) -> int:
    column = 0
    for ch in indent:
        column = column + 4 - column % 4 if ch == "\t" else column + 1
    return column


@dataclass
class _Heading:
    line: int
    level: int
    text: str


@dataclass
class _Item:
    line: int
    indent: int
    first_line_text: str
    children: list[_Item] = field(default_factory=list)
    last_line: int = 0
    # Lines the item wraps onto (kept as a list: joining once is linear, += is not).
    more: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join([self.first_line_text, *self.more]) if self.more else self.first_line_text


@dataclass
class _Table:
    line: int
    rows: list[tuple[int, list[str]]]


@dataclass
class _Prose:
    line: int
    last_line: int
    lines: list[str]

    def excerpt(self) -> str:
        return _excerpt(clean_text(" ".join(self.lines)[:300]))


_Block = _Heading | _Item | _Table | _Prose


class _Lexer:
    """Splits the document into headings, list items (as trees), tables and prose."""

    def __init__(self, lines: list[str], skipped: list[NotUnderstood]) -> None:
        self.lines = lines
        self.skipped = skipped
        self.blocks: list[_Block] = []
        self.front_title = ""

    def run(self) -> list[_Block]:
        index = self._front_matter()
        stack: list[_Item] = []
        last_item: _Item | None = None
        blank_before = False
        while index < len(self.lines):
            line = self.lines[index]
            number = index + 1
            index += 1
            if not line.strip():
                blank_before = True
                continue
            if len(line) > MAX_LINE_CHARS:
                reason = f"a line of {len(line)} characters, skipped"
                self.skipped.append(NotUnderstood(number, number, line[:80] + "…", reason))
                last_item, blank_before = None, True
                continue
            if _FENCE_RE.match(line):
                index = self._skip_fence(index, number, line)
                last_item, stack = None, []
                continue
            if line.strip().startswith("<!--"):
                index = self._skip_comment(index, line)
                continue
            if re.fullmatch(r"\s*\{:.*\}\s*", line):
                continue  # kramdown attribute list: layout, not content
            heading = _HEADING_RE.match(line)
            if heading is not None:
                self.blocks.append(_Heading(number, len(heading.group(1)), heading.group(2)))
                last_item, stack, blank_before = None, [], False
                continue
            if self._is_table_start(index - 1):
                index = self._read_table(index - 1)
                last_item, stack, blank_before = None, [], False
                continue
            if _RULE_RE.match(line):
                last_item, stack, blank_before = None, [], False
                continue
            item = _ITEM_RE.match(line)
            if item is not None and (item.group("text") or "").strip():
                node = _Item(number, _width(item.group("indent")), item.group("text").strip())
                node.last_line = number
                while stack and stack[-1].indent + 2 > node.indent:
                    stack.pop()
                if len(stack) >= MAX_DEPTH:
                    stack.pop()
                    reason = f"nested deeper than {MAX_DEPTH} levels, read one level up"
                    self.skipped.append(NotUnderstood(number, number, node.text[:80], reason))
                if stack:
                    stack[-1].children.append(node)
                else:
                    self.blocks.append(node)
                stack.append(node)
                last_item, blank_before = node, False
                continue
            if last_item is not None and not blank_before:
                last_item.more.append(line.strip())  # a wrapped list item
                last_item.last_line = number
                continue
            if self._setext_underline(index):
                level = 1 if self.lines[index].strip().startswith("=") else 2
                self.blocks.append(_Heading(number, level, line.strip()))
                index += 1
                last_item, stack, blank_before = None, [], False
                continue
            self._add_prose(number, line, blank_before)
            last_item, blank_before = None, False
            if not line.startswith((" ", "\t")):
                stack = []
        return self.blocks

    def _front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for index in range(1, len(self.lines)):
            line = self.lines[index]
            if line.strip() in ("---", "..."):
                return index + 1
            title = re.match(r"title:\s*[\"']?(.*?)[\"']?\s*$", line)
            if title is not None:
                self.front_title = title.group(1)
        return 0  # no end: not front matter after all

    def _skip_fence(self, index: int, number: int, opening: str) -> int:
        fence = opening.strip()[:3]
        start = index
        while index < len(self.lines) and not self.lines[index].strip().startswith(fence):
            index += 1
        self.skipped.append(
            NotUnderstood(number, min(index + 1, len(self.lines)), opening.strip(), "code block")
        )
        return index + 1 if index < len(self.lines) else max(index, start)

    def _skip_comment(self, index: int, line: str) -> int:
        if "-->" in line:
            return index
        while index < len(self.lines) and "-->" not in self.lines[index]:
            index += 1
        return index + 1

    def _is_table_start(self, index: int) -> bool:
        line = self.lines[index]
        if "|" not in line or index + 1 >= len(self.lines):
            return False
        return bool(_TABLE_SEPARATOR_RE.match(self.lines[index + 1])) and (
            "|" in self.lines[index + 1] or line.strip().startswith("|")
        )

    def _read_table(self, index: int) -> int:
        header = _split_row(self.lines[index])
        rows = [(index + 1, header)]
        index += 2
        while index < len(self.lines) and "|" in self.lines[index] and self.lines[index].strip():
            rows.append((index + 1, _split_row(self.lines[index])))
            index += 1
        self.blocks.append(_Table(rows[0][0], rows))
        return index

    def _setext_underline(self, index: int) -> bool:
        return index < len(self.lines) and bool(
            re.fullmatch(r"\s{0,3}(=+|-+)\s*", self.lines[index])
        )

    def _add_prose(self, number: int, line: str, blank_before: bool) -> None:
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, _Prose) and not blank_before and last.last_line == number - 1:
            last.lines.append(line.strip())
            last.last_line = number
        else:
            self.blocks.append(_Prose(number, number, [line.strip()]))


def _split_row(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    current = ""
    in_code = False
    escaped = False
    for ch in text:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            escaped = True
            current += ch
        elif ch == "`":
            in_code = not in_code
            current += ch
        elif ch == "|" and not in_code:
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    cells.append(current.strip())
    return [cell.replace("\\|", "|") for cell in cells]


# -- blocks into objectives ---------------------------------------------------------------

_SECTION_WORDS = re.compile(
    r"\b(?:okrs?|objectives?(?: and key results)?|goals?|contents|on this page|toc|overview|"
    r"summary|introduction|background|notes?|links|resources|references|appendix|archive|"
    r"history|previous|presentations?|about|changelog|glossary|faq|planning|schedule)\b",
    re.IGNORECASE,
)
_KR_SECTION_RE = re.compile(r"^(?:key results?|krs?|results|measures?|metrics)\s*:?$", re.I)


@dataclass
class _Objective:
    title: str
    line: int
    owner: str = ""
    priority: str = ""
    status: str = ""
    description: str = ""
    parent: int | None = None
    cycle: str = ""
    key_results: list[ParsedKeyResult] = field(default_factory=list)


@dataclass
class _HeadingScope:
    level: int
    objective: int | None  # index of the heading's objective, if it is one
    kr_section_of: int | None = None  # a "Key results" heading under an objective heading
    cycle: str = ""


class _Builder:
    def __init__(self, blocks: list[_Block], skipped: list[NotUnderstood]) -> None:
        self.blocks = blocks
        self.skipped = skipped
        self.objectives: list[_Objective] = []
        self.title = ""

    def run(self) -> None:
        scopes: list[_HeadingScope] = []
        for position, block in enumerate(self.blocks):
            if isinstance(block, _Heading):
                self._heading(block, position, scopes)
                continue
            context = self._context(scopes)
            cycle = next((s.cycle for s in reversed(scopes) if s.cycle), "")
            if isinstance(block, _Item):
                self._item(block, context, cycle, alignment=self._alignment(scopes))
            elif isinstance(block, _Table):
                self._table(block, context, cycle, alignment=self._alignment(scopes))
            else:
                self._prose(block, scopes, position)

    # headings

    def _heading(self, heading: _Heading, position: int, scopes: list[_HeadingScope]) -> None:
        while scopes and scopes[-1].level >= heading.level:
            scopes.pop()
        text = clean_text(_NUMBERING_RE.sub("", heading.text, count=1))
        if heading.level == 1 and not self.title:
            self.title = text
        cycle = normalise_cycle_name(text)
        alignment = self._alignment(scopes)
        if _KR_SECTION_RE.match(text) and alignment is not None:
            scopes.append(_HeadingScope(heading.level, None, kr_section_of=alignment))
            return
        reading = read_item(heading.text.strip())
        section = self._is_section_heading(text, cycle)
        is_objective = reading.kind == OBJECTIVE or (
            reading.kind != KEY_RESULT
            and not section
            and (bool(split_owner(text, max_words=6)[0]) or self._has_key_results_below(position))
        )
        if not is_objective:
            scopes.append(_HeadingScope(heading.level, None, cycle=cycle))
            return
        owner, title = (
            (reading.owner, reading.text)
            if reading.kind == OBJECTIVE
            else split_owner(text, max_words=6)
        )
        parent_cycle = next((s.cycle for s in reversed(scopes) if s.cycle), "")
        index = self._add_objective(
            _Objective(
                title=tidy(title),
                line=heading.line,
                owner=owner,
                priority=reading.priority,
                status=reading.status,
                parent=alignment,
                cycle=cycle or parent_cycle,
            )
        )
        scopes.append(_HeadingScope(heading.level, index, cycle=cycle))

    def _is_section_heading(self, text: str, cycle: str) -> bool:
        words = text.split()
        if cycle:
            return True
        if split_owner(text, max_words=6)[0]:
            return False
        return not words or (len(words) <= 4 and bool(_SECTION_WORDS.search(text)))

    def _has_key_results_below(self, position: int) -> bool:
        """Whether the items right under this heading read as its key results."""
        for block in self.blocks[position + 1 :]:
            if isinstance(block, _Heading):
                return False
            if isinstance(block, _Item) and read_item(block.text).kind in (KEY_RESULT, PLAIN):
                return True
        return False

    @staticmethod
    def _context(scopes: list[_HeadingScope]) -> int | None:
        if scopes and scopes[-1].kr_section_of is not None:
            return scopes[-1].kr_section_of
        return scopes[-1].objective if scopes else None

    @staticmethod
    def _alignment(scopes: list[_HeadingScope]) -> int | None:
        for scope in reversed(scopes):
            if scope.objective is not None:
                return scope.objective
            if scope.kr_section_of is not None:
                return scope.kr_section_of
        return None

    # list items

    def _item(self, item: _Item, context: int | None, cycle: str, alignment: int | None) -> None:
        """One list item and its children; ``context`` takes plain items as key results."""
        reading = read_item(item.text)
        kind = reading.kind
        if kind == PLAIN and (
            any(read_item(c.text).kind == KEY_RESULT for c in item.children)
            or (context is None and item.children)
        ):
            kind = OBJECTIVE
            reading.owner, reading.text = split_owner(reading.text)
        if kind == OBJECTIVE:
            index = self._add_objective(
                _Objective(
                    title=reading.text,
                    line=item.line,
                    owner=reading.owner,
                    priority=reading.priority,
                    status=reading.status,
                    parent=context if context is not None else alignment,
                    cycle=cycle,
                )
            )
            for child in item.children:
                self._item(child, index, cycle, index)
            return
        if kind in (KEY_RESULT, PLAIN) and context is not None:
            self.objectives[context].key_results.append(
                ParsedKeyResult(
                    text=reading.text,
                    line=item.line,
                    owner=reading.owner,
                    priority=reading.priority,
                    status=reading.status,
                )
            )
            for child in item.children:
                self._under_key_result(child, context, cycle)
            return
        if kind == MARKUP:
            return
        if kind == EMPTY:
            reason = "no text"
        elif kind == TOO_LONG:
            reason = f"longer than {MAX_ITEM_CHARS} characters, not an objective or key result"
        elif kind == LINKS:
            reason = "a link, not an objective or key result"
        elif kind == KEY_RESULT:
            reason = "a key result with no objective above it"
        else:
            reason = "a list item outside any objective"
        self._skip(item, reading.text or item.text, reason)
        for child in item.children:
            self._item(child, None, cycle, alignment)

    def _under_key_result(self, item: _Item, objective: int, cycle: str) -> None:
        reading = read_item(item.text)
        if reading.kind in (OBJECTIVE, KEY_RESULT) or (
            reading.kind == PLAIN
            and any(read_item(c.text).kind == KEY_RESULT for c in item.children)
        ):
            self._item(item, objective, cycle, objective)
            return
        self._skip(item, reading.text or item.text, "a note under a key result, not imported")
        for child in item.children:
            self._under_key_result(child, objective, cycle)

    # tables

    def _table(self, table: _Table, context: int | None, cycle: str, alignment: int | None) -> None:
        """Rows with an objective column, or bold rows as objectives (the IPFS shape)."""
        header = [clean_text(cell).lower().strip(" :") for cell in table.rows[0][1]]
        roles = _column_roles(header)
        text_column = roles.get("key result", 0)
        current = context
        current_title = ""
        for line, cells in table.rows[1:]:
            cells = cells + [""] * (len(header) - len(cells))
            cleaned = [clean_text(c) for c in cells]
            if not any(cleaned):
                continue  # a spacer row
            if "objective" in roles:
                title = cleaned[roles["objective"]]
                if title and _title_only(title) != current_title:
                    current = self._table_objective(title, line, cells, roles, alignment, cycle)
                    current_title = _title_only(title)
                text = cells[text_column] if "key result" in roles else ""
                if not clean_text(text):
                    continue  # an objective's own row
            else:
                text = cells[text_column].strip()
                others = [c for i, c in enumerate(cleaned) if i != text_column]
                if re.fullmatch(r"(\*\*|__).+\1", text) and not any(others) and clean_text(text):
                    current = self._table_objective(text, line, cells, roles, alignment, cycle)
                    continue
                if not clean_text(text):
                    filled = " | ".join(c for c in cleaned if c)
                    self._skip_line(line, filled, "a table row without a title")
                    continue
            if current is None:
                self._skip_line(line, clean_text(text), "a table row with no objective above it")
                continue
            self.objectives[current].key_results.append(
                _table_key_result(text, line, cleaned, roles)
            )

    def _table_objective(
        self,
        raw: str,
        line: int,
        cells: list[str],
        roles: dict[str, int],
        alignment: int | None,
        cycle: str,
    ) -> int:
        reading = read_item(_ROW_NUMBERING_RE.sub("", clean_text(raw), count=1))
        title, names = _title_and_names(reading.text)
        # With an objective column the owner column is the row's (and objective's) owner;
        # in the bold-row shape it belongs to the key results.
        owner = clean_text(cells[roles["owner"]]) if {"owner", "objective"} <= roles.keys() else ""
        owner, title = (owner, title) if owner else split_owner(title, max_words=6)
        return self._add_objective(
            _Objective(
                title=title,
                line=line,
                owner=owner or reading.owner or names,
                priority=reading.priority,
                status=reading.status,
                parent=alignment,
                cycle=cycle,
            )
        )

    # prose

    def _prose(self, prose: _Prose, scopes: list[_HeadingScope], position: int) -> None:
        scope = scopes[-1] if scopes else None
        if scope is not None and scope.objective is not None:
            objective = self.objectives[scope.objective]
            if not objective.key_results and not objective.description:
                lines = prose.lines if len(prose.lines) <= 100 else [prose.excerpt()]
                objective.description = clean_text(" ".join(lines))[:MAX_DESCRIPTION]
                return
        self.skipped.append(NotUnderstood(prose.line, prose.last_line, prose.excerpt(), "prose"))

    # helpers

    def _add_objective(self, objective: _Objective) -> int:
        self.objectives.append(objective)
        return len(self.objectives) - 1

    def _skip(self, item: _Item, text: str, reason: str) -> None:
        self.skipped.append(
            NotUnderstood(item.line, item.last_line or item.line, _excerpt(tidy(text)), reason)
        )

    def _skip_line(self, line: int, text: str, reason: str) -> None:
        self.skipped.append(NotUnderstood(line, line, _excerpt(text), reason))


def _table_key_result(
    text: str, line: int, cleaned: list[str], roles: dict[str, int]
) -> ParsedKeyResult:
    reading = read_item(text)

    def cell(role: str) -> str:
        return cleaned[roles[role]] if role in roles else ""

    return ParsedKeyResult(
        text=reading.text,
        line=line,
        owner=cell("owner") or reading.owner,
        priority=cell("priority") or reading.priority,
        status=reading.status,
        target_text=cell("target"),
        baseline_text=cell("baseline"),
        unit_text=cell("unit"),
    )


def _column_roles(header: list[str]) -> dict[str, int]:
    patterns = {
        "objective": r"objectives?|goals?|o",
        "key result": r"key ?results?|krs?|results?|key result.*",
        "owner": r"owners?|dri|leads?|who|assignees?|responsible",
        "priority": r"priority|prio|p",
        "target": r"targets?|target value|goal value",
        "baseline": r"baseline|start(?:ing)?(?: value)?|current(?: value)?|from",
        "unit": r"units?",
    }
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        for role, pattern in patterns.items():
            if role not in roles and re.fullmatch(pattern, name):
                roles[role] = index
                break
    return roles


def _title_only(text: str) -> str:
    return _title_and_names(read_item(_ROW_NUMBERING_RE.sub("", text, count=1)).text)[0]


def _title_and_names(text: str) -> tuple[str, str]:
    """("Research is projecting…", "David") for "Research is projecting… (David)"."""
    match = _NAMES_IN_PARENS_RE.search(text)
    if match is None:
        return text, ""
    return tidy(text[: match.start()]), match.group("names")


def _excerpt(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _merge_runs(entries: list[NotUnderstood]) -> list[NotUnderstood]:
    """Neighbouring lines skipped for the same reason become one entry (no flooding)."""
    merged: list[NotUnderstood] = []
    count = 1
    for entry in sorted(entries, key=lambda e: e.line):
        last = merged[-1] if merged else None
        same_reason = last is not None and last.reason.split(" (")[0] == entry.reason
        if last is not None and same_reason and entry.line <= last.last_line + 2:
            count += 1
            merged[-1] = NotUnderstood(
                last.line,
                max(last.last_line, entry.last_line),
                last.text,
                f"{entry.reason} ({count} in a row)",
            )
        else:
            count = 1
            merged.append(entry)
    return merged


# -- the document ---------------------------------------------------------------------------


def parse_okr_markdown(text: str) -> ParsedDocument:
    """Objectives, key results and what was not understood, from a Markdown document."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    skipped: list[NotUnderstood] = []
    lexer = _Lexer(lines, skipped)
    blocks = lexer.run()
    builder = _Builder(blocks, skipped)
    builder.run()
    objectives = tuple(
        ParsedObjective(
            title=o.title,
            line=o.line,
            owner=o.owner,
            priority=o.priority,
            status=o.status,
            description=o.description,
            parent=o.parent,
            cycle=o.cycle,
            key_results=tuple(o.key_results),
        )
        for o in builder.objectives
    )
    title = clean_text(lexer.front_title) or builder.title
    return ParsedDocument(
        title=title,
        cycle=_document_cycle(objectives, title),
        objectives=objectives,
        not_understood=tuple(_merge_runs(skipped)),
    )


def _document_cycle(objectives: tuple[ParsedObjective, ...], title: str) -> str:
    """The cycle most objectives sit under, else the one the title names."""
    counts: dict[str, int] = {}
    for objective in objectives:
        if objective.cycle:
            counts[objective.cycle] = counts.get(objective.cycle, 0) + 1
    if counts:
        return max(counts, key=lambda name: counts[name])
    return normalise_cycle_name(title)
