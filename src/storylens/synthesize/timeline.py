"""Who and where the story is about, with mentions per outlet, and its articles in time order."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from storylens.analysis.entities import (
    DEMONYMS,
    PLACE_ALIASES,
    EntityKind,
    EntitySpan,
    entity_key,
    find_entities,
    resolve_mentions,
)
from storylens.model import Article, EntityMentions, TimelineEntry

_KINDS = {"person": "person", "per": "person", "organisation": "organisation", "organization": "organisation",
          "org": "organisation", "place": "place", "loc": "place", "gpe": "place", "location": "place"}
_LATEST = datetime.max.replace(tzinfo=UTC)
_SENTENCE_END = ".!?:\"“”'‘’—–-("


def _is_sentence_initial(text: str, span: tuple[int, int]) -> bool:
    before = text[max(0, span[0] - 3):span[0]].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _display(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


def _outlet(article: Article) -> str:
    return article.outlet or f"article:{article.id}"


def count_entities(articles: Sequence[Article], *, min_mentions: int = 1) -> tuple[EntityMentions, ...]:
    """People, organisations and places in the articles' titles and bodies, with mentions per outlet.

    Spellings that share an `entity_key` ("Kerry", "John Kerry") are one entity, and within one article a
    short mention stands for the full name it resolves to (`resolve_mentions`: "Holm" is "Marek Holm").
    An entity is named by its longest spelling without a possessive (then the most frequent, then
    alphabetically), and typed by its mentions that have a type: "John Kerry" is a person however often
    he is plain "Kerry". Left out: a single word typed "other" that only ever opens a sentence ("Gusts",
    "Survivors": capitalised common words), adjectives of nationality ("Syrian"), and names found only in
    headlines, whose title case makes any phrase look like a name.

    Args:
        articles: the story's articles.
        min_mentions: leave out entities mentioned fewer times than this in all.

    Returns:
        Entities by total mentions (most first), then name; each with (outlet, mentions) by outlet.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    inside_sentence: set[str] = set()
    in_bodies: set[str] = set()
    for article in sorted(articles, key=lambda article: article.id):
        found_in: list[tuple[bool, EntitySpan]] = [
            (is_title, found) for is_title, text in ((True, article.title), (False, article.body))
            for found in find_entities(text)]
        resolved = resolve_mentions(found for _, found in found_in)
        for is_title, found in found_in:
            key = resolved.get(entity_key(found.text), entity_key(found.text))
            if not key or _is_nationality(key):
                continue
            if found.kind is EntityKind.PLACE:
                key = PLACE_ALIASES.get(key, key)
            spellings[key][_display(found.text)] += 1
            kinds[key][_KINDS.get(str(found.kind).lower(), "other")] += 1
            by_outlet[key][_outlet(article)] += 1
            if not is_title:
                in_bodies.add(key)
                if " " in found.text or not _is_sentence_initial(article.body, found.span):
                    inside_sentence.add(key)
    entities = []
    for key, outlets in by_outlet.items():
        total = sum(outlets.values())
        typed = Counter({kind: count for kind, count in kinds[key].items() if kind != "other"}) or kinds[key]
        kind = min(typed.items(), key=lambda item: (-item[1], item[0]))[0]
        if total < min_mentions or key not in in_bodies or (kind == "other" and key not in inside_sentence):
            continue
        name = min(spellings[key].items(), key=lambda item: (-len(item[0]), -item[1], item[0]))[0]
        entities.append((total, EntityMentions(name=name, kind=kind,
                                               mentions_by_outlet=tuple(sorted(outlets.items())))))
    entities.sort(key=lambda item: (-item[0], item[1].name))
    return tuple(entity for _, entity in entities)


def _is_nationality(key: str) -> bool:
    return key in DEMONYMS or (key.endswith("s") and key[:-1] in DEMONYMS)


def build_timeline(articles: Sequence[Article]) -> tuple[TimelineEntry, ...]:
    """The articles in publication order; undated ones last, ties by id."""
    ordered = sorted(articles, key=lambda article: (article.published is None,
                                                    article.published or _LATEST, article.id))
    return tuple(TimelineEntry(at=article.published, article_id=article.id, outlet=article.outlet,
                               title=article.title) for article in ordered)
