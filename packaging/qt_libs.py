"""Before `make run` opens the window: are the system libraries Qt's X11 platform needs
installed? Qt itself, when one is missing, says only that it "could not load the Qt
platform plugin xcb" and names xcb-cursor0 even when that one is installed.

This looks at the xcb plugin PySide6 ships (without importing Qt), asks `ldd` which of
the libraries it needs are missing, and names the Debian/Ubuntu packages that hold them.
Exit status 0 when nothing is missing (or on a system this does not apply to: no X11
display, not Linux, no ldd), 1 with one line per missing library and the apt-get command.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The shared libraries Qt 6's xcb platform needs beyond a desktop's basics, and the
# Debian/Ubuntu package of each (README: "If the window does not open").
PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` could not find, each once, in the order it named them."""
    found: list[str] = []
    for name in NOT_FOUND.findall(ldd_output):
        if name not in found:
            found.append(name)
    return found


def advice(missing: list[str]) -> list[str]:
    """One line per missing library, then the command that installs them."""
    lines = [
        f"okrdesk: Qt needs {name} (Debian/Ubuntu package {PACKAGES.get(name, '?')}), "
        "which is not installed."
        for name in missing
    ]
    packages = sorted({PACKAGES[name] for name in missing if name in PACKAGES})
    if packages:
        lines.append("okrdesk: install them with: sudo apt-get install " + " ".join(packages))
    return lines


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def applies() -> bool:
    """Only where Qt would use X11: Linux, a DISPLAY, and no other platform chosen (on a
    Wayland session Qt 6 uses Wayland unless told to use xcb)."""
    chosen = os.environ.get("QT_QPA_PLATFORM")
    if chosen is None and os.environ.get("WAYLAND_DISPLAY"):
        return False
    x11 = (chosen or "xcb").startswith("xcb")
    return sys.platform.startswith("linux") and bool(os.environ.get("DISPLAY")) and x11


def main() -> int:
    plugin = xcb_plugin()
    ldd = shutil.which("ldd")
    if not applies() or plugin is None or ldd is None:
        return 0
    done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    missing = missing_libraries(done.stdout)
    for line in advice(missing):
        print(line, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
