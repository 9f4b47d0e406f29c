"""A script run in a fresh interpreter, for tests of what a module imports: modules other
tests in this process have imported already would hide an import that comes too early."""

from __future__ import annotations

import os
import subprocess
import sys


def run_fresh(script: str, timeout: float = 120) -> None:
    """Run ``script`` with ``python -c`` off screen; it must end well (its stderr says
    why when it does not)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
