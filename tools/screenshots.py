"""The README's pictures, made again from the demo plan: `make screenshots`.

Each is a window or dialog as a person sees it, at the laptop sizes the issues ask for
(1366×768 and 1024×640), drawn off screen in a temporary home so nothing of the person's
own is read or written. Look at every picture before committing it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "docs" / "screenshots"
TODAY = date(2026, 11, 18)


def _temporary_home() -> None:
    home = Path(tempfile.mkdtemp(prefix="okrdesk-shots-"))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(home / name.lower())


def main() -> None:
    _temporary_home()
    sys.path.insert(0, str(HERE.parent))
    from okrdesk.gui.app import application, settle
    from okrdesk.gui.features.closing.feature import CycleClosing
    from okrdesk.gui.features.meetings.feature import Meetings
    from okrdesk.gui.features.team.feature import Team
    from okrdesk.gui.features.weekly.feature import WeeklyRhythm
    from okrdesk.gui.shell import MainWindow
    from okrdesk.qt.widgets import QApplication, QWidget
    from okrdesk.services.demo import fill_demo
    from okrdesk.services.plan import PlanService
    from okrdesk.services.review import ObjectivePage

    application()
    path = Path(os.environ["HOME"]) / "demo.okrdesk"
    plan = PlanService.open(path)
    fill_demo(plan, today=TODAY)
    window = MainWindow(plan, remember_layout=False)
    window.clock = lambda: TODAY
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        widget.grab().save(str(OUT / name))
        print(f"wrote docs/screenshots/{name}")

    for width, height in ((1366, 768), (1024, 640)):
        window.resize(width, height)
        window.show()
        window.select_by_title("Ship the new PDF export")
        settle(window)
        save(window, f"main-{width}.png")

    window.resize(1366, 768)
    settle(window)
    review = window.feature(Meetings).reviews.start(fullscreen=False)
    review.resize(1366, 768)
    review.go_to(next(i for i, p in enumerate(review.pages) if isinstance(p, ObjectivePage)))
    save(review, "review-objective.png")
    review.close()

    team = window.feature(Team)
    team.alignment_action.trigger()
    if team.alignment is not None:
        team.alignment.resize(1366, 700)
        save(team.alignment, "alignment.png")
        team.alignment.close()

    closing = window.feature(CycleClosing)
    closing.run_dialog = lambda dialog: dialog.show()
    dialog = closing.close_cycle()
    save(dialog, "close-cycle.png")
    dialog.close()

    weekly = window.feature(WeeklyRhythm).open_pass()
    save(weekly, "weekly-pass.png")
    weekly.close()
    window.close()


if __name__ == "__main__":
    main()
