"""`make run` names the Debian/Ubuntu packages Qt's X11 platform lacks, before Qt fails with
a misleading message (issue 17: xcb-cursor0 was named, icccm4 and keysyms1 were missing)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from tests.packaging.helpers import ROOT

SCRIPT = ROOT / "packaging" / "qt_libs.py"
spec = importlib.util.spec_from_file_location("qt_libs", SCRIPT)
assert spec is not None and spec.loader is not None
qt_libs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qt_libs)

LDD = """\
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f376e7df000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f376e73b000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_the_missing_libraries_are_named_with_their_packages() -> None:
    missing = qt_libs.missing_libraries(LDD)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    lines = qt_libs.advice(missing)
    assert "libxcb-icccm4" in lines[0] and "libxcb-keysyms1" in lines[1]
    assert lines[-1].endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert "cursor" not in " ".join(lines)


def test_nothing_missing_says_nothing() -> None:
    assert qt_libs.advice(qt_libs.missing_libraries("\tlibxcb.so.1 => /lib/libxcb.so.1\n")) == []


def test_without_an_x11_display_the_check_stays_quiet(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


def test_make_run_checks_before_it_opens_the_window() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert run.index("qt_libs.py") < run.index("$(BIN)/okrdesk")
    readme = (ROOT / "README.md").read_text("utf-8")
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"):
        assert package in readme
