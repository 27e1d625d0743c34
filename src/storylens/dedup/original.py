"""Who said it first: the original among copies, the outlets an article re-reports, independent witnesses.

Outlets are compared by a key that survives the usual spellings of one name: "Reuters", "reuters.com",
"REUTERS" and "www.reuters.com" share the key "reuters"; "the CNN" and "edition.cnn.com" share "cnn".
Known aliases ("AP", "Associated Press") share one too: the key is normalize's `outlet_key`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from storylens.analysis.sentences import split_sentences
from storylens.model import Article, ArticleId, CopyLink
from storylens.normalize.outlets import outlet_key


def re_reports(article: Article) -> tuple[str, ...]:
    """The outlets `article` credits as its source ("according to Bloomberg", "(Reuters) -"), in text order.

    Read from `Article.cited_outlets`, which normalize fills; the article's own outlet is left out, so a
    Reuters story with a "(Reuters)" dateline re-reports nobody.
    """
    own = outlet_key(article.outlet)
    seen: set[str] = set()
    credited: list[str] = []
    for outlet in article.cited_outlets:
        key = outlet_key(outlet)
        if key and key != own and key not in seen:
            seen.add(key)
            credited.append(outlet)
    return tuple(credited)


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """What deciding an original needs to know about one member of a copy group."""

    id: ArticleId
    outlet: str | None
    cited_outlets: tuple[str, ...]
    published: datetime | None
    arrival: int  # position in the order articles reached the index


def choose_original(members: Iterable[Candidate]) -> ArticleId:
    """The original among copies of one text.

    The member whose outlet the group names as its source (a wire in a dateline, "according to …") wins;
    failing that, or among several such, the earliest published (undated last), then the first to arrive,
    then the smallest id.

    Args:
        members: Every article of the group.

    Returns:
        The id of the original.
    """
    group = list(members)
    if not group:
        raise ValueError("a copy group needs at least one member")
    named = {outlet_key(outlet) for member in group for outlet in member.cited_outlets} - {""}
    wires = [member for member in group if outlet_key(member.outlet) in named]
    pool = wires or group
    return min(pool, key=lambda member: (member.published is None, member.published.timestamp()
                                         if member.published else 0.0, member.arrival, member.id)).id


def is_reprint_of(article: Article, outlet: str) -> bool:
    """Whether `article` passes on `outlet`'s report as a whole rather than citing it for some facts.

    A reprint names its source only in the dateline ("(Meridian Wire) -"), or credits it in its lead
    sentence ("…, according to Bloomberg."). An article that credits the outlet further down reports for
    itself and cites that outlet for what those sentences say.
    """
    mention = re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", article.body, flags=re.IGNORECASE)
    if mention is None:
        return True
    sentences = split_sentences(article.body)
    lead_end = sentences[0][1] if sentences else len(article.body)
    return mention.start() < lead_end


def independent_sources(articles: Sequence[Article], links: Iterable[CopyLink]) -> dict[ArticleId, str]:
    """The outlet each article is an independent witness for, so copies and re-reports are not counted twice.

    A copy stands for its original's witness; a reprint of another outlet's report (see `is_reprint_of`)
    stands for the outlet it credits; any other article stands for its own outlet. An article without an
    outlet stands for itself, as "article:<id>".

    Args:
        articles: The articles to attribute (copies and their originals).
        links: Copy links among them, as `find_copies` returns.

    Returns:
        Article id -> outlet name (as spelled in the data) or "article:<id>".
    """
    by_id: Mapping[ArticleId, Article] = {article.id: article for article in articles}
    original_of = {link.copy: link.original for link in links}

    def own_witness(article: Article) -> str:
        credited = re_reports(article)
        if credited and is_reprint_of(article, credited[0]):
            return credited[0]
        return article.outlet or f"article:{article.id}"

    sources: dict[ArticleId, str] = {}
    for article in articles:
        original = by_id.get(original_of.get(article.id, article.id), article)
        sources[article.id] = own_witness(original)
    return sources
