"""A guard against a binding bug that aborts the process after enough Qt calls.

PySide6 6.12.0 on Python 3.11 returns ``None`` from void methods (``QLabel.setText``,
``QStandardItem.setData`` and nearly every other) without taking a reference to it, so each
call lowers ``None``'s reference count by one. Rebuilding the Coach panel of a large plan
makes tens of thousands of such calls; once the count reaches zero Python aborts with
"none_dealloc: deallocating None". Python 3.12 made ``None`` immortal (PEP 683), which
hides the bug; on 3.11 ``None`` gets enough references to outlast any session instead.

The same guard exists for the PDF export (``okrdesk.report.compat``); the GUI may not
import the report layer, hence this copy. It belongs at application start-up.
"""

from __future__ import annotations

import ctypes
import sys
import threading

# Far more void calls than a process ever makes, far below the counter's limit.
_PINNED_REFERENCES = 1 << 48
_lock = threading.Lock()
_pinned = False


def pin_none() -> None:
    """Make ``None`` effectively immortal on Pythons before 3.12 (once per process)."""
    global _pinned
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    with _lock:
        if _pinned:
            return
        ctypes.c_ssize_t.from_address(id(None)).value += _PINNED_REFERENCES
        _pinned = True
