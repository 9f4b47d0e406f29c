"""A Markdown document as the blocks OKRs are written in: headings, paragraphs, list items
(with their nested items), tables, and the rest (code, quotes) to report.

markdown-it-py parses the CommonMark; it was chosen over mistune after trying both on the
GitLab handbook page and on hostile input: markdown-it-py gives every block its source lines
(the report needs them) and stays linear where mistune took 125 s on a heading holding
100,000 spaces. Its table rule is built in and front matter is blanked here, so no plugin
package is needed. It is imported on the first parse only: the app starts without it.

Inline text comes out plain: emphasis dropped (a bold run opening a line is kept apart, it
may be an owner or a label), code spans keep their backticks, images their alt text, links
their text when it is part of the sentence; a link that only points somewhere (an issue
number, "Epic 1331", an emoji) or trails after a finished sentence is dropped. Hard and
soft breaks end a line. Lists indented so far that CommonMark reads code are read as lists.

Caps (``okr_parsed``) are checked before parsing: the parser reads about 8,000 list items
a second here, so the text size and the count of item-like lines bound the time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from okrdesk.domain.messages import message
from okrdesk.domain.okr_parsed import (
    MAX_ITEMS,
    MAX_LINE_CHARS,
    MAX_MARKDOWN_CHARS,
    DocumentRefused,
    NotUnderstood,
    excerpt,
)
from okrdesk.domain.okr_text import tidy

# Deeper nesting than this is not read (markdown-it stops there); it is reported.
MAX_NESTING = 60
# Bounds on markdown-it's link search (brackets x line length), per line and per document:
# GitLab's whole quarter needs 32,000, its busiest line 2,085; a second buys ~3,000,000.
MAX_LINE_LINK_WORK = 100_000
MAX_LINK_WORK = 2_500_000
_REFERENCE_RE = re.compile(
    r"(?:epic|issue|mr|pr|bug|ticket|story|task)?\s?[\w./-]{0,60}[#&!]\d{1,9}"
    r"|(?:epic|issue|mr|pr|bug|ticket|story|task)\s?\d{1,9}|[^\w]{0,6}",
    re.IGNORECASE,
)
_ITEM_LIKE_RE = re.compile(r"\s{0,40}(?:[-*+]\s|\d{1,9}[.)]\s|#|\|)")
_OVER_INDENTED_ITEM_RE = re.compile(r"[-*+]\s{0,4}(?=\S)")

# -- the parsed tree, reduced to what OKRs are written in ---------------------------------


@dataclass
class Line:
    text: str
    # The text of a bold run that opens the line (an owner, a label or the whole line).
    bold: str = ""
    links_only: bool = False


@dataclass
class Heading:
    line: int
    level: int
    text: Line


@dataclass
class Para:
    line: int
    last_line: int
    lines: list[Line]
    emphasised: bool = False


@dataclass
class Item:
    line: int
    last_line: int
    lines: list[Line]
    children: list[Item] = field(default_factory=list)


@dataclass
class Table:
    line: int
    rows: list[tuple[int, list[Line]]]
    # Each row's cells as the lines a "<br>" splits them into (a key results cell may hold
    # several), parallel to ``rows``.
    cell_lines: list[list[list[Line]]] = field(default_factory=list)


@dataclass
class Other:
    line: int
    last_line: int
    text: str
    reason: str


Block = Heading | Para | Item | Table | Other


def _parser() -> Any:
    from markdown_it import MarkdownIt  # imported here: start-up does not need it

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


class _Tree:
    """markdown-it's syntax tree as headings, paragraphs, list items, tables and the rest."""

    def __init__(self, lines: list[str], skipped: list[NotUnderstood]) -> None:
        self.lines = lines
        self.skipped = skipped

    def _lines_of(self, node: Any) -> tuple[int, int]:
        """A block's first and last line (1-based), trailing blank lines left out."""
        first, last = _lines_of(node)
        while last > first and not self.lines[last - 1].strip():
            last -= 1
        return first, last

    def blocks(self, nodes: Sequence[Any]) -> list[Block]:
        found: list[Block] = []
        for node in nodes:
            found.extend(self._block(node))
        return found

    def _block(self, node: Any) -> list[Block]:
        first, last = self._lines_of(node)
        kind = node.type
        if kind == "heading":
            return [Heading(first, int(node.tag[1]), _join(_inline(node.children[0])))]
        if kind == "paragraph":
            lines = _inline(node.children[0])
            return [Para(first, last, lines, _wholly_emphasised(node.children[0]))]
        if kind in ("bullet_list", "ordered_list"):
            return [self._item(child) for child in node.children]
        if kind == "table":
            return [self._table(node)]
        if kind == "code_block":
            return _over_indented_list(node.content, first) or [
                Other(first, last, excerpt(node.content.strip()), "code block")
            ]
        if kind == "fence":
            return [Other(first, last, excerpt(node.info or node.content.strip()), "code block")]
        if kind == "blockquote":
            text = " ".join(plain_text(n) for n in node.children)
            return [Other(first, last, excerpt(tidy(text)), "a quote, not an objective")]
        return []  # rules, HTML: layout, not content

    def _item(self, node: Any) -> Item:
        first, last = self._lines_of(node)
        item = Item(first, last, [])
        for child in node.children:
            if child.type == "paragraph":
                item.lines.extend(_inline(child.children[0]))
            else:
                for block in self._block(child):
                    if isinstance(block, Item):
                        item.children.append(block)
                    elif isinstance(block, Other):
                        self.skipped.append(
                            NotUnderstood(block.line, block.last_line, block.text, block.reason)
                        )
        return item

    def _table(self, node: Any) -> Table:
        table = Table(_lines_of(node)[0], [])
        for section in node.children:
            for row in section.children:
                lines = [
                    _inline(cell.children[0]) if cell.children else [] for cell in row.children
                ]
                table.rows.append((_lines_of(row)[0], [_join(cell) for cell in lines]))
                table.cell_lines.append(lines)
        return table


def _lines_of(node: Any) -> tuple[int, int]:
    start, end = node.map or (0, 1)
    return start + 1, max(start + 1, end)


def _over_indented_list(content: str, first_line: int) -> list[Block]:
    """Items indented so far that CommonMark reads code ("        - make £15,000 …")."""
    lines = content.rstrip("\n").split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    if not indents:
        return []
    base = min(indents)
    items: list[Item] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        stripped = line.strip()
        if not stripped:
            continue
        top = len(line) - len(line.lstrip()) == base
        marker = _OVER_INDENTED_ITEM_RE.match(stripped)
        if top and marker is None:
            return []  # real code, or prose: not a list
        text = stripped[marker.end() :] if marker else stripped.lstrip("-*+ ")
        if top:
            items.append(Item(number, number, [Line(tidy(text))]))
        else:
            items[-1].children.append(Item(number, number, [Line(tidy(text))]))
    return list(items)


# -- inline text -----------------------------------------------------------------------------


def _inline(node: Any) -> list[Line]:
    """The inline content as lines (hard and soft breaks end a line), links and emphasis
    resolved: a link keeps its text when it is part of the sentence."""
    lines: list[list[tuple[str, str]]] = [[]]
    bold: list[str] = [""]

    def walk(children: Sequence[Any], in_link: bool) -> None:
        for child in children:
            kind = child.type
            if kind in ("softbreak", "hardbreak") or (
                kind == "html_inline" and child.content.lower().startswith("<br")
            ):
                lines.append([])
                bold.append("")
            elif kind in ("text", "code_inline"):
                content = f"`{child.content}`" if kind == "code_inline" else child.content
                lines[-1].append(("link" if in_link else "text", content))
            elif kind == "image":
                lines[-1].append(("text", child.content))
            elif kind == "link":
                walk(child.children, True)
                lines[-1].append(("end", ""))
            elif kind == "strong" and not "".join(t for _, t in lines[-1]).strip():
                mark = len(lines[-1])
                walk(child.children, in_link)
                bold[-1] = _finish_line(lines[-1][mark:], "").text
            elif kind in ("strong", "em", "s"):
                walk(child.children, in_link)

    walk(node.children, False)
    return [_finish_line(parts, lead) for parts, lead in zip(lines, bold, strict=True) if parts]


def _finish_line(parts: list[tuple[str, str]], bold: str) -> Line:
    """Join a line's parts, dropping link texts that only point somewhere."""
    pieces: list[str] = []
    link: list[str] = []
    link_chars = 0
    for index, (kind, text) in enumerate(parts):
        if kind == "link":
            link.append(text)
            continue
        if kind == "end":
            label = "".join(link)
            link = []
            before = "".join(pieces).rstrip()
            trailing = all(k == "text" and not t.strip() for k, t in parts[index + 1 :])
            pointer = bool(_REFERENCE_RE.fullmatch(label.strip()))
            after_sentence = trailing and before.endswith(
                (".", "!", "?", ";", "|", "-", "–", "—", "(")
            )
            if not (pointer or after_sentence):
                pieces.append(label)
                link_chars += len(label.strip())
            continue
        pieces.append(text)
    pieces.extend(link)
    text = "".join(pieces)
    if re.fullmatch(r"[*_~\s]*", text):
        text = ""
    others = len(re.sub(r"[\W_]", "", text)) - len(re.sub(r"[\W_]", "", "".join(p for p in pieces)))
    links_only = link_chars > 0 and len(tidy(text)) - link_chars <= 20 and others <= 0
    return Line(tidy(text), tidy(bold), links_only and _link_dominates(text, link_chars))


def _link_dominates(text: str, link_chars: int) -> bool:
    rest = tidy(text)
    return len(rest) - link_chars <= min(20, len(rest) // 2) or rest.endswith(":")


def _join(lines: list[Line]) -> Line:
    if not lines:
        return Line("")
    return Line(tidy(" ".join(line.text for line in lines)), lines[0].bold)


def plain_text(node: Any) -> str:
    if node.type == "inline":
        return " ".join(line.text for line in _inline(node))
    return " ".join(plain_text(child) for child in node.children)


def _wholly_emphasised(inline: Any) -> bool:
    children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    return len(children) == 1 and children[0].type == "em"


def _prepare(text: str, skipped: list[NotUnderstood]) -> tuple[list[str], str]:
    """The lines to parse (front matter and over-long lines blanked, so line numbers stay)
    and the front matter's title."""
    if len(text) > MAX_MARKDOWN_CHARS:
        raise DocumentRefused(
            message(
                "The document has {count:,} characters; okrdesk reads OKR documents of at "
                "most {limit:,} (GitLab's whole company quarter is 67,000).",
                count=len(text),
                limit=MAX_MARKDOWN_CHARS,
            )
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items = sum(1 for line in lines if _ITEM_LIKE_RE.match(line))
    if items > MAX_ITEMS:
        raise DocumentRefused(
            message(
                "The document has {count:,} list items, headings and table rows; okrdesk "
                "reads at most {limit:,} objectives and key results.",
                count=items,
                limit=MAX_ITEMS,
            )
        )
    title = ""
    if lines and lines[0].strip() == "---":
        end = next(
            (i for i in range(1, min(len(lines), 200)) if lines[i].strip() in ("---", "...")), 0
        )
        for index in range(end + 1 if end else 0):
            found = re.match(r"title:\s{0,5}[\"']?(.{0,300}?)[\"']?\s{0,5}$", lines[index])
            if found is not None:
                title = found.group(1)
            lines[index] = ""
    link_work = 0
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            reason = f"a line of {len(line)} characters, skipped"
            skipped.append(NotUnderstood(index + 1, index + 1, line[:80] + "…", reason))
            lines[index] = ""
        elif "[" in line:
            # markdown-it looks for a link's end from every "[", to the end of the line:
            # brackets times line length is its work. The busiest real line does 2,000.
            work = line.count("[") * len(line)
            link_work += work
            if work > MAX_LINE_LINK_WORK or link_work > MAX_LINK_WORK:
                reason = f"a line with {line.count('[')} brackets, skipped"
                skipped.append(NotUnderstood(index + 1, index + 1, line[:80] + "…", reason))
                lines[index] = ""
                link_work -= work
    return lines, title


def read_blocks(text: str) -> tuple[list[Block], str, list[NotUnderstood]]:
    """The document's blocks, its front matter's title, and what was skipped on the way.
    Raises DocumentRefused when the document is over the caps."""
    from markdown_it.tree import SyntaxTreeNode

    skipped: list[NotUnderstood] = []
    lines, title = _prepare(text, skipped)
    tokens = _parser().parse("\n".join(lines))
    _report_truncated_nesting(tokens, skipped)
    return _Tree(lines, skipped).blocks(SyntaxTreeNode(tokens).children), title, skipped


def _report_truncated_nesting(tokens: Sequence[Any], skipped: list[NotUnderstood]) -> None:
    """markdown-it stops reading a block nested deeper than MAX_NESTING: say where."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1 and token.map:
            line = token.map[0] + 1
            reason = f"nested deeper than {MAX_NESTING // 2} levels: the deeper lines were not read"
            skipped.append(NotUnderstood(line, line, "", reason))
            return
