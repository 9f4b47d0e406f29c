"""Reading a published OKR document written in Markdown.

The Markdown itself is parsed by markdown-it-py into blocks (``okr_markdown_blocks``, which
says why markdown-it-py and not mistune). What stays hand-written is the OKR reading of
those blocks:

- a heading is an objective when its label says so (``Objective 2: …``), when it names an
  owner (``CEO: IACV``), or when list items right below read as its key results; headings
  that name a cycle ("2019 Q4", "Q2 OKRs", "2020") or a section ("Key results", "Notes")
  are not; a heading that only names an item (``### O1``, ``#### O1KR1``) takes its text
  from the paragraph below it (``_Objective_: …``);
- a list item is an objective when it says so (a label, a bold owner, bold throughout) or
  when key results hang below it; a plain item under an objective is a key result; an item
  under a key result is a note (``Status: …`` becomes the key result's status);
- a paragraph that says it is an objective (``**Objective:** …``), or a short plain one
  followed by a list of key results, is an objective; so, in a document written that way,
  is a short paragraph alone in a cycle's section;
- continuation lines of one item (hard or soft line breaks, later paragraphs) are one text,
  except that lines carrying their own label (``KR2: …``) or starting like an item
  (``a. …``) are items of their own, and a bold name on the first line joins its
  description ("Normalization Dataset: Build …");
- tables with objective and key result columns (a key results cell may hold several,
  split by ``<br>``), or with bold rows as objectives;
- an objective repeated in a later section of the same cycle ("Details") is read once.

Each line is then read by ``okr_text`` (labels, owners, priorities, grades, status notes).
Whatever is not understood is listed with its line; runs of similar lines are listed once.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from okrdesk.domain.messages import message
from okrdesk.domain.okr_cycles import normalise_cycle_name, section_cycle
from okrdesk.domain.okr_markdown_blocks import (
    Block,
    Heading,
    Item,
    Line,
    Para,
    Table,
    read_blocks,
)
from okrdesk.domain.okr_markdown_tables import (
    ROW_NUMBERING_RE,
    column_roles,
    table_key_result,
    title_and_names,
    title_only,
)
from okrdesk.domain.okr_parsed import (
    MAX_ITEMS,
    DocumentRefused,
    NotUnderstood,
    ParsedDocument,
    ParsedKeyResult,
    ParsedObjective,
    excerpt,
    merge_runs,
    most_common,
)
from okrdesk.domain.okr_text import (
    EMPTY,
    KEY_RESULT,
    MARKUP,
    OBJECTIVE,
    PLAIN,
    TOO_LONG,
    ItemReading,
    id_names_key_result,
    is_id_only,
    read_item,
    split_owner,
    tidy,
)

MAX_DESCRIPTION = 10_000
_SECTION_WORDS = re.compile(
    r"\b(?:okrs?|objectives?(?: and key results)?|goals?|contents|on this page|toc|overview|"
    r"summary|introduction|background|notes?|links|resources|references|appendix|archive|"
    r"history|previous|presentations?|about|changelog|glossary|faq|planning|schedule|"
    r"quarterly|yearly|details)\b",
    re.IGNORECASE,
)
_KR_SECTION_RE = re.compile(r"(?:key results?|krs?|results|measures?|metrics)\s?:?", re.I)
_NUMBERING_RE = re.compile(r"^\s{0,3}(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|[A-Za-z][.)])\s(?=\S)")
# A sub-item of a key result that fills one of its fields ("- Status: Achieved.").
_FIELD_LABEL_RE = re.compile(
    r"(?P<label>status|update|result|outcome|progress|done|state|target|goal|baseline|"
    r"start|current|unit|owner|dri)\s?:\s?",
    re.IGNORECASE,
)
_FIELD_OF_LABEL = {
    "target": "target_text",
    "goal": "target_text",
    "baseline": "baseline_text",
    "start": "baseline_text",
    "current": "baseline_text",
    "unit": "unit_text",
    "owner": "owner",
    "dri": "owner",
}
# A continuation line that starts like a list item ("1. KR: …" indented too little to nest).
_CONTINUATION_MARKER_RE = re.compile(r"^(?:[-*+]|\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))\s")

# -- reading OKRs off the blocks ---------------------------------------------------------------


@dataclass
class _Objective:
    title: str
    line: int
    owner: str = ""
    priority: str = ""
    status: str = ""
    grade: float | None = None
    description: str = ""
    parent: int | None = None
    cycle: str = ""
    key_results: list[ParsedKeyResult] = field(default_factory=list)


@dataclass
class _Scope:
    level: int
    objective: int | None = None
    kr_section_of: int | None = None
    cycle: str = ""
    # "objective" or "key result": a heading that only names an item, waiting for its text.
    awaiting: str = ""


class _Reader:
    def __init__(self, blocks: list[Block], skipped: list[NotUnderstood]) -> None:
        self.blocks = blocks
        self.skipped = skipped
        self.objectives: list[_Objective] = []
        # (title, owner, cycle, parent) -> index, and (objective, text) -> index: repeats.
        self.objective_index: dict[tuple[str, str, str, int | None], int] = {}
        self.key_result_index: dict[tuple[int, str], int] = {}
        self.title = ""
        self.scopes: list[_Scope] = []
        self.paragraph_objective: int | None = None
        self.paragraph_style = any(
            self._heads_a_list(i) for i, b in enumerate(blocks) if isinstance(b, Para)
        )

    def run(self) -> None:
        for position, block in enumerate(self.blocks):
            if isinstance(block, Heading):
                self.paragraph_objective = None
                self._heading(block, position)
            elif isinstance(block, Para):
                self._paragraph(block, position)
            elif isinstance(block, Item):
                context = self.paragraph_objective
                self._item(block, self._context() if context is None else context)
            elif isinstance(block, Table):
                self._table(block)
            else:
                self.skipped.append(
                    NotUnderstood(block.line, block.last_line, block.text, block.reason)
                )
            if len(self.objectives) + sum(len(o.key_results) for o in self.objectives) > MAX_ITEMS:
                raise DocumentRefused(
                    message(
                        "The document holds more than {limit:,} objectives and key results.",
                        limit=MAX_ITEMS,
                    )
                )

    def merge_repeats(self) -> None:
        """An objective repeated in a section that names no cycle ("Details") joins the
        earlier one with its title whose key results it shares most (the last on a tie)."""
        merged: dict[int, int] = {}
        for index, objective in enumerate(self.objectives):
            if objective.cycle:
                continue
            earlier = [
                i
                for i, o in enumerate(self.objectives[:index])
                if i not in merged
                and o.cycle
                and (o.title.casefold(), o.owner) == (objective.title.casefold(), objective.owner)
            ]
            if not earlier:
                continue
            texts = {kr.text.casefold() for kr in objective.key_results}
            target = max(
                earlier,
                key=lambda i: (
                    len(texts & {k.text.casefold() for k in self.objectives[i].key_results}),
                    i,
                ),
            )
            known = {kr.text.casefold() for kr in self.objectives[target].key_results}
            self.objectives[target].key_results += [
                kr for kr in objective.key_results if kr.text.casefold() not in known
            ]
            merged[index] = target
        if merged:
            self._drop(merged)

    def _drop(self, merged: dict[int, int]) -> None:
        kept = [i for i in range(len(self.objectives)) if i not in merged]
        new_index = {old: new for new, old in enumerate(kept)}
        for objective in self.objectives:
            if objective.parent is not None:
                parent = merged.get(objective.parent, objective.parent)
                objective.parent = new_index.get(parent)
        self.objectives = [self.objectives[i] for i in kept]

    # scopes

    def _context(self) -> int | None:
        scope = self.scopes[-1] if self.scopes else None
        if scope is None:
            return None
        return scope.kr_section_of if scope.kr_section_of is not None else scope.objective

    def _alignment(self) -> int | None:
        for scope in reversed(self.scopes):
            if scope.objective is not None or scope.kr_section_of is not None:
                return scope.objective if scope.objective is not None else scope.kr_section_of
        return None

    def _cycle(self) -> str:
        return next((s.cycle for s in reversed(self.scopes) if s.cycle), "")

    # headings

    def _heading(self, heading: Heading, position: int) -> None:
        while self.scopes and self.scopes[-1].level >= heading.level:
            self.scopes.pop()
        text = _NUMBERING_RE.sub("", heading.text.text, count=1)
        is_title = heading.level == 1 and not self.title
        if is_title:
            self.title = text
        alignment = self._alignment()
        scope = _Scope(heading.level, cycle=section_cycle(text))
        self.scopes.append(scope)
        if _KR_SECTION_RE.fullmatch(text) and alignment is not None:
            scope.kr_section_of = alignment
            return
        if is_id_only(text):
            scope.awaiting = KEY_RESULT if id_names_key_result(text) else OBJECTIVE
            return
        reading = read_item(text, heading.text.bold)
        if reading.kind == KEY_RESULT and reading.labelled and alignment is not None:
            self._add_key_result(alignment, reading, heading.line)
            scope.kr_section_of = alignment
            return
        owner = split_owner(text, max_words=6)[0]
        is_objective = reading.kind == OBJECTIVE or (
            reading.kind == PLAIN
            and not self._is_section(text, scope.cycle, owner)
            and (bool(owner) or (not is_title and self._key_results_below(position)))
        )
        if is_objective:
            if reading.kind == PLAIN:
                reading.owner, reading.text = split_owner(reading.text, max_words=6)
            scope.objective = self._add_objective(reading, heading.line, alignment)

    @staticmethod
    def _is_section(text: str, cycle: str, owner: str) -> bool:
        if cycle:
            return True
        words = text.split()
        return not owner and (not words or (len(words) <= 4 and bool(_SECTION_WORDS.search(text))))

    def _key_results_below(self, position: int) -> bool:
        for block in self.blocks[position + 1 :]:
            if isinstance(block, Heading):
                return False
            if isinstance(block, Item) and block.lines and not block.lines[0].links_only:
                reading = _reading(block.lines)
                if reading.kind == EMPTY and reading.labelled and block.children:
                    return True  # "- Key results:" with the key results below it
                if reading.kind != EMPTY:
                    return reading.kind in (KEY_RESULT, PLAIN)
            if isinstance(block, Para) and _reading(block.lines).kind == OBJECTIVE:
                return False  # the objectives are the paragraphs below
        return False

    # paragraphs

    def _paragraph(self, para: Para, position: int) -> None:
        scope = self.scopes[-1] if self.scopes else None
        reading = _reading(para.lines)
        if scope is not None and scope.awaiting:
            self._awaited(scope, reading, para.line)
            return
        context = self._context()
        in_objective = context is not None
        if reading.kind == OBJECTIVE or (
            reading.kind == PLAIN
            and not in_objective
            and self._paragraph_is_objective(para, position)
        ):
            self.paragraph_objective = self._add_objective(reading, para.line, self._alignment())
            self._continuation_key_results(para.lines, self.paragraph_objective, para.line)
            return
        if reading.kind == KEY_RESULT and reading.labelled and context is not None:
            self._add_key_result(context, reading, para.line)
            return
        if reading.kind == MARKUP or (
            reading.kind == EMPTY and (reading.labelled or not para.lines)
        ):
            return  # layout, or a "Key results:" label over the list that follows
        objective = (
            self.objectives[scope.objective] if scope and scope.objective is not None else None
        )
        if objective is not None and not objective.key_results and not objective.description:
            objective.description = tidy(" ".join(line.text for line in para.lines))[
                :MAX_DESCRIPTION
            ]
            return
        text = excerpt(" ".join(line.text for line in para.lines)[:300])
        self.skipped.append(NotUnderstood(para.line, para.last_line, text, "prose"))

    def _awaited(self, scope: _Scope, reading: ItemReading, line: int) -> None:
        kind = scope.awaiting
        scope.awaiting = ""
        if kind == KEY_RESULT:
            target = self._alignment()
            if target is None:
                self._skip(line, line, reading.text, "a key result with no objective above it")
                return
            self._add_key_result(target, reading, line)
            scope.kr_section_of = target
            return
        scope.objective = self._add_objective(reading, line, self._alignment())

    def _heads_a_list(self, position: int) -> bool:
        """A short plain paragraph right above a list of key results: an objective."""
        para = self.blocks[position]
        assert isinstance(para, Para)
        following = self.blocks[position + 1] if position + 1 < len(self.blocks) else None
        return (
            _plain_title(para)
            and isinstance(following, Item)
            and bool(following.lines)
            and not following.lines[0].links_only
            and _reading(following.lines).kind in (PLAIN, KEY_RESULT)
        )

    def _paragraph_is_objective(self, para: Para, position: int) -> bool:
        if self._heads_a_list(position):
            return True
        in_cycle = bool(self.scopes and self.scopes[-1].cycle and self.scopes[-1].objective is None)
        return self.paragraph_style and in_cycle and _plain_title(para)

    # list items

    def _item(self, item: Item, context: int | None) -> None:
        """One list item and its children; ``context`` takes plain items as key results."""
        if not item.lines:
            return
        reading = _reading(item.lines)
        kind = reading.kind
        if kind == PLAIN and (
            any(_reading(c.lines).kind == KEY_RESULT for c in item.children if c.lines)
            or (context is None and (item.children or len(_labelled_lines(item.lines)) > 1))
        ):
            kind = OBJECTIVE
            reading.owner, reading.text = split_owner(reading.text)
        if item.lines[0].links_only and kind in (PLAIN, KEY_RESULT) and not reading.labelled:
            self._skip(
                item.line, item.last_line, reading.text, "a link, not an objective or key result"
            )
            return
        if kind == OBJECTIVE:
            index = self._add_objective(
                reading, item.line, context if context is not None else self._alignment()
            )
            self._continuation_key_results(item.lines, index, item.line)
            for child in item.children:
                self._item(child, index)
            return
        if kind in (KEY_RESULT, PLAIN) and context is not None:
            key_result = self._add_key_result(context, reading, item.line)
            self._continuation_key_results(item.lines, context, item.line)
            for child in item.children:
                self._under_key_result(child, context, key_result)
            return
        if kind == MARKUP:
            return
        if kind == EMPTY and reading.labelled and context is not None:
            for child in item.children:  # "- **Key results:**" with the key results below
                self._item(child, context)
            return
        self._skip(item.line, item.last_line, reading.text or item.lines[0].text, _reason(kind))
        for child in item.children:
            self._item(child, None)

    def _under_key_result(self, item: Item, objective: int, key_result: int | None) -> None:
        if not item.lines:
            return
        reading = _reading(item.lines)
        label = _FIELD_LABEL_RE.match(item.lines[0].text)
        if label is not None and key_result is not None:
            krs = self.objectives[objective].key_results
            name = _FIELD_OF_LABEL.get(label.group("label").lower(), "status")
            if not getattr(krs[key_result], name):
                value = tidy(" ".join(line.text for line in item.lines)[label.end() :])
                changes: dict[str, Any] = {name: value}
                krs[key_result] = dataclasses.replace(krs[key_result], **changes)
                return
        if reading.kind in (OBJECTIVE, KEY_RESULT) or any(
            c.lines and _reading(c.lines).kind == KEY_RESULT for c in item.children
        ):
            self._item(item, objective)
            return
        self._skip(
            item.line,
            item.last_line,
            reading.text or item.lines[0].text,
            "a note under a key result, not imported",
        )
        for child in item.children:
            self._under_key_result(child, objective, None)

    def _continuation_key_results(self, lines: list[Line], objective: int, line: int) -> None:
        """Key results written on the objective's own continuation lines ("…\\ KR1: …")."""
        for offset, reading in _labelled_lines(lines)[1:]:
            if reading.kind in (KEY_RESULT, PLAIN):
                self._add_key_result(objective, reading, line + offset)

    # tables

    def _table(self, table: Table) -> None:
        """Rows with an objective column, or bold rows as objectives (the IPFS shape)."""
        header = [cell.text.lower().strip(" :") for cell in table.rows[0][1]]
        roles = column_roles(header)
        text_column = roles.get("key result", 0)
        current = self._context()
        current_title = ""
        for (line, row), lines in zip(table.rows[1:], table.cell_lines[1:], strict=True):
            cells = row + [Line("")] * (len(header) - len(row))
            if not any(cell.text for cell in cells):
                continue
            if "objective" in roles:
                cell = cells[roles["objective"]]
                if cell.text and title_only(cell.text) != current_title:
                    current = self._table_objective(cell, line, cells, roles)
                    current_title = title_only(cell.text)
                text = cells[text_column] if "key result" in roles else Line("")
                if not text.text:
                    continue
            else:
                text = cells[text_column]
                others = [c.text for i, c in enumerate(cells) if i != text_column]
                if text.text and text.bold == text.text and not any(others):
                    current = self._table_objective(text, line, cells, roles)
                    continue
                if not text.text:
                    filled = " | ".join(c.text for c in cells if c.text)
                    self._skip(line, line, filled, "a table row without a title")
                    continue
            if current is None:
                self._skip(line, line, text.text, "a table row with no objective above it")
                continue
            many = lines[text_column] if text_column < len(lines) else []
            for one in many if "objective" in roles and len(many) > 1 else [text]:
                self.objectives[current].key_results.append(
                    table_key_result(one, line, cells, roles)
                )

    def _table_objective(
        self, cell: Line, line: int, cells: list[Line], roles: dict[str, int]
    ) -> int:
        reading = read_item(ROW_NUMBERING_RE.sub("", cell.text, count=1))
        title, names = title_and_names(reading.text)
        owner = cells[roles["owner"]].text if {"owner", "objective"} <= roles.keys() else ""
        reading.owner, reading.text = (owner, title) if owner else (reading.owner or names, title)
        if not owner and not reading.owner:
            reading.owner, reading.text = split_owner(title, max_words=6)
        return self._add_objective(reading, line, self._alignment())

    # adding

    def _add_objective(self, reading: ItemReading, line: int, parent: int | None) -> int:
        cycle = self._cycle()
        if not reading.text:
            self._skip(line, line, "", "an objective with no title")
            return -1
        parent = parent if parent is not None and parent >= 0 else None
        key = (reading.text.casefold(), reading.owner, cycle, parent)
        if key in self.objective_index:
            return self.objective_index[key]  # the same objective again ("Details" below)
        self.objective_index[key] = len(self.objectives)
        self.objectives.append(
            _Objective(
                title=reading.text,
                line=line,
                owner=reading.owner,
                priority=reading.priority,
                status=reading.status,
                grade=reading.grade,
                parent=parent,
                cycle=cycle,
            )
        )
        return len(self.objectives) - 1

    def _add_key_result(self, objective: int, reading: ItemReading, line: int) -> int | None:
        if objective < 0:
            self._skip(line, line, reading.text, "a key result with no objective above it")
            return None
        if not reading.text:
            self._skip(line, line, "", "a key result with no text")
            return None
        known = self.objectives[objective].key_results
        key = (objective, reading.text.casefold())
        if key in self.key_result_index:
            return self.key_result_index[key]
        self.key_result_index[key] = len(known)
        known.append(
            ParsedKeyResult(
                text=reading.text,
                line=line,
                owner=reading.owner,
                priority=reading.priority,
                status=reading.status,
                grade=reading.grade,
            )
        )
        return len(known) - 1

    def _skip(self, line: int, last_line: int, text: str, reason: str) -> None:
        self.skipped.append(NotUnderstood(line, last_line, excerpt(tidy(text)), reason))


# -- reading one block's lines -----------------------------------------------------------------


def _labelled_lines(lines: list[Line]) -> list[tuple[int, ItemReading]]:
    """The first line's reading, then each later line that is an item of its own: it
    carries its own label ("KR2: …") or starts like a list item ("a. …", "- …") indented too
    little to nest. Unlabelled lines after one are joined on to it; when no later line is
    an item, only the first line's reading is given."""
    readings: list[tuple[int, ItemReading]] = []
    for offset, line in enumerate(lines):
        marker = _CONTINUATION_MARKER_RE.match(line.text) if offset else None
        reading = read_item(line.text[marker.end() :] if marker else line.text, line.bold)
        if marker is not None and reading.kind == PLAIN:
            reading.labelled = True  # its marker says it is an item
        readings.append((offset, reading))
    if not any(r.labelled for _, r in readings[1:]):
        return readings[:1]
    grouped: list[tuple[int, ItemReading]] = []
    for offset, reading in readings:
        if grouped and not reading.labelled:
            grouped[-1][1].text = tidy(f"{grouped[-1][1].text} {reading.text}")
        else:
            grouped.append((offset, reading))
    return grouped


def _reading(lines: list[Line]) -> ItemReading:
    """What a block of lines is: its first line's label decides; later lines continue it,
    unless they are items of their own (see ``_labelled_lines``)."""
    if not lines:
        return ItemReading(EMPTY, "")
    grouped = _labelled_lines(lines)
    if len(grouped) > 1 or len(lines) == 1 or grouped[0][1].kind == MARKUP:
        return grouped[0][1]
    first = grouped[0][1]
    if first.kind == OBJECTIVE and (first.labelled or lines[0].bold):
        return first  # the lines after an objective's title say more about it
    rest = tidy(" ".join(line.text for line in lines[1:]))
    if first.labelled and lines[0].bold and lines[0].bold.endswith(first.text) and rest:
        first.text = tidy(f"{first.text}: {rest}")  # a bold name, then what it means
        return first
    return read_item(tidy(" ".join(line.text for line in lines)), lines[0].bold)


def _plain_title(para: Para) -> bool:
    """A paragraph short and plain enough to be an objective's title."""
    text = " ".join(line.text for line in para.lines)
    first = para.lines[0] if para.lines else Line("")
    return (
        0 < len(text.split()) <= 20
        and len(para.lines) == 1
        and not para.emphasised
        and not first.bold
        and not first.links_only
        and not text.endswith((":", "...", "…"))
        and _reading(para.lines).kind in (PLAIN, OBJECTIVE)
    )


def _reason(kind: str) -> str:
    return {
        EMPTY: "no text (a label with nothing after it)",
        TOO_LONG: "longer than 4000 characters, not an objective or key result",
        KEY_RESULT: "a key result with no objective above it",
    }.get(kind, "a list item outside any objective")


# -- the document ---------------------------------------------------------------------------


def parse_okr_markdown(text: str) -> ParsedDocument:
    """Objectives, key results and what was not understood, from a Markdown document.
    Raises DocumentRefused when the document is over the caps."""
    blocks, front_title, skipped = read_blocks(text)
    reader = _Reader(blocks, skipped)
    reader.run()
    reader.merge_repeats()
    objectives = tuple(
        ParsedObjective(
            title=o.title,
            line=o.line,
            owner=o.owner,
            priority=o.priority,
            status=o.status,
            grade=o.grade,
            description=o.description,
            parent=o.parent,
            cycle=o.cycle,
            key_results=tuple(o.key_results),
        )
        for o in reader.objectives
    )
    title = tidy(front_title) or reader.title
    cycles = [normalise_cycle_name(o.cycle) for o in objectives]
    return ParsedDocument(
        title=title,
        cycle=most_common(cycles) or normalise_cycle_name(title),
        objectives=objectives,
        not_understood=tuple(merge_runs(skipped)),
    )
