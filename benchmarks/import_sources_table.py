"""Print docs/import-sources.md's table: every real OKR document the tests import, and how
much of it the Markdown reader reads (run: .venv/bin/python benchmarks/import_sources_table.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okrdesk.domain.okr_markdown import parse_okr_markdown
from okrdesk.domain.okr_parsed import ParsedDocument

DATA = Path(__file__).parent.parent / "tests" / "data"


def _clean(text: str) -> str:
    return text.replace("`", "")


def _source(path: Path) -> str:
    fields = dict(
        line.split(": ", 1) for line in path.read_text("utf-8").splitlines() if ": " in line
    )
    return f"`{fields['repository']}` {fields['path']} @ {fields['commit'][:7]}"


def _figures(objectives: list[dict[str, Any]], document: ParsedDocument, text_key: str) -> str:
    expected_krs = [_clean(k[text_key]) for o in objectives for k in o["key_results"]]
    read_krs = [_clean(k.text) for o in document.objectives for k in o.key_results]
    titles = sum(
        _clean(o["title"]) == _clean(p.title)
        for o, p in zip(objectives, document.objectives, strict=False)
    )
    texts = sum(a == b for a, b in zip(expected_krs, read_krs, strict=False))
    return (
        f"{len(objectives)} / {len(document.objectives)} | {len(expected_krs)} / {len(read_krs)}"
        f" | {titles} / {len(objectives)} · {texts} / {len(expected_krs)}"
    )


def rows() -> list[str]:
    found = []
    for expected_path in sorted((DATA / "okr-docs").glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        expected = json.loads(expected_path.read_text("utf-8"))
        document = parse_okr_markdown((DATA / "okr-docs" / f"{name}.md").read_text("utf-8"))
        source = _source(DATA / "okr-docs" / f"{name}.source.txt")
        figures = _figures(expected["objectives"], document, "text")
        found.append(f"| `okr-docs/{name}.md` | {source} | {figures} |")
    for raw in sorted((DATA / "okr-plans").glob("*.raw.txt")):
        name = raw.name.removesuffix(".raw.txt")
        expected = json.loads((DATA / "okr-plans" / f"{name}.json").read_text("utf-8"))
        document = parse_okr_markdown(raw.read_text("utf-8"))
        figures = _figures(expected["objectives"], document, "text")
        found.append(f"| `okr-plans/{name}.raw.txt` | shared (see its README) | {figures} |")
    return found


if __name__ == "__main__":
    print(
        "| document | source | objectives expected / read | key results expected / read |"
        " titles exact · key result texts exact |"
    )
    print("|---|---|---|---|---|")
    print("\n".join(rows()))
