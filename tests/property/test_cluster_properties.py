from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.cluster import cluster_articles
from storylens.model import Article, ArticleId, Origin, SourceFormat

_SAME_TIME = datetime(2022, 5, 3, 12, tzinfo=UTC)
_TEXTS = [
    ("Harbour strike halts container traffic in Rotterdam", "Dock workers in Rotterdam walked out "
     "over pay, halting container traffic at Europe's largest port, the union FNV said."),
    ("Rotterdam dock strike stops container ships", "Container ships queued outside Rotterdam as "
     "dock workers struck over pay, union FNV said, halting traffic at the port."),
    ("Rotterdam port strike enters second day", "The strike by Rotterdam dock workers over pay "
     "kept container traffic halted, union FNV said."),
    ("Wildfire near Athens forces evacuations", "A wildfire on the slopes of Mount Parnitha near "
     "Athens forced the evacuation of three villages, the fire brigade said."),
    ("Athens wildfire: villages evacuated", "Firefighters battled a wildfire near Athens on Mount Parnitha "
     "as three villages were evacuated, the fire brigade said."),
    ("Chess prodigy wins national title", "A 14-year-old won the national chess championship in Ljubljana "
     "after a final-round victory."),
]
ARTICLES = [
    Article(id=ArticleId(f"a{n}"), title=title, body=body,
            origin=Origin(location=f"a{n}", format=SourceFormat.TEXT),
            content_hash=f"a{n}", language="en", published=_SAME_TIME)
    for n, (title, body) in enumerate(_TEXTS)
]


def _partition(articles: list[Article]) -> set[frozenset[str]]:
    return {frozenset(str(a) for a in story.article_ids) for story in cluster_articles(articles).stories}


EXPECTED = _partition(ARTICLES)


@settings(max_examples=25, deadline=None)
@given(st.permutations(ARTICLES))
def test_clustering_ignores_arrival_order(order: list[Article]) -> None:
    assert _partition(order) == EXPECTED


def test_the_small_set_has_three_stories() -> None:
    assert {frozenset({"a0", "a1", "a2"}), frozenset({"a3", "a4"}), frozenset({"a5"})} == EXPECTED
