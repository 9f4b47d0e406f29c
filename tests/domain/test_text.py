from okrdesk.domain.text import first_line, shorten


def test_text_that_fits_is_left_alone() -> None:
    assert shorten("Short enough", 20) == "Short enough"


def test_a_long_text_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    text = "Ship the new onboarding flow to every customer in Europe"
    short = shorten(text, 30)
    assert short == "Ship the new onboarding flow…"
    assert len(short) <= 30


def test_one_long_word_is_cut_mid_word_rather_than_lost() -> None:
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_the_first_line_of_a_note() -> None:
    assert first_line("\n  Learned to say no.\nMore detail", 80) == "Learned to say no."
    assert first_line("", 80) == ""
