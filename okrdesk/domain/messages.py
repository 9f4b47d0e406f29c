"""Sentences for people, written below the GUI and translated where they are shown.

A layer without Qt cannot call ``tr()``, yet its validation errors, coach findings, health
words and import reports reach the window. So they are written as ``message(template,
**args)``: a ``Message`` is the English sentence (a ``str``, so the command line, logs and
existing callers use it as it is), and it remembers its template and arguments, so the GUI
can translate the template first and fill it in after (``okrdesk.gui.core.i18n``).

Rules for a template, as for the GUI's ``tr()``:

- a literal string at the call (``message("…{n}…", n=3)``, never ``message(f"…")``), so
  the extractor (``make translations``) finds it;
- arguments are filled in with ``str.format``; an argument that is itself a ``Message``
  (a kind name, a health word) is translated too;
- text people typed is data: pass it as an argument, never as the template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

_NO_ARGS: Mapping[str, Any] = MappingProxyType({})


class Message(str):
    """An English sentence that knows the template and arguments it was made from."""

    template: str
    args: Mapping[str, Any]

    def __new__(cls, template: str, args: Mapping[str, Any] | None = None) -> Message:
        values = _NO_ARGS if not args else MappingProxyType(dict(args))
        text = template.format(**values) if values else template
        self = super().__new__(cls, text)
        self.template = template
        self.args = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (background work crossing processes, copies) keeps the template.
        return (Message, (self.template, dict(self.args)))

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence with ``translate`` applied to its template and to every argument
        that is a Message (the GUI passes its ``tr``)."""
        if not self.args:
            return translate(self.template)
        values = {
            name: value.render(translate) if isinstance(value, Message) else value
            for name, value in self.args.items()
        }
        return translate(self.template).format(**values)


def message(template: str, /, **args: Any) -> Message:
    """A sentence for people: ``message("At most {n} characters.", n=300)``."""
    return Message(template, args)


def N_(template: str) -> str:  # gettext's name for "mark now, translate later"
    """Mark a constant template for the extractor without making a Message yet."""
    return template


def render(text: str, translate: Callable[[str], str]) -> str:
    """``text`` translated when it is a Message; any other text is data and stays as it is."""
    return text.render(translate) if isinstance(text, Message) else text
