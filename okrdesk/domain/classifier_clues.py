"""The clues in a key result's wording that tell an output from an outcome.

Each clue is a general pattern of English as OKRs are written (what the sentence starts
with, whether it names something measured and the level it should reach, whose behaviour it
describes, whether it reads as finished work), found with the words that show it. The
classifier weighs them (``classifier_model``) with weights learned from labelled key
results; this module only finds them, and knows nothing of the weights.

Word lists are general English and OKR vocabulary, not phrases taken from the labelled data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrdesk.domain.messages import N_


@dataclass(frozen=True)
class Clue:
    """One clue: its feature name (what the model weighs) and the words that show it."""

    name: str
    phrase: str


def word_set(text: str) -> frozenset[str]:
    """A word list written as prose, one space or line break between words."""
    return frozenset(text.split())


# --- Vocabulary --------------------------------------------------------------------------

# Verbs that say the work itself is the result: done when the activity is done.
ACTIVITY_VERBS: frozenset[str] = word_set(
    """
    add adopt advise align analyse analyze announce assemble assess assign audit author
    automate begin build capture certify choose close collaborate collect communicate compile
    complete conduct configure consolidate contribute convert create cultivate decide
    decommission define deliver deploy design determine develop document dogfood draft
    educate enable engage ensure establish evaluate execute explore facilitate fill finalise
    finalize finish fix formalise formalize gather hire hold host identify implement
    incorporate initiate install integrate interview introduce investigate kick launch lead
    learn list map measure merge migrate mirror mitigate monitor move onboard organise
    organize outline partner patch perform pilot plan port prepare present prioritise
    prioritize produce productize prototype provide provision publish rebuild reconfigure
    recruit redesign refactor refine release remediate remove replace research retire revamp
    review rewrite roll run schedule scope select send set ship sign source spec specify
    sponsor standardise standardize start baseline submit sunset support survey tag teach test track
    train transition triage understand update upgrade validate write
    """
)

# Verbs that ask for a measure to move or to hold: the change is the result.
CHANGE_VERBS: frozenset[str] = word_set(
    """
    increase decrease reduce grow improve raise lower double triple quadruple halve cut
    boost lift shrink shorten speed accelerate maximise maximize minimise minimize
    maintain keep sustain eliminate expand extend drop decline
    """
)

# Verbs that aim at a level ("achieve 95%", "reach 1,000 users").
ATTAINMENT_VERBS: frozenset[str] = word_set(
    "achieve attain reach hit exceed surpass get drive generate earn win gain target"
)

# Things that are measured.
METRIC_WORDS: frozenset[str] = word_set(
    """
    rate ratio conversion conversions latency availability uptime downtime satisfaction
    nps csat ssat osat esat score scores rating ratings retention churn adoption usage
    engagement participation mau wau dau smau amau arpu ltv cac traffic downloads installs
    leads mqls mql sqls sao saos pipeline coverage accuracy uncertainty errors defects
    incidents outages bugs throughput bandwidth performance velocity quota diversity attrition
    turnover visits visitors sessions subscribers followers readers attendance audience
    signups sign-ups pageviews trials renewals opportunities customers users contributors
    committers stars percentile p50 p75 p90 p95 p99 average median mean cost costs spend
    budget savings margin efficiency sla slo mttr mttd sentiment stickiness happiness stress
    confidence frequency level maturity duration volume count
    """
)
METRIC_PHRASES: tuple[str, ...] = (
    "load time",
    "wait time",
    "response time",
    "cycle time",
    "lead time",
    "time to repair",
    "time to restore",
    "time to detect",
    "transaction time",
    "time to",
    "time spent",
    "free time",
    "mean time",
    "failure rate",
    "error rate",
    "success rate",
    "active users",
    "active members",
    "active contributors",
    "active customers",
    "net promoter",
    "share of voice",
    "page views",
    "location factor",
    "say/do",
    "test coverage",
)

# Top-line business results: impact when they are what is measured.
TOPLINE_WORDS: frozenset[str] = word_set("revenue revenues iacv arr iarr mrr acv bookings gmv")
# ...but not when the sentence is about something around them (a pipeline, a forecast, the
# data or the process that tracks them).
TOPLINE_QUALIFIERS: frozenset[str] = word_set(
    """
    pipeline forecast forecasting accuracy attribution coverage model models plan's
    data architecture warehouse tracking tracked report reports reporting dashboard process
    recognize recognise
    """
)

# Things made or done: deliverables.
DELIVERABLE_WORDS: frozenset[str] = word_set(
    """
    api apis blog post posts article articles report reports runbook playbook playbooks
    policy policies documentation docs doc handbook guide guides guidelines video videos
    webinar webinars workshop workshops demo demos talk talks release prototype integration
    integrations dashboard dashboards feature features program programme process processes
    roadmap strategy template templates campaign campaigns page pages site website tool
    tooling system module modules version mvp mvc pilot course courses certification
    curriculum survey plan plans framework frameworks section content presentation matrix
    series event events meetup meetups hackathon repo repository script scripts pitch list
    catalog catalogue spec specification design designs standard standards blueprint
    blueprints implementation test tests suite
    """
)

# Who does things: a group of people whose behaviour can be a result.
_PEOPLE = (
    r"people|persons?|members?|team-?members?|teammates|employees?|staff|engineers?|"
    r"developers?|devs?|managers?|leaders?|hires|candidates?|applicants?|customers?|clients?|"
    r"users?|students?|attendees?|participants?|partners?|contributors?|maintainers?|"
    r"researchers?|volunteers?|organi[sz]ations?|orgs?|compan(?:y|ies)|entit(?:y|ies)|"
    r"agenc(?:y|ies)|teams|everyone|everybody|someone|community|subscribers?|readers?|"
    r"visitors?|buyers?|reps?|salespeople|admins?|interviewers?|veterans?|citizens?|"
    r"patients?|residents?|districts?|schools?|ae's|sa's"
)
PEOPLE = re.compile(rf"\b(?:{_PEOPLE})\b")
# The team's own work products: a share of these is work done, not a change caused.
OWN_WORK = re.compile(
    r"\b(?:process(?:es)?|standards?|documentation|docs?|pages?|components?|features?|tests?|"
    r"activit(?:y|ies)|objectives?|roles?|positions?|issues?|projects?|initiatives?|tasks?|"
    r"deliverables?|templates?|playbooks?|dashboards?|requirements?|polic(?:y|ies)|"
    r"programs?|modules?|courses?|blueprints?|repos?|repositor(?:y|ies)|services?|"
    r"articles?|plans?|trainings?|sessions?|systems?|platforms?|reviews?|releases?|"
    r"reports?|products?|attributes?|apps?|applications?|tools?)\b|\b(?:our|its|their)\b"
)

# --- Patterns ----------------------------------------------------------------------------

# A number, a percentage, an amount, or a placeholder for a confidential figure ("$N", "X%").
_NUMBER = (
    r"(?:\$\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn)?\b|"
    r"\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|kb|mb|gb|tb|kib|mib|gib|tib|mbps|gbps|ms)?\b|\.\d+\b|"
    r"\$n\d*\b|\b[nx]\d*%|\b[nxy]\b(?=\s*(?:%|days?|hours?|weeks?|months?|claims?|users?)))"
)
_UNIT = (
    r"(?:%|x\b|ms\b|s\b|seconds?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|days?\b|weeks?\b|"
    r"months?\b|points?\b|stars?\b|pp\b|percent\b)"
)
_TOKEN = re.compile(r"[a-z0-9$#%][a-z0-9$'/+%-]*")
_LEADING_SUBJECT = re.compile(
    r"^(?:we|i|the team|our team|team|they|you|the company|everyone)\s+(?:will\s+)?"
)
_ADVERB = re.compile(r"^(?:\w+ly|also|then|first|further|finally|new:|existing:|stretch:)\s+")
_MARKUP = re.compile(r"[`*_]|\[|\]\([^)]*\)|\]")

_CHANGE_LATER = re.compile(
    r"\b(?:increas(?:es|ed|ing)|decreas(?:es|ed|ing)|reduc(?:es|ed|ing)|grows|grown|grew|"
    r"improv(?:es|ed|ing)|rais(?:es|ed)|lowers|lowered|drops|dropped|declin(?:es|ed)|"
    r"doubles|doubled|triples|tripled|halves|halved|shortens|shortened|goes from|go from|"
    r"trends? in (?:a )?positive direction|is shorter|is lower|is higher|faster|slower|"
    r"(?:improvement|increase|reduction|decrease|growth|drop|rise|decline|uplift)s?\s+(?:in|of)|"
    r"twice as (?:many|much)|\w+ times (?:as many|as much|more)|(?:compared to|than) last \w+|"
    r"year over year|quarter over quarter|month over month"
    r")\b"
)
# A change verb in its base form after the subject: "our platforms improve the satisfaction".
_CHANGE_BASE = re.compile(
    r"\b(?:increase|decrease|reduce|grow|improve|raise|lower|double|halve|shorten|cut)\s+"
    r"(?:the\s+|their\s+|our\s+|its\s+)?[\w'-]+"
)
# An activity verb conjugated after a subject: "every portfolio identifies two decisions".
_ACTIVITY_LATER = re.compile(
    r"\b(?:identifies|publishes|creates|delivers|ships|launches|builds|writes|hosts|completes|"
    r"implements|develops|designs|defines|establishes|organi[sz]es|prepares|produces|conducts|"
    r"executes|migrates|deploys|integrates|installs|upgrades|onboards|documents and|runs a|"
    r"holds a)\b"
)
_HOLD = re.compile(r"\b(?:maintain|keep|keeps|remain|remains|stay|stays|sustain|hold|holds)\b")
_FROM_TO = re.compile(
    rf"\bfrom\s+(?:approx\.?\s+|about\s+|around\s+)?{_NUMBER}.{{0,40}}?\bto\s+"
    rf"(?:[<>≤≥]\s*)?(?:less than\s+|under\s+|over\s+)?{_NUMBER}"
)
_BY_RELATIVE = re.compile(
    rf"\bby\s+(?:at least\s+|more than\s+|over\s+)?(?:{_NUMBER}\s*{_UNIT}?|half|a third)"
)
_TO_LEVEL = re.compile(
    rf"\b(?:to|at|of|is|are|be|=|reach|reaches)\s+(?:be\s+)?(?:a\s+)?[<>≤≥]?\s*"
    rf"(?:less than\s+|more than\s+|under\s+|over\s+|above\s+|below\s+|maximum\s+|minimum\s+)?"
    rf"{_NUMBER}\s*{_UNIT}?"
)
_COMPARISON = re.compile(
    rf"(?:[<>≤≥]=?\s*{_NUMBER}|"
    rf"\b(?:less|more|greater|fewer|higher|lower|better|faster)\s+than\s+(?:{_NUMBER}|"
    rf"those|the|it|last|in)|"
    rf"\b(?:under|below|above|over|within|at least|at most|no more than|no less than|up to|"
    rf"maximum|minimum|max|min)\s+{_NUMBER}|"
    rf"{_NUMBER}\s*{_UNIT}?\s*\(?(?:or|and)\s+(?:less|more|below|above|higher|lower|better|"
    rf"fewer|faster)\b|{_NUMBER}\s*%?\s*\+)"
)
_PERCENT = re.compile(r"\d[\d,.]*\s*%|\b[nx]%|^%|\bpercent\b|\bpercentage\b")
_PER_PERIOD = re.compile(
    r"\b(?:per|a|each|every)\s+(?:second|minute|hour|day|week|month|quarter|year|release|"
    r"sprint|transaction|endpoint|user|customer|engineer|person|project)\b|"
    r"/\s?(?:s|sec|min|hour|day|week|wk|month|mo|year)\b"
)
_RATIO = re.compile(
    r"\b\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?\b|\b\d+\s+out of\s+\d+\b|\b\d+(?:\.\d+)?x\b"
)
_PERCENTILE = re.compile(r"\bp(?:50|75|90|95|99)\b|\b\d+(?:th|st|nd|rd)\s+percentile\b")
_ZERO = re.compile(
    r"^(?:zero|no|none of the)\s+[\w'-]+(?:\s+[\w'-]+){0,4}?\s+(?:is|are|has|have|takes?|"
    r"should|will|exists?|being|get|gets|were|was)\b|\bzero\s+[\w'-]+|^no\s+[\w'-]+|"
    r"\bno\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:is|are)\s+(?:being\s+)?\w+|"
    r"\b[\w'-]+[- ]free\b(?!\s+(?:of|to|from))"
)
_WITHIN = re.compile(
    r"\bwithin\s+(?:one|two|a|an|\d+)\s+(?:business\s+)?(?:release|releases|sprint|sprints|"
    r"days?|weeks?|hours?|minutes?|months?|milestone)\b"
)
_DURATION = re.compile(
    rf"\b(?:takes?|in|under|below|less than|within|at most|@)\s+(?:about\s+)?{_NUMBER}\s*"
    r"(?:ms|s|seconds?|minutes?|mins?|hours?|hrs?|days?|business days?|weeks?)\b"
)
_THERE_ARE = re.compile(r"^there\s+(?:are|is|will be|were)\b")
_COUNT_OF = re.compile(
    r"\b(?:number|amount|percentage|share|count|volume|rate|proportion|ratio)\s+of\s+[\w'-]+"
    r"|#\s?of\s+[\w'-]+|\bin total\b|\bin aggregate\b|\bcumulative\b|\btotal number\b"
)
# "75% of", "all", "every": a share of some group; "at least 3", "200": a count of things.
_SHARE_QUANTIFIER = re.compile(
    r"(?:^|\s)(?:at least\s+|more than\s+|over\s+|greater than\s+|>=?\s*|≥\s*)?"
    r"(?:\d[\d,.]*\s*%\+?|[nx]%|\ball\b|\bevery\b|\beach\b|\bhalf\b|\d+\s+out of\s+\d+)\s+"
    r"(?:of\s+)?(?:the\s+|our\s+|its\s+|their\s+|all\s+)?"
)
_COUNT_QUANTIFIER = re.compile(
    r"(?:^|\s)(?:at least\s+|more than\s+|over\s+|>=?\s*|≥\s*)?(?:\d[\d,]*\+?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+"
    r"(?!(?:%|x|k|m|ms|s|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    r"quarters?|points?|percent|times|day|business|of|to|and|or|in)\b)"
)
_PHRASE_STOP = re.compile(
    r"^(?:is|are|was|were|be|been|will|would|can|could|should|must|have|has|had|do|does|"
    r"did|use|uses|using|in|on|for|with|by|to|within|that|who|which|from|at|as|per|across|"
    r"through|via|without|and|or|get|gets|receive|report|reports|answer|submit|feel|agree|"
    r"maintain|maintains|monitor|monitoring|keep|keeps|say|says|rate|rates|prefer|prefers|"
    r"remain|remains|stay|stays|hit|hits|reach|reaches|achieve|achieves|meet|meets)$"
)
# "75% feel …", "80% agree …": a bare share followed by what people feel or say.
_SHARE_OF_PEOPLE = re.compile(
    r"\d[\d,.]*\s*%\s+(?:of\s+(?:them|respondents)\s+)?(?:feel|agree|say|report|rate|prefer|"
    r"recommend|are satisfied|are happy|would)\b"
)
_PEOPLE_DO = re.compile(
    rf"\b(?:{_PEOPLE})\s+(?:[\w'-]+\s+)?(?:have|has|are|is|can|will|use|uses|using|report|"
    rf"reports|answer|submit|own|agree|feel|become|becomes|tell|retain|launch|work|working|"
    rf"merge|merged|contribute|adopt|rely|complete|completed|used|join|joined|return|"
    rf"returned|recommend|rate|choose|buy|pay|stay|visit)\b"
)
_BY_PEOPLE = re.compile(
    rf"\bby\s+(?:(?:the|our|other|outside|external|non-[\w-]+|[\w-]+)\s+)?(?:{_PEOPLE}|"
    r"someone|others|the community)\b"
)
_DONE_STATE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|gets|get|has been|have been|will be)\s+(?:\w+ly\s+)?"
    r"(?:now\s+|fully\s+|all\s+)?(?:published|launched|shipped|released|created|built|written|"
    r"documented|implemented|deployed|completed|complete|done|delivered|established|defined|"
    r"designed|developed|provisioned|migrated|merged|enabled|updated|rolled[ -]out|set[ -]up|"
    r"in place|live|available|ready|finali[sz]ed|integrated|installed|replaced|added|"
    r"introduced|organi[sz]ed|held|run|made|captured|approved|outlined|described|identified|"
    r"reviewed|visited|assessed|aligned|tracked|measured|reported|scheduled|trained|hired|"
    r"filled|agreed|incorporated|provided|built|adopted)\b"
)
# "75 new articles created", "sessions held for every role": a passive without its verb.
_REDUCED_PASSIVE = re.compile(
    r"\b[\w'-]+s\s+(?:\w+ly\s+)?(?:completed|held|published|launched|delivered|created|built|"
    r"written|documented|implemented|deployed|released|shipped|defined|established|"
    r"finali[sz]ed|identified|scheduled|hired|educated|trained|signed|merged|fixed|resolved|"
    r"closed|added|submitted|reviewed|migrated|updated)\b(?!\s+(?:to|a|an|the)\b)"
)
_HAS_DELIVERABLE = re.compile(
    r"\b(?:has|have)\s+(?:a|an|the|its|their|our|proper|full|new|clear)\s+[\w'-]+|"
    r"\b(?:exists?|in place)\b"
)
# What people can do is their ability, a result: "everyone on the team can name…".
_PEOPLE_CAN = re.compile(rf"\b(?:{_PEOPLE}|team)\b(?:\s+[\w'-]+){{0,3}}?\s+can\s+[\w'-]+")
_CAPABILITY = re.compile(
    r"\b(?:can|is able to|are able to|allows?)\s+[\w'-]+|\bsupports\s+[\w'-]+|\binterops?\b|"
    r"\binteroperable\b|\bscalable\b"
)
_DOUBLE_DOWN = re.compile(r"\bdouble[\s-](?:down|check)")
# Taking part is behaviour: "at least one company is taking part", "schools are enrolled".
_TAKES_PART = re.compile(
    r"\b(?:is|are|were|was|be|been)\s+(?:\w+ly\s+)?(?:taking part|participating|involved|"
    r"engaged|enrolled|signed up|on board|active|joining)\b|\btakes? part\b|\bparticipates?\b"
)
_AMOUNT = re.compile(
    r"[$€£]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?\b|\$n\d*\b|"
    r"\b\d[\d,.]*\s?(?:k|m|bn|million|billion)?\s?(?:usd|eur|dollars|euros)\b"
)


def normalise(text: str) -> str:
    """Lower case, markup and list decorations gone, dashes and spaces made plain."""
    plain = _MARKUP.sub("", text).lower().replace("–", "-").replace("—", "-")
    # "double down on X" is to redouble one's effort, not to double a measure.
    plain = _DOUBLE_DOWN.sub("redouble", plain)
    return re.sub(r"\s+", " ", plain).strip()


def tokens(text: str) -> list[str]:
    """The words of normalised text."""
    return [t.rstrip(".,;:") for t in _TOKEN.findall(text)]


def _first_words(text: str) -> list[str]:
    """The sentence once a leading subject ("we", "the team") and adverbs are stripped."""
    rest = _LEADING_SUBJECT.sub("", text)
    while True:
        stripped = _ADVERB.sub("", rest, count=1)
        if stripped == rest:
            return tokens(rest)
        rest = stripped


def _base_verb(word: str, vocabulary: frozenset[str]) -> str | None:
    """``word`` (or the head of "roll-out") when it is the base form of a verb listed."""
    for candidate in (word, word.split("-")[0], word.split("/")[0]):
        if candidate in vocabulary:
            return candidate
    return None


def _metric_names(text: str, words: list[str]) -> list[str]:
    names = [phrase for phrase in METRIC_PHRASES if re.search(rf"\b{re.escape(phrase)}\b", text)]
    covered = " ".join(names)
    for word in words:
        bare = word.strip("'/+-%")
        if bare in METRIC_WORDS and bare not in covered:
            names.append(bare)
            covered += " " + bare
    return names


def _quantified_phrase(pattern: re.Pattern[str], text: str) -> str | None:
    """ "100% of current standards", "all leaders", "at least 3 paths": a quantified group."""
    match = pattern.search(text)
    if not match:
        return None
    words: list[str] = []
    for word in text[match.end() :].split():
        if _PHRASE_STOP.match(word.strip(",.;:")) or len(words) >= 5:
            break
        words.append(word.strip(",.;:"))
    if not words:
        return None
    return f"{match.group(0).strip()} {' '.join(words)}"


def _search(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


# --- Finding the clues -------------------------------------------------------------------

# What each clue says, for the reasons a person reads ({phrase}: the words that show it).
CLUE_TEMPLATES: dict[str, str] = {
    "lead_activity": N_('starts with the activity verb "{phrase}"'),
    "lead_change": N_('starts with the change verb "{phrase}"'),
    "change_own_work": N_('asks to change the team\'s own work, not a measure: "{phrase}"'),
    "lead_attain": N_('starts with the verb "{phrase}", which aims at a level'),
    "change_later": N_('says a measure moves: "{phrase}"'),
    "activity_later": N_('says the team does some work: "{phrase}"'),
    "hold": N_('asks for a level to hold: "{phrase}"'),
    "metric": N_('names something measured: "{phrase}"'),
    "metric_target": N_('names something measured with the level it should reach: "{phrase}"'),
    "metric_name": N_('is the name of a measure: "{phrase}"'),
    "count_of": N_('counts something: "{phrase}"'),
    "from_to": N_('states a change from one level to another: "{phrase}"'),
    "by_relative": N_('states a relative change: "{phrase}"'),
    "to_level": N_('states a level: "{phrase}"'),
    "comparison": N_('states a bound: "{phrase}"'),
    "percent": N_('states a percentage: "{phrase}"'),
    "per_period": N_('states a rate per period: "{phrase}"'),
    "ratio": N_('states a ratio: "{phrase}"'),
    "percentile": N_('names a percentile: "{phrase}"'),
    "zero": N_('asks for none of something: "{phrase}"'),
    "within": N_('sets a time limit: "{phrase}"'),
    "duration": N_('states how long something takes: "{phrase}"'),
    "there_are": N_('states how many there are: "{phrase}"'),
    "share_people": N_('counts a share of people: "{phrase}"'),
    "share_own": N_('counts a share of the team\'s own work: "{phrase}"'),
    "share_other": N_('counts a share of something: "{phrase}"'),
    "share_target": N_('states how far a measure gets against its target: "{phrase}"'),
    "count_target": N_('counts against a target: "{phrase}"'),
    "count_people": N_('counts people: "{phrase}"'),
    "count_own": N_('counts pieces of the team\'s own work: "{phrase}"'),
    "count_other": N_('counts things: "{phrase}"'),
    "people_do": N_('describes what people do: "{phrase}"'),
    "by_people": N_('counts what others do: "{phrase}"'),
    "done_state": N_('reads as finished work: "{phrase}"'),
    "has_deliverable": N_('says a deliverable exists: "{phrase}"'),
    "people_state": N_('describes the state of a group of people: "{phrase}"'),
    "group_has": N_('says what share of a group has something: "{phrase}"'),
    "group_adopts": N_('describes what a group uses or adopts: "{phrase}"'),
    "topline_amount": N_('states an amount of top-line revenue: "{phrase}"'),
    "capability": N_('describes a capability: "{phrase}"'),
    "capability_measured": N_('describes a capability with a measure: "{phrase}"'),
    "deliverable": N_('names a deliverable: "{phrase}"'),
    "amount": N_('states an amount: "{phrase}"'),
    "verbless_level": N_('states a quantity to reach, with no work to do: "{phrase}"'),
    "takes_part": N_('describes who takes part: "{phrase}"'),
    "service_level": N_('sets how soon something must be handled: "{phrase}"'),
    "number": N_('states a number: "{phrase}"'),
}


_DETERMINERS = word_set("the a an our its their this all of")


def _object_of(words: list[str]) -> str | None:
    """The first noun after a leading verb, past determiners: "reduce the list" → "list"."""
    for word in words[1:5]:
        if word not in _DETERMINERS:
            return word
    return None


def _lead_clues(words: list[str], acronyms: frozenset[str] = frozenset()) -> list[Clue]:
    if " ".join(words[:2]) in METRIC_PHRASES or " ".join(words[:3]) in METRIC_PHRASES:
        return []  # "lead time …", "mean time to repair": a measure, not the verb "lead"
    verb = words[0] if words else ""
    change = _base_verb(verb, CHANGE_VERBS)
    if change:
        thing = _object_of(words)
        if (
            thing
            and thing not in METRIC_WORDS
            and thing not in acronyms
            and (thing in DELIVERABLE_WORDS or OWN_WORK.fullmatch(thing))
        ):
            return [Clue("lead_change", change), Clue("change_own_work", f"{change} … {thing}")]
        return [Clue("lead_change", change)]
    activity = _base_verb(verb, ACTIVITY_VERBS)
    if activity:
        return [Clue("lead_activity", activity)]
    attainment = _base_verb(verb, ATTAINMENT_VERBS)
    return [Clue("lead_attain", attainment)] if attainment else []


_PATTERN_CLUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("change_later", _CHANGE_LATER),
    ("activity_later", _ACTIVITY_LATER),
    ("hold", _HOLD),
    ("count_of", _COUNT_OF),
    ("from_to", _FROM_TO),
    ("by_relative", _BY_RELATIVE),
    ("to_level", _TO_LEVEL),
    ("comparison", _COMPARISON),
    ("percent", _PERCENT),
    ("ratio", _RATIO),
    ("percentile", _PERCENTILE),
    ("zero", _ZERO),
    ("within", _WITHIN),
    ("duration", _DURATION),
    ("there_are", _THERE_ARE),
    ("people_do", _PEOPLE_DO),
    ("by_people", _BY_PEOPLE),
    ("done_state", _DONE_STATE),
    ("has_deliverable", _HAS_DELIVERABLE),
    ("capability", _CAPABILITY),
    ("amount", _AMOUNT),
    ("takes_part", _TAKES_PART),
)
# Clues that state a level or a change: with a named measure they make a target.
TARGET_CLUES = frozenset(
    {
        "from_to",
        "by_relative",
        "to_level",
        "comparison",
        "per_period",
        "ratio",
        "percentile",
        "duration",
        "within",
    }
)
_NUMBER_RE = re.compile(_NUMBER)
_VERB_LIKE = re.compile(r"\b(?:is|are|be|will|has|have|can|should|was|were)\b")


def _group_clues(text: str) -> list[Clue]:
    """Whose share or count the text states: people's, the team's own work, or other."""
    clues: list[Clue] = []
    bare = _search(_SHARE_OF_PEOPLE, text)
    if bare:
        clues.append(Clue("share_people", bare))
    for kind, pattern in (("share", _SHARE_QUANTIFIER), ("count", _COUNT_QUANTIFIER)):
        if kind == "share" and bare:
            continue
        phrase = _quantified_phrase(pattern, text)
        if phrase is None:
            continue
        clues.append(Clue(f"{kind}_{_whose(phrase)}", phrase))
    return clues


# "120% of plan", "90% of quota": a share of a target is how far a measure got.
_TARGET_NOUNS = word_set("plan target targets quota goal goals forecast budget")


def _whose(phrase: str) -> str:
    """Whose group a quantified phrase names, by its head noun first ("C100 systems used
    by veterans" are systems): "people", "own" (the team's own work) or "other"."""
    words = [w for w in tokens(phrase) if not w[0].isdigit() and not w.endswith(("ed", "ing"))]
    head = words[-1] if words else ""
    if head in _TARGET_NOUNS:
        return "target"
    if PEOPLE.fullmatch(head):
        return "people"
    if OWN_WORK.fullmatch(head) or head in DELIVERABLE_WORDS:
        return "own"
    if PEOPLE.search(phrase):
        return "people"
    if re.search(r"\b(?:our|its|their)\b", phrase):
        return "own"
    return "other"


_GROUP_CLUES = frozenset(
    f"{kind}_{whose}"
    for kind in ("share", "count")
    for whose in ("people", "own", "other", "target")
)
_ADOPTION = re.compile(
    r"\b(?:use|uses|using|used|adopt|adopts|adopted|rely on|relies on|switch(?:es|ed)? to|"
    r"migrate(?:s|d)? to|choose|chose|prefer|prefers|recommend|recommends|return|returns)\b"
)


def _group_state_clues(text: str, found: dict[str, Clue]) -> None:
    """What a quantified group has or is: "80% of deals have a plan", "all managers are
    trained", "x% of services use the new login" describe the state of the group, a level
    to reach, rather than a deliverable that exists or work that is finished."""
    groups = [c for name, c in found.items() if name in _GROUP_CLUES]
    if not groups:
        return
    people = any(c.name.endswith("_people") for c in groups)
    done = found.get("done_state")
    subject = text.find(groups[0].phrase) < text.find(done.phrase) if done is not None else False
    if done is not None and people and subject:
        del found["done_state"]
        found["people_state"] = Clue("people_state", f"{groups[0].phrase} … {done.phrase}")
    own = all(c.name.endswith("_own") for c in groups)
    has = found.get("has_deliverable")
    if has is not None and not has.phrase.startswith(("exist", "in place")) and not own:
        del found["has_deliverable"]
        found["group_has"] = Clue("group_has", f"{groups[0].phrase} … {has.phrase}")
    after = text[text.find(groups[0].phrase) + len(groups[0].phrase) :][:40]
    adoption = _search(_ADOPTION, after)
    if adoption:
        found["group_adopts"] = Clue("group_adopts", f"{groups[0].phrase} … {adoption}")


def _near(text: str, first: str, second: str, gap: int = 30) -> bool:
    """Whether the phrases ``first`` and ``second`` stand within ``gap`` characters."""
    a, b = text.find(first), text.find(second)
    if a < 0 or b < 0:
        return False
    if a <= b:
        return b - (a + len(first)) <= gap
    return a - (b + len(second)) <= gap


def _metric_clues(text: str, words: list[str], found: dict[str, Clue]) -> list[Clue]:
    """The measure named, and whether a target stands next to it ("CSAT … above 9.0")."""
    metrics = _metric_names(text, words[1:] if found.get("lead_change") else words)
    if not metrics:
        return []
    clues = [Clue("metric", metrics[0])]
    targets = [c for c in found.values() if c.name in TARGET_CLUES]
    for metric in metrics:
        near = [t for t in targets if _near(text, metric, t.phrase)]
        if near:
            clues.append(Clue("metric_target", f"{metric} … {near[0].phrase}"))
            break
    head = re.split(r"[,;(]|\be\.g\.|\bi\.e\.", text)[0].strip(" .")
    head_words = tokens(head)
    last = head_words[-1].strip("'%") if head_words else ""
    ends_with_measure = last in METRIC_WORDS or any(head.endswith(p) for p in METRIC_PHRASES)
    short = 0 < len(head_words) <= 8 and not _VERB_LIKE.search(head)
    if short and ends_with_measure and "lead_activity" not in found:
        clues.append(Clue("metric_name", head))
    return clues


# Signs that the sentence is about making something.
_WORK_SIGNALS = frozenset(
    {
        "lead_activity",
        "activity_later",
        "done_state",
        "has_deliverable",
        "capability",
        "change_own_work",
    }
)
# Signs that it states how many there are, or how much others made.
_LEVEL_SIGNALS = frozenset({"zero", "by_people", "count_of", "there_are", "comparison"})


_LEVEL_WORDS = re.compile(
    r"^(?:at least|more than|over|no fewer than|>=?|≥)\s|\bin total\b|\bin aggregate\b"
)


def _verbless_level(text: str, found: dict[str, Clue]) -> Clue | None:
    """ "At least 5,000 recipes in total", "300 answers by volunteers": a quantity stated
    with no verb at all is a level to reach, not work to do."""
    counted = [c for n, c in found.items() if n.startswith(("count_", "share_"))]
    if not counted or _VERB_LIKE.search(text) or _WORK_SIGNALS & found.keys():
        return None
    if not _LEVEL_WORDS.search(text):
        return None
    if re.search(r"\b\w+(?:ed|ing)\b", text.replace(counted[0].phrase, "")):
        return None
    return Clue("verbless_level", counted[0].phrase)


def _counted_not_made(found: dict[str, Clue]) -> bool:
    """A noun such as "posts" or "content" names a deliverable unless the sentence only
    states a level of it ("at least 2,000 items in total", "300 posts by people outside the
    team", "zero failed releases") without anyone making it."""
    return bool(_LEVEL_SIGNALS & found.keys()) and not _WORK_SIGNALS & found.keys()


def _measure_clues(text: str, words: list[str], found: dict[str, Clue]) -> list[Clue]:
    clues: list[Clue] = []
    number = _search(_NUMBER_RE, text)
    period = _search(_PER_PERIOD, text)
    averaged = re.search(r"\b(?:average|mean|median)\b", text)
    if period and (number or averaged):
        found["per_period"] = Clue("per_period", period)
    clues += _metric_clues(text, words, found)
    if found.get("capability") and number:
        clues.append(Clue("capability_measured", f"{found['capability'].phrase} … {number}"))
    topline = topline_measure(text)
    amount = found.get("amount")
    if topline and amount:
        clues.append(Clue("topline_amount", f"{amount.phrase} … {topline}"))
    deliverables = [w for w in words if w in DELIVERABLE_WORDS]
    if deliverables and not _counted_not_made(found):
        clues.append(Clue("deliverable", deliverables[0]))
    if number:
        clues.append(Clue("number", number))
    return clues


def find_clues(text: str) -> list[Clue]:
    """Every clue in ``text``, in a fixed order; ``text`` need not be normalised."""
    norm = normalise(text)
    words = tokens(norm)
    found: dict[str, Clue] = {}
    # Words written in capitals ("APP", "SMAU") name things, often measures: never a
    # deliverable of the team's own.
    acronyms = frozenset(w.lower() for w in re.findall(r"\b[A-Z]{2,}s?\b", text))
    for clue in _lead_clues(_first_words(norm), acronyms):
        found[clue.name] = clue
    for name, pattern in _PATTERN_CLUES:
        phrase = _search(pattern, norm)
        if phrase:
            found[name] = Clue(name, phrase)
    if "change_later" not in found and not ({"lead_activity", "lead_change"} & found.keys()):
        base = _search(_CHANGE_BASE, norm)
        if base and not norm.startswith(base):
            found["change_later"] = Clue("change_later", base)
    able = _search(_PEOPLE_CAN, norm)
    if able and "capability" in found:
        del found["capability"]
        found.setdefault("people_do", Clue("people_do", able))
    if "done_state" not in found:
        reduced = _search(_REDUCED_PASSIVE, norm)
        if reduced:
            found["done_state"] = Clue("done_state", reduced)
    for clue in _group_clues(norm):
        if clue.name == "count_own" and _counted_not_made(found):
            clue = Clue("count_other", clue.phrase)
        found[clue.name] = clue
    _group_state_clues(norm, found)
    done = found.get("done_state")
    limit = found.get("within") or found.get("duration")
    if done is not None and limit is not None:
        # "bugs fixed within one release", "tickets answered in 4 hours": a service level.
        del found["done_state"]
        found["service_level"] = Clue("service_level", f"{done.phrase} … {limit.phrase}")
    for clue in _measure_clues(norm, words, found):
        found.setdefault(clue.name, clue)
    level = _verbless_level(norm, found)
    if level is not None:
        found[level.name] = level
    return list(found.values())


def topline_measure(text: str) -> str | None:
    """The top-line word (revenue, IACV, ARR…) when it is what the text measures."""
    words = {w.strip("'.,") for w in tokens(normalise(text))}
    if words & TOPLINE_QUALIFIERS:
        return None
    hits = sorted(words & TOPLINE_WORDS)
    return hits[0] if hits else None
