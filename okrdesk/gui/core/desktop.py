"""Fitting in on the desktop: high-DPI scaling, the app's identity and icon, translations.

The palette is left alone on purpose: Qt 6 follows the system's light or dark scheme, and
okrdesk's style sheets name palette roles rather than colours so they follow it too.
"""

from __future__ import annotations

from okrdesk.gui.core import i18n
from okrdesk.gui.core.icons import action_icon
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QGuiApplication
from okrdesk.qt.widgets import QApplication

# The reverse-DNS id shared by the .desktop file, the AppStream metainfo and the icon, so
# that Wayland compositors and docks match the running window to its launcher.
APP_ID = "io.github.okrdesk.okrdesk"


def before_application() -> None:
    """Settings Qt reads when the QApplication is created (they do nothing after)."""
    if QApplication.instance() is None:
        # Fractional scales (125 %, 150 %) are drawn as they are rather than rounded to
        # 1x or 2x, which made text and icons too small or too large (Qt 6's default too).
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )


def integrate(app: QApplication) -> None:
    """Name the app for the desktop, give every window its icon, load translations."""
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(action_icon("app"))
    i18n.install(app)
