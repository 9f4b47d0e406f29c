"""Paths of the packaging files, for the packaging tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
APP_ID = "io.github.okrdesk.okrdesk"
DESKTOP_FILE = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
MIME_XML = RESOURCES / f"{APP_ID}.mime.xml"
INSTALL_SCRIPT = ROOT / "packaging" / "install-desktop.sh"
APP_SVG = ROOT / "okrdesk" / "gui" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-okrdesk"
