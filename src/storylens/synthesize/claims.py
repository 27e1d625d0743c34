"""Figures and dates, grouped across sources into agree / reported by one source only / conflict.

A figure is a number ("14", "300,000", "1.5 million", "nine", "dozens", "half", "32%", "$2.41 billion")
with what it counts. What it counts is read from a small frame lexicon of news quantities, looking at
the words on both sides of the number within its sentence: "killing at least 14 people", "14 people
were killed", "14 dead", "the death toll to 12", "recovered 14 bodies" and "12 bodies had been
recovered" are all the quantity "people killed" (officials' tolls are counts of recovered bodies, and
the outlets say so, so recovered bodies are the death toll, not a quantity of their own); "nine people
still missing" is "missing", "185 people had been rescued" is "rescued", "carrying 212 people" and "208
listed on the manifest" are "aboard", and "licensed to carry 340 passengers" is "capacity". Money and
percentages take the business measure before them ("net profit rose 32% to $188 million" gives
"net profit change" and "net profit"), with the quarter or year the sentence names. A number no frame
fits counts the content noun after it ("four patrol vessels"); a number followed by a pronoun,
determiner or quantifier ("eight of them", "two more") counts nothing and is skipped. Clock times,
years, days of dates, ordinals ("2ndL"), ages ("58-year-old", "Nadia Ferre, 34,"), unit conversions in
brackets and phone-like numbers are never figures.

Figures of one quantity from different articles are one claim. Every value is an interval: "14" is
[14, 14], "at least 14" and "more than 14" are [14, ∞) (a news "more than 300,000" does not contradict
"300,000"), "about 20" is 20 ± 10%, "up to 70" is [0, 70]. Values whose intervals meet are one side;
two independent sources on different sides conflict, two on one side agree, and a quantity only one
independent source states is single. An article that prints both sides (one from the coast guard, one
credited to a wire) is listed on both.

Independence: a copy stands for its original's outlet, as `independent_sources` says. An article that
`independent_sources` folds into an outlet it cites but which names that outlet in its own text (it
quotes the wire, it does not reprint it) is its own witness, except for the sentences that credit
another outlet ("…, Meridian Wire reported"): those figures are that outlet's. A dated event ("on
March 3") is a claim too, agreed when two independent sources give the same day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from storylens.analysis.sentences import split_sentences
from storylens.analysis.tokens import STOPWORDS
from storylens.model import Agreement, Article, ArticleId, Claim, ClaimSide, Mention
from storylens.normalize.outlets import outlet_key

_INF = float("inf")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12,
}
_VAGUE = {"dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
          "thousands": (2000.0, 9999.0), "tens of thousands": (20_000.0, 99_999.0)}
_FRACTIONS = {"half": 0.5, "a third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bln": 1e9}
_LOWER_BOUND = ("more than", "over", "at least", "upwards of", "in excess of")
_UPPER_BOUND = ("fewer than", "less than", "under", "up to", "no more than", "at most")
_NEAR = ("nearly", "almost", "just under", "close to")
_ABOUT = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "just over")
_QUALIFIER_WORDS = frozenset(phrase.split()[0] for phrase in (*_LOWER_BOUND, *_UPPER_BOUND, *_NEAR, *_ABOUT))
_CURRENCY_WORDS = "crowns|euros|dollars|pounds|yen|yuan|francs|rupees|rubles|roubles|cents"

_QUALIFIER = "(?:(?P<qualifier>" + "|".join(sorted(
    (*_LOWER_BOUND, *_UPPER_BOUND, *_NEAR, *_ABOUT), key=len, reverse=True)) + r")\s+)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "(?:" + "|".join(_SCALES) + ")"
_AMOUNT = (r"(?P<currency>[$€£])?(?P<digits>" + _DIGITS + r")(?![\w:/])(?:\s*(?P<scale>" + _SCALE + r")\b)?"
           r"(?:(?P<percent>\s*(?:%|percent\b|per cent\b))|\s+(?P<money>" + _CURRENCY_WORDS + r")\b)?")
_WORDED = (r"(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-])"
           r"(?:\s+(?P<word_scale>" + _SCALE + r")\b)?")
_VAGUE_WORDS = r"(?P<vague>" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + r")\b"
_FRACTION = r"(?P<fraction>" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")(?=\s+of\b)"
_FIGURE = re.compile(r"(?<![\w.,$€£-])" + _QUALIFIER + "(?:" + _AMOUNT + "|" + _WORDED + "|" + _VAGUE_WORDS
                     + "|" + _FRACTION + ")", re.IGNORECASE)
_RANGE_TAIL = re.compile(r"\s*(?:to|and|-|–)\s*(?P<currency>[$€£])?(?P<digits>" + _DIGITS + r")(?![\w:/])"
                         r"(?:\s*(?P<scale>" + _SCALE + r")\b)?(?P<percent>\s*(?:%|percent\b))?")

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_NUMBER = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_CAPITALISED_MONTHS = "|".join(month.capitalize() for month in _MONTHS.split("|"))
_DATE = re.compile(r"\b(?P<month>" + _CAPITALISED_MONTHS + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
                   r"(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_EVENT_DATE = re.compile(r"\b(?:on|since|until|by)\s+(?:\w+day,?\s+)?$", re.IGNORECASE)

# What never is a figure: times, ages, ordinals, years, phone numbers, compounds, increments.
_CLOCK_AFTER = re.compile(r"\s*(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|GMT|UTC|hrs?\b|h\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"-?(?:year|month|week)s?-old\b|\s*years?\s+old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]+,\s*|\baged\s+)$")
_AGE_AFTER_NAME = re.compile(r"\s*[,)]")
_COMPOUND_AFTER = re.compile(r"(?:-|–)[A-Za-z]")
_INCREMENT_AFTER = re.compile(r"\s+(?:more|further|additional|extra|other)\b", re.IGNORECASE)
_CONVERSION_BEFORE = re.compile(r"[(]\s*$")
_PHONE_LIKE = re.compile(r"[\d(][\d ()+-]{7,}\d")

_STOP = STOPWORDS["en"] | frozenset({
    "more", "less", "times", "percent", "per", "ones", "others", "other", "each", "them", "those", "these",
    "us", "of", "years-old", "year-old", "again", "apiece", "previously", "earlier", "later", "ago",
    "instead", "so", "far", "too", "also", "still", "only", "just", "already", "yet", "a", "an",
})


@dataclass(frozen=True, slots=True, kw_only=True)
class _Frame:
    name: str  # the claim's subject
    rank: int  # lower ranks are more important
    left: re.Pattern[str] | None = None  # must match at the end of the words before the number
    right: re.Pattern[str] | None = None  # must match at the start of the words after it
    both: bool = False  # both patterns must match (else either)


def _frame(name: str, rank: int, left: str | None = None, right: str | None = None, *,
           both: bool = False) -> _Frame:
    return _Frame(name=name, rank=rank, both=both,
                  left=re.compile(r"(?:" + left + r")\s*$", re.IGNORECASE) if left else None,
                  right=re.compile(r"^\s*(?:" + right + ")", re.IGNORECASE) if right else None)


_WHO = (r"(?:(?:\w+\s+and\s+)?(?:people|persons|civilians|passengers|migrants|workers|soldiers|children|"
        r"residents|others|crew)\s+)?")
_AUX = r"(?:(?:were|was|have|has|had|been|are|is|being|still|now|reportedly|confirmed|feared|believed|thought|" \
       r"to|be|remain|remained|as)\s+)*"
_FRAMES: tuple[_Frame, ...] = (
    _frame("people killed", 0, right=_WHO + _AUX + r"(?:killed|dead|died|deaths|fatalities|lives lost)\b"),
    _frame("people killed", 0, left=r"\b(?:killing|killed|kill|kills|claimed the lives of|deaths? of|"
           r"death toll(?:\s+\w+){0,3}\s+(?:to|at|of)|toll(?:\s+\w+){0,2}\s+(?:to|at|of)|leaving)",
           right=r"(?:people|persons|civilians|passengers|migrants|soldiers|children|residents)?(?:\W|$)"
           r"(?!\s*(?:injured|wounded|missing|homeless))", both=True),
    _frame("people killed", 0, left=r"\b(?:recovered|retrieved|found|pulled out)\b(?:\s+\w+){0,2}",
           right=r"bodies\b", both=True),
    _frame("people killed", 0, right=r"bodies\s+" + _AUX + r"(?:recovered|retrieved|found|pulled)\b"),
    _frame("people injured", 1, right=_WHO + _AUX + r"(?:injured|wounded|hurt|injuries)\b"),
    _frame("people injured", 1, left=r"\b(?:injuring|wounding|injured|wounded)", right=_WHO + r"(?:\W|$)",
           both=True),
    _frame("missing", 2, right=_WHO + _AUX + r"(?:missing|unaccounted for)\b"),
    _frame("rescued", 3, right=_WHO + _AUX + r"(?:rescued|saved|pulled alive|pulled from|plucked)\b"),
    _frame("rescued", 3, left=r"\b(?:rescued|saved|pulled|plucked|rescuing)",
           right=r"(?:people|persons|passengers|survivors|migrants|others)\b", both=True),
    _frame("capacity", 9, left=r"\b(?:licensed|certified|designed|allowed|permitted|built)\s+to\s+carry|"
           r"capacity\s+of|room\s+for"),
    _frame("aboard", 4, right=_WHO + r"(?:and\s+crew\s+)?(?:\w+\s+)?(?:aboard|on\s+board)\b|"
           r"(?:people\s+|passengers\s+)?(?:\w+\s+){0,2}listed\s+on\s+(?:the\s+)?(?:\S+\s+)?manifest|"
           r"passengers(?:\s+and\s+crew)?\b"),
    _frame("aboard", 4, left=r"\b(?:carrying|manifest\s+lists|manifest\s+listed|manifest\s+showed)"),
    _frame("hospitalised", 5, right=_WHO + _AUX + r"(?:taken|admitted|rushed)\s+to\s+(?:\S+\s+){0,3}"
           r"(?:hospital|hospitals)\b|" + _WHO + _AUX + r"(?:hospitali[sz]ed|treated in hospital|in hospital)\b"),
    _frame("arrested", 6, right=_WHO + _AUX + r"(?:arrested|detained)\b|arrests\b"),
    _frame("arrested", 6, left=r"\b(?:arrested|detained|arresting|detaining)",
           right=r"(?:people|persons|suspects|protesters|men|women)\b", both=True),
    _frame("homeless", 7, right=r"(?:of\s+\w+\s+)?" + _WHO + _AUX + r"(?:made\s+)?homeless\b"),
    _frame("displaced", 7, right=r"(?:of\s+\w+\s+)?" + _WHO + _AUX + r"(?:displaced|forced from)\b"),
    _frame("evacuated", 8, right=_WHO + _AUX + r"evacuated\b"),
    _frame("evacuated", 8, left=r"\bevacuat(?:ed|ing)", right=r"(?:people|residents)\b", both=True),
    _frame("population", 10, right=r"(?:residents|inhabitants)\b"),
    _frame("population", 10, left=r"\b(?:home to|population of)"),
    _frame("jobs cut", 11, left=r"\b(?:cut|cutting|cuts|eliminate|eliminating|lay off|laying off|shed|"
           r"shedding)", right=r"(?:jobs|positions|workers|staff|employees)\b", both=True),
    _frame("jobs cut", 11, right=r"(?:job cuts|layoffs|redundancies)\b"),
    _frame("new jobs", 12, right=r"new\s+jobs\b"),
    _frame("jobs", 12, right=r"jobs\b"),
    _frame("votes", 13, right=r"votes\b"),
    _frame("seats", 13, right=r"seats\b"),
)
_DURATION = re.compile(r"^\s*(?P<unit>years|months|weeks|days)\s+of\s+(?P<what>[a-z]+)\b", re.IGNORECASE)
_MEASURES = (
    ("net profit", r"net\s+(?:profit|income)"), ("operating profit", r"operating\s+(?:profit|income)"),
    ("revenue", r"revenues?|turnover"), ("sales", r"sales"), ("profit", r"profits?|earnings"),
    ("loss", r"(?:net\s+)?loss"), ("backlog", r"backlog"), ("price target", r"price\s+target"),
    ("share price", r"shares|stock|share\s+price"), ("market value", r"valuing|valued|market\s+value"),
    ("orders", r"orders"), ("inflation", r"inflation"), ("unemployment", r"unemployment"),
    ("turnout", r"turnout"), ("growth", r"growth|gdp"), ("dividend", r"dividend"), ("cost", r"costs?"),
)
_MEASURE = re.compile(r"\b(?P<measure>" + "|".join(f"(?P<m{index}>{pattern})" for index, (_, pattern)
                                                   in enumerate(_MEASURES)) + r")\b", re.IGNORECASE)
_PER_SHARE = re.compile(r"^\s*(?:a|per)\s+share\b", re.IGNORECASE)
_FORECAST = re.compile(r"\b(?:expects?|expected|forecasts?|outlook|guidance|sees|projects?)\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b(?P<period>full[- ]year|annual)\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\b(?:from|against|versus|compared\s+with|compared\s+to|than)(?:\s+(?:the|its|a))?\s*$|"
                       r"\bprevious\b[^,;]*$", re.IGNORECASE)
_PREVIOUS_AFTER = re.compile(r"^,?\s*(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|in\s+the\s+year-earlier)",
                             re.IGNORECASE)
_PLURAL_IRREGULAR = frozenset({"people", "children", "men", "women", "police", "staff", "crew", "personnel",
                               "cattle", "sheep", "fish", "troops", "aircraft"})
_UNITS = frozenset({"km", "km/h", "mph", "kg", "mw", "gw", "kwh", "mwh", "gwh", "m", "cm", "mm", "ha", "t"})
_NOT_NOUNS = frozenset({"rose", "fell", "rise", "fall", "rises", "falls", "said", "says", "were", "was",
                        "cut", "gained", "lost", "added", "dropped", "slipped", "jumped", "climbed"})
_NOUN_AFTER = re.compile(r"^\s*(?:of\s+)?[a-z][a-z'-]*(?:/[a-z]+)?(?:\s+[a-z][a-z'/-]*){0,2}")
_SENTENCE_OUTLET = re.compile(r"\b(?:according to|reported|reports|said|told|citing|cited)\b", re.IGNORECASE)
_GENERIC_RANK = 50
_GENERIC_FLOOR = 30  # ranks from here on are bare nouns and dates, not frames
_DATE_RANK = 40


@dataclass(frozen=True, slots=True, kw_only=True)
class _RankedClaim:
    claim: Claim
    frame_rank: int


@dataclass(frozen=True, slots=True, kw_only=True)
class _Figure:
    subject: str
    rank: int
    value: str
    low: float
    high: float
    mention: Mention
    witness: str
    outlet: str


def _number(match: re.Match[str]) -> tuple[float, float]:
    """The interval a number alone stands for, before its qualifier."""
    if match.group("fraction"):
        amount = _FRACTIONS[match.group("fraction").lower()]
        return amount, amount
    if match.group("vague"):
        return _VAGUE[match.group("vague").lower()]
    if match.group("word"):
        amount = float(_NUMBER_WORDS[match.group("word").lower()])
        scale = match.group("word_scale")
        amount *= _SCALES[scale.lower()] if scale else 1.0
        return amount, amount
    return _digits_interval(match.group("digits"), match.group("scale"))


def _digits_interval(written: str, scale: str | None) -> tuple[float, float]:
    digits = written.replace(",", "")
    amount = float(digits)
    if not scale:
        return amount, amount
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    half_step = 0.5 * 10 ** -decimals if decimals else 0.0
    factor = _SCALES[scale.lower()]
    return (amount - half_step) * factor, (amount + half_step) * factor


def _interval(qualifier: str, low: float, high: float) -> tuple[float, float]:
    if qualifier in _LOWER_BOUND:
        return low, _INF
    if qualifier in _UPPER_BOUND:
        return 0.0, high
    if qualifier in _NEAR:
        return low * 0.9, high
    if qualifier in _ABOUT:
        return low * 0.9, high * 1.1
    return low, high


def _is_not_a_figure(body: str, match: re.Match[str]) -> bool:
    start, end = match.start(), match.end()
    digits = match.group("digits")
    after = body[end:end + 24]
    before = body[max(0, start - 40):start]
    if _CLOCK_AFTER.match(after) and not match.group("percent"):
        return True
    if _AGE_AFTER.match(after) or _COMPOUND_AFTER.match(after) or _INCREMENT_AFTER.match(after):
        return True
    if _CONVERSION_BEFORE.search(before) and (match.group("digits") or match.group("word")):
        return True
    if digits:
        if body[end:end + 1] in ":/" or body[max(0, start - 1):start] in (":", "/"):
            return True
        if _AGE_BEFORE.search(before) and _AGE_AFTER_NAME.match(after) and not match.group("qualifier"):
            return True  # "Nadia Ferre, 34, who …"
        bare = digits.replace(",", "")
        if len(bare) == 4 and bare.isdigit() and bare.startswith(("19", "20")) and not (
                match.group("scale") or match.group("currency") or match.group("percent")):
            return True  # a year
        if _PHONE_LIKE.match(body, start, min(len(body), end + 12)) and len(_PHONE_LIKE.match(
                body, start, min(len(body), end + 12)).group(0)) > 9:  # type: ignore[union-attr]
            return True
    return False


def _generic_subject(right: str, *, is_fraction: bool) -> str | None:
    """The content noun a bare number counts ("four patrol vessels" -> "patrol vessels"), else None."""
    duration = _DURATION.match(right)
    if duration and duration.group("what").lower() not in _STOP:
        return f"{duration.group('unit').lower()} of {duration.group('what').lower()}"
    noun = _NOUN_AFTER.match(right)
    if noun is None or (is_fraction and not right.lstrip().startswith("of")):
        return None
    words: list[str] = []
    for word in noun.group(0).split()[1 if right.lstrip().startswith("of ") else 0:][:3]:
        lowered = word.lower()
        if lowered in _STOP or lowered in _NOT_NOUNS or lowered.endswith(("ly", "ed")) or not lowered[0].isalpha():
            break
        words.append(lowered)
        if _is_plural(lowered) or lowered in _UNITS:
            return " ".join(words)
    return None


def _is_plural(word: str) -> bool:
    return word in _PLURAL_IRREGULAR or (word.endswith("s") and not word.endswith(("ss", "ous", "us", "is")))


def _measure_subject(left: str, right: str, sentence: str, *, is_percent: bool, is_money: bool,
                     is_previous: bool, match_cents: bool) -> str | None:
    """A business measure for a percentage or an amount of money; "full-year" when the sentence says so."""
    if (is_money and _PER_SHARE.match(right)) or (match_cents and _PREVIOUS_AFTER.match(right)):
        measure: str | None = "earnings per share"
    else:
        found = list(_MEASURE.finditer(left[-80:]))
        measure = None
        if found:
            last = found[-1]
            measure = next(name for index, (name, _) in enumerate(_MEASURES) if last.group(f"m{index}"))
    if measure is None:
        if is_percent:
            noun = _generic_subject(right, is_fraction=False)
            return f"% of {noun}" if noun and right.lstrip().lower().startswith("of") else None
        return None
    period = _PERIOD.search(sentence)
    scope = f"{period.group('period').lower().replace(' ', '-')} " if period and measure not in (
        "share price", "price target", "market value") else ""
    subject = f"{scope}{measure}"
    if is_money and _FORECAST.search(left) and measure in ("revenue", "sales", "profit", "net profit"):
        subject = f"{measure} forecast"
    if is_percent:
        subject += " change"
    if is_previous:
        subject += " (previous)"
    return subject


def _subject(left: str, right: str, sentence: str, match: re.Match[str]) -> tuple[str, int] | None:
    is_percent = bool(match.group("percent"))
    is_money = bool(match.group("currency") or match.group("money"))
    if is_percent or is_money:
        subject = _measure_subject(left, right, sentence, is_percent=is_percent, is_money=is_money,
                                   is_previous=bool(_PREVIOUS.search(left) or _PREVIOUS_AFTER.match(right)),
                                   match_cents=(match.group("money") or "").lower() == "cents")
        return (subject, 20) if subject else None
    for frame in _FRAMES:
        left_ok = frame.left is not None and frame.left.search(left) is not None
        right_ok = frame.right is not None and frame.right.match(right) is not None
        if (left_ok and right_ok) if frame.both else (left_ok or right_ok):
            return frame.name, frame.rank
    noun = _generic_subject(right, is_fraction=bool(match.group("fraction")))
    if noun is None:
        return None
    return noun, 30 if " of " in noun else _GENERIC_RANK


def _credited_outlet(sentence: str, article: Article) -> str | None:
    """The outlet a sentence credits ("…, Meridian Wire reported"), from those the article cites."""
    if not _SENTENCE_OUTLET.search(sentence):
        return None
    lowered = sentence.lower()
    own = outlet_key(article.outlet)
    for outlet in article.cited_outlets:
        if outlet.lower() in lowered and outlet_key(outlet) != own:
            return outlet
    return None


def sentence_witness(article: Article, sentence: str, sources: Mapping[ArticleId, str]) -> str:
    """The independent outlet one sentence of `article` witnesses for.

    A copy or a reprint stands for the outlet `sources` gives (see `storylens.dedup.is_reprint_of`); any
    other article witnesses for itself, except in sentences crediting one of its cited outlets.

    Args:
        article: the article.
        sentence: a sentence of its body.
        sources: article id -> independent outlet, as `independent_sources` gives.
    """
    own = article.outlet or f"article:{article.id}"
    given = sources.get(article.id) or own
    if given != own:
        return given
    return _credited_outlet(sentence, article) or own


def _sentences(article: Article) -> list[tuple[int, int]]:
    return split_sentences(article.body)


def _figures(article: Article, sources: Mapping[ArticleId, str]) -> list[_Figure]:
    body = article.body
    outlet = article.outlet or f"article:{article.id}"
    figures: list[_Figure] = []
    date_spans = [match.span() for match in _DATE.finditer(body)]
    for sentence_start, sentence_end in _sentences(article):
        sentence = body[sentence_start:sentence_end]
        witness = sentence_witness(article, sentence, sources)
        taken_until = sentence_start
        for match in _FIGURE.finditer(body, sentence_start, sentence_end):
            if match.start() < taken_until:
                continue
            if match.group("digits") and any(start <= match.start("digits") < end for start, end in date_spans):
                continue
            if _is_not_a_figure(body, match):
                continue
            low, high = _number(match)
            end = match.end()
            tail = _RANGE_TAIL.match(body, end, sentence_end) if match.group("digits") else None
            if tail and (tail.group("currency") or "") == (match.group("currency") or "") and (
                    match.group("currency") or match.group("percent") or tail.group("scale")):
                # a range: "$9.4 billion to $9.7 billion"
                tail_low, tail_high = _digits_interval(tail.group("digits"), tail.group("scale"))
                if not match.group("scale") and tail.group("scale"):
                    low, high = low * _SCALES[tail.group("scale").lower()], high * _SCALES[
                        tail.group("scale").lower()]
                low, high = min(low, tail_low), max(high, tail_high)
                end = tail.end()
            left = body[max(sentence_start, match.start() - 120):match.start()]
            right = body[end:min(sentence_end, end + 120)]
            found = _subject(left, right, sentence, match)
            if found is None:
                continue
            qualifier = (match.group("qualifier") or "").lower()
            low, high = _interval(qualifier, low, high)
            value = " ".join(body[match.start():end].split())
            if qualifier:
                value = qualifier + value[len(qualifier):]
            elif not match.group("digits"):
                value = value.lower()
            if match.group("fraction"):
                of_group = re.match(r"\s+of\s+([A-Z]?[\w'’-]+)", right)
                value += f" of {of_group.group(1)}" if of_group else ""
            subject, rank = found
            figures.append(_Figure(
                subject=subject, rank=rank, value=value, low=low, high=high,
                mention=Mention(article_id=article.id, span=(match.start(), end),
                                text=body[match.start():end]),
                witness=witness, outlet=outlet))
            taken_until = end
        for match in _DATE.finditer(body, sentence_start, sentence_end):
            if not _EVENT_DATE.search(body[max(sentence_start, match.start() - 20):match.start()]):
                continue
            year = match.group("year") or (article.published.year if article.published else None)
            try:
                day = date(int(year), _MONTH_NUMBER[match.group("month").lower()], int(match.group("day"))) \
                    if year else None
            except ValueError:
                continue
            value = day.isoformat() if day else " ".join(match.group(0).split())
            figures.append(_Figure(
                subject=f"date {value}", rank=_DATE_RANK, value=value, low=0.0, high=0.0,
                mention=Mention(article_id=article.id, span=match.span(), text=match.group(0)),
                witness=witness, outlet=outlet))
    return figures


def _sides(figures: Sequence[_Figure]) -> list[list[_Figure]]:
    """Figures split into sides whose intervals all meet; the side most sources state first."""
    sides: list[tuple[float, float, list[_Figure]]] = []
    for figure in sorted(figures, key=lambda figure: (figure.low, figure.high)):
        for index, (low, high, members) in enumerate(sides):
            if figure.low <= high * 1.005 and figure.high * 1.005 >= low:
                sides[index] = (max(low, figure.low), min(high, figure.high), [*members, figure])
                break
        else:
            sides.append((figure.low, figure.high, [figure]))
    grouped = [members for _, _, members in sides]
    return sorted(grouped, key=lambda members: (-len({figure.witness for figure in members}),
                                                min((figure.mention.article_id, figure.mention.span[0])
                                                    for figure in members)))


def _label(side: Sequence[_Figure]) -> str:
    """The written value most independent sources use; ties go to the one written earliest in its text."""
    witnesses: dict[str, set[str]] = defaultdict(set)
    first_at: dict[str, int] = {}
    for figure in side:
        witnesses[figure.value].add(figure.witness)
        first_at[figure.value] = min(first_at.get(figure.value, figure.mention.span[0]), figure.mention.span[0])
    qualified = {figure.value for figure in side if figure.value[:1].isalpha() and figure.value[:1].islower()
                 and figure.value.split()[0] in _QUALIFIER_WORDS}
    return min(witnesses, key=lambda value: (-len(witnesses[value]), value not in qualified, first_at[value], value))


def _agreement(sides: Sequence[Sequence[_Figure]]) -> Agreement:
    witnesses = {figure.witness for side in sides for figure in side}
    if len(witnesses) < 2:
        return Agreement.SINGLE
    if len(sides) == 1:
        return Agreement.AGREE
    by_side = [{figure.witness for figure in side} for side in sides]
    for index, first in enumerate(by_side):
        for second in by_side[index + 1:]:
            if any(a != b for a in first for b in second):
                return Agreement.CONFLICT
    return Agreement.SINGLE


_ORDER = {Agreement.CONFLICT: 0, Agreement.AGREE: 1, Agreement.SINGLE: 2}


def extract_claims(articles: Sequence[Article], sources: Mapping[ArticleId, str] | None = None
                   ) -> tuple[Claim, ...]:
    """Find the figures and event dates of a story's articles and group them across sources, each value a side.

    Args:
        articles: the story's articles.
        sources: article id -> the independent outlet it witnesses for (`independent_sources`); by default
            each article's own outlet (or "article:<id>"). See `sentence_witness` for articles that cite.

    Returns:
        One claim per quantity (or event date), conflicts first, then agreements, then single-source
        claims; within each, the more important quantities (deaths before vessels) and those more sources
        state first, then by subject.
    """
    witnesses = sources or {}
    grouped: dict[str, list[_Figure]] = defaultdict(list)
    for article in sorted(articles, key=lambda article: article.id):
        for figure in _figures(article, witnesses):
            grouped[figure.subject].append(figure)
    found = []
    for subject, figures in grouped.items():
        if min(figure.rank for figure in figures) < _GENERIC_FLOOR:
            found.append(_claim(subject, figures, _sides(figures)))
        else:  # a bare noun or a date says too little to tell one quantity: each value is its own claim
            found.extend(_claim(subject, side, [side]) for side in _sides(figures))
    found.sort(key=lambda item: (_ORDER[item.claim.agreement], item.frame_rank, -len(item.claim.sources),
                                 item.claim.subject, item.claim.values))
    return tuple(item.claim for item in found)


def _claim(subject: str, figures: Sequence[_Figure], sides: Sequence[Sequence[_Figure]]) -> _RankedClaim:
    agreement = _agreement(sides)
    claim_sides = tuple(ClaimSide(
        value=_label(side), sources=tuple(sorted({figure.witness for figure in side})),
        outlets=tuple(sorted({figure.outlet for figure in side})),
        mentions=tuple(figure.mention for figure in side)) for side in sides)
    claim = Claim(subject=subject.split(" ", 1)[0] if subject.startswith("date ") else subject,
                  values=tuple(side.value for side in claim_sides), agreement=agreement,
                  sources=tuple(sorted({figure.witness for figure in figures})),
                  mentions=tuple(mention for side in claim_sides for mention in side.mentions), sides=claim_sides)
    return _RankedClaim(claim=claim, frame_rank=min(figure.rank for figure in figures))
