"""Is a key result an output, an outcome or an impact? A small, explainable rule system.

- **output**: met when an activity is done or a deliverable exists ("Publish 5 blog posts").
- **outcome**: a level of, or a change in, a metric or someone's behaviour ("Raise conversion
  to 10%", "p95 latency under 200 ms").
- **impact**: top-line business results (revenue, IACV, ARR, bookings, profit).

The classifier reads English the way a coach would: what the sentence starts with (an
activity verb such as "publish", or a change verb such as "increase"), whether it names a
metric ("conversion rate", "NPS", "latency"), whether it states a target the way measurements
are stated ("from 4 to 2 hours", "by 20%", "< 5%", "at least 99.9%"), and whether it reads as
a thing being finished ("is published", "in place"). Each clue adds or takes away weight and
is kept as a reason, so the coach can say why. No model, no download, no randomness: the same
text always gets the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrdesk.domain.enums import ResultLevel


@dataclass(frozen=True)
class Classification:
    label: ResultLevel
    # The words and patterns that decided the label, in the order they were found.
    reasons: tuple[str, ...]


# --- Vocabulary --------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, one space or line break between words."""
    return frozenset(text.split())


# Verbs that say the work itself is the result: done when the activity is done.
ACTIVITY_VERBS: frozenset[str] = _words(
    """
    add announce analyse analyze assess assign audit author automate begin build certify
    choose close compile complete conduct configure consolidate create decide define
    deliver deploy design develop document draft enable ensure establish evaluate execute
    fill finalise finalize finish fix hire hold host identify implement install integrate
    interview introduce investigate kick launch lead list map measure merge migrate mirror
    move onboard organise organize outline partner perform pilot plan prepare present
    prioritise prioritize produce productize prototype provide provision publish rebuild
    recruit redesign refactor release remove replace research revamp review rewrite roll
    run schedule select send set ship sign source spec specify sponsor standardise
    standardize start submit support survey teach test track train transition update
    upgrade validate write
    """
)

# Verbs that ask for a metric to move or to hold: the change is the result.
CHANGE_VERBS: frozenset[str] = _words(
    """
    increase decrease reduce grow improve raise lower double triple quadruple halve cut
    boost lift shrink shorten speed accelerate maximise maximize minimise minimize
    maintain keep sustain eliminate expand extend drop decline
    """
)

# Verbs that aim at a level ("achieve 95%", "reach 1,000 users"): an outcome when a
# measure follows, otherwise they say nothing by themselves.
ATTAINMENT_VERBS: frozenset[str] = _words(
    "achieve attain reach hit exceed surpass get drive generate earn win gain target"
)

# Nouns that name something measured. Multi-word names are matched as phrases first.
METRIC_PHRASES: tuple[str, ...] = (
    "conversion rate",
    "response rate",
    "success rate",
    "error rate",
    "churn rate",
    "retention rate",
    "completion rate",
    "open rate",
    "click-through rate",
    "win rate",
    "time to merge",
    "time to hire",
    "time to first",
    "time to value",
    "mean time",
    "cycle time",
    "lead time",
    "lead flow",
    "lead velocity",
    "active users",
    "active committers",
    "net promoter",
    "share of voice",
    "page views",
    "sign-ups",
    "sign ups",
    "signups",
    "location factor",
    "forecast accuracy",
    "say/do",
    "test coverage",
)
METRIC_WORDS: frozenset[str] = _words(
    """
    rate ratio conversion conversions latency availability uptime downtime satisfaction
    nps csat ssat osat esat score scores retention churn adoption usage engagement
    participation mau wau dau swau smau spu arpu ltv cac traffic downloads installs
    leads mqls mql sqls sql sao saos pipeline coverage accuracy errors defects incidents
    outages bugs throughput bandwidth speed performance velocity completion quota asp
    diversity attrition turnover engagement visits visitors sessions subscribers
    followers readers attendance audience reach signups trials renewals renewal
    opportunities deals customers users contributors committers likes upvotes replies stars
    percentile p50 p75 p90 p95 p99 average median mean cost costs spend margin
    efficiency sla slo mttr mttd response responses rating ratings sentiment share
    """
)

# Top-line business results: impact when they are what is measured.
IMPACT_WORDS: frozenset[str] = _words(
    "revenue revenues iacv arr iarr mrr acv bookings profit profits gmv ebitda income"
)
# ...but not when the sentence measures something about them (pipeline, forecast).
IMPACT_QUALIFIERS: frozenset[str] = _words(
    "pipeline forecast forecasting accuracy attribution coverage model plan's"
)

# Things made or done: deliverables. A number before one counts pieces of work.
DELIVERABLE_WORDS: frozenset[str] = _words(
    """
    api apis blog post posts article articles report reports runbook run-book playbook
    playbooks policy policies documentation docs doc handbook guide guides guidelines
    video videos webinar webinars workshop workshops demo demos talk talks release
    prototype integration integrations dashboard dashboards feature features program
    programme process processes roadmap strategy template templates campaign campaigns
    page pages site website tool tooling system module version mvp pilot course courses
    certification curriculum case studies study survey plan plans framework frameworks
    section content presentation model matrices matrix series event events meetup
    meetups hackathon session sessions repo repository script scripts pitch list
    """
)

# A finished state: "is published", "are in place", "is available to all users".
_PARTICIPLES = (
    r"published|launched|shipped|released|created|built|written|documented|implemented|"
    r"deployed|completed|complete|done|delivered|established|defined|designed|developed|"
    r"provisioned|monitored|mirrored|migrated|merged|enabled|adopted|tracked|supported|"
    r"automated|updated|rolled[ -]out|set[ -]up|in place|live|available|ready|default|"
    r"up[ -]to[ -]date|finalized|finalised|integrated|installed|replaced|added|introduced|"
    r"organized|organised|held|run|made|captured|defined|approved|outlined|described"
)
_DONE_STATE = re.compile(
    rf"\b(?:is|are|was|were|be|been|gets|get|has been|have been)\s+(?:\w+ly\s+)?"
    rf"(?:now\s+|fully\s+|the\s+)?({_PARTICIPLES})\b"
)
_HAS_DELIVERABLE = re.compile(r"\b(?:has|have)\s+(?:a|an|the|its|their|our)\s+(\w[\w-]*)")
_CAN_DO = re.compile(r"\bcan\s+(\w+)")

# Patterns that state a target the way measurements are stated.
# Published OKRs hide confidential figures behind placeholders such as "$N" or "N3".
_NUMBER = r"(?:\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn)\b)?|\.\d+|\$?\b[nm]\d*\b)"
_UNIT = (
    r"(?:%|x\b|k\b|m\b|ms\b|s\b|seconds?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|days?\b|"
    r"weeks?\b|months?\b|points?\b|stars?\b|stages?\b|gib\b|mib\b|tb\b|gb\b|mbps\b)"
)
TARGET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a change from one level to another",
        re.compile(
            rf"\bfrom\s+(?:approx\.?\s+|about\s+|around\s+)?{_NUMBER}\s*\S*\s+to\s+(?:>\s*)?"
            rf"{_NUMBER}\s*{_UNIT}?"
        ),
    ),
    (
        "a target level",
        re.compile(rf"\bto\s+[<>≤≥]?\s*(?:\$\d[\d,.]*\s*(?:k|m|bn)?\b|\d[\d,.]*\s*{_UNIT})"),
    ),
    (
        "a relative change",
        re.compile(
            r"\bby\s+(?:at least\s+)?\d[\d,.]*\s*(?:%|x\b|pp\b|"
            r"points?\b|days?\b|hours?\b|minutes?\b|stages?\b)"
        ),
    ),
    (
        "a comparison",
        re.compile(
            rf"(?:[<>≤≥]=?\s*{_NUMBER}|"
            rf"\b(?:less|more|greater|fewer|higher|lower)\s+than\s+{_NUMBER}|"
            rf"\b(?:under|below|above|over|within|at least|at most|no more than|no less than|"
            rf"up to)\s+{_NUMBER}\s*{_UNIT}|"
            rf"{_NUMBER}\s*{_UNIT}?\s*\(?or\s+(?:less|more|below|above|higher|lower|better)\b|"
            rf"{_NUMBER}\s*%\s*\+|{_NUMBER}\s*\+\s*%)"
        ),
    ),
    ("a percentage", re.compile(r"\d[\d,.]*\s*%|\bpercent\b|\bpercentage\b")),
    (
        "a multiple",
        re.compile(
            rf"\b{_NUMBER}\s*x\b|\b(?:double|triple|quadruple|halve|"
            rf"twice|\dx)\b"
        ),
    ),
    ("a ratio", re.compile(r"\b\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?\b|\b\d+\s+out of\s+\d+\b")),
    ("a percentile", re.compile(r"\bp(?:50|75|90|95|99)\b|\b\d+(?:th|st|nd|rd)\s+percentile\b")),
    (
        "a duration target",
        re.compile(
            rf"\b(?:takes?|in|within|under|below|less than|at most|@)\s+(?:about\s+)?"
            rf"{_NUMBER}\s*(?:ms|s|seconds?|minutes?|mins?|hours?|hrs?|days?|day close|"
            rf"business days?)\b|\b\d+\s+day close\b"
        ),
    ),
    (
        "a rate per period",
        re.compile(
            rf"{_NUMBER}\s*(?:\w+/s|/s\b|per\s+(?:second|minute|hour|day|week|month|quarter))"
        ),
    ),
    (
        "a zero level",
        re.compile(
            r"\b(?:zero|no|none of the)\s+(?:\w+\s+){0,3}?(?:are|is|"
            r"get|gets|were)\b|\bzero\s+\w+"
        ),
    ),
)

# A share of a population is itself a measure: "75% of feature articles", "100% of hires".
_SHARE = re.compile(r"\b\d[\d,.]*\s*%\+?\s+of\s+(?:the\s+|all\s+)?[\w-]+")
# What a group of people does is behaviour: "All team-members have completed ...".
PEOPLE_WORDS = (
    r"people|persons|members|team-members|teammates|employees|staff|engineers|developers|"
    r"managers|hires|candidates|customers|users|salespeople|reps|contributors|maintainers|"
    r"students|attendees|participants|partners|admins|interviewers|applicants"
)
_GROUP_BEHAVIOUR = re.compile(
    rf"^(?:all|every|\d[\d,.]*\s*%\+?\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{PEOPLE_WORDS})\b"
)

_TOKEN = re.compile(r"[a-z0-9$][a-z0-9$'/+-]*")
_LEADING_SUBJECT = re.compile(
    r"^(?:we|i|the team|our team|team|they|you|the company|everyone)\s+(?:will\s+)?"
)
_ADVERB = re.compile(r"^(?:\w+ly|also|then|first|further|finally)\s+")
_MARKUP = re.compile(r"[`*_]|\[|\]\([^)]*\)|\]")
_SCORE_THRESHOLD = 0


def _normalise(text: str) -> str:
    plain = _MARKUP.sub("", text).lower().replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", plain).strip()


def _first_verb(text: str) -> str:
    """The sentence's first word once a leading subject ("we", "the team") and adverbs
    ("proactively", "successfully") are stripped: the verb of an imperative key result."""
    rest = _LEADING_SUBJECT.sub("", text)
    while True:
        stripped = _ADVERB.sub("", rest, count=1)
        if stripped == rest:
            break
        rest = stripped
    match = _TOKEN.match(rest)
    return match.group(0) if match else ""


def _base_verb(word: str, vocabulary: frozenset[str]) -> str | None:
    """``word`` when it is the base form of a verb in ``vocabulary`` ("roll-out" counts
    as "roll")."""
    head = word.split("-")[0]
    for candidate in (word, head):
        if candidate in vocabulary:
            return candidate
    return None


def _metric_names(text: str, tokens: list[str]) -> list[str]:
    names = [phrase for phrase in METRIC_PHRASES if re.search(rf"\b{re.escape(phrase)}\b", text)]
    covered = " ".join(names)
    for token in tokens:
        word = token.strip("'/+-")
        if word in METRIC_WORDS and word not in covered:
            names.append(word)
            covered += " " + word
    return names


def _targets(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, pattern in TARGET_PATTERNS:
        match = pattern.search(text)
        if match:
            found.append((name, match.group(0).strip()))
    return found


def _metric_level(text: str, metrics: list[str]) -> str | None:
    """A metric followed closely by the level it should have: "NPS of 60", "satisfaction
    score > 4.5", "availability at least 99.9"."""
    for metric in metrics:
        match = re.search(
            rf"\b{re.escape(metric)}\b(?:\s+[\w-]+){{0,2}}?\s*(?:of|at|is|are|=|[<>≤≥]=?|"
            rf"at least|at most|above|below|under|over)\s*{_NUMBER}\s*{_UNIT}?",
            text,
        )
        if match:
            return match.group(0)
    return None


def _deliverables(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t in DELIVERABLE_WORDS]


def _impact_word(tokens: list[str]) -> str | None:
    words = {t.strip("'.,") for t in tokens}
    hits = sorted(words & IMPACT_WORDS)
    if not hits or words & IMPACT_QUALIFIERS:
        return None
    return hits[0]


def classify(text: str) -> Classification:
    """Label one key result's text and give the clues that decided it."""
    norm = _normalise(text)
    tokens = _TOKEN.findall(norm)
    reasons: list[str] = []
    score = 0

    verb = _first_verb(norm)
    # An imperative key result starts with the verb's base form; "Onboarding ..." or
    # "Increased ..." at the start are nouns or adjectives, not instructions.
    change = verb if verb in CHANGE_VERBS else None
    activity = None if change else _base_verb(verb, ACTIVITY_VERBS)
    attainment = None if change or activity else _base_verb(verb, ATTAINMENT_VERBS)
    # The leading verb is not also a metric ("reach 60 NPS" is not about marketing reach).
    metrics = _metric_names(norm, tokens[1:] if verb and tokens[:1] == [verb] else tokens)
    targets = _targets(norm)
    level = _metric_level(norm, metrics)
    if level:
        targets.insert(0, ("a level", level))
    measured = bool(targets)

    if change:
        score += 3
        reasons.append(f'starts with the change verb "{change}"')
    elif activity:
        score -= 3
        reasons.append(f'starts with the activity verb "{activity}"')
    elif attainment:
        score += 1
        reasons.append(f'starts with the attainment verb "{attainment}"')

    if metrics and measured:
        score += 4
        name, shown = targets[0]
        reasons.append(f'names a metric "{metrics[0]}" with a target "{shown}" ({name})')
    elif measured:
        score += 1
        name, shown = targets[0]
        reasons.append(f'states {name} "{shown}"')
    elif metrics:
        score += 1
        reasons.append(f'names a metric "{metrics[0]}" but no target')
    share = _SHARE.search(norm)
    if share and not (metrics and measured):
        score += 2
        reasons.append(f'measures a share of a population "{share.group(0)}"')
    group = _GROUP_BEHAVIOUR.search(norm)
    if group:
        score += 2
        reasons.append(f'describes what a group of people does "{group.group(0)}"')
    if len(targets) > 1:
        score += 1
        reasons.append("states more than one measure: " + ", ".join(n for n, _ in targets))

    done = _DONE_STATE.search(norm)
    if done:
        score -= 2
        reasons.append(f'reads as finished work "{done.group(0)}"')
    has = _HAS_DELIVERABLE.search(norm)
    if has and has.group(1) in DELIVERABLE_WORDS:
        score -= 2
        reasons.append(f'says a deliverable exists "{has.group(0)}"')
    can = _CAN_DO.search(norm)
    if can and not measured:
        score -= 1
        reasons.append(f'describes a capability "{can.group(0)}" without a measure')

    pieces = _deliverables(tokens)
    if pieces and not (metrics and measured):
        score -= 1
        reasons.append(f'names a deliverable "{pieces[0]}"')

    if not reasons:
        reasons.append("no activity verb, metric or target found")

    impact = _impact_word(tokens)
    if score > _SCORE_THRESHOLD and impact:
        reasons.append(f'measures a top-line business result "{impact}"')
        return Classification(ResultLevel.IMPACT, tuple(reasons))
    if score > _SCORE_THRESHOLD:
        return Classification(ResultLevel.OUTCOME, tuple(reasons))
    if impact and not activity:
        reasons.append(f'measures a top-line business result "{impact}"')
        return Classification(ResultLevel.IMPACT, tuple(reasons))
    return Classification(ResultLevel.OUTPUT, tuple(reasons))
