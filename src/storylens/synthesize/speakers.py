"""Who said it: turning the subject of a speech verb into a speaker name.

A subject phrase is what stands beside "said": "France's Foreign Minister Jean-Marc Ayrault",
"Kerry", "he", "the minister", "a spokesman for RiverWatch, which …". `SpeakerBook` keeps, for one
article, the full names seen so far and the roles they were introduced with, so later short forms
("Kerry"), roles ("the minister") and pronouns ("he") resolve to the fullest name the article gives.

Person names come from `storylens.analysis.entities` when that module is present; otherwise from
runs of capitalised words, which is weaker but keeps the stage working on its own.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any

PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "one", "and", "but", "while"})
PREPOSITIONS = frozenset({"of", "at", "for", "from", "in", "on", "with", "to", "by"})
PARTICLES = frozenset(
    {"al", "bin", "ben", "de", "del", "della", "der", "den", "van", "von", "da", "du", "dos", "la", "le"}
)
# Words that describe a person's job or origin and precede the name ("U.S. Secretary of State John Kerry").
ROLE_WORDS = frozenset(
    {
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "state",
        "foreign",
        "interior",
        "finance",
        "defence",
        "defense",
        "chancellor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen.",
        "gov.",
        "governor",
        "mayor",
        "chief",
        "executive",
        "director",
        "general",
        "ambassador",
        "commissioner",
        "leader",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "king",
        "queen",
        "pope",
        "judge",
        "justice",
        "chairman",
        "chairwoman",
        "chair",
        "councillor",
        "councilor",
        "analyst",
        "coach",
        "captain",
        "lt.",
        "col.",
        "gen.",
        "rep.",
        "deputy",
        "former",
        "opposition",
        "federation",
        "head",
        "envoy",
        "officer",
        "police",
        "colleague",
        "russian",
        "french",
        "u.s.",
        "american",
        "british",
        "german",
        "chinese",
        "syrian",
        "iranian",
        "canadian",
        "kenyan",
        "israeli",
        "ukrainian",
        "turkish",
        "italian",
        "spanish",
        "japanese",
        "indian",
        "european",
        "u.n.",
        "un",
        "eu",
        "regional",
        "national",
        "federal",
        "party",
        "union",
        "labour",
        "labor",
        "economy",
        "trade",
        "health",
        "energy",
        "attorney",
        "supreme",
        "commander",
        "sheikh",
        "sir",
        "lord",
        "lady",
        "saint",
    }
)
# Capitalised words that never belong to a person's name.
NOT_NAME_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "speaking",
        "according",
        "asked",
        "after",
        "before",
        "when",
        "in",
        "on",
        "at",
        "as",
        "if",
        "it",
        "this",
        "there",
        "we",
        "i",
        "he",
        "she",
        "they",
    }
)
_WORD = re.compile(r"[\w’'.\-]+")
_RELATIVE = re.compile(r",?\s+(?:who|which|whose|that)\b.*$|,.*$", re.DOTALL)
_POSSESSIVE = re.compile(r"[’']s$")


def _is_name_token(token: str) -> bool:
    lowered = token.lower()
    if (
        lowered in ROLE_WORDS
        or lowered in DETERMINERS
        or lowered in NOT_NAME_WORDS
        or _POSSESSIVE.search(token)
    ):
        return False
    head = token[3:] if lowered.startswith("al-") else token
    return bool(head) and head[0].isupper()


def _name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, particles allowed inside a run, as (start, end) token indexes."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        if not _is_name_token(tokens[index]):
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            if _is_name_token(tokens[end]):
                end += 1
            elif (
                tokens[end].lower() in PARTICLES and end + 1 < len(tokens) and _is_name_token(tokens[end + 1])
            ):
                end += 2
            else:
                break
        runs.append((index, end))
        index = end
    return runs


@dataclass(frozen=True, slots=True, kw_only=True)
class SubjectParse:
    """A subject phrase taken apart: the name in it (if any), the role words, and the phrase itself."""

    name: str | None
    role: str
    phrase: str
    is_pronoun: bool
    is_definite: bool = False  # "the minister" (someone named before), not "a spokesman" (someone new)


def parse_subject(phrase: str) -> SubjectParse:
    """Split a subject phrase into a name and a role.

    Args:
        phrase: the words standing beside the speech verb, e.g. "Russian Foreign Minister Sergei Lavrov".

    Returns:
        The name run (`None` for pronouns, roles and groups), the role words and the cleaned phrase.
    """
    segments = [segment.strip() for segment in phrase.split(",") if segment.strip()]
    if not segments:
        return SubjectParse(name=None, role="", phrase="", is_pronoun=False)
    meaningful = [
        segment
        for segment in segments
        if not re.match(r"^(?:\w+ing|of|at|for|from|in|on|with|to|by)\b", segment, flags=re.IGNORECASE)
    ]
    parsed = [_parse_segment(segment) for segment in meaningful or segments]
    named = [item for item in parsed if item.name is not None]
    if named:
        chosen = named[-1]
        roles = " ".join(
            item.role or item.phrase for item in parsed if item is not chosen and item.name is None
        )
        role = " ".join(part for part in (chosen.role, roles) if part).strip().lower()
        return SubjectParse(name=chosen.name, role=role, phrase=chosen.phrase, is_pronoun=False)
    pronouns = [item for item in parsed if item.is_pronoun]
    return pronouns[-1] if pronouns else parsed[0]


def _parse_segment(segment: str) -> SubjectParse:
    segment = re.sub(r"^(?:and|but|while|then)\s+", "", segment.strip(), flags=re.IGNORECASE)
    if segment.lower() in PRONOUNS:
        return SubjectParse(name=None, role="", phrase=segment.lower(), is_pronoun=True)
    tokens = _WORD.findall(segment)
    if not tokens:
        return SubjectParse(name=None, role="", phrase=segment, is_pronoun=False)
    runs = _name_runs(tokens)
    preferred = [run for run in runs if run[0] == 0 or tokens[run[0] - 1].lower() not in PREPOSITIONS]
    candidates = preferred or runs
    if candidates:
        start, end = max(candidates, key=lambda run: (run[1] - run[0], -run[0]))
        is_sentence_initial_noun = (
            start == 0 and end - start == 1 and len(tokens) > 1 and tokens[1][0].islower()
        )
        followed_by_noun = (
            end < len(tokens) and tokens[end][0].islower() and tokens[end].lower() not in PREPOSITIONS
        )
        if not is_sentence_initial_noun and not followed_by_noun:
            role = " ".join(token for token in tokens[:start] if token.lower() not in DETERMINERS)
            return SubjectParse(
                name=" ".join(tokens[start:end]), role=role.lower(), phrase=segment, is_pronoun=False
            )
    words = tokens[1:] if tokens[0].lower() in DETERMINERS else tokens
    return SubjectParse(
        name=None,
        role=" ".join(words).lower(),
        phrase=" ".join(words),
        is_pronoun=False,
        is_definite=tokens[0].lower() == "the",
    )


def clean_subject(text: str) -> str:
    """Cut a relative clause off a postposed subject: "a spokesman for X, which …" -> "a spokesman for X"."""
    return _RELATIVE.sub("", text.strip()).strip()


def last_name(name: str) -> str:
    """The last word of a name, lower-cased, without a possessive ("Ayrault's" -> "ayrault")."""
    words = _WORD.findall(name)
    return _POSSESSIVE.sub("", words[-1]).lower() if words else ""


def speakers_match(first: str | None, second: str | None) -> bool:
    """Same speaker: equal ignoring case and punctuation, or the same last name."""
    if first is None or second is None:
        return first is second
    if _key(first) == _key(second):
        return True
    return last_name(first) == last_name(second) != ""


def _key(name: str) -> str:
    entities = _entities_module()
    if entities is not None and hasattr(entities, "entity_key"):
        return str(entities.entity_key(name))
    return " ".join(token.lower().strip(".") for token in _WORD.findall(name.replace("-", " ")))


def _entities_module() -> Any:
    try:
        return importlib.import_module("storylens.analysis.entities")
    except ModuleNotFoundError:
        return None


def find_person_mentions(text: str) -> list[tuple[int, str]]:
    """Person names in `text` with their start offsets, fullest form first seen.

    Uses `storylens.analysis.entities.find_entities` when present (kind "person"); otherwise runs of two
    or more capitalised words that are not role words.
    """
    entities = _entities_module()
    if entities is not None and hasattr(entities, "find_entities"):
        found: list[tuple[int, str]] = []
        for span in entities.find_entities(text):
            if str(getattr(span, "kind", "")).lower().endswith("person"):
                found.append((int(span.span[0]), str(span.text)))
        return found
    mentions: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\s,;:()“”\"«»]+(?:[ \t]+[^\s,;:()“”\"«»]+)*", text):
        chunk = match.group(0)
        offsets = [(token.start(), token.group(0)) for token in _WORD.finditer(chunk)]
        tokens = [token for _, token in offsets]
        sentence_ends = [index for index, token in enumerate(tokens) if re.search(r"[a-z]{2}\.$", token)]
        for index in sentence_ends:  # "Friday. Dubois": a run never crosses a sentence end
            tokens[index] = tokens[index].lower()
        for start, end in _name_runs(tokens):
            if end - start >= 2:
                mentions.append((match.start() + offsets[start][0], " ".join(tokens[start:end])))
    return mentions


@dataclass(slots=True)
class SpeakerBook:
    """Names and roles seen so far in one article, in text order. Local to one extraction call."""

    full_names: list[tuple[int, str]] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)
    last_speaker: str | None = None

    def add_name(self, position: int, name: str) -> None:
        if len(name.split()) >= 2:
            self.full_names.append((position, name))

    def add_role(self, role: str, name: str) -> None:
        if role:
            self.roles.append((role.lower(), name))

    def expand(self, name: str, position: int) -> str:
        """The fullest earlier (else later) name with the same last name: "Kerry" -> "John Kerry"."""
        surname = last_name(name)
        matches = [(at, full) for at, full in self.full_names if last_name(full) == surname]
        if not matches:
            return name
        before = [item for item in matches if item[0] <= position]
        pool = before or matches
        best_length = max(len(full) for _, full in pool)
        return max((item for item in pool if len(item[1]) == best_length), key=lambda item: item[0])[1]

    def by_role(self, role: str) -> str | None:
        """The last person introduced with the role's head noun ("the minister" -> the last minister)."""
        words = role.lower().split()
        if not words:
            return None
        head = words[-1]
        for known_role, name in reversed(self.roles):
            if head in known_role.split():
                return name
        return None

    def nearest_person(self, mentions: list[tuple[int, str]], start: int, end: int) -> str | None:
        """The last person mentioned in [start, end), expanded to the full name."""
        inside = [(at, name) for at, name in mentions if start <= at < end]
        if not inside:
            return None
        at, name = inside[-1]
        return self.expand(name, at)
