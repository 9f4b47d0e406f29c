"""Print the README's performance table from benchmarks/results.json (after `make bench`)."""

from __future__ import annotations

import json
from pathlib import Path

TARGETS = {
    "startup_ratio": 3,
    "open_s_50k": 0.5,
    "open_ratio_50k": 3,
    "filter_ms_50k": 30,
    "filter_first_ms_50k": 100,
    "edit_ms_50k": 15,
    "edit_ui_ms_50k": 50,
    "chart_ms": 50,
    "pdf_s_500": 5,
    "peak_rss_mb_50k": 250,
    "open_s_200k": 2,
    "peak_rss_mb_200k": 350,
}


def verdict(key: str, results: dict[str, float]) -> str:
    return "met" if results[key] <= TARGETS[key] else "missed"


def table(r: dict[str, float]) -> str:
    rows = [
        (
            "Start-up to the first painted window (1k plan), ratio to a bare PySide6 window",
            f"{r['startup_s']} s / {r['startup_bare_s']} s = **{r['startup_ratio']}**",
            "≤ 3",
            verdict("startup_ratio", r),
        ),
        (
            "… until the real window has taken over, everything loaded",
            f"{r['startup_ready_s']} s = **{r['startup_ready_ratio']}** × bare",
            "—",
            "—",
        ),
        (
            "Opening a 50k-item plan until the tree shows",
            f"**{r['open_s_50k']} s**",
            "≤ 0.5 s",
            verdict("open_s_50k", r),
        ),
        (
            "… as a ratio to a plain sqlite3 read of the same rows",
            f"**{r['open_ratio_50k']}**",
            "≤ 3",
            verdict("open_ratio_50k", r),
        ),
        (
            "Search, median per keystroke once opening's work is done, 50k items (worst)",
            f"**{r['filter_ms_50k']} ms** ({r['filter_max_ms_50k']} ms)",
            "≤ 30 ms",
            verdict("filter_ms_50k", r),
        ),
        (
            "… the first keystroke right after opening, 50k items",
            f"**{r['filter_first_ms_50k']} ms**",
            "≤ 100 ms",
            verdict("filter_first_ms_50k", r),
        ),
        (
            "An edit until it is on disk (`synchronous=FULL`), 50k items",
            f"**{r['edit_ms_50k']} ms**",
            "≤ 15 ms",
            verdict("edit_ms_50k", r),
        ),
        (
            "… until every pane shows it, 50k items (1k / 10k)",
            f"**{r['edit_ui_ms_50k']} ms** ({r['edit_ui_ms_1k']} / {r['edit_ui_ms_10k']} ms)",
            "≤ 50 ms",
            verdict("edit_ui_ms_50k", r),
        ),
        (
            "Key result chart redraw after a check-in",
            f"**{r['chart_ms']} ms**",
            "≤ 50 ms",
            verdict("chart_ms", r),
        ),
        (
            "PDF of a 500-item plan",
            f"**{r['pdf_s_500']} s** ({r['pdf_pages_500']} pages)",
            "≤ 5 s",
            verdict("pdf_s_500", r),
        ),
        (
            "Peak memory with the 50k plan open (1k plan)",
            f"**{r['peak_rss_mb_50k']} MB** ({r['peak_rss_mb_1k']} MB)",
            "≤ 250 MB",
            verdict("peak_rss_mb_50k", r),
        ),
        (
            "Opening a 200k-item plan until the tree shows",
            f"**{r['open_s_200k']} s**",
            "≤ 2 s",
            verdict("open_s_200k", r),
        ),
        (
            "Peak memory with the 200k plan open",
            f"**{r['peak_rss_mb_200k']} MB**",
            "≤ 350 MB",
            verdict("peak_rss_mb_200k", r),
        ),
    ]
    lines = ["| Measure | Measured | Target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines.append("")
    load = ""
    if "load_average_1min" in r:
        load = (
            f", load average {r['load_average_1min']} before and "
            f"{r['load_average_1min_after']} after"
        )
    lines.append(f"Measured {str(r['date'])[:10]} on {r['machine']}{load}.")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(json.loads((Path(__file__).parent / "results.json").read_text())))
