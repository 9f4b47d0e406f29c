"""The window's size and the panes' shares of its width, for the real window and for the
first one painted before it (which takes the same place, so the hand-over does not move)."""

from __future__ import annotations

from okrdesk.gui.core import settings
from okrdesk.qt.gui import QGuiApplication
from okrdesk.qt.widgets import QHeaderView, QSplitter, QWidget

# A window never opened before: this size, or less on a smaller screen.
DEFAULT_SIZE = (1400, 900)
# The tree, the editor and the chart.
SPLITTER_SHARES = (0.38, 0.35, 0.27)


def restore_size(window: QWidget) -> None:
    """The saved geometry, else the default size, fitted to the screen."""
    geometry = settings.layout("geometry")
    if geometry is not None and window.restoreGeometry(geometry):
        return
    width, height = DEFAULT_SIZE
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.92))
        height = min(height, int(available.height() * 0.9))
    window.resize(width, height)


def restore_panes(splitter: QSplitter, tree_header: QHeaderView) -> None:
    """The saved splitter (else the default shares) and the tree's columns."""
    state = settings.layout("splitter")
    if state is None or not splitter.restoreState(state):
        fit_splitter(splitter, splitter.window().width())
    header = settings.layout("tree_header")
    if header is not None:
        tree_header.restoreState(header)


def fit_splitter(splitter: QSplitter, window_width: int) -> None:
    """Share the window's width between the panes: tree, editor, chart."""
    width = max(window_width, 900)
    splitter.setSizes([int(width * share) for share in SPLITTER_SHARES])
