"""Is it a mission? The wording of published missions against objectives and tasks.

The missions are published ones, as their authors wrote them: companies' (collected in
articles of mission statement examples), people's own (career guides), Management by
Missions examples (IESE Insight, DPMC's "Introduction to Management by Missions"), the demo
plan's and the coach tests' own. None may read as an objective or a task. The objectives
and tasks are what people type into a mission field when they think in objectives: each
must be found, with the words that show it.
"""

from __future__ import annotations

import pytest

from okrdesk.domain.coach_missions import Narrow, narrow_signal

PUBLISHED_MISSIONS = [
    # Companies (businessingmag.com, fitsmallbusiness.com, changinglanes.biz, intoo.com,
    # beaulebens.com "17 mission statement examples").
    "We save people money so they can live better.",
    "To inspire and nurture the human spirit – one person, one cup and one neighborhood at a time.",
    "To refresh the world. To inspire moments of optimism and happiness. To create value and "
    "make a difference.",
    "We will provide branded products and services of superior quality and value that improve "
    "the lives of the world's consumers.",
    "To be the world's most respected service brand.",
    "The Home Depot is in the home improvement business and our goal is to provide the highest "
    "level of service, the broadest selection of products and the most competitive prices.",
    "Enabling progress",
    "Nourishing lives",
    "To sustain profitable growth by providing the best customer experience and dealer support.",
    "Sustainable Growth: Increasing shareholder and societal value while reducing our "
    "environmental footprint.",
    "Improve your health and well-being by promising to put our Patients first. Always.",
    "To organize the world's information and make it universally accessible and useful.",
    "To enable people and businesses throughout the world to realize their full potential.",
    "To empower people to succeed.",
    # Management by Missions (the seed article, IESE Insight, DPMC).
    "Connecting people and places for a better world",
    "To connect our product to the ever-changing marketplace.",
    "To open doors and hearts to bond with the world.",
    "Reducing the world's carbon footprint",
    # People's own (annmehl.com, livecareer.com, harappa.education, visualfoodie.com).
    "My ultimate mission is to be an authentic, positive role model at work.",
    "To have greater impact in the next 50 years than I did in the first half of my life.",
    "My mission is to be an extraordinary CEO who motivates others to achieve their goals.",
    "To live in such a way that I create hope in others.",
    "My mission is to be more fully engaged with my three children regardless of the demands "
    "of my travel schedule.",
    "To explore and experience the world in the spirit of adventure and a genuine sense of "
    "gratitude.",
    "My mission in life is not merely to survive, but to thrive; and to do so with some "
    "passion, some compassion, some humor, and some style.",
    "To inspire a love of learning in every student, providing them with the tools they need "
    "to become curious, compassionate and empowered global citizens.",
    "To protect and restore our planet's fragile ecosystems, fostering awareness, "
    "sustainability and responsible stewardship for future generations.",
    "To push the boundaries of scientific knowledge and innovation, advancing our "
    "understanding of the natural world and addressing complex global challenges through "
    "research and discovery.",
    "To simplify complex ideas to help people feel more confident and capable.",
    # The demo plan's missions, titles and statements.
    "Give small accounting practices their evenings back",
    "Fieldnote takes the month-end grind off small practices, so their people spend their time "
    "on the advice their clients actually pay for.",
    "Reports a practice can send without checking them twice",
    "Every number in a Fieldnote report is right, arrives in seconds and explains itself, so a "
    "bookkeeper can send it to a client with confidence.",
    "Make month-end reports fast and right for the people who send them",
    "I want the bookkeepers who use our reports to trust them on their busiest day of the "
    "month: quick to load, right the first time, and clear when something in the books does "
    "not add up.",
    "Help my teammates ship with confidence",
    "I want to be the colleague who makes the reports code easier to change: reviews that "
    "teach, tests that catch the real mistakes, and an on-call week nobody dreads.",
    "Open the craft to people who did not start in tech",
    "I changed careers into software myself. I want to give evening learners at Code Club "
    "Leith the practical, honest help I wish I had had.",
    # Near misses: a year that is history, a time frame, a kind of work one keeps doing.
    "Since 2015 I have helped first-time founders raise money without losing their nerve.",
    "Help customers get answers within one business day",
    "Lead the team to deliver reports customers trust",
    "Keep our customers' data safe, every day of the year",
    "I help new hires feel at home in their first weeks.",
]

OBJECTIVES_AND_TASKS = [
    ("Launch the new site by June", Narrow.DATE, "by June"),
    ("10 % more sign-ups from small practices", Narrow.NUMBER, "10 %"),
    ("Ship the PDF export in Q3", Narrow.DATE, "Q3"),
    ("Grow revenue 20% this year", Narrow.NUMBER, "20%"),
    ("Hire 3 engineers before the summer", Narrow.NUMBER, "3"),
    ("Resolve customer complaints within 48 hours", Narrow.NUMBER, "within 48 hours"),
    (
        "Migrate the billing service by the end of the quarter",
        Narrow.DATE,
        "by the end of the quarter",
    ),
    ("I will launch the new website by March 2026.", Narrow.DATE, "by March 2026"),
    ("Deliver the data migration this quarter", Narrow.DATE, "this quarter"),
    ("Get promoted to senior engineer by next year", Narrow.DATE, "by next year"),
    ("Publish the onboarding guide", Narrow.DELIVERABLE, "Publish … guide"),
    ("My mission is to write the onboarding handbook", Narrow.DELIVERABLE, "write … handbook"),
    ("Increase customer satisfaction", Narrow.MEASURE, "Increase customer satisfaction"),
    ("To reduce churn", Narrow.MEASURE, "reduce churn"),
]


@pytest.mark.parametrize("text", PUBLISHED_MISSIONS)
def test_a_published_mission_does_not_read_as_an_objective_or_a_task(text: str) -> None:
    assert narrow_signal(text) is None


@pytest.mark.parametrize(("text", "kind", "phrase"), OBJECTIVES_AND_TASKS)
def test_an_objective_or_a_task_is_found_with_the_words_that_show_it(
    text: str, kind: Narrow, phrase: str
) -> None:
    found = narrow_signal(text)
    assert found is not None
    assert (found.kind, found.phrase) == (kind, phrase)


def test_the_words_are_quoted_as_the_person_wrote_them() -> None:
    found = narrow_signal("Ship the  PDF export in q3, then Launch The New Site")
    assert found is not None and found.phrase == "q3"
    found = narrow_signal("Launch The New Site")
    assert found is not None and found.phrase == "Launch … Site"


def test_a_statement_is_read_sentence_by_sentence() -> None:
    statement = "I help bookkeepers trust their reports.\nThis quarter I ship the new export."
    found = narrow_signal(statement)
    assert found is not None and found.kind is Narrow.DATE


def test_only_the_start_of_a_long_statement_is_read() -> None:
    assert narrow_signal("I help others. " * 500 + "Launch the site by June.") is None
    assert narrow_signal("I help others. Launch the site by June. " * 500) is not None
