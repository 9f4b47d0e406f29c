import pickle

from okrdesk.domain.messages import Message, message, render


def test_a_message_is_its_english_sentence() -> None:
    text = message("At most {n} characters.", n=300)
    assert text == "At most 300 characters."
    assert isinstance(text, str)
    assert text.template == "At most {n} characters."
    assert dict(text.args) == {"n": 300}


def test_render_translates_the_template_then_fills_it_in() -> None:
    kind = message("objective")
    text = message("The {kind} needs a title.", kind=kind)
    german = {"The {kind} needs a title.": "{kind} braucht einen Titel.", "objective": "Ziel"}
    assert text.render(lambda t: german.get(t, t)) == "Ziel braucht einen Titel."


def test_typed_text_is_data_and_never_translated() -> None:
    typed = "objective"  # what a person typed, not a Message
    assert render(typed, lambda _t: "translated") == "objective"
    text = message("Renamed to {title}.", title="{n}")
    assert text == "Renamed to {n}."
    assert text.render(lambda t: t) == "Renamed to {n}."


def test_a_message_survives_pickling() -> None:
    text = message("{n} key results", n=3)
    again = pickle.loads(pickle.dumps(text))
    assert isinstance(again, Message)
    assert again == "3 key results" and again.template == "{n} key results"
