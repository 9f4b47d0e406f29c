"""Render the app icon into the PNG sizes desktops look for, beside its SVG in resources/.

The package's okrdesk/gui/icons/app.svg is the one source: this copies it into the hicolor
theme under the app id and draws each PNG size from it. Run it after changing the icon:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QGuiApplication, QImage, QPainter
from okrdesk.qt.svg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "okrdesk" / "gui" / "icons" / "app.svg"
THEME = ROOT / "resources" / "icons" / "hicolor"
APP_ID = "io.github.okrdesk.okrdesk"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"cannot write {out}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    scalable = THEME / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    for size in SIZES:
        render(SOURCE, size, THEME / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    print(f"wrote {scalable.relative_to(ROOT)} and {len(SIZES)} PNG sizes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
