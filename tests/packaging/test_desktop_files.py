"""The .desktop file, AppStream metainfo, MIME type and icons, and installing them."""

from __future__ import annotations

import configparser
import fnmatch
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrdesk.qt.gui import QImage
from tests.packaging.helpers import (
    APP_ID,
    APP_SVG,
    DESKTOP_FILE,
    INSTALL_SCRIPT,
    METAINFO,
    MIME_TYPE,
    MIME_XML,
    PNG_SIZES,
    RESOURCES,
    ROOT,
)

MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry(path: Path = DESKTOP_FILE) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(
            f"{name} is not installed (Debian/Ubuntu: apt-get install "
            f"{'desktop-file-utils' if name.startswith('desktop') else 'appstream'})"
        )
    return found


def test_the_desktop_file_is_valid() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are not errors, but a clean file has none.
    assert result.stdout.strip() == "", result.stdout


def test_the_metainfo_is_valid() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_double_click_passes_the_file() -> None:
    entry = desktop_entry()
    # %f: one local file, dropped when okrdesk starts from the menu (no bare option left).
    assert entry["Exec"] == "okrdesk open %f"
    assert entry["MimeType"].rstrip(";").split(";") == [MIME_TYPE]
    assert entry["Icon"] == APP_ID


def test_the_mime_type_matches_plan_files() -> None:
    root = ET.parse(MIME_XML).getroot()
    (mime,) = root.findall("m:mime-type", MIME_NS)
    assert mime.get("type") == MIME_TYPE
    globs = [g.get("pattern", "") for g in mime.findall("m:glob", MIME_NS)]
    assert globs == ["*.okrdesk"]
    assert fnmatch.fnmatch("My plan.okrdesk", globs[0])
    assert not fnmatch.fnmatch("plan.okrdesk.bak", globs[0])
    icon = mime.find("m:icon", MIME_NS)
    assert icon is not None and icon.get("name") == APP_ID


def test_the_metainfo_names_the_launcher_release_and_licences() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    from okrdesk import __version__

    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    assert root.find("content_rating") is not None
    assert root.findtext("provides/mediatype") == MIME_TYPE


def test_the_metainfo_screenshots_are_in_the_repository() -> None:
    prefix = "https://raw.githubusercontent.com/okrdesk/okrdesk/main/"
    images = ET.parse(METAINFO).getroot().findall("screenshots/screenshot/image")
    assert images
    for image in images:
        url = image.text or ""
        assert url.startswith(prefix), url
        picture = QImage(str(ROOT / url.removeprefix(prefix)))
        assert not picture.isNull(), url
        assert (picture.width(), picture.height()) == (
            int(image.get("width", 0)),
            int(image.get("height", 0)),
        ), url


def test_the_theme_icons_are_the_package_icon() -> None:
    theme = RESOURCES / "icons" / "hicolor"
    assert (theme / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == APP_SVG.read_bytes()
    for size in PNG_SIZES:
        png = QImage(str(theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (png.width(), png.height()) == (size, size)
        assert png.hasAlphaChannel()


def run_install(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run(
        ["sh", str(INSTALL_SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_install_desktop_puts_everything_in_the_users_folders(tmp_path: Path) -> None:
    data = tmp_path / "share"
    program = tmp_path / "my apps" / "okrdesk"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    result = run_install(data, "--exec", str(program))
    assert result.returncode == 0, result.stderr
    installed = data / "applications" / f"{APP_ID}.desktop"
    entry = desktop_entry(installed)
    # The path has a space: quoted, so the launcher still finds the program.
    assert entry["Exec"] == f'"{program}" open %f'
    assert entry["TryExec"] == str(program)
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    assert (data / "mime" / "packages" / f"{APP_ID}.xml").read_bytes() == MIME_XML.read_bytes()
    for size in PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert check.returncode == 0, check.stdout

    result = run_install(data, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not installed.exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))


def test_installed_mime_type_is_what_qt_sees_for_a_plan(tmp_path: Path) -> None:
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database is not installed (apt-get install shared-mime-info)")
    data = tmp_path / "share"
    assert run_install(data).returncode == 0
    assert (data / "mime" / "mime.cache").exists()
    # A new process: Qt reads the MIME database once, from the XDG folders it starts with.
    probe = (
        "from okrdesk.qt.core import QMimeDatabase\n"
        "print(QMimeDatabase().mimeTypeForFile('Quarter plan.okrdesk').name())\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == MIME_TYPE, result.stderr
