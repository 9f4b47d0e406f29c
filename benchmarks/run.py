"""okrdesk's benchmark: `make bench`. Prints one JSON object and writes benchmarks/results.json.

Figures are medians, and start-up and opening are given as ratios to a baseline measured
in the same run (a bare PySide6 window; a plain sqlite3 read of the same rows), because
this machine is shared and its absolute speed varies.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.synthetic import make_plan  # noqa: E402

SIZES = (1_000, 10_000, 50_000)
# Opened only (time and memory): the interactive probe would take minutes at this size.
LARGE = 200_000
STARTUP_RUNS = 7


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    return env


def probe(env: dict[str, str], *args: str) -> tuple[float, dict[str, Any]]:
    """Run a probe; (seconds from process start to its line, what it said)."""
    return probe_lines(env, 1, *args)[0]


def probe_lines(env: dict[str, str], count: int, *args: str) -> list[tuple[float, dict[str, Any]]]:
    """Run a probe; for each of its first ``count`` lines, the seconds from process start
    to it and what it said."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "probes.py"), *args],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    lines = []
    for _ in range(count):
        line = child.stdout.readline()
        lines.append((time.perf_counter() - started, json.loads(line) if line else {}))
    child.stdout.read()
    if child.wait(timeout=300) != 0 or not all(said for _, said in lines):
        raise RuntimeError(f"probe {args} failed")
    return lines


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="okrdesk-bench-"))
    env = child_env(work / "home")
    # The plans are built in this process: inside the same temporary home, so that
    # nothing (a backup, a log) lands in the real data folder.
    os.environ.update({k: v for k, v in env.items() if k.startswith("XDG_")})
    results: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        # The machine is shared: the load says how far to trust absolute figures.
        "load_average_1min": round(os.getloadavg()[0], 2),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
    }
    plans = {}
    for size in (*SIZES, LARGE):
        path = work / f"plan-{size}.okrdesk"
        started = time.perf_counter()
        results[f"items_{size // 1000}k"] = make_plan(path, size)
        results[f"build_s_{size // 1000}k"] = round(time.perf_counter() - started, 2)
        plans[size] = path

    # Start-up: okrdesk's own launch on the 1k plan against a bare window, alternating.
    # startup_s is until the first window has painted (from a plain read of the outline);
    # startup_ready_s until the real window is shown in its place, everything loaded.
    bare_runs, app_runs, ready_runs = [], [], []
    matplotlib_at_start = sqlalchemy_at_start = False
    for _ in range(STARTUP_RUNS):
        bare_runs.append(probe(env, "bare")[0])
        (painted_s, painted), (ready_s, _ready) = probe_lines(env, 2, "app", str(plans[1_000]))
        app_runs.append(painted_s)
        ready_runs.append(ready_s)
        matplotlib_at_start |= bool(painted.get("matplotlib_loaded"))
        sqlalchemy_at_start |= bool(painted.get("sqlalchemy_loaded"))
    results["startup_bare_s"] = round(statistics.median(bare_runs), 3)
    results["startup_s"] = round(statistics.median(app_runs), 3)
    results["startup_ratio"] = round(results["startup_s"] / results["startup_bare_s"], 2)
    results["startup_ready_s"] = round(statistics.median(ready_runs), 3)
    results["startup_ready_ratio"] = round(
        results["startup_ready_s"] / results["startup_bare_s"], 2
    )
    results["matplotlib_imported_before_first_paint"] = matplotlib_at_start
    results["sqlalchemy_imported_before_first_paint"] = sqlalchemy_at_start

    for size in SIZES:
        _, said = probe(env, "interact", str(plans[size]))
        tag = f"{size // 1000}k"
        results[f"open_s_{tag}"] = round(said["open_s"], 3)
        results[f"open_ratio_{tag}"] = round(said["open_s"] / said["fetch_s"], 2)
        results[f"filter_ms_{tag}"] = round(said["filter_ms"], 1)
        results[f"filter_first_ms_{tag}"] = round(said["filter_first_ms"], 1)
        results[f"peak_rss_mb_{tag}"] = round(said["peak_rss_mb"], 1)
        if size == 50_000:
            results["filter_max_ms_50k"] = round(said["filter_max_ms"], 1)
        if size == 1_000:
            results["chart_ms"] = round(said["chart_ms"], 1)
        # edit_ms: an editor commit until it is on disk (the service call); edit_ui_ms:
        # until every pane shows it too.
        results[f"edit_ms_{tag}"] = round(said["commit_ms"], 1)
        results[f"edit_ui_ms_{tag}"] = round(said["edit_ms"], 1)
        if size == 1_000:
            results["edit_ms"] = results[f"edit_ms_{tag}"]

    _, said = probe(env, "open", str(plans[LARGE]))
    results["open_s_200k"] = round(said["open_s"], 3)
    results["open_ratio_200k"] = round(said["open_s"] / said["fetch_s"], 2)
    results["peak_rss_mb_200k"] = round(said["peak_rss_mb"], 1)

    # The PDF of a 500-item plan (median of three).
    small = work / "plan-500.okrdesk"
    results["items_pdf"] = make_plan(small, 500)
    exports = [probe(env, "pdf", str(small), str(work / "plan.pdf"))[1] for _ in range(3)]
    results["pdf_s_500"] = round(statistics.median(e["pdf_s"] for e in exports), 2)
    results["pdf_pages_500"] = exports[0].get("pages")

    results["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    text = json.dumps(results, indent=2)
    (HERE / "results.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
