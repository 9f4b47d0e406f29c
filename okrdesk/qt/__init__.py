"""The one place okrdesk imports its Qt binding (PySide6), as qutebrowser does.

The GUI and the report import Qt from here (``from okrdesk.qt.widgets import QWidget``),
never from PySide6 itself; ruff's banned-api rule (TID251) enforces it. Changing the binding,
or working around one of its bugs, then touches this package only. QtSvg has a module of its
own because loading it costs start-up time and only exports need it.
"""

from pathlib import Path

import PySide6
from PySide6 import __version__ as BINDING_VERSION

# Where the binding is installed (its wheels carry Qt's tools, lrelease among them).
BINDING_DIR = Path(PySide6.__file__).parent

__all__ = ["BINDING_DIR", "BINDING_VERSION"]
