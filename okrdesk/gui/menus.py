"""Where every action of the window goes, declared once as data.

Features put their actions into named sections (``shell.add_action("file.export", a)``);
these tables say in which menu, toolbar group or context-menu group each section sits and
in what order, so the menus never depend on the order features were installed in. Within a
section, actions keep the order of ``gui.shell.FEATURES``. Groups are separated by a line;
an empty group leaves none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from okrdesk.gui.core.i18n import QT_TR_NOOP


@dataclass(frozen=True)
class Menu:
    name: str
    title: str
    # Groups of sections (or submenus), in order.
    groups: tuple[tuple[str | Menu, ...], ...]
    icon: str = ""

    def sections(self) -> Iterator[str]:
        for group in self.groups:
            for part in group:
                if isinstance(part, Menu):
                    yield from part.sections()
                else:
                    yield part


MENUS: tuple[Menu, ...] = (
    Menu(
        "file",
        QT_TR_NOOP("&File"),
        (
            ("file.plan",),
            ("file.copy",),
            ("file.settings",),
            ("file.exchange", "file.export", "file.backup"),
            ("file.meeting",),
            ("file.team",),
            ("file.quit",),
        ),
    ),
    Menu(
        "edit",
        QT_TR_NOOP("&Edit"),
        (
            ("edit.undo",),
            (
                Menu(
                    "edit.add",
                    QT_TR_NOOP("&Add"),
                    (("edit.add.items",), ("edit.add.cycle",)),
                    "add",
                ),
                "edit.item",
            ),
            ("edit.change",),
            ("edit.find",),
            ("edit.record",),
        ),
    ),
    Menu("cycle", QT_TR_NOOP("&Cycle"), (("cycle.list",), ("cycle.close",))),
    Menu(
        "view",
        QT_TR_NOOP("&View"),
        (
            ("view.history",),
            ("view.tree",),
            ("view.review",),
            ("view.growth",),
            ("view.team",),
        ),
    ),
    Menu("help", QT_TR_NOOP("&Help"), (("help.guide",), ("help.about",))),
)

# The main toolbar, after the cycle chooser and before the search box.
TOOLBAR: tuple[tuple[str, ...], ...] = (
    ("toolbar.add",),
    ("toolbar.delete",),
    ("toolbar.undo",),
    ("toolbar.weekly",),
)

# The tree's context menu.
CONTEXT: tuple[tuple[str, ...], ...] = (
    ("context.add-here",),
    ("context.add",),
    ("context.change",),
    ("context.delete",),
    ("context.record",),
)


def known_sections() -> frozenset[str]:
    found = {section for menu in MENUS for section in menu.sections()}
    found |= {section for group in TOOLBAR + CONTEXT for section in group}
    return frozenset(found)
