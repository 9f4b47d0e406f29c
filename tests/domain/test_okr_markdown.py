"""Reading published OKR documents written in Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from okrdesk.domain.okr_markdown import ParsedDocument, parse_okr_markdown

PLANS = Path(__file__).parent.parent / "data" / "okr-plans"


def parse(text: str) -> ParsedDocument:
    return parse_okr_markdown(text.strip("\n") + "\n")


def titles(document: ParsedDocument) -> list[str]:
    return [o.title for o in document.objectives]


def krs(document: ParsedDocument, index: int = 0) -> list[str]:
    return [kr.text for kr in document.objectives[index].key_results]


# -- shapes ---------------------------------------------------------------------------------


def test_headings_with_bullets_are_objectives_with_key_results() -> None:
    document = parse(
        """
## Our alerts are actionable
- SLO thresholds are agreed and alerted on.
- A run-book is published
## Users know what to expect
* Gateway usage policy is published
"""
    )
    assert titles(document) == ["Our alerts are actionable", "Users know what to expect"]
    assert krs(document, 0) == [
        "SLO thresholds are agreed and alerted on.",
        "A run-book is published",
    ]
    assert krs(document, 1) == ["Gateway usage policy is published"]
    assert document.objectives[0].line == 1
    assert document.objectives[0].key_results[1].line == 3
    assert document.not_understood == ()


def test_bullets_nested_under_a_bullet_make_it_an_objective() -> None:
    document = parse(
        """
- Delight new users
  - Raise activation to 40%
  - Cut time to first value below 2 days
- Ship the mobile app
    1. App is in both stores
"""
    )
    assert titles(document) == ["Delight new users", "Ship the mobile app"]
    assert krs(document, 0) == ["Raise activation to 40%", "Cut time to first value below 2 days"]
    assert krs(document, 1) == ["App is in both stores"]


@pytest.mark.parametrize(
    ("line", "owner", "text"),
    [
        ("KR: Publish 5 posts", "", "Publish 5 posts"),
        ("Key Result: Publish 5 posts", "", "Publish 5 posts"),
        ("Key result 2: Publish 5 posts", "", "Publish 5 posts"),
        ("KR1 - Publish 5 posts", "", "Publish 5 posts"),
        ("CEO KR: Publish 5 posts", "CEO", "Publish 5 posts"),
        (
            "Director of Engineering, Dev KRs: Publish 5 posts",
            "Director of Engineering, Dev",
            "Publish 5 posts",
        ),
    ],
)
def test_key_result_prefixes(line: str, owner: str, text: str) -> None:
    document = parse(f"### Grow the blog\n1. {line}\n")
    kr = document.objectives[0].key_results[0]
    assert (kr.owner, kr.text) == (owner, text)


@pytest.mark.parametrize(
    ("line", "owner", "title"),
    [
        ("**CRO: Build strong FY21 pipeline.**", "CRO", "Build strong FY21 pipeline."),
        ("**VP of Product:** Ship the roadmap", "VP of Product", "Ship the roadmap"),
        (
            "**Distinguished Engineer**: [Improve performance](https://x.io/1)",
            "Distinguished Engineer",
            "Improve performance",
        ),
        (
            "**[VP of Product Strategy: Get strategic thinking into the org](https://x.io/e).**",
            "VP of Product Strategy",
            "Get strategic thinking into the org.",
        ),
        (
            "**Sr. Director of Marketing: Grow share-of-voice.**",
            "Sr. Director of Marketing",
            "Grow share-of-voice.",
        ),
        ("**Improve onboarding**", "", "Improve onboarding"),
        ("Objective: Improve onboarding", "", "Improve onboarding"),
        ("Objective 2: Team: Improve onboarding", "Team", "Improve onboarding"),
    ],
)
def test_objective_items_and_owner_prefixes(line: str, owner: str, title: str) -> None:
    document = parse(f"1. {line}\n    1. KR: Something measurable\n")
    objective = document.objectives[0]
    assert (objective.owner, objective.title) == (owner, title)
    assert krs(document) == ["Something measurable"]


def test_heading_owner_prefix_and_numbering() -> None:
    document = parse("### 1. CEO: IACV\n1. CEO KR: Pipeline ahead of plan.\n")
    assert (document.objectives[0].owner, document.objectives[0].title) == ("CEO", "IACV")


def test_priority_tags_are_kept_apart_from_the_text() -> None:
    document = parse(
        """
### Infrastructure is stable
- **P0** -  2 preload nodes are provisioned
- [P1] Ansible tower manages our deployments
- P2: Clusters are monitored
"""
    )
    assert krs(document) == [
        "2 preload nodes are provisioned",
        "Ansible tower manages our deployments",
        "Clusters are monitored",
    ]
    assert [kr.priority for kr in document.objectives[0].key_results] == ["P0", "P1", "P2"]


def test_nested_child_objectives_point_at_their_parent() -> None:
    document = parse(
        """
### 1. CEO: IACV
1. CEO KR: Pipeline ahead of plan.
    1. **CRO: Build strong pipeline.**
        1. CRO KR: Stage 3+ pipeline at 1.8x target
            1. **VP Field Ops: Instrument systems.**
                1. VP Field Ops KR: Factor targets into tools.
1. CEO KR: Renewal satisfaction above 95%.
1. **CFO: Predictability**
    1. VP, Finance KR: 100% of hires use the process
"""
    )
    assert titles(document) == [
        "IACV",
        "Build strong pipeline.",
        "Instrument systems.",
        "Predictability",
    ]
    assert [o.parent for o in document.objectives] == [None, 0, 1, 0]
    assert krs(document, 0) == ["Pipeline ahead of plan.", "Renewal satisfaction above 95%."]
    assert krs(document, 3) == ["100% of hires use the process"]


def test_sloppy_indentation_is_read_as_commonmark_reads_it() -> None:
    # "   1." after "  1." is a sibling, and "     1. …" indented too little to nest under it
    # continues its paragraph (GitHub shows the same); the continuation's label still makes
    # it a key result of that objective.
    document = parse(
        "1. **CMO: Expand brand awareness.**\n"
        "\t1. CMO KR: Identify 1 new platform\n"
        "  1. **Director of Brand: New brand guidelines.**\n"
        "      1. Director of Brand KR: Complete the audit\n"
        "   1. **Director of Community: Scale advocates.**\n"
        "     1. Director of Community KR: Plan 24/7 coverage\n"
    )
    assert titles(document) == [
        "Expand brand awareness.",
        "New brand guidelines.",
        "Scale advocates.",
    ]
    assert [o.parent for o in document.objectives] == [None, None, None]
    assert krs(document, 2) == ["Plan 24/7 coverage"]
    assert document.objectives[2].key_results[0].owner == "Director of Community"


def test_a_table_with_objective_and_key_result_columns() -> None:
    document = parse(
        """
| Objective | Key result | Owner | Target |
|---|---|---|---|
| Delight users | Raise NPS | Ana | 40 |
|  | Cut churn to 3% | Ana | |
| Ship faster | Lead time < 2 days | Bo | |
"""
    )
    assert titles(document) == ["Delight users", "Ship faster"]
    assert krs(document, 0) == ["Raise NPS", "Cut churn to 3%"]
    assert document.objectives[0].owner == "Ana"
    assert document.objectives[0].key_results[0].target_text == "40"
    assert document.objectives[0].key_results[0].line == 3


def test_a_table_with_bold_objective_rows() -> None:
    document = parse(
        """
|  **Ops WG** | **Priority** | **Owner** | **Score** |
| :---: | :---: | :---: | --- |
|  **1 Releases ship on a schedule (Alan, Steven)** |  |  |  |
|  Ship a release policy | ![P0](https://x.io/p0.svg) | stebalien |  |
|  [Testing gives feedback per PR](https://x.io/d "t") | ![P1](https://x.io/p1.svg) | alan | 0.5 |
|   |  |  |  |
|  **2 Research is projecting the future (David)** |  |  |  |
|  Publish a report | P1 | daviddias |  |
"""
    )
    assert titles(document) == ["Releases ship on a schedule", "Research is projecting the future"]
    assert [o.owner for o in document.objectives] == ["Alan, Steven", "David"]
    assert krs(document, 0) == ["Ship a release policy", "Testing gives feedback per PR"]
    assert [kr.priority for kr in document.objectives[0].key_results] == ["P0", "P1"]
    assert document.objectives[0].key_results[0].owner == "stebalien"


def test_links_emphasis_and_status_notes_are_cleaned() -> None:
    document = parse(
        """
### Grow
1. KR: Launch [the *new* MVP](https://x.io/a) with __assessments__ => [DONE](https://x.io/b)
1. KR: Scope the epic [gitlab-org&2023](https://x.io/c), then start.\\
1. KR: Double lead flow --> 66% (AWS done)
1. KR: Create a capabilities map - Push to Q2
1. KR: Talk in `#remote` about it ==> Done
"""
    )
    assert krs(document) == [
        "Launch the new MVP with assessments",
        "Scope the epic, then start.",
        "Double lead flow",
        "Create a capabilities map",
        "Talk in `#remote` about it",
    ]
    assert [kr.status for kr in document.objectives[0].key_results] == [
        "DONE",
        "",
        "66% (AWS done)",
        "Push to Q2",
        "Done",
    ]


def test_a_wrapped_list_item_is_one_key_result() -> None:
    document = parse("### Grow\n- KR: Publish five posts\n  about the launch\n")
    assert krs(document) == ["Publish five posts about the launch"]


def test_prose_under_an_objective_heading_becomes_its_description() -> None:
    document = parse(
        "## Make support effortless\nCustomers wait too long.\n\n- Answer in 2 hours\n"
    )
    assert document.objectives[0].description == "Customers wait too long."
    assert document.not_understood == ()


def test_setext_headings_and_task_lists() -> None:
    document = parse("Grow revenue\n------------\n- [ ] Sign 3 partners\n- [x] Hire a seller\n")
    assert titles(document) == ["Grow revenue"]
    assert krs(document) == ["Sign 3 partners", "Hire a seller"]


# -- what is not understood -----------------------------------------------------------------


def test_what_is_not_understood_is_reported_line_by_line() -> None:
    document = parse(
        """
# Team OKRs

Some words about how we plan.
More words on the next line.

- KR: an orphan key result

### Our metrics are reliable
- We have separate metrics
  - a note that explains the key result

```
- not: parsed
```
"""
    )
    assert titles(document) == ["Our metrics are reliable"]
    reports = [(e.line, e.last_line, e.reason) for e in document.not_understood]
    assert reports == [
        (3, 4, "prose"),
        (6, 6, "a key result with no objective above it"),
        (10, 10, "a note under a key result, not imported"),
        (12, 14, "code block"),
    ]
    assert document.not_understood[1].describe() == (
        "line 6: a key result with no objective above it: “an orphan key result”"
    )


def test_runs_of_skipped_lines_are_reported_once() -> None:
    links = "\n".join(f"* [Talk {n}](https://x.io/{n})" for n in range(8))
    document = parse(f"## How to achieve presentations\n\n{links}\n")
    assert len(document.not_understood) == 1
    entry = document.not_understood[0]
    assert (entry.line, entry.last_line) == (3, 10)
    assert entry.reason == "a link, not an objective or key result (8 in a row)"


def test_cycle_sections_and_time_headings_are_not_objectives() -> None:
    document = parse(
        """
## 2019 Q4 - Objectives and Key Results
- Provide actionable insights
### Metrics are reliable
- Separate metrics for websites
### 2020 goals
- average response time < 30s
"""
    )
    assert titles(document) == ["Metrics are reliable"]
    assert document.objectives[0].cycle == "2019-Q4"
    assert document.cycle == "2019-Q4"
    assert [e.line for e in document.not_understood] == [2, 6]


def test_the_cycle_comes_from_front_matter_when_sections_name_none() -> None:
    document = parse('---\ntitle: "FY21-Q1 OKRs"\n---\n### CEO: IACV\n1. CEO KR: Ahead of plan\n')
    assert document.title == "FY21-Q1 OKRs"
    assert document.cycle == "FY21-Q1"


def test_an_empty_or_prose_only_document_has_no_objectives() -> None:
    assert parse("").objectives == ()
    document = parse("Just a paragraph.\n")
    assert document.objectives == ()
    assert [e.reason for e in document.not_understood] == ["prose"]


# -- the real documents ---------------------------------------------------------------------


def load(name: str) -> tuple[dict[str, Any], ParsedDocument]:
    expected = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    text = (PLANS / f"{name}.raw.txt").read_text(encoding="utf-8")
    return expected, parse_okr_markdown(text)


@pytest.mark.parametrize(
    ("name", "objectives", "key_results", "cycle"),
    [
        ("gitlab_fy21-q1", 138, 336, "FY21-Q1"),
        ("ipfs_project-ops_2019-q3", 5, 23, "2019-Q3"),
        ("ipfs_bifrost_2019-q4", 5, 18, "2019-Q4"),
    ],
)
def test_real_documents_have_their_published_structure(
    name: str, objectives: int, key_results: int, cycle: str
) -> None:
    expected, document = load(name)
    assert len(document.objectives) == objectives
    assert document.key_result_count == key_results
    assert document.cycle == cycle == expected["cycle"]
    assert [len(o.key_results) for o in document.objectives] == [
        len(o["key_results"]) for o in expected["objectives"]
    ]


@pytest.mark.parametrize(
    "name", ["gitlab_fy21-q1", "ipfs_project-ops_2019-q3", "ipfs_bifrost_2019-q4"]
)
def test_real_documents_titles_and_texts_match_the_curated_ones(name: str) -> None:
    expected, document = load(name)
    assert titles(document) == [o["title"] for o in expected["objectives"]]
    assert [kr.text for o in document.objectives for kr in o.key_results] == [
        kr["text"] for o in expected["objectives"] for kr in o["key_results"]
    ]


@pytest.mark.parametrize("name", ["gitlab_fy21-q1", "ipfs_project-ops_2019-q3"])
def test_real_documents_owners_match(name: str) -> None:
    expected, document = load(name)
    assert [o.owner for o in document.objectives] == [
        o["owner_or_team"] for o in expected["objectives"]
    ]


def test_gitlab_reports_only_what_is_not_an_okr() -> None:
    _, document = load("gitlab_fy21-q1")
    assert [(e.line, e.reason) for e in document.not_understood] == [
        (8, "prose"),
        (495, "a link, not an objective or key result (8 in a row)"),
    ]


def test_bifrost_reports_notes_and_out_of_scope_goals() -> None:
    _, document = load("ipfs_bifrost_2019-q4")
    reasons = {e.line: e.reason for e in document.not_understood}
    assert reasons[11] == "a list item outside any objective (2 in a row)"
    assert reasons[58] == "a list item outside any objective (7 in a row)"
    assert reasons[40] == "a note under a key result, not imported"


# -- hostile input --------------------------------------------------------------------------


def test_an_item_too_long_for_an_okr_is_reported() -> None:
    document = parse("### Grow\n- KR: Sign 3 partners\n- KR: " + "very long " * 500 + "\n")
    assert krs(document) == ["Sign 3 partners"]
    (entry,) = document.not_understood
    assert (entry.line, entry.reason) == (
        3,
        "longer than 4000 characters, not an objective or key result",
    )


def test_a_gigantic_line_is_skipped_and_reported() -> None:
    document = parse("### Grow\n- " + "x" * 30_000 + "\n- KR: Sign 3 partners\n")
    assert krs(document) == ["Sign 3 partners"]
    assert document.not_understood[0].reason == "a line of 30002 characters, skipped"


def test_nesting_deeper_than_the_limit_is_reported_not_a_crash() -> None:
    lines = "".join(" " * (2 * depth) + f"- **Team: Objective {depth}**\n" for depth in range(200))
    document = parse(lines)
    # Every level up to the limit is read, each aligned to the one above it ...
    assert 20 <= len(document.objectives) < 200
    assert [o.parent for o in document.objectives[1:4]] == [0, 1, 2]
    assert document.objectives[0].owner == "Team"
    # ... and the deeper lines are listed as not read.
    assert "nested deeper than" in document.not_understood[-1].reason


def test_lines_full_of_emphasis_markers_are_read() -> None:
    document = parse("### Grow\n- KR: " + "*a _b " * 600 + "\n")
    assert len(krs(document)) == 1


def test_objective_headings_with_a_key_results_subheading() -> None:
    document = parse(
        """
## Objective 1: Make onboarding delightful
New users churn in week one.

### Key Results
- Activation from 25% to 40%
- Time to first value below 2 days

## Objective 2: Team Platform: Ship faster
### Key results
1. Lead time < 2 days
"""
    )
    assert titles(document) == ["Make onboarding delightful", "Ship faster"]
    assert document.objectives[0].description == "New users churn in week one."
    assert krs(document, 0) == ["Activation from 25% to 40%", "Time to first value below 2 days"]
    assert (document.objectives[1].owner, krs(document, 1)) == (
        "Team Platform",
        ["Lead time < 2 days"],
    )
    assert [o.parent for o in document.objectives] == [None, None]
    assert document.not_understood == ()


# -- shapes organisations publish (issue 18) ----------------------------------------------------


def test_key_results_on_hard_break_continuation_lines() -> None:
    document = parse(
        "## 2021 Q1\n"
        "* **Objective:** Bring more people to the forum\\\n"
        "  **KR1:** 100 weekly posters\\\n"
        "  KR2: Answer every question in a day\n"
        "* **Objective:** Make releases boring\n"
        "  * KR: Ship every two weeks\n"
    )
    assert titles(document) == ["Bring more people to the forum", "Make releases boring"]
    assert krs(document, 0) == ["100 weekly posters", "Answer every question in a day"]
    assert krs(document, 1) == ["Ship every two weeks"]
    assert {o.cycle for o in document.objectives} == {"2021-Q1"}


def test_headings_that_only_number_items_take_the_labelled_text_below() -> None:
    document = parse(
        "### O1\n_Objective_: Make the site fast\n\n"
        "#### O1KR1\n_Key Result_: Ship CSS containment to beta leviw 0.60\n\n"
        "#### O1KR2\n_Key Result_: Segment our database. [Epic 1331](https://x.io/1331)\n\n"
        "### O2\n_Objective_: Loading is smooth\n\n"
        "#### O2KR1\n_Key Result_: Stretch: Preload fonts for 'font-display: optional'\n"
    )
    assert titles(document) == ["Make the site fast", "Loading is smooth"]
    first, second = document.objectives[0].key_results
    assert (first.text, first.owner, first.grade) == ("Ship CSS containment to beta", "leviw", 0.6)
    assert second.text == "Segment our database."
    (third,) = document.objectives[1].key_results
    assert (third.text, third.owner) == ("Stretch: Preload fonts for 'font-display: optional'", "")
    assert document.not_understood == ()


def test_a_label_with_nothing_after_it_is_skipped_not_fatal() -> None:
    document = parse(
        "### Grow the forum\n"
        "- **Tracking:**\n"
        "- **Key Results:**\n"
        "  - 100 weekly posters\n"
        "- Answer every question in a day\n"
        "* **Objective:**\n"
    )
    assert titles(document) == ["Grow the forum"]
    assert krs(document) == ["100 weekly posters", "Answer every question in a day"]
    reasons = [(e.line, e.reason) for e in document.not_understood]
    assert reasons == [
        (2, "no text (a label with nothing after it)"),
        (6, "no text (a label with nothing after it)"),
    ]


def test_a_details_section_repeating_objectives_is_read_once() -> None:
    document = parse(
        "## Q3 2020\n- **Grow the community**\n  - 50 new contributors\n  - Host 2 meetups\n"
        "## Q4 2020\n- **Grow the community**\n  - 80 new contributors\n"
        "## Details\n### Grow the community\n- 50 new contributors\n- Publish a guide\n"
    )
    assert [(o.title, o.cycle) for o in document.objectives] == [
        ("Grow the community", "2020-Q3"),
        ("Grow the community", "2020-Q4"),
    ]
    assert krs(document, 0) == ["50 new contributors", "Host 2 meetups", "Publish a guide"]
    assert krs(document, 1) == ["80 new contributors"]


@pytest.mark.parametrize(
    ("line", "text", "grade", "owner"),
    [
        ("Raise NPS to 40 (0.45)", "Raise NPS to 40", 0.45, ""),
        ("Raise NPS to 40      -- (0.9)", "Raise NPS to 40", 0.9, ""),
        ("Raise NPS to 40 (score: 0.7)", "Raise NPS to 40", 0.7, ""),
        ("Raise NPS to 40 ( 0.8 )", "Raise NPS to 40", 0.8, ""),
        ("Raise NPS to 40 0.60", "Raise NPS to 40", 0.6, ""),
        ("Raise NPS to 40 @ana", "Raise NPS to 40", None, "@ana"),
        ("Ship the beta leviw 0.6", "Ship the beta", 0.6, "leviw"),
        ("Ship OpenEBS 0.9", "Ship OpenEBS 0.9", None, ""),
        ("Ship 2 releases (2)", "Ship 2 releases (2)", None, ""),
    ],
)
def test_grades_and_handles_are_kept_apart(
    line: str, text: str, grade: float | None, owner: str
) -> None:
    (kr,) = parse(f"### Grow\n- {line}\n").objectives[0].key_results
    assert (kr.text, kr.grade, kr.owner) == (text, grade, owner)


def test_key_result_fields_from_labelled_sub_items() -> None:
    document = parse(
        "### Objective: Grow\n- KR: Weekly posters\n  - Target: 100\n  - Baseline: 40\n"
        "  - Unit: posters\n  - Status: on track\n"
    )
    (kr,) = document.objectives[0].key_results
    assert (kr.target_text, kr.baseline_text, kr.unit_text, kr.status) == (
        "100",
        "40",
        "posters",
        "on track",
    )


def test_lettered_continuation_lines_are_key_results() -> None:
    document = parse("1. Grow the community\n   a. 50 new contributors\n   b. Host 2 meetups\n")
    assert titles(document) == ["Grow the community"]
    assert krs(document) == ["50 new contributors", "Host 2 meetups"]


def test_a_table_cell_with_several_key_results_split_by_breaks() -> None:
    document = parse(
        "| Objective | Key Results | Owner |\n|---|---|---|\n"
        "| Grow the community | 50 new contributors<br>Host 2 meetups<br/>Publish a guide | Ana |\n"
    )
    assert krs(document) == ["50 new contributors", "Host 2 meetups", "Publish a guide"]
    assert document.objectives[0].owner == "Ana"


@pytest.mark.parametrize(
    ("line", "text", "owner", "status"),
    [
        ("Ship it (Owner: Ana Lopez)", "Ship it", "Ana Lopez", ""),
        ("Ship it - DRI: @bo", "Ship it", "@bo", ""),
        ("Ship it | Owner: Ana", "Ship it", "Ana", ""),
        ("Ask the owner: what next", "Ask the owner: what next", "", ""),
        ("Ship it ✅", "Ship it", "", "✅"),
        ("🟡 Ship it", "Ship it", "", "🟡"),
    ],
)
def test_owner_labels_and_status_marks_after_the_text(
    line: str, text: str, owner: str, status: str
) -> None:
    (kr,) = parse(f"### Grow\n- {line}\n").objectives[0].key_results
    assert (kr.text, kr.owner, kr.status) == (text, owner, status)
