"""Search as you type over the outline, prepared once per outline.

A node matches when its lower-cased title and text hold every word typed; it is shown when
it matches or holds a match. The texts are laid out once in a plain list, in the outline's
order, so a keystroke is one pass of ``in`` over strings; when the new search only
narrows the last one (each word typed before is inside a word typed now: "re" then "rel",
"releases" then "releases b"), only the last matches can match, and only they are looked
at. Which nodes are shown is worked out from the matches up, never by walking every
children list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from okrdesk.services.outline import Outline


def search_words(needle: str) -> tuple[str, ...]:
    """The words of what was typed, lower-cased (none: no search)."""
    return tuple(needle.strip().lower().split())


def narrows(words: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """Whether every node matching ``words`` matched ``before`` too: each word typed
    before is found inside a word typed now."""
    return all(any(old in new for new in words) for old in before)


@dataclass(frozen=True, slots=True)
class SearchResult:
    # The matching node ids, in the outline's order.
    matches: list[str]
    # The matches and every ancestor of theirs: what the tree shows.
    shown: set[str]


class OutlineSearch:
    """The outline's texts, ready to be searched keystroke after keystroke."""

    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self._ids = list(outline.nodes)
        self._position = {node_id: i for i, node_id in enumerate(self._ids)}
        # The outline's text is lower-cased and starts with the title already.
        self._texts = [node.text or node.title.lower() for node in outline.nodes.values()]
        # The last search's words and the positions of its matches.
        self._last_words: tuple[str, ...] = ()
        self._last: list[int] | None = None

    def refresh(self, node_ids: Iterable[str]) -> None:
        """These nodes were patched in place: search their new texts from now on."""
        nodes = self.outline.nodes
        for node_id in node_ids:
            position = self._position.get(node_id)
            node = nodes.get(node_id)
            if position is not None and node is not None:
                self._texts[position] = node.text or node.title.lower()
        self._last = None

    def search(self, words: tuple[str, ...]) -> SearchResult:
        """The nodes matching every one of ``words``, and those shown for them."""
        texts = self._texts
        if self._last is not None and narrows(words, self._last_words):
            # The last matches hold the words typed before already.
            found = self._last
            pending = [word for word in words if word not in self._last_words]
        else:
            found = list(range(len(texts)))
            pending = list(words)
        for word in pending:
            found = [i for i in found if word in texts[i]]
        self._last_words, self._last = words, found
        ids = self._ids
        matches = [ids[i] for i in found]
        return SearchResult(matches, self._with_ancestors(matches))

    def _with_ancestors(self, matches: list[str]) -> set[str]:
        nodes = self.outline.nodes
        shown: set[str] = set()
        for match in matches:
            current: str | None = match
            while current is not None and current not in shown:
                shown.add(current)
                current = nodes[current].parent_id
        return shown
