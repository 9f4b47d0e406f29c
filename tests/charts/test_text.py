"""Shortening and wrapping to a width, measured in pixels."""

from __future__ import annotations

from okrdesk.charts.text import ELLIPSIS, Font, fit, text_width, wrap

FONT = Font(9.5)
DPI = 96.0


def test_text_that_fits_stays_as_it_is() -> None:
    assert fit("Reply time", 200, FONT, DPI) == "Reply time"


def test_shortened_text_fits_and_says_it_was_cut() -> None:
    text = "Share of practices whose month-end report is right the first time"
    for room in (40.0, 90.0, 150.0):
        short = fit(text, room, FONT, DPI)
        assert short.endswith(ELLIPSIS) and text.startswith(short[:-1].rstrip())
        assert text_width(short, FONT, DPI) <= room


def test_widths_are_measured_not_counted() -> None:
    # As many characters, but "W" is three times as wide as "i".
    assert text_width("W" * 10, FONT, DPI) > 2.5 * text_width("i" * 10, FONT, DPI)
    room = text_width("i" * 30, FONT, DPI) + 1
    assert fit("i" * 30, room, FONT, DPI) == "i" * 30
    assert fit("W" * 30, room, FONT, DPI).endswith(ELLIPSIS)


def test_wrapping_breaks_between_parts_first_then_words() -> None:
    parts = "Committed · Off track · progress 66 % · expected 55 %"
    lines = wrap(parts, text_width("Committed · Off track", FONT, DPI) + 1, FONT, DPI, 3)
    assert lines == ["Committed · Off track", "progress 66 %", "expected 55 %"]
    words = wrap("Make month-end reports fast and right", 120, FONT, DPI, 3)
    assert " ".join(words) == "Make month-end reports fast and right"
    assert all(text_width(line, FONT, DPI) <= 120 for line in words)


def test_the_last_line_is_cut_when_the_lines_run_out() -> None:
    lines = wrap("one two three four five six seven eight nine ten", 60, FONT, DPI, 2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)


def test_its_own_line_breaks_are_kept_when_wrapping() -> None:
    text = "No check-ins yet\nFrom 0 to 90\nCheck in with Ctrl+K"
    assert fit(text, 400, FONT, DPI, lines=6) == text
    assert fit(text, 400, FONT, DPI, lines=2) == "No check-ins yet\nFrom 0 to 90…"


def test_no_room_gives_no_text_rather_than_an_overflow() -> None:
    assert fit("Reply time", 2, FONT, DPI) == ""
