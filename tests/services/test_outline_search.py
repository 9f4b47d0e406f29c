"""The outline's search: the same matches whether a keystroke is served from the last
matches (it narrows the search) or from every text, and patched texts are searched."""

from __future__ import annotations

import dataclasses

import pytest

from okrdesk.services.outline import Node, NodeKind, Outline
from okrdesk.services.outline_search import OutlineSearch, narrows, search_words


def outline() -> Outline:
    out = Outline()
    out.add(Node("root", NodeKind.BRANCH, "Missions", None))
    for m in range(3):
        out.add(Node(f"m{m}", NodeKind.MISSION, f"Mission {m}", "root", text=f"mission {m}"))
        for o in range(4):
            title = f"Objective {m}.{o}: releases {'boring' if o % 2 else 'calm'}"
            out.add(Node(f"o{m}{o}", NodeKind.OBJECTIVE, title, f"m{m}", text=title.lower()))
            out.add(Node(f"k{m}{o}", NodeKind.KEY_RESULT, f"Deploys {o}", f"o{m}{o}"))
    return out


def brute(out: Outline, words: tuple[str, ...]) -> tuple[list[str], set[str]]:
    matches = [
        n.id for n in out.nodes.values() if all(w in (n.text or n.title.lower()) for w in words)
    ]
    shown = {a for m in matches for a in (m, *out.ancestors(m))}
    return matches, shown


@pytest.mark.parametrize(
    ("words", "before", "narrower"),
    [
        (("re",), ("r",), True),
        (("releases", "b"), ("releases",), True),
        (("releases",), ("releases", "b"), False),
        (("bo", "re"), ("re", "b"), True),
        (("x",), ("r",), False),
        (("r",), (), True),
    ],
)
def test_a_search_narrows_the_last_when_each_old_word_is_inside_a_new_one(
    words: tuple[str, ...], before: tuple[str, ...], narrower: bool
) -> None:
    assert narrows(words, before) is narrower


def test_every_keystroke_finds_what_a_search_of_every_text_finds() -> None:
    out = outline()
    search = OutlineSearch(out)
    typed = ["r", "re", "rel", "releases", "releases b", "releases c", "re", "deploys 1", "1", ""]
    typed += ["MISSION 2", "mission 2 x", "o", "objective 1.3", "nothing"]
    for needle in typed:
        words = search_words(needle)
        found = search.search(words)
        assert (found.matches, found.shown) == brute(out, words), needle


def test_a_patched_node_is_searched_by_its_new_text() -> None:
    out = outline()
    search = OutlineSearch(out)
    assert search.search(("releases",)).matches
    node = out.nodes["o12"]
    out.nodes["o12"] = dataclasses.replace(node, title="Calm", text="calm")
    search.refresh({"o12"})
    narrowed = search.search(("releases", "calm"))
    assert "o12" not in narrowed.matches
    assert (narrowed.matches, narrowed.shown) == brute(out, ("releases", "calm"))
    assert "o12" in search.search(("calm",)).matches
